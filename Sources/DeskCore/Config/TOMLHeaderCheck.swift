import Foundation

/// What toml++ (under TOMLKit) cannot be given: a table header whose name starts with a
/// character that may not start a key (`[$]`, `[[%]]`) trips an assertion in its parser and
/// aborts the process instead of failing (found by the config fuzz target). Such a line is
/// refused here first, as TOML refuses it, with its line.
enum TOMLHeaderCheck {
    /// The first line (1-based) holding such a header, nil when there is none. Lines inside
    /// multi-line strings are skipped.
    static func badHeaderLine(in text: String) -> Int? {
        var inString: String?
        var depth = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if inString == nil, depth == 0, let after = headerName(line) {
                // A `[` with nothing after it on its line is no header either (toml++ reads on).
                guard let first = after.first else { return index + 1 }
                if !(first.isASCII && (first.isLetter || first.isNumber || first == "_" || first == "-")),
                   first != "\"", first != "'", first != "]" {
                    return index + 1
                }
            }
            for quote in ["\"\"\"", "'''"] where line.components(separatedBy: quote).count % 2 == 0 {
                inString = inString == nil ? quote : (inString == quote ? nil : inString)
            }
            if inString == nil { depth = max(0, depth + bracketBalance(line)) }
        }
        return nil
    }

    /// `[` less `]` outside quotes and comments: an array left open goes on to the next line.
    private static func bracketBalance(_ line: Substring) -> Int {
        var balance = 0
        var quote: Character?
        for c in line {
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case "\"", "'": quote = c
            case "#": return balance
            case "[": balance += 1
            case "]": balance -= 1
            default: break
            }
        }
        return balance
    }

    /// What follows the opening `[` or `[[` (and spaces) of a line that starts with one.
    private static func headerName(_ line: Substring) -> Substring? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.first == "[" else { return nil }
        let rest = trimmed.dropFirst().drop { $0 == "[" }
        return rest.drop { $0 == " " || $0 == "\t" }
    }
}
