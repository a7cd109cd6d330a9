import DeskCore
import DeskTestSupport
import Foundation
import Testing

/// Grapheme clusters on a real terminal (tmux, TERM as tmux sets it): each cluster the
/// terminal can draw in its cells is drawn whole, every row keeps its columns by the terminal's
/// own reckoning, and opening tickets and coming back leaves nothing stale (issue 14, item 2).
@Suite(.serialized) struct GraphemesInTmuxTests {
    static let clusters = ["❤\u{FE0F}", "👨\u{200D}👩\u{200D}👧", "🇷🇺", "👍🏽", "ไทย", "王小明", "Пётр"]
    static let longStack = "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}"

    static func store() throws -> String {
        let path = Fixtures.temporaryPath("graphemes")
        let store = try Store(path: path)
        var batch = RecordBatch()
        let names = clusters.map { "\($0) Имя" } + ["\(longStack) Zalgo"]
        for (i, name) in names.enumerated() {
            batch.customers.append(Fixtures.customer("C0\(i + 1)", name))
            batch.tickets.append(Fixtures.ticket("T\(i + 1)", customer: "C0\(i + 1)", subject: "\(name) заказ",
                                                 hoursAgo: 2, slaHours: Double(i + 1)))
        }
        try store.add(batch, agent: "test")
        return path
    }

    /// Columns the terminal takes to draw `text` from the start of a line.
    static func terminalWidth(of text: String) throws -> Int {
        let file = Scratch.path("probe") + ".txt"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let probe = try TmuxSession(command: "cat '\(file)'; sleep 30")
        var last = -1
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: 0.1)
            let now = try probe.cursorColumn()
            if now == last, now > 0 { return now }
            last = now
        }
        return last
    }

    @Test(.enabled(if: TmuxSession.available)) func clustersAreWholeAlignedAndNeverStale() throws {
        let tmux = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(try Self.store())' --agent olga")
        let queue = try tmux.waitFor("the queue") { $0.contains("REASON") && $0.contains("Zalgo") }
        let rows = queue.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Whole: each cluster the terminal draws in at most its two columns.
        for cluster in Self.clusters + ["\u{FFFD} Zalgo"] where try Self.terminalWidth(of: cluster) <= 2 * cluster.count {
            #expect(queue.contains(cluster), "\(cluster) is not whole:\n\(queue)")
        }
        // Aligned: the reason column starts where its heading does, on every row.
        let header = try #require(rows.first { $0.contains("REASON") })
        let column = try Self.terminalWidth(of: String(header[..<header.range(of: "REASON")!.lowerBound]))
        let ticketRows = rows.filter { $0.contains("delivery-delay") }
        #expect(ticketRows.count == 8)
        for row in ticketRows {
            let before = String(row[..<row.range(of: "delivery-delay")!.lowerBound])
            #expect(try Self.terminalWidth(of: before) == column, "misaligned: \(row)")
        }
        // Nothing stale: the first ticket, the sixth, and back to the queue as it was.
        try tmux.send("Enter")
        let first = try tmux.waitFor("ticket T1") { $0.contains("#T1") && $0.contains("── Thread") }
        #expect(first.contains("❤\u{FE0F}"))
        try tmux.send("q")
        try tmux.waitFor("the queue") { $0.contains("REASON") }
        for _ in 0..<5 { try tmux.send("Down") }
        try tmux.send("Enter")
        let sixth = try tmux.waitFor("ticket T6") { $0.contains("#T6") && $0.contains("── Thread") }
        #expect(!sixth.contains("❤"), "stale cells of the first ticket:\n\(sixth)")
        try tmux.send("q")
        try tmux.waitFor("the queue") { $0.contains("REASON") }
        for _ in 0..<5 { try tmux.send("Up") }
        let again = try tmux.waitFor("the first row selected") { $0.contains("▶T1") }
        #expect(again == queue)
        try tmux.send("q")
        try tmux.waitFor("the shell prompt") { $0.contains("[exit 0]") }
    }
}
