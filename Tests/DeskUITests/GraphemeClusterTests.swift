import DeskCore
@testable import DeskUI
import DeskTestSupport
import Foundation
import Testing

/// Width per extended grapheme cluster, cells that hold a cluster whole, and screens that
/// keep their columns and leave nothing stale (issue 14, item 2).
@Suite struct GraphemeClusterTests {
    static let family = "👨\u{200D}👩\u{200D}👧"
    static let longStack = "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}"  // a base and six marks: more than a cell holds

    @Test func widthsPerCluster() {
        #expect(DisplayWidth.of("❤\u{FE0F}") == 2)                 // VS16: emoji presentation
        #expect(DisplayWidth.of("❤") == 1)                         // text presentation
        #expect(DisplayWidth.of(Self.family) == 2)                 // a ZWJ sequence
        #expect(DisplayWidth.of("🇷🇺") == 2)                         // a flag: two regional indicators
        #expect(DisplayWidth.of("🇷") == 1)                          // one alone
        #expect(DisplayWidth.of("👍🏽") == 2)                         // a skin tone
        #expect(DisplayWidth.of("1\u{FE0F}\u{20E3}") == 2)         // a keycap
        #expect(DisplayWidth.of("ไทย") == 3)                        // Thai keeps its base's width
        #expect(DisplayWidth.of("กำ") == 2)                         // SARA AM is a spacing mark
        #expect(DisplayWidth.of("e\u{301}\u{302}\u{303}\u{304}") == 1)
        #expect(DisplayWidth.of(Self.longStack) == 1)              // drawn as one placeholder
        #expect(DisplayWidth.of("王小明") == 6)
        #expect(DisplayWidth.of("Пётр") == 4)
        #expect(DisplayWidth.of("\u{200B}") == 0)                  // zero-width space
    }

    /// The wide ranges are searched by halves, so they must be in order and apart; ASCII is
    /// counted by its bytes, which must agree with measuring it cluster by cluster.
    @Test func wideRangesAreOrderedAndASCIIAgreesWithClusters() {
        let ranges = DisplayWidth.wideRanges
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound < b.lowerBound, "\(a) then \(b)") }
        for range in ranges {
            for v in [range.lowerBound, (range.lowerBound + range.upperBound) / 2, range.upperBound] {
                #expect(DisplayWidth.isWide(v), "U+\(String(v, radix: 16))")
            }
            #expect(!DisplayWidth.isWide(range.lowerBound - 1) || ranges.contains { $0.contains(range.lowerBound - 1) })
            #expect(!DisplayWidth.isWide(range.upperBound + 1) || ranges.contains { $0.contains(range.upperBound + 1) })
        }
        #expect(!DisplayWidth.isWide(0x10FF) && !DisplayWidth.isWide(0x3FFFE) && !DisplayWidth.isWide(0x231C) && !DisplayWidth.isWide(0x41))
        for text in ["", "abc", "a\u{0}b", "\r\n", "x\r\ny\r", "\t\u{1B}[0m", String(repeating: "w", count: 300)] {
            #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text.debugDescription)")
        }
        #expect(DisplayWidth.of("a\u{0}b") == 2)
    }

    /// A Prepend character (U+0600–0605, …) joins what follows it into one cluster; it is
    /// drawn, so `fit` comes out exactly as wide as asked (Fuzz/findings/text-fit-prepend-character.bin).
    @Test func aPrependCharacterKeepsFitExact() throws {
        let finding = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fuzz/findings/text-fit-prepend-character.bin")
        let text = String(decoding: try Data(contentsOf: finding), as: UTF8.self)
        for line in [UntrustedText.line(text)] + UntrustedText.lines(text) {
            for width in [0, 1, 7, 40] { #expect(DisplayWidth.of(DisplayWidth.fit(line, to: width)) == width) }
        }
        #expect(DisplayWidth.of(DisplayWidth.fit("\u{600}", to: 7)) == 7)
        // Two of them, after a letter (Fuzz/findings/text-fit-two-prepend-characters.bin).
        for width in [1, 2, 3, 7, 40] {
            #expect(DisplayWidth.of(DisplayWidth.fit("~\u{601}\u{601}", to: width)) == width)
            #expect(DisplayWidth.of(DisplayWidth.truncate("~\u{601}\u{601}abc", to: width)) <= width)
        }
        #expect(DisplayWidth.of("\u{600}1") == 2)
    }

    @Test func aCellHoldsAClusterWholeOrAPlaceholder() {
        var grid = Grid(size: Size(width: 30, height: 1))
        let end = grid.put("❤\u{FE0F}\(Self.family)🇷🇺👍🏽\(Self.longStack)王|", x: 0, y: 0)
        #expect(end == 12)
        let cells = (0..<end).map { grid[$0, 0] }.filter { !$0.isContinuation }.map(\.text)
        #expect(cells == ["❤\u{FE0F}", Self.family, "🇷🇺", "👍🏽", "\u{FFFD}", "王", "|"])
        #expect(grid.cells.allSatisfy { $0.text.unicodeScalars.count <= DisplayWidth.maxScalarsPerCell })
        // A ZWJ sequence of more scalars than a cell holds is a wide placeholder.
        var wide = Grid(size: Size(width: 4, height: 1))
        wide.put("👨\u{200D}👩\u{200D}👧\u{200D}👦", x: 0, y: 0)
        #expect(wide.text == "\u{3013}")
        #expect(wide[1, 0].isContinuation)
    }

    /// Writing over half of a wide character blanks its other half, as a terminal does.
    @Test func overwritingHalfAWideCharacterLeavesNoOrphan() {
        var grid = Grid(size: Size(width: 6, height: 1))
        grid.put("王王王", x: 0, y: 0)
        grid.put("a", x: 1, y: 0)    // the right half of the first
        grid.put("b", x: 4, y: 0)    // the left half of the third
        #expect(grid.text == " a王b")
        #expect(DisplayWidth.of(grid.lines[0]) == 5)
        #expect(!grid[5, 0].isContinuation)
    }

    static func store() throws -> Store {
        let store = try Fixtures.emptyStore()
        let names = ["❤\u{FE0F} Анна", "\(family) Семья", "🇷🇺 Иван", "👍🏽 Olga", "ไทย สมชาย", "\(longStack) Zalgo",
                     "王小明 Ван", "Пётр Ильич"]
        var batch = RecordBatch()
        for (i, name) in names.enumerated() {
            let id = "C0\(i + 1)"
            batch.customers.append(Fixtures.customer(id, name))
            batch.tickets.append(Fixtures.ticket("T\(i + 1)", customer: id, subject: "\(name.prefix(1)) заказ \(i + 1)",
                                                 hoursAgo: 2, slaHours: Double(i + 1)))
        }
        try store.add(batch, agent: "test")
        return store
    }

    /// The queue of grapheme-cluster names, whole and in their columns; then two tickets
    /// opened one after the other, and the queue again: what a terminal sent only the
    /// changed cells shows is the frame, every time.
    @Test func aQueueOfClustersKeepsItsColumnsAndRedrawsWithNothingStale() throws {
        _ = Golden.utc
        let console = ConsoleTests.console(try Self.store(), width: 80, height: 24)
        let screen = MemoryScreen(width: 80, height: 24)
        func show(_ golden: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
            let frame = console.render()
            screen.present(frame)
            #expect(screen.shown.lines == frame.lines, "stale cells after a redraw", sourceLocation: sourceLocation)
            if let golden { Golden.check(frame, golden, sourceLocation: sourceLocation) }
        }
        show("graphemes-queue-80x24")
        let queue = console.render()
        // Each name's cluster is one cell, and the column after the names starts at one place.
        let header = try #require(queue.lines.firstIndex { $0.contains("REASON") })
        let reasonColumn = try #require(column(of: "REASON", in: queue, row: header))
        var rows = 0
        for y in header + 1..<queue.size.height {
            guard let x = column(of: "delivery-delay", in: queue, row: y) else { continue }
            #expect(x == reasonColumn, "row \(y): \(queue.lines[y])")
            rows += 1
        }
        #expect(rows == 8)
        let texts = Set(queue.cells.map(\.text))
        for cluster in ["❤\u{FE0F}", Self.family, "🇷🇺", "👍🏽", "\u{FFFD}", "王"] { #expect(texts.contains(cluster), "\(cluster)") }

        ConsoleTests.press(console, .openTicket)
        show()
        ConsoleTests.press(console, .back)
        show()
        for _ in 0..<5 { ConsoleTests.press(console, .moveDown) }
        show()
        ConsoleTests.press(console, .openTicket)
        show("graphemes-ticket-80x24")
        ConsoleTests.press(console, .back)
        show()
        for _ in 0..<5 { ConsoleTests.press(console, .moveUp) }
        show()
        #expect(Golden.text(console.render()) == Golden.text(queue))
    }

    /// The column (in cells) where `word` starts on row `y`, nil when it is not there.
    func column(of word: String, in grid: Grid, row y: Int) -> Int? {
        for x in 0..<grid.size.width where !grid[x, y].isContinuation {
            var text = "", c = x
            while c < grid.size.width, text.count < word.count {
                if !grid[c, y].isContinuation { text += grid[c, y].text }
                c += 1
            }
            if text == word { return x }
        }
        return nil
    }
}
