import DeskUI
import Foundation

/// Asks the terminal for its background colour (OSC 11) before ncurses takes it over, for
/// `theme = auto`. The question is followed by a request for the terminal's attributes
/// (DA1), which every terminal answers: once that answer is in, an OSC 11 answer that has
/// not come is not coming, so a terminal that does not know OSC 11 costs no wait. Nothing
/// is waited for past `timeoutMilliseconds`, and whatever came is read off the input so
/// that no stray answer is taken for keys.
enum BackgroundQuery {
    static func ask(timeoutMilliseconds: Int = 150) -> RGB? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }

        let question = Array("\u{1B}]11;?\u{1B}\\\u{1B}[c".utf8)
        guard question.withUnsafeBytes({ write(STDOUT_FILENO, $0.baseAddress, $0.count) }) == question.count else { return nil }
        var answer: [UInt8] = []
        let deadline = Date().addingTimeInterval(Double(timeoutMilliseconds) / 1000)
        while !attributesAnswered(answer) {
            let left = Int32(deadline.timeIntervalSinceNow * 1000)
            if left <= 0 { break }
            var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&fd, 1, left) > 0 else { break }
            var buffer = [UInt8](repeating: 0, count: 256)
            let n = read(STDIN_FILENO, &buffer, buffer.count)
            if n <= 0 { break }
            answer += buffer.prefix(n)
        }
        if !attributesAnswered(answer) { tcflush(STDIN_FILENO, TCIFLUSH) }
        return RGB.osc11(String(decoding: answer, as: UTF8.self))
    }

    /// Whether the DA1 answer (`ESC [ ? … c`) is in.
    static func attributesAnswered(_ bytes: [UInt8]) -> Bool {
        guard let start = bytes.indices.last(where: { bytes[$0] == 0x1B && $0 + 2 < bytes.count && bytes[$0 + 1] == 0x5B && bytes[$0 + 2] == 0x3F })
        else { return false }
        return bytes[start...].contains(0x63)
    }
}
