import CNcursesw
import Foundation

/// Gives the terminal back however cdesk ends: on quit, on Ctrl-C and SIGTERM, and before
/// a crash message (SIGSEGV, SIGABRT, …).
enum TerminalGuard {
    nonisolated(unsafe) private static var active = false

    static func install() {
        active = true
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { number in
                TerminalGuard.restore()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(sig) { number in
                TerminalGuard.restore()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// Idempotent: the first call restores, later ones do nothing.
    static func restore() {
        guard active else { return }
        active = false
        endwin()
    }
}
