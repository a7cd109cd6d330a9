import Foundation
import GRDB
import Testing
@testable import DeskCore
import DeskTestSupport

/// A nightly file's shape never blanks what is stored: a column it lacks leaves values alone,
/// a column the desk does not know stops the import, and a dry run says what would change.
@Suite struct ImportNeverErasesTests {
    private func orders(_ store: Store) throws -> [Row] {
        try store.pool.read { db in try Row.fetchAll(db, sql: #"SELECT id, delivery_fee, delivered_at FROM "order" ORDER BY id"#) }
    }

    @Test func aColumnTheFileLacksLeavesStoredValuesAlone() throws {
        let store = try Fixture.handWritten()
        let before = try orders(store)
        #expect(before.first?["delivered_at"] as Int64? == ISODate.seconds("2024-02-03"))
        // No delivered_at and no delivery_fee: both stay as stored; the status changes.
        let file = try Fixture.file("o.csv", "id,customer_id,placed_at,total,status\nO1,C1,2024-02-01T12:00:00Z,1234.50,returned\n")
        let summary = try Fixture.load(store, .orders, file)
        #expect(summary.updated == 1)
        #expect(summary.changes.map(\.column) == ["status"])
        #expect(try orders(store) == before)
        // A customers file without phone keeps every phone.
        _ = try Fixture.load(store, .customers, try Fixture.file("c.csv", "id,name,email,joined\nC1,Иван Петров,new@example.com,2023-05-01\n"))
        let c1 = try #require(try store.ticketDetail(id: "T1")?.customer)
        #expect(c1.phone == "+7 912 345-67-89" && c1.email == "new@example.com" && c1.tier == .vip && c1.referrals == 3)
    }

    @Test func anEmptyCellOfAColumnTheFileHasClearsTheValue() throws {
        let store = try Fixture.handWritten()
        let file = try Fixture.file("c.csv", "id,name,phone,joined\nC1,Иван Петров,,2023-05-01\n")
        let summary = try Fixture.load(store, .customers, file)
        #expect(summary.changes == [ColumnChange(column: "phone", rows: 1,
                                                 examples: [.init(id: "C1", old: "+7 912 345-67-89", new: nil)])])
        #expect(try store.ticketDetail(id: "T1")?.customer.phone == nil)
    }

    /// An empty cell of a column with a default leaves a stored record's value: an empty
    /// tier does not demote a VIP, an empty priority does not move the deadline.
    @Test func anEmptyCellOfADefaultedColumnLeavesTheValue() throws {
        let store = try Fixture.handWritten()
        let file = try Fixture.file("c.csv", "id,name,tier,referrals,joined\nC1,Иван Петров,,,2023-05-01\n")
        #expect(try Fixture.load(store, .customers, file).unchanged == 1)
        let c1 = try #require(try store.ticketDetail(id: "T1")?.customer)
        #expect(c1.tier == .vip && c1.referrals == 3)
        let json = try Fixture.file("c.jsonl", #"{"id":"C1","name":"Иван Петров","tier":null,"joined":"2023-05-01"}"# + "\n")
        #expect(try Fixture.load(store, .customers, json).unchanged == 1)
    }

    @Test func aJSONKeyLeftOutLeavesTheValueAndANullClearsIt() throws {
        let store = try Fixture.handWritten()
        let file = try Fixture.file("o.jsonl", """
            {"id":"O1","customer_id":"C1","placed_at":"2024-02-01T12:00:00Z","total":"1234.50","status":"delivered","delivered_at":null}

            """)
        let summary = try Fixture.load(store, .orders, file)
        #expect(summary.changes.map(\.column) == ["delivered_at"])
        let o1 = try #require(try orders(store).first)
        #expect(o1["delivery_fee"] as Int64? == 30_000, "left out: kept")
        #expect(o1["delivered_at"] as Int64? == nil, "null: cleared")
    }

    @Test func aTicketWithoutPriorityKeepsItsPriorityAndDeadline() throws {
        let store = try Fixture.handWritten()
        let before = try #require(try store.ticketDetail(id: "T1")?.ticket)
        let file = try Fixture.file("t.csv", """
            id,customer_id,channel,reason,subject,created_at
            T1,C1,email,product-quality,Стул сломан,2024-02-04T09:00:00Z

            """)
        #expect(try Fixture.load(store, .tickets, file).updated == 1)
        let after = try #require(try store.ticketDetail(id: "T1")?.ticket)
        #expect(after.priority == .urgent && after.slaDueAt == before.slaDueAt && after.orderID == "O1")
        #expect(after.subject == "Стул сломан")
    }

    @Test(arguments: [
        ("orders", "id,customer_id,placed_at,total,delivery_cost,status\n", "delivery_cost: unknown column (did you mean delivery_fee?)"),
        ("customers", "id,name,phon,joined\n", "phon: unknown column (did you mean phone?)"),
        ("customers", "id,name,joined,colour\n", "colour: unknown column (customers have id, name, email, phone, region, tier, referrals, joined)"),
    ])
    func anUnknownColumnIsAnErrorThatSuggestsTheColumnMeant(kind: String, header: String, message: String) throws {
        let store = try Fixture.handWritten()
        let before = try Fixture.snapshot(store)
        let file = try Fixture.file("x.csv", header)
        let failure = try #require(throws: ImportFailure.self) { try Fixture.load(store, ImportKind(rawValue: kind)!, file) }
        #expect(failure.description == "\(file):1: \(message)")
        #expect(try Fixture.snapshot(store) == before)
    }

    @Test func anUnknownJSONKeyIsAnErrorOnItsLine() throws {
        let store = try Fixture.handWritten()
        let file = try Fixture.file("o.jsonl", """
            {"id":"O1","customer_id":"C1","placed_at":"2024-02-01","total":"1","status":"placed"}
            {"id":"O1","customer_id":"C1","placed_at":"2024-02-01","total":"1","status":"placed","deliverd_at":"2024-02-03"}

            """)
        let failure = try #require(throws: ImportFailure.self) { try Fixture.load(store, .orders, file) }
        #expect(failure.description == "\(file):2: deliverd_at: unknown column (did you mean delivered_at?)")
    }

    @Test func aDryRunSaysWhatWouldChangeColumnByColumnAndWritesNothing() throws {
        let store = try Fixture.handWritten()
        let before = try Fixture.snapshot(store)
        let file = try Fixture.file("o.csv", """
            id,customer_id,placed_at,total,delivery_fee,status,delivered_at
            O1,C1,2024-02-01T12:00:00Z,1234.50,0,delivered,
            O2,C2,2024-02-05,99.90,0,shipped,2024-02-07

            """)
        let summary = try Fixture.load(store, .orders, file, dryRun: true)
        #expect(summary.updated == 2)
        #expect(summary.changes.map(\.line) == [
            "delivery_fee: 1 row changed, e.g. O1 300.00 → 0.00",
            "delivered_at: 2 rows changed, e.g. O1 2024-02-03T00:00:00Z → (empty); O2 (empty) → 2024-02-07T00:00:00Z",
            "status: 1 row changed, e.g. O2 placed → shipped",
        ])
        #expect(try Fixture.snapshot(store) == before)
    }

    @Test func theDesksStatusAndFaultAreKeptAndSaidSo() throws {
        let store = try Fixture.handWritten()
        let file = try Fixture.file("t.csv", """
            id,customer_id,order_id,channel,reason,subject,status,priority,fault,created_at
            T1,C1,O1,email,product-quality,"Стул сломан,\r\nножка треснула",closed,urgent,customer,2024-02-04T09:00:00Z
            T2,C2,,chat,delivery-delay,=1+1 late,new,normal,unknown,2024-02-06

            """)
        let summary = try Fixture.load(store, .tickets, file, dryRun: true)
        #expect(summary.unchanged == 2)
        #expect(summary.kept.map(\.line) == ["1 row: status kept (the desk's)", "1 row: fault kept (the desk's)"])
        #expect(try store.ticketDetail(id: "T1")?.ticket.status == .open)
    }

    @Test func aSemicolonFileInWindows1251IsRead() throws {
        let store = try Fixture.handWritten()
        let text = "id;name;region;joined\r\nC1;\"Пётр; Иванов\";Санкт-Петербург;2023-05-01\r\n"
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x410...0x44F: bytes.append(UInt8(scalar.value - 0x410 + 0xC0))
            case 0x451: bytes.append(0xB8)  // ё
            default: bytes.append(UInt8(scalar.value))
            }
        }
        let file = try Fixture.bytes("c.csv", bytes)
        let asUTF8 = try #require(throws: ImportFailure.self) { try Fixture.load(store, .customers, file) }
        #expect(asUTF8.description.hasSuffix("invalid UTF-8 (if the file is windows-1251, as 1C and Excel write it, say --encoding windows-1251)"))
        let source = try RowSources.open(path: file, kind: .customers, format: .csv, options: ReadOptions(encoding: .windows1251))
        #expect(try store.importRows(from: source).updated == 1)
        let c1 = try #require(try store.ticketDetail(id: "T1")?.customer)
        #expect(c1.name == "Пётр; Иванов" && c1.region == "Санкт-Петербург" && c1.email == "ivan@example.com")
    }

    @Test(arguments: [("a,b;c\n", UInt8(0x2C)), ("a;b;c,d\n", 0x3B), ("a\tb\tc\n", 0x09), ("\"a;b\",c\n", 0x2C), ("id\n", 0x2C)])
    func theSeparatorIsToldFromTheHeader(header: String, separator: UInt8) {
        #expect(CSVRowSource.delimiter(ofHeader: Array(header.utf8)) == separator)
    }

    /// A reply in the shop's file moves the complaint as a reply from the console does.
    @Test func anImportedReplyOpensANewTicket() throws {
        let store = try Fixture.handWritten()
        let before = try #require(try store.ticketDetail(id: "T2")?.ticket)
        #expect(before.status == .new)
        let file = try Fixture.file("m.csv", "ticket_id,author,body,at\nT2,agent,Уже разбираемся,2024-02-06T10:00:00Z\n")
        try Fixture.load(store, .messages, file)
        let after = try #require(try store.ticketDetail(id: "T2")?.ticket)
        #expect(after.status == .open && after.firstResponseAt == Fixture.date("2024-02-06T10:00:00Z"))
        #expect(after.version == before.version + 1)
    }
}

extension ColumnChange {
    init(column: String, rows: Int, examples: [Example]) {
        self.init(column: column)
        self.rows = rows
        self.examples = examples
    }
}

/// Extreme values: refused at the door, and none stored can make a ticket unopenable.
@Suite struct ExtremeValueTests {
    @Test func anAmountAboveTheMaximumIsRefusedWithItsLine() throws {
        let store = try Fixture.handWritten()
        let file = try Fixture.file("o.csv", "id,customer_id,placed_at,total,status\nO9,C1,2024-02-01,92233720368547758.07,placed\n")
        let failure = try #require(throws: ImportFailure.self) { try Fixture.load(store, .orders, file) }
        #expect(failure.description == "\(file):2: total: amount 92233720368547758.07 is above the most a file may hold (1000000000.00)")
    }

    @Test func hugeStoredTotalsStillOpenTheTicket() throws {
        let store = try Fixture.handWritten()
        try store.pool.write { db in
            try db.execute(sql: #"UPDATE "order" SET total = 9223372036854775807, status = 'delivered'"#)
        }
        let detail = try #require(try store.ticketDetail(id: "T1"))
        #expect(detail.lifetimeValue.minor > 0)
    }

    @Test func aStoreWrittenByANewerCdeskIsRefusedBeforeAnyWrite() throws {
        let path = Fixtures.temporaryPath("newer")
        let store = try Store(path: path)
        try store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        let stamp = try store.changeStamp()
        #expect(throws: StoreError.newerStore(path: path)) { try Store(path: path) }
        #expect(try store.changeStamp() == stamp)
    }
}
