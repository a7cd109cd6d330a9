/// The active bindings as text, from the action table and the keymap: what `cdesk keys`
/// prints and what the README's key table is made from.
public enum KeyTable {
    public enum Format: Sendable { case table, tsv, markdown }

    public static func render(_ keymap: Keymap, format: Format, text t: L10n = .english) -> String {
        var out = ""
        switch format {
        case .tsv: out += "context\tkeys\taction\thelp\n"
        case .markdown: out += "| context | keys | action | what it does |\n|---|---|---|---|\n"
        case .table: break
        }
        for context in KeyContext.allCases {
            let rows: [(String, Action)] = Action.allCases.compactMap { action in
                guard action.applies(in: context) else { return nil }
                let own = (keymap.bindings[context] ?? [:]).filter { $0.value == action }.map(\.key)
                guard !own.isEmpty else { return nil }
                return (keymap.keys(for: action, in: context).filter(own.contains)
                            .map { $0.map(\.name).joined() }.joined(separator: " "), action)
            }
            if rows.isEmpty { continue }
            if format == .table { out += "[\(context.rawValue)]\n" }
            let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
            // Whole action names: they are what a keymap file must say.
            let actionWidth = rows.map { DisplayWidth.of($0.1.rawValue) }.max() ?? 0
            for (keys, action) in rows {
                switch format {
                case .table:
                    out += "  " + DisplayWidth.fit(keys, to: width) + "  " + DisplayWidth.fit(action.rawValue, to: actionWidth)
                        + "  " + action.info(in: t).help + "\n"
                case .tsv:
                    out += "\(context.rawValue)\t\(keys)\t\(action.rawValue)\t\(action.info(in: t).help)\n"
                case .markdown:
                    let shown = keys.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
                    out += "| \(context.rawValue) | \(shown) | `\(action.rawValue)` | \(action.info(in: t).help) |\n"
                }
            }
            if format == .table { out += "\n" }
        }
        return out
    }
}
