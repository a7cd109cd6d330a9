/// The `?` screen: the keys of the current context and of global, generated from the keymap
/// and the action table, never written by hand.
enum HelpOverlay {
    static func entries(context: KeyContext, keymap: Keymap) -> [(keys: String, help: String)] {
        Action.allCases.compactMap { action in
            guard action.applies(in: context) else { return nil }
            let keys = keymap.keys(for: action, in: context)
            guard !keys.isEmpty else { return nil }
            return (keys.map { $0.map(\.name).joined() }.joined(separator: " "), action.info.help)
        }
    }

    static func draw(_ state: ConsoleState, keymap: Keymap, into grid: inout Grid) {
        let items = entries(context: state.context, keymap: keymap)
        let width = min(state.size.width - 4, 64)
        let height = min(state.size.height - 2, items.count + 4)
        let left = (state.size.width - width) / 2
        let top = max(1, (state.size.height - height) / 2)
        for y in top..<top + height {
            grid.put(String(repeating: " ", count: width), x: left, y: y, style: .normal)
        }
        grid.put(DisplayWidth.fit(" \(L10n.helpTitle) — \(state.context.rawValue)", to: width), x: left, y: top, style: .title)
        let keyWidth = min(18, items.map { DisplayWidth.of($0.keys) }.max() ?? 8)
        for (i, item) in items.prefix(height - 4).enumerated() {
            let y = top + 2 + i
            grid.put(DisplayWidth.fit(item.keys, to: keyWidth), x: left + 2, y: y, style: .hint)
            grid.put(item.help, x: left + 3 + keyWidth, y: y, style: .normal, width: width - keyWidth - 4)
        }
        grid.put(DisplayWidth.fit(" " + L10n.helpClose, to: width), x: left, y: top + height - 1, style: .dim)
    }
}
