/// Splits a reply into what the sender wrote and the earlier text quoted below it, which the
/// thread folds: from the first line that opens a quote to the end, when nothing but quoted
/// or blank lines follow it (an answer written between quotes is all kept as text).
public enum QuotedTail {
    public static func split(_ body: String) -> (text: String, quoted: String) {
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var start: Int?
        var index = lines.count - 1
        // Walk up from the end over quoted and blank lines; an attribution line above them
        // belongs to the quote.
        while index >= 0 {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix(">") {
                start = index
            } else if line.isEmpty {
                // blank lines inside or below the quote
            } else if start != nil, isAttribution(line) || isAttribution(joined(lines, index)) {
                start = index
                break
            } else {
                break
            }
            index -= 1
        }
        // "-----Original Message-----" and Outlook's header block quote without ">".
        if let separator = lines.firstIndex(where: { isOriginalSeparator($0.trimmingCharacters(in: .whitespaces)) }),
           separator < (start ?? lines.count) {
            start = separator
        }
        guard let start, lines[..<start].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return (trimmed(body), "")
        }
        let text = lines[..<start].joined(separator: "\n")
        let quoted = lines[start...].joined(separator: "\n")
        return (trimmed(text), trimmed(quoted))
    }

    /// The line and the one above it (an attribution wrapped over two lines).
    private static func joined(_ lines: [Substring], _ index: Int) -> String {
        index > 0 ? lines[index - 1].trimmingCharacters(in: .whitespaces) + " " + lines[index].trimmingCharacters(in: .whitespaces) : ""
    }

    static func isAttribution(_ line: String) -> Bool {
        let lower = line.lowercased()
        guard lower.hasSuffix(":") else { return false }
        return (lower.hasPrefix("on ") && lower.hasSuffix("wrote:"))
            || lower.hasSuffix("написал:") || lower.hasSuffix("написала:") || lower.hasSuffix("написал(а):")
            || lower.hasSuffix("пишет:") || lower.hasSuffix("wrote:")
    }

    static func isOriginalSeparator(_ line: String) -> Bool {
        let lower = line.lowercased()
        return lower.hasPrefix("-----original message-----") || lower.hasPrefix("-----исходное сообщение-----")
            || lower.hasPrefix("-------- original message --------") || lower.hasPrefix("-------- пересылаемое сообщение --------")
    }

    private static func trimmed(_ s: some StringProtocol) -> String {
        var lines = s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" })
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        return lines.map { line in
            var l = Substring(line)
            while l.last == " " || l.last == "\t" { l.removeLast() }
            return String(l)
        }.joined(separator: "\n")
    }
}
