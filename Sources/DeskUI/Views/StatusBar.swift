import DeskCore

/// The two bottom lines: who and where, the position, a message; then what the keys do.
enum StatusBar {
    static func draw(_ state: ConsoleState, keymap: Keymap, into grid: inout Grid) {
        let width = state.size.width
        let t = state.text
        let statusY = state.size.height - 2
        let hintsY = state.size.height - 1
        grid.paint(y: statusY, style: .status)
        var left = " \(state.agent) · \(state.storeName)"
        if state.page == .queue {
            let queue = state.queue
            left += " · " + t.position(queue.position, of: queue.count, exact: queue.isCounted,
                                          capped: queue.query.view == .search)
        }
        if !state.pendingKeys.isEmpty {
            left += " · " + state.pendingKeys.map(\.name).joined()
        }
        let used = grid.put(DisplayWidth.truncate(left, to: width), x: 0, y: statusY, style: .status)
        if let message = state.message {
            let text = " " + message.text
            grid.put(DisplayWidth.truncate(text, to: max(0, width - used)), x: used, y: statusY,
                     style: message.isError ? .danger : .status)
        }
        if let prompt = state.prompt {
            drawPrompt(prompt, width: width, y: statusY, into: &grid)
            // Below it: an error, else what the prompt offers, else the prompt's keys.
            let below = state.message.map { (" " + $0.text, $0.isError ? Style.danger : .normal) }
                ?? prompt.detail.map { (" " + $0, Style.normal) }
                ?? (prompt.purpose.isYesNo ? (" " + t.yesNoHint, Style.hint) : nil)
                ?? (prompt.choices.isEmpty ? nil : (" " + prompt.choices.joined(separator: "  ") + "  · Tab", Style.dim))
            if let (text, style) = below {
                grid.paint(y: hintsY, style: .normal)
                grid.put(String(repeating: " ", count: width), x: 0, y: hintsY)
                grid.put(DisplayWidth.truncate(text, to: width), x: 0, y: hintsY, style: style)
                return
            }
        }
        var x = 0
        for (key, label) in hints(state, keymap: keymap) {
            let piece = "\(key) \(label)  "
            if x + DisplayWidth.of(piece) > width { break }
            x = grid.put(key, x: x, y: hintsY, style: .hint)
            x = grid.put(" \(label)  ", x: x, y: hintsY, style: .normal)
        }
    }

    /// The label, then the typed text and the cursor. The text keeps at least a third of the
    /// line: a longer label is cut with `…`, and a longer text shows its end, where the
    /// cursor is. A prefilled value shows selected: the first key typed replaces it.
    static func drawPrompt(_ prompt: PromptState, width: Int, y: Int, into grid: inout Grid) {
        grid.put(String(repeating: " ", count: width), x: 0, y: y, style: .prompt)
        // The typed text is the agent's own, but it is shown through the same safe path.
        let typed = UntrustedText.line(prompt.text)
        // A yes/no question has nothing typed: it takes the line.
        let textRoom = prompt.purpose.isYesNo ? 2 : max(width / 3, min(DisplayWidth.of(typed) + 2, width - 1))
        let label = DisplayWidth.truncate(" " + prompt.label, to: max(0, width - textRoom))
        var x = grid.put(label, x: 0, y: y, style: .prompt)
        let room = max(1, width - x - 1)
        var shown = typed
        while DisplayWidth.of(shown) > room { shown.removeFirst() }
        x = grid.put(shown, x: x, y: y, style: prompt.prefilled ? .prefill : .prompt)
        grid.put("▏", x: x, y: y, style: .prompt)
    }

    /// The keys the action table puts on this screen's hint line, in its order, each with
    /// the first key bound to it; those whose precondition does not hold now are left off.
    static func hints(_ state: ConsoleState, keymap: Keymap) -> [(String, String)] {
        let context = state.context
        let t = state.text
        return Action.allCases.compactMap { action -> (Int, String, String)? in
            guard let hint = action.info(in: t).hint, action.applies(in: context), hint.contexts?.contains(context) ?? true,
                  context == .prompt || state.unmet(action) == nil,
                  let key = keymap.hintKey(for: action, in: context) else { return nil }
            return (hint.rank, key.map(\.name).joined(), hint.label)
        }
        .sorted { $0.0 < $1.0 }
        .map { ($0.1, $0.2) }
    }
}
