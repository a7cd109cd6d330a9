import DeskCore

/// The `?` screen: every key of the screen it was asked on (its context and global),
/// generated from the keymap and the action table, never written by hand, then the legend of
/// that screen's colours and marks. It covers the page above the status line and scrolls
/// when the keys do not fit; where the width allows, the legend stands beside the keys.
enum HelpOverlay {
    struct Entry: Equatable {
        var keys: String
        var help: String
        /// How the left column is drawn: a key, or a sample of a colour the legend explains.
        var style: Style = .hint
    }

    static func keys(context: KeyContext, keymap: Keymap, _ t: L10n) -> [Entry] {
        Action.allCases.compactMap { action -> Entry? in
            guard action.applies(in: context) else { return nil }
            let keys = keymap.keys(for: action, in: context)
            guard !keys.isEmpty else { return nil }
            return Entry(keys: keys.map { $0.map(\.name).joined() }.joined(separator: " "), help: action.info(in: t).help)
        }
    }

    /// What the colours and marks of the screen mean, each shown as it is drawn: a colour
    /// means one thing, and this is where it is said.
    static func legend(_ context: KeyContext, _ t: L10n) -> [Entry] {
        let l = t.legend
        var out = [Entry(keys: l.title, help: "", style: .header)]
        let priority = [Entry(keys: t.name(Priority.urgent), help: l.urgent, style: .urgent),
                        Entry(keys: t.name(Priority.high), help: l.high, style: .high)]
        // Plain, amber, red: the SLA cell's three states, with the threshold between the first two.
        let sla = [Entry(keys: t.slaLeft(seconds: 9 * 3600), help: l.slaPlain, style: .normal),
                   Entry(keys: t.slaLeft(seconds: 2 * 3600), help: l.slaSoon, style: .warning),
                   Entry(keys: t.slaLeft(seconds: -3 * 86_400), help: l.slaPassed, style: .danger)]
        switch context {
        case .report:
            out += [Entry(keys: "[██│ ]", help: l.meterMet, style: .met), Entry(keys: "[█ │ ]", help: l.meterMissed, style: .missed),
                    Entry(keys: "│", help: l.meterMark, style: .header), Entry(keys: "███", help: l.bar, style: .bar)]
        case .ticket:
            out += priority + sla
            out += [Entry(keys: l.customerSample, help: l.customer, style: .customer),
                    Entry(keys: l.vipSample, help: l.vip, style: .vip),
                    Entry(keys: l.agentSample, help: l.agent, style: .agent),
                    Entry(keys: l.noteSample, help: l.note, style: .note),
                    Entry(keys: l.systemSample, help: l.system, style: .system),
                    Entry(keys: l.suggestedSample, help: l.good, style: .good),
                    Entry(keys: l.failedSample, help: l.failed, style: .danger)]
        default:
            out += priority + sla
            out += [Entry(keys: "✗", help: l.replyFailed, style: .danger),
                    Entry(keys: "•", help: l.changed, style: .hint),
                    Entry(keys: l.foundSample, help: l.found, style: .match)]
        }
        return out
    }

    /// How many entries fit at once below the title, with a line left for "more".
    static func rows(_ size: Size) -> Int { max(1, size.height - 2 - 3) }

    /// Where the legend goes: beside the keys from `x` when both fit whole side by side and
    /// the legend fits in height; nil, below them.
    static func legendColumn(_ keys: [Entry], _ legend: [Entry], size: Size) -> Int? {
        let left = 4 + keyWidth(keys, size) + (keys.map { DisplayWidth.of($0.help) }.max() ?? 0) + 3
        let samples = legend.filter { !$0.help.isEmpty }
        let right = 2 + (samples.map { DisplayWidth.of($0.keys) }.max() ?? 0) + 2 + (samples.map { DisplayWidth.of($0.help) }.max() ?? 0)
        guard left + right <= size.width - 1, legend.count <= rows(size) else { return nil }
        return left
    }

    static func keyWidth(_ items: [Entry], _ size: Size) -> Int {
        min(max(8, size.width / 3), items.map { DisplayWidth.of($0.keys) }.max() ?? 8)
    }

    /// What scrolls: the keys, and the legend after them when it is not beside them.
    static func scrolling(_ state: ConsoleState, keymap: Keymap) -> (entries: [Entry], legend: [Entry], legendAt: Int?) {
        let keys = keys(context: state.helpContext, keymap: keymap, state.text)
        let legend = legend(state.helpContext, state.text)
        if let x = legendColumn(keys, legend, size: state.size) { return (keys, legend, x) }
        return (keys + [Entry(keys: "", help: "")] + legend, [], nil)
    }

    /// How far the help can scroll for this context and size.
    static func maxScroll(_ state: ConsoleState, keymap: Keymap) -> Int {
        max(0, scrolling(state, keymap: keymap).entries.count - rows(state.size))
    }

    static func draw(_ state: ConsoleState, keymap: Keymap, into grid: inout Grid) {
        let width = state.size.width
        let t = state.text
        let (items, beside, legendAt) = scrolling(state, keymap: keymap)
        // A cleared page: nothing of the screen behind shows through.
        for y in 0..<(state.size.height - 2) {
            grid.put(String(repeating: " ", count: width), x: 0, y: y, style: .normal)
        }
        grid.paint(y: 0, style: .title)
        grid.put(DisplayWidth.truncate(" \(t.helpTitle) — \(t.context(state.helpContext))", to: width), x: 0, y: 0, style: .title)
        let keyWidth = keyWidth(items, state.size)
        let rows = rows(state.size)
        let scroll = min(state.helpScroll, maxScroll(state, keymap: keymap))
        for (i, item) in items.dropFirst(scroll).prefix(rows).enumerated() {
            put(item, x: 2, y: 2 + i, keyWidth: keyWidth, right: legendAt ?? width, into: &grid)
        }
        if let legendAt {
            let sampleWidth = beside.filter { !$0.help.isEmpty }.map { DisplayWidth.of($0.keys) }.max() ?? 0
            for (i, item) in beside.enumerated() {
                // The title runs across; a sample and its meaning in two columns.
                put(item, x: legendAt + 2, y: 2 + i, keyWidth: item.help.isEmpty ? width - legendAt - 3 : sampleWidth,
                    right: width, into: &grid)
            }
        }
        let below = items.count - scroll - rows
        let footer = below > 0 ? t.helpMore(below, down: [keymap.hintName(for: .moveDown, in: state.helpContext), "<Down>"].compactMap { $0 }
                                                                .reduce(into: []) { if !$0.contains($1) { $0.append($1) } }) : t.helpClose
        grid.put(DisplayWidth.truncate(" " + footer, to: width), x: 0, y: state.size.height - 3, style: .dim)
    }

    /// One entry: its keys (or sample) in their style, its help after them, up to `right`.
    private static func put(_ item: Entry, x: Int, y: Int, keyWidth: Int, right: Int, into grid: inout Grid) {
        grid.put(DisplayWidth.truncate(item.keys, to: keyWidth), x: x, y: y, style: item.style)
        grid.put(DisplayWidth.truncate(item.help, to: max(0, right - x - keyWidth - 3)), x: x + keyWidth + 2, y: y, style: .normal)
    }
}
