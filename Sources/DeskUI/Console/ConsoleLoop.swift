import Foundation

/// Runs a console on a screen until the agent quits (or presses Ctrl-C): read a key (or notice, twice a second,
/// that the store changed; or that work done in the background is ready), act, draw.
public enum ConsoleLoop {
    public static func run(_ console: Console, on screen: Screen, editor: TextEditing = ExternalEditor(),
                           pollMilliseconds: Int = 500) {
        console.resize(to: screen.size)
        defer { console.abandonExport() }
        screen.present(console.render())
        var lastPoll = Date()
        while !console.state.wantsQuit {
            // While a search is being typed, a short pause in typing shows its results.
            // Work running in the background (counts, an export, the report) is looked for every 30 ms.
            var wait = console.state.searchPending ? min(pollMilliseconds, 120) : pollMilliseconds
            let background = console.backgroundPending
            if background { wait = min(wait, 30) }
            if let key = screen.readKey(timeoutMilliseconds: wait) {
                // The terminal is in raw mode (so that <C-s> and <C-q> reach the keymap):
                // Ctrl-C arrives as a key, and always quits, whatever the keymap says.
                if key == .control("c") { return }
                if key == .resize { console.resize(to: screen.size) } else { console.handle(key) }
                console.collectBackground()
            } else if console.state.searchPending {
                console.runPendingSearch()
            } else {
                var changed = console.collectBackground()
                if !background || Date().timeIntervalSince(lastPoll) * 1000 >= Double(pollMilliseconds) {
                    changed = console.poll() || changed
                    lastPoll = Date()
                }
                if !changed { continue }
            }
            if let request = console.state.editing {
                var text: String?
                screen.suspend { text = (try? editor.edit(request.draft)) ?? nil }
                console.finishEditing(text)
            }
            screen.present(console.render())
        }
    }
}
