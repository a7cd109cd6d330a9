import CNcursesw
import Foundation

/// Gives the terminal back however cdesk ends: on quit, on a signal asking it to end
/// (TERM, HUP, INT, QUIT), and before a crash message (SIGSEGV, SIGABRT, …).
///
/// A signal handler may only do async-signal-safe work, and `endwin()` is not. A signal
/// asking cdesk to end is only noted (`caught`, one integer store); the run loop reads it
/// as Ctrl-C through `TerminalScreen.readKey`, quits the normal way (an export is
/// abandoned, the terminal restored by `endwin()` on the main thread) and `restore()` then
/// ends the process with that signal. A crash cannot go back to the loop: its handler writes
/// the escape strings and terminal modes saved at `install()` (`write` and `tcsetattr` are
/// async-signal-safe) and lets the crash go on.
enum TerminalGuard {
    nonisolated(unsafe) private static var active = false
    /// The signal that asked cdesk to end, 0 while none.
    nonisolated(unsafe) private static var caught: Int32 = 0
    /// What a crash handler puts back: the terminal's modes before curses, and the escape
    /// strings that leave the alternate screen, show the cursor and reset attributes.
    nonisolated(unsafe) private static var modes = termios()
    nonisolated(unsafe) private static var reset: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var resetCount = 0

    static func install() {
        // Every global the handlers touch is made here, before any handler can run.
        caught = 0
        active = true
        tcgetattr(STDIN_FILENO, &modes)
        var bytes: [UInt8] = []
        for name in ["rmcup", "cnorm", "sgr0"] {
            guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { continue }
            bytes += Array(String(cString: value).utf8)
        }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        buffer.initialize(from: bytes, count: bytes.count)
        reset = buffer
        resetCount = bytes.count
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { number in TerminalGuard.caught = number }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(sig) { number in
                if let reset = TerminalGuard.reset { _ = write(STDOUT_FILENO, reset, TerminalGuard.resetCount) }
                _ = tcsetattr(STDIN_FILENO, TCSANOW, &TerminalGuard.modes)
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// Whether a signal asked cdesk to end (the run loop then quits).
    static var endRequested: Bool { caught != 0 }

    /// Idempotent: the first call restores, later ones do nothing. Called on the main
    /// thread; when a signal asked cdesk to end, the process then ends with it.
    static func restore() {
        guard active else { return }
        active = false
        endwin()
        let signalled = caught
        guard signalled != 0 else { return }
        signal(signalled, SIG_DFL)
        raise(signalled)
    }
}
