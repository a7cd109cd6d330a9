import DeskCore
@testable import DeskUI
import DeskTestSupport
import Foundation
import Testing

/// A search shows why a row matched: the words found in its subject or messages, highlighted.
@Suite struct SearchMatchTests {
    static func message(_ body: String, _ author: Author = .customer) -> Message {
        Message(ticketID: "T1", author: author, body: body, isInternal: false, at: Date(timeIntervalSince1970: 0))
    }

    @Test func wordsAreFoundAsTheSearchFindsThem() {
        let match = SearchMatch.find("ЕЖИК курьер", subject: "Где заказ",
                                     messages: [Self.message("Вчера курьерская служба\nпривезла ёжика.")])
        #expect(match?.text == "Вчера курьерская служба привезла ёжика.", "one line")
        #expect(match?.first == 6, "the first word found")
        #expect(SearchMatch.matches("Вчера курьерская служба привезла ёжика.", SearchMatch.words("ЕЖИК курьер")) == [6..<16, 33..<38],
                "any case, ё as е, a word's beginning")
        #expect(SearchMatch.find("стул", subject: "Сломался стул", messages: [Self.message("стул")])?.text == "Сломался стул",
                "the subject first")
        #expect(SearchMatch.find("+79161234567", subject: "Где заказ", messages: []) == nil, "a phone is in the contacts")
    }

    /// Skipping the words whose first letter cannot match finds what folding every word finds.
    @Test func skippingWordsByTheirFirstLetterFindsTheSame() {
        func everyWord(_ text: String, _ words: [String]) -> [Range<Int>] {
            var out: [Range<Int>] = []
            var start: Int?
            let chars = Array(text)
            for i in 0...chars.count {
                let inWord = i < chars.count && (chars[i].isLetter || chars[i].isNumber)
                if inWord, start == nil { start = i }
                if !inWord, let s = start {
                    let word = SearchMatch.fold(String(chars[s..<i]))
                    if words.contains(where: { word.hasPrefix($0) }) { out.append(s..<i) }
                    start = nil
                }
            }
            return out
        }
        let letters = Array("аеёЁЕжЖкКeéÉEßsSıIiİ1２ 　,.-\u{301}\u{308}ǅǆ")
        var rng = SeededRandom(seed: 7)
        var found = 0
        for _ in 0..<2_000 {
            let text = String((0..<Int(rng.next() % 40)).map { _ in letters[Int(rng.next() % UInt64(letters.count))] })
            let query = String((0..<(1 + Int(rng.next() % 6))).map { _ in letters[Int(rng.next() % UInt64(letters.count))] })
            let words = SearchMatch.words(query)
            let fast = SearchMatch.matches(text, words)
            found += fast.count
            #expect(fast == everyWord(text, words), "\(text.debugDescription) for \(query.debugDescription)")
        }
        #expect(found > 100, "the random texts match often enough to compare")
    }

    @Test func aLongMessageShowsTheWordsFoundWithWhatComesBefore() {
        let long = String(repeating: "слово ", count: 30) + "курьер опоздал на два дня"
        let match = SearchMatch.find("курьер", subject: "", messages: [Self.message(long)])
        let pieces = match?.pieces(width: 30, query: "курьер") ?? []
        let text = pieces.map(\.text).joined()
        #expect(text.hasPrefix("…") && text.contains("курьер опоздал"))
        #expect(DisplayWidth.of(text) <= 30)
        #expect(pieces.filter(\.found).map(\.text) == ["курьер"])
    }

    @Test func theSearchViewShowsWhereAndHighlightsTheWords() throws {
        let console = ConsoleTests.console(try Fixtures.desk())
        ConsoleTests.press(console, .search)
        for c in "стул" { console.handle(.char(c)) }
        console.runPendingSearch()
        let grid = console.render()
        #expect(grid.lines[1].contains("FOUND IN"))
        let row = grid.lines[2]
        let x = try #require(row.range(of: "стула")).lowerBound.utf16Offset(in: row)
        // The row's text holds only BMP characters here: a UTF-16 offset is its column.
        #expect(grid[x, 2].style == .match && grid[x + 4, 2].style == .match)
        #expect(grid[x, 2].isSelected, "highlighted on the selection bar too")
        #expect(grid[x + 6, 2].style != .match)
    }
}
