import DeskCore

/// While the filter prompt is open: every key and value a filter can name, above the
/// prompt, with the ones in force (or typed so far) marked.
enum FilterMenu {
    static func draw(_ state: ConsoleState, into grid: inout Grid) {
        guard let prompt = state.prompt, prompt.purpose == .filter else { return }
        let chosen = Set(prompt.text.split(separator: " ").map {
            String($0.split(separator: "=", maxSplits: 1).last ?? $0)
        })
        let choices = QueueFilter.choices(state.language)
        let widths = choices.map { choice in (choice.values + [choice.key]).map(DisplayWidth.of).max() ?? 8 }
        let rows = (choices.map(\.values.count).max() ?? 0) + 2
        let width = state.size.width
        let t = state.text
        let top = max(Layout.headerRows, state.size.height - 2 - rows)
        for y in top..<state.size.height - 2 {
            grid.put(String(repeating: " ", count: width), x: 0, y: y, style: .normal)
        }
        grid.put(DisplayWidth.fit(" " + t.filterMenuTitle, to: width), x: 0, y: top, style: .title)
        var x = 1
        for (choice, columnWidth) in zip(choices, widths) {
            guard x + columnWidth <= state.size.width else { break }
            grid.put(DisplayWidth.fit(choice.key + "=", to: columnWidth + 2), x: x, y: top + 1, style: .header)
            for (i, value) in choice.values.enumerated() where top + 2 + i < state.size.height - 2 {
                let on = chosen.contains(value)
                grid.put((on ? "✓" : " ") + value, x: x, y: top + 2 + i, style: on ? .prefill : .normal)
            }
            x += columnWidth + 3
        }
    }
}
