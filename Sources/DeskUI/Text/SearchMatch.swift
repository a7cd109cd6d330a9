import DeskCore
import Foundation

/// Why a search found a row: the words typed, found in the subject or a message (most
/// matches are in message text, which the queue does not show), kept as a short window of
/// that text around the first word found; the search view shows it in a column with the
/// words highlighted. Words match as the search does: any case, `ё` as `е`, a word typed
/// matching the beginning of a word.
public struct SearchMatch: Equatable, Sendable {
    /// One line of the text that matched, at most `window` characters.
    public var text: String
    /// Where in `text` the first word found starts, in characters.
    public var first: Int

    static let window = 240

    /// The words a query looks for, folded.
    static func words(_ query: String) -> [String] {
        fold(query).split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The match in a ticket: the subject first, then its messages, the customer's first;
    /// nil when the words are elsewhere (a name, an e-mail, a phone, an id: in the row or
    /// beyond it).
    static func find(_ query: String, subject: String, messages: [Message]) -> SearchMatch? {
        let words = words(query)
        guard !words.isEmpty else { return nil }
        let ordered = messages.filter { $0.author == .customer } + messages.filter { $0.author != .customer }
        for text in [subject] + ordered.map(\.body) {
            let line = UntrustedText.line(String(text.prefix(20_000)).replacingOccurrences(of: "\n", with: " "))
            guard let first = matches(line, words).first else { continue }
            let start = max(0, first.lowerBound - window / 4)
            let cut = String(Array(line)[start..<min(line.count, start + window)])
            return SearchMatch(text: cut, first: first.lowerBound - start)
        }
        return nil
    }

    /// The words of `text` that begin with one of `words`, as character ranges.
    ///
    /// Folding is Foundation's and costs microseconds a call: a word is folded whole only when
    /// its first letter, folded (once a letter, for the whole text), begins one of `words`.
    /// (A search for a phone number read every message of the customer's tickets, word by
    /// word, without finding it: 36 ms at ten million tickets.)
    static func matches(_ text: String, _ words: [String]) -> [Range<Int>] {
        let firsts = Set(words.compactMap(\.first))
        guard !firsts.isEmpty else { return [] }
        var leads: [Character: Bool] = [:]
        var out: [Range<Int>] = []
        var start: Int?
        let chars = Array(text)
        for i in 0...chars.count {
            let inWord = i < chars.count && (chars[i].isLetter || chars[i].isNumber)
            if inWord, start == nil { start = i }
            if !inWord, let s = start {
                let lead = chars[s]
                let mayMatch = leads[lead] ?? {
                    let may = fold(String(lead)).first.map(firsts.contains) ?? true
                    leads[lead] = may
                    return may
                }()
                if mayMatch {
                    let word = fold(String(chars[s..<i]))
                    if words.contains(where: { word.hasPrefix($0) }) { out.append(s..<i) }
                }
                start = nil
            }
        }
        return out
    }

    /// The part of the match that fits `width` columns: from a few words before the first
    /// word found (`…` where cut), in pieces each plain or highlighted.
    func pieces(width: Int, query: String) -> [(text: String, found: Bool)] {
        let chars = Array(text)
        // From the beginning when the word found and a little after it fit.
        var start = 0
        if DisplayWidth.of(String(chars[0..<min(chars.count, first + 16)])) > width {
            start = max(0, first - min(12, width / 4))
            while start > 0, start < first, chars[start - 1] != " " { start += 1 }
        }
        let shown = (start > 0 ? "…" : "") + String(chars[start...])
        let cut = DisplayWidth.truncate(shown, to: width)
        let found = Self.matches(cut, Self.words(query))
        var pieces: [(String, Bool)] = []
        let cutChars = Array(cut)
        var at = 0
        for range in found {
            if range.lowerBound > at { pieces.append((String(cutChars[at..<range.lowerBound]), false)) }
            pieces.append((String(cutChars[range]), true))
            at = range.upperBound
        }
        if at < cutChars.count { pieces.append((String(cutChars[at...]), false)) }
        return pieces
    }
}
