import Foundation

/// Runs a console on a screen until the agent quits (or presses Ctrl-C): read a key (or notice, twice a second,
/// that the store changed), act, draw.
public enum ConsoleLoop {
    public static func run(_ console: Console, on screen: Screen, editor: TextEditing = ExternalEditor(),
                           pollMilliseconds: Int = 500) {
        console.resize(to: screen.size)
        screen.present(console.render())
        while !console.state.wantsQuit {
            // While a search is being typed, a short pause in typing shows its results.
            let wait = console.state.searchPending ? min(pollMilliseconds, 120) : pollMilliseconds
            if let key = screen.readKey(timeoutMilliseconds: wait) {
                // The terminal is in raw mode (so that <C-s> and <C-q> reach the keymap):
                // Ctrl-C arrives as a key, and always quits, whatever the keymap says.
                if key == .control("c") { return }
                if key == .resize { console.resize(to: screen.size) } else { console.handle(key) }
            } else if console.state.searchPending {
                console.runPendingSearch()
            } else if !console.poll() {
                continue
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
