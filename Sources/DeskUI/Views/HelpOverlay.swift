import DeskCore

/// The `?` screen: every key of the screen it was asked on (its context and global),
/// generated from the keymap and the action table, never written by hand. It covers the
/// page above the status line, uses the whole width, and scrolls when the keys do not fit.
enum HelpOverlay {
    struct Entry: Equatable {
        var keys: String
        var help: String
        /// How the left column is drawn: a key, or a sample of a colour the legend explains.
        var style: Style = .hint
    }

    static func entries(context: KeyContext, keymap: Keymap, _ t: L10n) -> [Entry] {
        let keys = Action.allCases.compactMap { action -> Entry? in
            guard action.applies(in: context) else { return nil }
            let keys = keymap.keys(for: action, in: context)
            guard !keys.isEmpty else { return nil }
            return Entry(keys: keys.map { $0.map(\.name).joined() }.joined(separator: " "), help: action.info(in: t).help)
        }
        return keys + legend(context, t)
    }

    /// What the colours and marks of the screen mean, each shown as it is drawn: a colour
    /// means one thing, and this is where it is said.
    static func legend(_ context: KeyContext, _ t: L10n) -> [Entry] {
        let l = t.legend
        var out = [Entry(keys: "", help: ""), Entry(keys: l.title, help: "", style: .header)]
        switch context {
        case .report:
            out += [Entry(keys: "[██│ ]", help: l.meterMet, style: .good), Entry(keys: "[█ │ ]", help: l.meterMissed, style: .danger)]
        default:
            out += [Entry(keys: t.name(Priority.urgent), help: l.urgent, style: .urgent),
                    Entry(keys: t.name(Priority.high), help: l.high, style: .high),
                    Entry(keys: t.slaLeft(seconds: 2 * 3600), help: l.slaSoon, style: .warning),
                    Entry(keys: t.slaLeft(seconds: -3 * 86_400), help: l.slaPassed, style: .danger),
                    Entry(keys: "•", help: l.changed, style: .hint),
                    Entry(keys: l.foundSample, help: l.found, style: .match)]
        }
        return out
    }

    /// How many entries fit at once below the title, with a line left for "more".
    static func rows(_ size: Size) -> Int { max(1, size.height - 2 - 3) }

    /// How far the help can scroll for this context and size.
    static func maxScroll(_ state: ConsoleState, keymap: Keymap) -> Int {
        max(0, entries(context: state.helpContext, keymap: keymap, state.text).count - rows(state.size))
    }

    static func draw(_ state: ConsoleState, keymap: Keymap, into grid: inout Grid) {
        let width = state.size.width
        let t = state.text
        let items = entries(context: state.helpContext, keymap: keymap, t)
        // A cleared page: nothing of the screen behind shows through.
        for y in 0..<(state.size.height - 2) {
            grid.put(String(repeating: " ", count: width), x: 0, y: y, style: .normal)
        }
        grid.paint(y: 0, style: .title)
        grid.put(DisplayWidth.truncate(" \(t.helpTitle) — \(t.context(state.helpContext))", to: width), x: 0, y: 0, style: .title)
        let keyWidth = min(max(8, width / 3), items.map { DisplayWidth.of($0.keys) }.max() ?? 8)
        let rows = rows(state.size)
        let scroll = min(state.helpScroll, maxScroll(state, keymap: keymap))
        for (i, item) in items.dropFirst(scroll).prefix(rows).enumerated() {
            let y = 2 + i
            grid.put(DisplayWidth.truncate(item.keys, to: keyWidth), x: 2, y: y, style: item.style)
            grid.put(DisplayWidth.truncate(item.help, to: max(0, width - keyWidth - 5)), x: 4 + keyWidth, y: y, style: .normal)
        }
        let below = items.count - scroll - rows
        let footer = below > 0 ? t.helpMore(below, down: [keymap.hintName(for: .moveDown, in: state.helpContext), "<Down>"].compactMap { $0 }
                                                                .reduce(into: []) { if !$0.contains($1) { $0.append($1) } }) : t.helpClose
        grid.put(DisplayWidth.truncate(" " + footer, to: width), x: 0, y: state.size.height - 3, style: .dim)
    }
}
