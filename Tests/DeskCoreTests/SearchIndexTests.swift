import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import DeskCore

/// Search finds a word however its ё is typed, and a phone number however it is written.
@Suite struct SearchIndexTests {
    /// Георгий Семёнов (T1, +7 970 113-82-78) and Иван Семенов (T2, a number written with
    /// the trunk prefix), in words with several е.
    static func store() throws -> Store {
        let store = try Fixtures.emptyStore()
        var semyonov = Fixtures.customer("C01", "Георгий Семёнов")
        semyonov.phone = "+7 970 113-82-78"
        var semenov = Fixtures.customer("C02", "Иван Семенов")
        semenov.phone = "8 (916) 000-11-22"
        let batch = RecordBatch(
            customers: [semyonov, semenov, Fixtures.customer("C03", "Ёжик Туманов")],
            tickets: [Fixtures.ticket("T1", customer: "C01", subject: "Ещё не пришёл заказ", hoursAgo: 3, slaHours: 5),
                      Fixtures.ticket("T2", customer: "C02", subject: "Посылка", hoursAgo: 2, slaHours: 5),
                      Fixtures.ticket("T3", customer: "C03", subject: "Трек 89701138278 не работает", hoursAgo: 1, slaHours: 5)],
            messages: [Message(ticketID: "T2", author: .customer, body: "Жду её ещё неделю", isInternal: false,
                               at: Fixtures.now.addingTimeInterval(-2 * 3600))])
        try store.add(batch, agent: "test")
        return store
    }

    /// Folding on the bytes writes the same text as mapping the scalars one by one.
    @Test func foldsЁAsTheScalarsWouldSay() {
        func byScalars(_ text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "ё" ? "е" : $0 == "Ё" ? "Е" : $0 }))
        }
        let cases = ["", "ё", "Ё", "ёЁё", "Семёнов", "ЁЖИК", "без е", "ещё\u{301}", "ё👍🏽ё", "e\u{308}", "ñё中ё",
                     "Ѐё", "ѐЁ", String(repeating: "пришёл ", count: 200)]
        for text in cases {
            #expect(SearchIndex.folded(text) == byScalars(text), "\(text.debugDescription)")
        }
        #expect(SearchIndex.folded("Ещё пришёл Ёжик") == "Еще пришел Ежик")
        var rng = SystemRandomNumberGenerator()
        let letters = Array("ёЁеЕѐЀёaZ 中👍\u{301}")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...20, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
            #expect(SearchIndex.folded(text) == byScalars(text), "\(text.debugDescription)")
        }
    }

    /// The demo and an import write the index with FTS5's merging put off
    /// (`SearchIndex.writingMany`): they leave FTS5's settings at its defaults for the
    /// console's small writes, and the index whole.
    @Test func writingManyRowsLeavesTheIndexsSettingsAndTheIndexWhole() throws {
        func check(_ store: Store, _ what: Comment) throws {
            let settings = try store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT k, v FROM ticket_search_config WHERE k IN ('automerge', 'hashsize') ORDER BY k")
                    .map { "\($0[0] as String)=\($0[1] as Int)" }
            }
            #expect(settings == ["automerge=4", "hashsize=1048576"], what)
            try store.pool.write { db in
                try db.execute(sql: "INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')")
            }
        }
        let demo = try Fixtures.emptyStore()
        try demo.loadDemo(DemoGenerator(options: DemoOptions(seed: 7, customers: 300, tickets: 1500)), agent: "test")
        try check(demo, "demo")
        let imported = try Fixture.handWritten()
        try check(imported, "import")
    }

    static func search(_ text: String, in store: Store) throws -> [String] {
        try store.queuePage(QueueQuery(view: .search, agent: "olga", text: text), from: nil, direction: .forward, limit: 50)
            .map(\.id).sorted()
    }

    @Test func yoAndYeAreAlikeInEveryWordOfTheIndexAndTheQuery() throws {
        let store = try Self.store()
        for query in ["Семенов", "Семёнов", "СЕМЁНОВ", "семен"] {
            #expect(try Self.search(query, in: store) == ["T1", "T2"], "\(query)")
        }
        for query in ["еще", "ещё", "ЕЩЕ"] {
            #expect(try Self.search(query, in: store) == ["T1", "T2"], "\(query): a subject and a message")
        }
        #expect(try Self.search("пришел", in: store) == ["T1"])
        #expect(try Self.search("ежик", in: store) == ["T3"], "Ё as well as ё")
        #expect(try Self.search("ее неделю", in: store) == ["T2"])
    }

    @Test func aReplyAndAnImportAreIndexedFolded() throws {
        let store = try Self.store()
        let version = try #require(try store.ticketDetail(id: "T3")).ticket.version
        try store.addMessage(ticketID: "T3", expectedVersion: version, body: "Всё проверили, трек верный", isInternal: false,
                             agent: "olga")
        #expect(try Self.search("все проверили", in: store) == ["T3"])
        try Fixture.load(store, .customers, try Fixture.file("search-c.csv", "id,name,phone,joined\nC09,Пётр Алёшин,89161234567,2024-01-01\n"))
        try Fixture.load(store, .tickets, try Fixture.file("search-t.csv",
                                                           "id,customer_id,channel,reason,subject,created_at\nT9,C09,email,other,Тёплый плед,2024-02-01\n"))
        #expect(try Self.search("петр алешин", in: store) == ["T9"])
        #expect(try Self.search("теплый", in: store) == ["T9"])
        #expect(try Self.search("+7 916 123-45-67", in: store) == ["T9"])
    }

    @Test func aPhoneNumberIsFoundInItsUsualForms() throws {
        let store = try Self.store()
        for query in ["+7 970 113-82-78", "+79701138278", "89701138278", "8 (970) 113 82 78", "9701138278", "+7970113827"] {
            var expected = ["T1"]
            // Typed in one piece, the digits are also a word of T3's subject.
            if query == "89701138278" { expected.append("T3") }
            #expect(try Self.search(query, in: store) == expected, "\(query)")
        }
        for query in ["+7 916 000-11-22", "+79160001122", "89160001122", "8 916 000 11 22"] {
            #expect(try Self.search(query, in: store) == ["T2"], "\(query)")
        }
        #expect(try Self.search("+7 970 113-82-79", in: store) == [])
        #expect(try Self.search("113-82", in: store) == ["T1"], "a part of a number is searched as words")
    }

    @Test func theQueryForAPhoneNumberIsItsDigits() {
        #expect(Store.ftsQuery("Семёнов Ещё") == #""семенов"* AND "еще"*"#)
        #expect(Store.ftsQuery("+7 (970) 113-82-78") == #""79701138278"*"#)
        #expect(Store.ftsQuery("89701138278") == #"("79701138278"* OR "89701138278"*)"#)
        #expect(Store.ftsQuery("8 970 113 82 7") == #"("7970113827"* OR "78970113827"* OR "8970113827"*)"#)
        #expect(Store.ftsQuery("970 113") == #""970"* AND "113"*"#, "too few digits for a number")
        #expect(Store.ftsQuery("T-1234567890") == #""t" AND "1234567890"*"#, "letters: not a phone number")
        #expect(SearchIndex.phoneDigits("+7 970 113-82-78") == "79701138278")
        #expect(SearchIndex.phoneDigits("8 (916) 000-11-22") == "79160001122")
        #expect(SearchIndex.phoneDigits("916 000 11 22") == "79160001122")
        #expect(SearchIndex.phoneDigits("+44 20 7946 0958") == "442079460958")
        #expect(SearchIndex.phoneDigits("112") == nil)
    }

    /// A store made before the index folded ё and held phone digits is indexed again when opened.
    @Test func anOlderStoreIsIndexedAgain() throws {
        let path = Fixtures.temporaryPath("search-upgrade")
        do {
            let old = try Store(path: path, migratingUpTo: "v4-partial-indexes")
            try old.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO customer (id, name, phone, tier, joined_at) VALUES ('C1', 'Георгий Семёнов', '+7 970 113-82-78', 'vip', 0);
                    INSERT INTO ticket (id, customer_id, channel, reason, subject, status, priority, created_at,
                                        sla_due_at, updated_at)
                    VALUES ('T1', 'C1', 'email', 'other', 'Ещё раз', 'new', 'high', 0, 3600, 0);
                    INSERT INTO message (ticket_id, author, body, at) VALUES ('T1', 'customer', 'Первое', 0), ('T1', 'agent', 'Всё ок', 1);
                    INSERT INTO ticket_search (rowid, subject, customer, body)
                    VALUES (1, 'Ещё раз', 'Георгий Семёнов  +7 970 113-82-78', 'Первое' || char(10) || 'Всё ок');
                    """)
            }
        }
        let store = try Store(path: path)
        for query in ["Семенов", "еще раз", "все ок", "первое", "89701138278"] {
            #expect(try Self.search(query, in: store) == ["T1"], "\(query)")
        }
        let rows = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket_search") }
        #expect(rows == 1)
    }
}
