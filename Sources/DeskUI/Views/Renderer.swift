import DeskCore

/// Turns the console's state into a frame: a pure function of state and size.
public enum Renderer {
    public static func render(_ state: ConsoleState, keymap: Keymap) -> Grid {
        var grid = Grid(size: state.size)
        guard state.size.width >= Layout.minimum.width, state.size.height >= Layout.minimum.height else {
            for (i, line) in DisplayWidth.wrap(state.text.terminalTooSmall, to: max(1, state.size.width)).enumerated() {
                grid.put(line, x: 0, y: i, style: .header)
            }
            return grid
        }
        switch state.page {
        case .queue: QueuePane.draw(state, into: &grid)
        case .ticket: TicketPane.draw(state, keymap: keymap, into: &grid)
        case .report: ReportPane.draw(state, into: &grid)
        }
        FilterMenu.draw(state, into: &grid)
        StatusBar.draw(state, keymap: keymap, into: &grid)
        if state.showingHelp { HelpOverlay.draw(state, keymap: keymap, into: &grid) }
        return grid
    }
}
