import Foundation

/// What toml++ (under TOMLKit) cannot be given: input on which its parser trips an assertion
/// and aborts the process instead of failing (found by the config fuzz target). Three classes,
/// both invalid TOML, refused here first with their line:
/// - a table header whose name starts with a character that cannot start a key (`[$]`,
///   `[[%]]`, `[[[a]]]`, a `[` alone on its line): toml++'s key parser asserts on it;
/// - where an array expects a value, a `}` or a line separator U+0085, U+2028, U+2029
///   (`a = [}`): toml++'s value parser asserts on a value terminator it did not expect;
/// - a bare value (not a string, array or inline table) that is no TOML boolean, number,
///   date or time (`1979-05-27T.7:32:00Z`): toml++ picks a parser by the characters the
///   value holds, and that parser asserts on what it was not meant to see.
///
/// The text is scanned scalar by scalar as TOML reads it (strings, comments, brackets), so a
/// `[$` inside a string or a nested array's line is not taken for a header.
enum TOMLHeaderCheck {
    struct Problem: Equatable {
        var line: Int
        var reason: ConfigError.Reason
    }

    static let badHeader = ConfigError.Reason.badTableName
    static let braceInArray = ConfigError.Reason.braceInArray
    static let separator = ConfigError.Reason.lineSeparator
    static let badValue = ConfigError.Reason.badValue

    /// The first problem, nil when there is none. After a place where TOML itself fails (an
    /// unterminated string), toml++ reads no further and neither does this.
    static func problem(in text: String) -> Problem? {
        let s = Array(text.unicodeScalars)
        let n = s.count
        var i = s.first == "\u{FEFF}" ? 1 : 0  // toml++ skips a byte order mark
        var line = 1
        var containers: [Unicode.Scalar] = []  // `[` of arrays and headers, `{` of inline tables
        var atLineStart = true
        var expectsValue = false  // after `=`, and in an array after `[` or `,`
        func isKeyStart(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'", "]": true
            default: false
            }
        }
        while i < n {
            let c = s[i]
            switch c {
            case "\n":
                line += 1
                atLineStart = true
                i += 1
                continue
            case " ", "\t", "\r":
                i += 1
                continue
            case "#":
                while i < n, s[i] != "\n" { i += 1 }
                continue
            case "\"", "'":
                guard let end = stringEnd(s, from: i, line: &line) else { return nil }
                i = end
                expectsValue = false
            case "=":
                expectsValue = true
                i += 1
            case ",":
                expectsValue = containers.last == "["
                i += 1
            case "[" where expectsValue:
                containers.append(c)
                i += 1
            case "[":
                if containers.isEmpty, atLineStart {
                    var j = i + 1
                    while j < n, s[j] == " " || s[j] == "\t" { j += 1 }
                    if j < n, s[j] == "[", j == i + 1 {
                        j += 1
                        while j < n, s[j] == " " || s[j] == "\t" { j += 1 }
                    }
                    if j < n, !isKeyStart(s[j]) { return Problem(line: line, reason: badHeader) }
                }
                containers.append("h")
                i += 1
            case "]":
                if containers.last == "[" || containers.last == "h" { containers.removeLast() }
                expectsValue = false
                i += 1
            case "{":
                containers.append(c)
                expectsValue = false
                i += 1
            case "}":
                if containers.last == "[" { return Problem(line: line, reason: braceInArray) }
                if containers.last == "{" { containers.removeLast() }
                expectsValue = false
                i += 1
            case "\u{85}", "\u{2028}", "\u{2029}":
                return Problem(line: line, reason: separator)
            default:
                guard expectsValue else { i += 1; break }
                guard let end = bareValueEnd(s, from: i) else { return Problem(line: line, reason: badValue) }
                i = end
                expectsValue = false
            }
            atLineStart = false
        }
        return nil
    }

    /// The index after the bare value that starts at `start` when it is a TOML boolean,
    /// number, date, time or date-time (its date and time may stand a space apart), else nil.
    private static func bareValueEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        func tokenEnd(_ from: Int) -> Int {
            var j = from
            while j < s.count, !isValueTerminator(s[j]) { j += 1 }
            return j
        }
        let end = tokenEnd(start)
        let token = String(String.UnicodeScalarView(s[start..<end]))
        // `1979-05-27 07:32:00`: a date, a space, a time (toml++ reads on after a space and a digit).
        if (try? date.wholeMatch(in: token)) != nil, end + 1 < s.count, s[end] == " ", ("0"..."9").contains(s[end + 1]) {
            let timeEnd = tokenEnd(end + 1)
            let time = String(String.UnicodeScalarView(s[end + 1..<timeEnd]))
            return (try? timeWithOffset.wholeMatch(in: time)) != nil ? timeEnd : nil
        }
        return (try? bareValue.wholeMatch(in: token)) != nil ? end : nil
    }

    /// Where toml++ surely ends a bare value. It also ends one at other whitespace: such a
    /// character is kept in the value here, which then is refused, never read short.
    private static func isValueTerminator(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "]", "}", ",", "#", " ", "\t", "\n", "\r": true
        default: false
        }
    }

    nonisolated(unsafe) private static let date = try! Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")
    nonisolated(unsafe) private static let timeWithOffset = try! Regex("[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})?")
    nonisolated(unsafe) private static let bareValue: Regex<AnyRegexOutput> = {
        let decimal = "[+-]?(0|[1-9](_?[0-9])*)"
        let digits = "[0-9](_?[0-9])*"
        let integer = "\(decimal)|0x[0-9A-Fa-f](_?[0-9A-Fa-f])*|0o[0-7](_?[0-7])*|0b[01](_?[01])*"
        let float = "\(decimal)(\\.\(digits))?([eE][+-]?\(digits))?|[+-]?(inf|nan)"
        let time = "[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?"
        let dateTime = "[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt]\(time)([Zz]|[+-][0-9]{2}:[0-9]{2})?)?"
        return try! Regex("true|false|\(integer)|\(float)|\(dateTime)|\(time)")
    }()

    /// The index after the string that starts at `start` (basic or literal, one line or
    /// multi-line), counting its line breaks; nil when it does not end where TOML needs it to.
    private static func stringEnd(_ s: [Unicode.Scalar], from start: Int, line: inout Int) -> Int? {
        let quote = s[start]
        let n = s.count
        let multi = start + 2 < n && s[start + 1] == quote && s[start + 2] == quote
        var i = start + (multi ? 3 : 1)
        while i < n {
            let c = s[i]
            if c == "\\", quote == "\"" {
                if i + 1 < n, s[i + 1] == "\n" { line += 1 }
                i += 2
                continue
            }
            if c == "\n" {
                guard multi else { return nil }
                line += 1
            }
            if c == quote {
                if !multi { return i + 1 }
                if i + 2 < n, s[i + 1] == quote, s[i + 2] == quote {
                    i += 3
                    // Up to two more quotes belong to the string's text (`"""a""""`).
                    var extra = 0
                    while extra < 2, i < n, s[i] == quote { i += 1; extra += 1 }
                    return i
                }
            }
            i += 1
        }
        return nil
    }
}
