import DeskCore
@testable import DeskUI
import DeskTestSupport
import Testing

@Suite struct SearchTests {
    static func store() throws -> Store {
        let store = try Fixtures.smallStore()
        var batch = RecordBatch(orders: [Order(id: "O-777", customerID: "C03", placedAt: Fixtures.now, total: Money(minor: 100),
                                               deliveryFee: Money(minor: 0), status: .placed, deliveredAt: nil)])
        var t = Fixtures.ticket("T9", customer: "C03", subject: "Ёлка не светится", hoursAgo: 1, slaHours: 5)
        t.orderID = "O-777"
        batch.tickets = [t]
        try store.add(batch, agent: "test")
        return store
    }

    func search(_ text: String, in store: Store) throws -> [String] {
        try store.queuePage(QueueQuery(view: .search, agent: "olga", text: text), from: nil, direction: .forward, limit: 50).map(\.id)
    }

    @Test func findsCyrillicInAnyCaseAndPrefixes() throws {
        let store = try Self.store()
        #expect(try search("заказ", in: store) == ["T1"])
        #expect(try search("ЗАКАЗ", in: store) == ["T1"])
        #expect(try search("задерж", in: store) == ["T1"], "a word's beginning finds it")
        #expect(try search("неделю", in: store) == ["T1"], "message bodies are searched")
        #expect(try search("елка", in: store) == ["T9"], "ё matches е (diacritics removed)")
        #expect(try search("анна петрова", in: store) == ["T1"], "customer names")
        #expect(try search("chair WOBBLES", in: store) == ["T3"])
    }

    /// A filter narrows the matches, words and ids alike, and their count.
    @Test func aFilterNarrowsTheMatches() throws {
        let store = try Self.store()
        func search(_ text: String, _ filter: QueueFilter) throws -> ([String], Int) {
            var query = QueueQuery(view: .search, agent: "olga", text: text)
            query.filter = filter
            return (try store.queuePage(query, from: nil, direction: .forward, limit: 50).map(\.id), try store.queueCount(query))
        }
        // "example" is in every customer's e-mail.
        #expect(try search("example", QueueFilter()).0 == ["T9", "T3", "T2", "T1"])
        #expect(try search("example", QueueFilter(tier: .vip)) == (["T1"], 1))
        #expect(try search("example", QueueFilter(reason: .wrongItem)) == (["T2"], 1))
        #expect(try search("T2", QueueFilter(reason: .wrongItem)) == (["T2"], 1))
        #expect(try search("T2", QueueFilter(tier: .vip)) == ([], 0))
    }

    @Test func idsExactlyAndNothingForAnAbsentWord() throws {
        let store = try Self.store()
        #expect(try search("T2", in: store) == ["T2"])
        #expect(try search("O-777", in: store) == ["T9"])
        #expect(try search("ананас", in: store) == [])
        #expect(try store.queueCount(QueueQuery(view: .search, agent: "olga", text: "ананас")) == 0)
    }

    @Test func typingShowsResultsEscReturnsEnterKeeps() throws {
        let console = ConsoleTests.console(try Self.store())
        ConsoleTests.press(console, .viewWaiting)
        ConsoleTests.press(console, .search)
        for c in "стул" { console.handle(.char(c)) }
        #expect(console.state.searchPending)
        console.runPendingSearch()
        #expect(console.state.queue.query.view == .search)
        ConsoleTests.press(console, .promptCancel)
        #expect(console.state.queue.query.view == .waiting, "Esc returns to the view before")
        ConsoleTests.press(console, .search)
        for c in "chair" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.prompt == nil)
        #expect(console.state.queue.rows.map(\.id) == ["T3"])
        #expect(console.render().lines[0].contains("[Search: chair 1]"))
    }
}
