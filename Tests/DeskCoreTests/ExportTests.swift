import CSV
import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import DeskCore

@Suite struct ExportTests {
    static func demoStore() throws -> Store {
        let store = try Fixture.store()
        try store.loadDemo(DemoGenerator(options: DemoOptions(seed: 7, customers: 80, tickets: 400,
                                                              now: Fixture.date("2025-06-01"))), agent: "test")
        return store
    }

    static func export(_ store: Store, _ format: ExchangeFormat, _ filter: ExportFilter = ExportFilter(),
                       splitAbove: Int = .max) throws -> String {
        let path = Scratch.path("export.\(format.rawValue)")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try store.exportCases(filter, format: format, to: handle, splitAbove: splitAbove)
        try handle.close()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Rows read back from a CSV export, as column → cell.
    static func readCSV(_ text: String) throws -> [[String: String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let header = try #require(reader.headerRow)
        var rows: [[String: String]] = []
        while let row = reader.next() { rows.append(Dictionary(uniqueKeysWithValues: zip(header, row))) }
        return rows
    }

    static func readJSONL(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// What the store says about a case, in export spelling; checks a read-back row against it.
    static func expectMatchesStore(_ store: Store, id: String, cell: (String) -> String?) throws {
        let detail = try #require(try store.ticketDetail(id: id))
        let unguard = { (s: String?) in s.map { $0.hasPrefix("'") ? String($0.dropFirst()) : $0 } }
        #expect(cell("customer_id") == detail.customer.id)
        #expect(unguard(cell("customer_name")) == detail.customer.name)
        #expect(unguard(cell("email")) == detail.customer.email)
        #expect(unguard(cell("phone")) == detail.customer.phone)
        #expect(cell("reason") == detail.ticket.reason.rawValue)
        #expect(cell("created_at") == ISODate.string(detail.ticket.createdAt.seconds))
        #expect(cell("resolved_at") == detail.ticket.resolvedAt.map { ISODate.string($0.seconds) })
        #expect(cell("resolution") == detail.outcome?.resolution.rawValue)
        #expect(cell("satisfaction") == detail.outcome?.satisfaction.map(String.init))
        #expect(cell("recovery") == detail.recovery?.state.rawValue)
        let given = detail.compensations.filter { $0.ticketID == id && ($0.state == .offered || $0.state == .accepted) }
            .sorted { ($0.at, $0.id ?? 0) < ($1.at, $1.id ?? 0) }
            .map { GivenCompensation(kind: $0.kind, value: $0.value).text }.joined(separator: "; ")
        #expect((cell("compensations") ?? "") == given)
    }

    /// A large export is written in two halves at once; the file is the same byte for byte,
    /// with or without a period.
    @Test(arguments: [ExchangeFormat.csv, .jsonl])
    func aSplitExportIsTheSameFile(format: ExchangeFormat) throws {
        let store = try Self.demoStore()
        for filter in [ExportFilter(), ExportFilter(since: Fixture.date("2025-03-01"), until: Fixture.date("2025-05-01"))] {
            let whole = try Self.export(store, format, filter)
            let split = try Self.export(store, format, filter, splitAbove: 10)
            #expect(whole.split(separator: "\n").count > 20)
            #expect(split == whole)
        }
        // And it was split: the two-part writer took it.
        let handle = try #require(FileHandle(forWritingAtPath: "/dev/null"))
        #expect(try store.exportInTwo(ExportFilter(), format: format, to: handle, splitAbove: 10) != nil)
    }

    /// Cases resolved at the same second on both sides of the split, closed ones among them
    /// (most of them, so the middle comes from those): each written once, in order.
    @Test func aSplitAmongEqualResolutionTimesKeepsEveryCaseOnce() throws {
        let store = try Fixture.store()
        var batch = RecordBatch()
        batch.customers = [Customer(id: "C1", name: "A", email: nil, phone: nil, region: nil, tier: .regular,
                                    referrals: 0, joinedAt: Fixture.date("2023-01-01"))]
        batch.tickets = (1...60).map { n in
            Ticket(id: "T\(n)", customerID: "C1", orderID: nil, channel: .email, reason: .other, subject: "s",
                   status: n % 3 == 0 ? .resolved : .closed, priority: .normal, fault: .shop, assignee: nil,
                   createdAt: Fixture.date("2024-02-01"), firstResponseAt: nil,
                   resolvedAt: Fixture.date(n <= 40 ? "2024-02-02" : "2024-02-03"), slaDueAt: Fixture.date("2024-02-05"),
                   updatedAt: Fixture.date("2024-02-02"), version: 1)
        }
        try store.pool.write { db in try BulkWriter(db).write(batch) }
        let whole = try Self.export(store, .csv)
        #expect(try Self.export(store, .csv, splitAbove: 10) == whole)
        let ids = try Self.readCSV(whole).compactMap { $0["ticket_id"] }
        #expect(ids == (1...60).map { "T\($0)" })
        let handle = try #require(FileHandle(forWritingAtPath: "/dev/null"))
        #expect(try store.exportInTwo(ExportFilter(), format: .csv, to: handle, splitAbove: 10) == 60)
    }

    /// A free delivery given from the desk records the complaint's order's delivery fee, and
    /// the export counts it.
    @Test func aFreeDeliveryGivenCountsTheOrdersFee() throws {
        let store = try Fixture.handWritten()
        var version = try #require(try store.ticketDetail(id: "T1")).ticket.version
        let given = try store.giveCompensation(ticketID: "T1", expectedVersion: version, kind: .freeDelivery, value: 0,
                                               agent: "olga")
        #expect(given.value == 30_000, "O1's delivery fee, 300.00")
        version = try #require(try store.ticketDetail(id: "T1")).ticket.version
        try store.resolve(ticketID: "T1", expectedVersion: version, resolution: .compensated, satisfaction: nil, agent: "olga")
        let row = try #require(try Self.readCSV(try Self.export(store, .csv)).first { $0["ticket_id"] == "T1" })
        #expect(row["compensations"] == "free-delivery 300.00")
        #expect(row["compensation_value"] == "300.00")
    }

    /// An export file appears whole or not at all, and never over a file it may not replace.
    @Test func anExportFileIsPutInPlaceOnlyWhenComplete() throws {
        let folder = Scratch.path("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = folder + "/cases.csv"
        let file = try ExportFile(target: target, overwrite: false)
        try file.handle.write(contentsOf: Data("a,b\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: target), "hidden until complete")
        try file.commit()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "a,b\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["cases.csv"])
        #expect(throws: ExportFile.Problem.self) { try ExportFile(target: target, overwrite: false) }
        // A file that appears at the target meanwhile is kept, the export dropped.
        let other = folder + "/late.csv"
        let late = try ExportFile(target: other, overwrite: false)
        try Data("theirs".utf8).write(to: URL(fileURLWithPath: other))
        #expect(throws: ExportFile.Problem.self) { try late.commit() }
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "theirs")
        // Dropped: nothing left. Replacing is allowed when asked.
        let dropped = try ExportFile(target: target, overwrite: true)
        dropped.discard()
        let replaced = try ExportFile(target: target, overwrite: true)
        try replaced.handle.write(contentsOf: Data("c\n".utf8))
        try replaced.commit()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "c\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["cases.csv", "late.csv"])
        // A device is written directly, and never removed.
        let null = try ExportFile(target: "/dev/null", overwrite: true)
        try null.handle.write(contentsOf: Data("x".utf8))
        try null.commit()
        #expect(FileManager.default.fileExists(atPath: "/dev/null"))
    }

    /// Any text survives a JSON Lines cell: quotes, backslashes, control characters, line
    /// and paragraph separators, Cyrillic and emoji.
    @Test func jsonStringsEscapeWhatTheyMust() throws {
        let text = "a\"b\\c\nd\re\tf\u{1}g\u{1F}h\u{2028}i\u{2029}j Ёжик 😡 \u{7F}"
        var bytes: [UInt8] = Array("[".utf8)
        JSONLinesCaseWriter.appendQuoted(text, to: &bytes)
        bytes += Array("]".utf8)
        let line = try #require(String(bytes: bytes, encoding: .utf8))
        #expect(line.contains("\\u2028") && line.contains("\\u0001") && !line.contains("\n"))
        let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String]
        #expect(parsed == [text])
    }

    @Test func csvRoundTripHoldsTheStoresCases() throws {
        let store = try Self.demoStore()
        let rows = try Self.readCSV(try Self.export(store, .csv))
        let resolved = try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE status IN ('resolved','closed')")
        }
        #expect(rows.count == resolved && rows.count > 100)
        #expect(Set(rows.map { $0["ticket_id"]! }).count == rows.count)
        for row in rows {
            try Self.expectMatchesStore(store, id: row["ticket_id"]!) { column in
                row[column].flatMap { $0.isEmpty ? nil : $0 }
            }
        }
    }

    @Test func jsonLinesRoundTripHoldsTheStoresCases() throws {
        let store = try Self.demoStore()
        let rows = try Self.readJSONL(try Self.export(store, .jsonl))
        #expect(rows.count == (try Self.readCSV(try Self.export(store, .csv))).count)
        for row in rows {
            #expect(Array(row.keys).sorted() == ExportCase.columns.sorted())
            try Self.expectMatchesStore(store, id: row["ticket_id"] as! String) { column in
                switch row[column] {
                case let s as String: s.isEmpty ? nil : s
                case let n as NSNumber: n.stringValue
                default: nil
                }
            }
        }
    }

    static func formulaStore() throws -> Store {
        let store = try Fixture.store()
        var batch = RecordBatch()
        batch.customers = [Customer(id: "-C1", name: "=HYPERLINK(\"http://evil\")", email: "@ivan@example.com",
                                    phone: "+7 912 345-67-89", region: nil, tier: .regular, referrals: 0,
                                    joinedAt: Fixture.date("2024-01-01"))]
        batch.tickets = [Ticket(id: "\tT1", customerID: "-C1", orderID: nil, channel: .email, reason: .other, subject: "s",
                                status: .resolved, priority: .normal, fault: .shop, assignee: "anna",
                                createdAt: Fixture.date("2024-02-01"), firstResponseAt: Fixture.date("2024-02-01T02:00:00Z"),
                                resolvedAt: Fixture.date("2024-02-02"), slaDueAt: Fixture.date("2024-02-03"),
                                updatedAt: Fixture.date("2024-02-02"), version: 1)]
        batch.compensations = [
            Compensation(ticketID: "\tT1", customerID: "-C1", kind: .discount, value: 10, promoCode: nil, agent: "anna",
                         at: Fixture.date("2024-02-02"), state: .accepted),
            Compensation(ticketID: "\tT1", customerID: "-C1", kind: .refund, value: 150_050, promoCode: nil, agent: "anna",
                         at: Fixture.date("2024-02-02T00:00:01Z"), state: .offered),
            Compensation(ticketID: "\tT1", customerID: "-C1", kind: .bonus, value: 500, promoCode: nil, agent: "anna",
                         at: Fixture.date("2024-02-02T00:00:02Z"), state: .declined),
            Compensation(ticketID: "\tT1", customerID: "-C1", kind: .bonus, value: 300, promoCode: nil, agent: "anna",
                         at: Fixture.date("2024-02-02T00:00:02Z"), state: .accepted),
            Compensation(ticketID: "\tT1", customerID: "-C1", kind: .freeDelivery, value: 0, promoCode: nil, agent: "anna",
                         at: Fixture.date("2024-02-02T00:00:03Z"), state: .accepted),
        ]
        batch.outcomes = [Outcome(ticketID: "\tT1", resolution: .compensated, satisfaction: 5, note: nil)]
        try store.pool.write { db in try BulkWriter(db).write(batch) }
        return store
    }

    @Test func formulaCellsAreNeutralisedAndNumbersStayNumbers() throws {
        let store = try Self.formulaStore()
        let text = try Self.export(store, .csv)
        let row = try #require(try Self.readCSV(text).first)
        #expect(row["ticket_id"] == "'\tT1")
        #expect(row["customer_id"] == "'-C1")
        #expect(row["customer_name"] == "'=HYPERLINK(\"http://evil\")")
        #expect(row["email"] == "'@ivan@example.com")
        #expect(row["phone"] == "'+7 912 345-67-89")
        #expect(row["compensations"] == "discount 10%; refund 1500.50; bonus 300; free-delivery")
        // The refund and the bonus points at 1 ₽ each; the declined bonus, the discount and
        // a free delivery without a fee cost nothing yet.
        #expect(row["compensation_value"] == "1800.50")
        #expect(row["satisfaction"] == "5")
        #expect(row["agent"] == "anna")
        #expect(text.hasSuffix("\n"))
        let json = try #require(try Self.readJSONL(try Self.export(store, .jsonl)).first)
        #expect(json["customer_name"] as? String == "=HYPERLINK(\"http://evil\")")
        #expect((json["compensation_value"] as? NSNumber)?.doubleValue == 1800.5)
        #expect((json["satisfaction"] as? NSNumber)?.intValue == 5)
    }

    @Test func redactMasksEmailAndPhone() throws {
        let store = try Self.formulaStore()
        let row = try #require(try Self.readCSV(try Self.export(store, .csv, ExportFilter(redact: true))).first)
        #expect(row["email"] == "'@***@example.com")
        #expect(row["phone"] == "'+* *** ***-**-89")
        #expect(Redaction.email("ivan@example.com") == "i***@example.com")
        #expect(Redaction.email("nobody") == "***")
        #expect(Redaction.phone("89123456789") == "*********89")
    }

    @Test func sinceAndUntilSelectByResolutionDate() throws {
        let store = try Self.formulaStore()
        #expect(try store.exportCases(ExportFilter(since: Fixture.date("2024-02-02"), until: Fixture.date("2024-02-03"))) { _ in } == 1)
        #expect(try store.exportCases(ExportFilter(since: Fixture.date("2024-02-02T00:00:01Z"))) { _ in } == 0)
        #expect(try store.exportCases(ExportFilter(until: Fixture.date("2024-02-02"))) { _ in } == 0)
    }
}
