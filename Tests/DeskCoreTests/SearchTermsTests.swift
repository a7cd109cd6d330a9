import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import DeskCore

/// A word's beginning is widened to the words of the index it begins (`SearchTerms`): every
/// way of writing to the index keeps its words, and the widened search finds what FTS5's own
/// prefix search finds.
@Suite struct SearchTermsTests {
    /// The index's words (as FTS5 lists them) that `search_term` lacks; digits aside.
    static func missingTerms(_ store: Store) throws -> [String] {
        try store.pool.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, ticket_search, row)")
            return try String.fetchAll(db, sql: """
                SELECT term FROM temp.v WHERE term >= ':' AND term NOT IN (SELECT term FROM search_term) ORDER BY term
                """)
        }
    }

    static func termCount(_ store: Store) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM search_term") ?? 0 }
    }

    @Test func everyWayOfWritingTheIndexKeepsItsWords() throws {
        let store = try SearchIndexTests.store()  // records added as a batch
        #expect(try Self.missingTerms(store) == [])
        #expect(try Self.termCount(store) > 5)

        let version = try #require(try store.ticketDetail(id: "T3")).ticket.version
        try store.addMessage(ticketID: "T3", expectedVersion: version, body: "Щепетильный вопрос: Über café", isInternal: false,
                             agent: "olga")
        #expect(try Self.missingTerms(store) == [])
        #expect(try SearchIndexTests.search("щепетил", in: store) == ["T3"])
        #expect(try SearchIndexTests.search("uber cafe", in: store) == ["T3"], "diacritics removed on both sides")

        try Fixture.load(store, .customers, try Fixture.file("terms-c.csv", """
            id,name,email,joined
            C09,Эльвира Жукова,elvira@kniga.example,2024-01-01
            C01,Георгий Щукин,,2020-01-01

            """))
        try Fixture.load(store, .tickets, try Fixture.file("terms-t.csv", """
            id,customer_id,channel,reason,subject,created_at
            T9,C09,email,other,Фиолетовый зонтик,2024-02-01
            T2,C02,email,other,Посылка помялась,2024-02-01

            """))
        try Fixture.load(store, .messages, try Fixture.file("terms-m.csv", """
            ticket_id,author,body,at
            T1,customer,Жёлтая коробка,2026-11-18T10:00:00Z

            """))
        #expect(try Self.missingTerms(store) == [])
        #expect(try SearchIndexTests.search("фиолет", in: store) == ["T9"], "a new ticket")
        #expect(try SearchIndexTests.search("щуки", in: store) == ["T1"], "a customer renamed")
        #expect(try SearchIndexTests.search("помял", in: store) == ["T2"], "a subject changed")
        #expect(try SearchIndexTests.search("желт", in: store) == ["T1"], "a message")

        var mail = ParsedMail(messageID: "terms@x")
        mail.from = MailAddress(name: "Аристарх", address: "aristarh@example.org")
        mail.subject = "Кракозябры вместо чека"
        mail.text = "Прислали квитанцию непонятную"
        _ = try store.receive(mail, options: MailIntakeOptions(now: Fixtures.now))
        #expect(try Self.missingTerms(store) == [])
        #expect(try SearchIndexTests.search("кракоз", in: store).count == 1, "mail")
        #expect(try SearchIndexTests.search("квитанц", in: store).count == 1)
    }

    @Test(arguments: [false, true]) func aDemoKeepsItsWords(indexesLast: Bool) throws {
        let store = try Fixtures.emptyStore()
        try store.loadDemo(DemoGenerator(options: DemoOptions(seed: 3, customers: 60, tickets: 300, now: Fixtures.now)),
                           agent: "t", indexesLast: indexesLast)
        #expect(try Self.missingTerms(store) == [])
        #expect(try Self.termCount(store) > 100)
    }

    /// A store made before the table gets every word of its index when it is opened.
    @Test func anOlderStoreGetsItsWords() throws {
        let path = Fixtures.temporaryPath("search-terms-upgrade")
        do {
            let old = try Store(path: path, migratingUpTo: "v16-unassigned-due")
            try old.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO ticket_search (rowid, subject, customer, body)
                    VALUES (1, 'Сломанный чайник', 'Георгий Семенов', 'Пришел с трещиной'),
                           (2, 'Чайник не греет', 'Анна Ли 79161234567', '');
                    """)
            }
        }
        let store = try Store(path: path)
        let terms = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT term FROM search_term ORDER BY term") }
        #expect(terms == ["анна", "георгий", "греет", "ли", "не", "пришел", "с", "семенов", "сломанный", "трещиной", "чайник"],
                "lowercased, й kept (unicode61 removes Latin diacritics only); digits are not kept")
        #expect(try Self.missingTerms(store) == [])
    }

    /// Every page and count of a widened search is the one FTS5's own prefix search gives,
    /// for the beginnings of words of a demo store, typed in several ways.
    @Test func aWidenedSearchFindsWhatFTS5Finds() throws {
        let store = try Fixtures.emptyStore()
        try store.loadDemo(DemoGenerator(options: DemoOptions(seed: 9, customers: 200, tickets: 1500, now: Fixtures.now)),
                           agent: "t")
        let words = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT term FROM search_term WHERE length(term) >= 4 ORDER BY term")
        }
        var rng = SeededRandom(seed: 11)
        var typed: [String] = ["заказ", "ЗАКАЗ", "Заказыва", "пришёл", "ещё", "за", "курь", "x"]
        for _ in 0..<60 {
            let word = words[Int(rng.next() % UInt64(words.count))]
            let length = 2 + Int(rng.next() % UInt64(word.count - 1))
            typed.append(String(word.prefix(length)))
        }
        typed.append(typed[8] + " " + typed[9])
        var widenedOnce = false
        for text in typed {
            let native = try #require(Store.ftsQuery(text))
            let widened = try store.pool.read { db -> String? in
                let widen: (Substring) throws -> [String]? = { word in try SearchTerms.widened(word, db) }
                return try Store.ftsQuery(text, widen: widen)
            }
            widenedOnce = widenedOnce || widened != native
            let expected = try store.pool.read { db in
                try Int64.fetchAll(db, sql: "SELECT rowid FROM ticket_search WHERE ticket_search MATCH ? ORDER BY rowid DESC",
                                   arguments: [native])
            }
            let query = QueueQuery(view: .search, agent: "olga", text: text)
            var found: [Int64] = []
            var cursor: QueueCursor?
            while true {
                let page = try store.queuePage(query, from: cursor, direction: .forward, limit: 40)
                found += page.map(\.seq)
                guard let last = page.last, page.count == 40 else { break }
                cursor = last.cursor
            }
            let differ = zip(found, expected).first { $0 != $1 }.map { "\($0) for \($1)" }
                ?? (found.count == expected.count ? nil : "\(found.count) found, \(expected.count) expected")
            #expect(differ == nil, "\(text): \(widened ?? "-")")
            #expect(try store.queueCount(query) == min(expected.count, QueueQuery.searchCountCap), "\(text)")
        }
        #expect(widenedOnce)
    }

    @Test func aWidenedWordIsNamedWordByWord() {
        let widen: (Substring) -> [String]? = { word in
            switch word {
            case "заказ": ["заказ", "заказа", "заказывал"]
            case "пришел": ["пришел"]
            default: nil
            }
        }
        #expect(Store.ftsQuery("Заказ пришёл сегодня", widen: widen) == #"("заказ" OR "заказа" OR "заказывал") AND "пришел" AND "сегодня"*"#)
        #expect(Store.ftsQuery("з", widen: widen) == #""з""#, "one letter is a whole word, never widened")
    }

    @Test func aBeginningIsWidenedOnlyWhenThatIsCheap() throws {
        let store = try SearchIndexTests.store()
        try store.pool.write { db in
            for index in 0..<(SearchTerms.widest + 1) {
                try db.execute(sql: "INSERT INTO search_term (term) VALUES (?)", arguments: ["шум\(index)"])
            }
        }
        let widened = try store.pool.read { db in
            try ["семен", "СЕМЕН", "СЕМЁН", "шум", "9701", "щщщ"].map { try SearchTerms.widened($0, db) }
        }
        #expect(widened[0] == ["семенов"])
        #expect(widened[1] == ["семенов"], "read as the index reads it")
        #expect(widened[2] == nil, "ё is folded by the caller, before")
        #expect(widened[3] == nil, "more words than `widest`")
        #expect(widened[4] == nil, "digits are left to FTS5")
        #expect(widened[5] == nil, "no word: FTS5 finds none at once")
    }
}
