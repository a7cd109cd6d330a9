import DeskCore

/// The two bottom lines: who and where, the position, a message; then what the keys do.
enum StatusBar {
    static func draw(_ state: ConsoleState, keymap: Keymap, into grid: inout Grid) {
        let width = state.size.width
        let statusY = state.size.height - 2
        let hintsY = state.size.height - 1
        grid.paint(y: statusY, style: .status)
        var left = " \(state.agent) · \(state.storeName)"
        if state.page == .queue {
            left += " · \(L10n.position(state.queue.position, of: state.queue.count))"
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
        var x = 0
        for (key, label) in hints(state, keymap: keymap) {
            let piece = "\(key) \(label)  "
            if x + DisplayWidth.of(piece) > width { break }
            x = grid.put(key, x: x, y: hintsY, style: .hint)
            x = grid.put(" \(label)  ", x: x, y: hintsY, style: .normal)
        }
    }

    /// The most useful keys of the screen, each with the first key bound to it.
    static func hints(_ state: ConsoleState, keymap: Keymap) -> [(String, String)] {
        let actions: [(Action, String)] = state.page == .queue
            ? [(.openTicket, "open"), (.moveDown, "down"), (.moveUp, "up"), (.viewNext, "view"), (.help, "help"), (.quit, "quit")]
            : [(.back, "back"), (.moveDown, "scroll"), (.pageDown, "page"), (.help, "help"), (.quit, "quit")]
        return actions.compactMap { action, label in
            keymap.keys(for: action, in: state.context).first.map { ($0.map(\.name).joined(), label) }
        }
    }
}
