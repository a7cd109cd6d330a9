/// Splits a reply into what the sender wrote and the earlier text quoted below it, which the
/// thread folds: from the first line that opens a quote to the end, when nothing but quoted
/// or blank lines follow it (an answer written between quotes is all kept as text).
///
/// It runs on every received message, so lines are cut at the UTF-8 bytes of LF (and CRLF)
/// and trimmed by Unicode scalars: the `Character` and Foundation versions of the same took
/// a sixth of the time of taking a message into the store.
public enum QuotedTail {
    public static func split(_ body: String) -> (text: String, quoted: String) {
        let lines = lines(body)
        var start: Int?
        var index = lines.count - 1
        // Walk up from the end over quoted and blank lines; an attribution line above them
        // belongs to the quote.
        while index >= 0 {
            let line = spacesTrimmed(lines[index])
            if line.first == ">" {
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
        if let separator = lines.firstIndex(where: { isOriginalSeparator(spacesTrimmed($0)) }),
           separator < (start ?? lines.count) {
            start = separator
        }
        guard let start, lines[..<start].contains(where: { !spacesTrimmed($0).isEmpty }) else {
            return (trimmed(lines[...]), "")
        }
        return (trimmed(lines[..<start]), trimmed(lines[start...]))
    }

    /// The lines of `text`, cut at LF, a CR before it dropped.
    private static func lines(_ text: String) -> [Substring] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes in
            var line = Substring(bytes)
            if line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
            return line
        }
    }

    /// The line and the one above it (an attribution wrapped over two lines).
    private static func joined(_ lines: [Substring], _ index: Int) -> Substring {
        index > 0 ? Substring(spacesTrimmed(lines[index - 1]) + " " + spacesTrimmed(lines[index])) : ""
    }

    /// Without the spaces and tabs at either end (Unicode space separators: as
    /// `CharacterSet.whitespaces`).
    private static func spacesTrimmed(_ s: Substring) -> Substring {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return Substring(scalars[first...last])
    }

    private static func isSpace(_ u: Unicode.Scalar) -> Bool {
        u == " " || u == "\t" || (u.value >= 0x80 && u.properties.generalCategory == .spaceSeparator)
    }

    static func isAttribution(_ line: some StringProtocol) -> Bool {
        guard line.hasSuffix(":") else { return false }
        let lower = line.lowercased()
        return (lower.hasPrefix("on ") && lower.hasSuffix("wrote:"))
            || lower.hasSuffix("написал:") || lower.hasSuffix("написала:") || lower.hasSuffix("написал(а):")
            || lower.hasSuffix("пишет:") || lower.hasSuffix("wrote:")
    }

    static func isOriginalSeparator(_ line: some StringProtocol) -> Bool {
        guard line.hasPrefix("-----") else { return false }
        let lower = line.lowercased()
        return lower.hasPrefix("-----original message-----") || lower.hasPrefix("-----исходное сообщение-----")
            || lower.hasPrefix("-------- original message --------") || lower.hasPrefix("-------- пересылаемое сообщение --------")
    }

    /// The lines without the blank ones at either end, each without spaces and tabs at its end.
    private static func trimmed(_ lines: ArraySlice<Substring>) -> String {
        var lines = lines
        while let last = lines.last, spacesTrimmed(last).isEmpty { lines.removeLast() }
        while let first = lines.first, spacesTrimmed(first).isEmpty { lines.removeFirst() }
        return lines.map { line in
            var l = line
            while l.last == " " || l.last == "\t" { l.removeLast() }
            return String(l)
        }.joined(separator: "\n")
    }
}
