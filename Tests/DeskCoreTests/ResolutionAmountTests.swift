import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import DeskCore

/// Refunds and replacements carry an amount: typed (`refunded 1500`) or imported
/// (`resolution_amount`), and exported in `compensation_value`.
@Suite struct ResolutionAmountTests {
    @Test func theWordsOfAResolution() {
        func parsed(_ text: String) -> ResolutionEntry? { try? ResolutionEntry.parse(text).get() }
        #expect(parsed("refunded 1500") == ResolutionEntry(resolution: .refunded, amount: Money(minor: 150_000)))
        #expect(parsed("Refunded 1500,50 4") == ResolutionEntry(resolution: .refunded, amount: Money(minor: 150_050), satisfaction: 4))
        #expect(parsed("replaced 2990₽") == ResolutionEntry(resolution: .replaced, amount: Money(minor: 299_000)))
        #expect(parsed("refunded 5") == ResolutionEntry(resolution: .refunded, amount: Money(minor: 500)), "an amount first")
        #expect(parsed("refunded") == ResolutionEntry(resolution: .refunded))
        #expect(parsed("compensated 5") == ResolutionEntry(resolution: .compensated, satisfaction: 5))
        #expect(parsed("explained") == ResolutionEntry(resolution: .explained))
        #expect(ResolutionEntry.parse("refunded -3") == .failure(.badAmount("-3")))
        #expect(ResolutionEntry.parse("refunded 1e3") == .failure(.badAmount("1e3")))
        #expect(ResolutionEntry.parse("refunded 1 500") == .failure(.badSatisfaction("500")))
        #expect(ResolutionEntry.parse("refunded 99999999999") == .failure(.amountTooLarge("99999999999")))
        #expect(ResolutionEntry.parse("compensated 1500") == .failure(.badSatisfaction("1500")))
        #expect(ResolutionEntry.parse("explained 4 x") == .failure(.tooManyWords("explained 4 x")))
        #expect(ResolutionEntry.parse("paid") == .failure(.unknownResolution("paid")))
        #expect(ResolutionEntry.parse("  ") == .failure(.unknownResolution("  ")))
    }

    static let customers = "id,name,joined\nC1,Анна,2024-01-01\n"

    @Test func anImportedRefundIsExportedWithItsAmount() throws {
        let store = try Fixture.store()
        try Fixture.load(store, .customers, try Fixture.file("c.csv", Self.customers))
        try Fixture.load(store, .tickets, try Fixture.file("t.csv", """
            id,customer_id,channel,reason,subject,status,created_at,resolved_at,resolution,resolution_amount,satisfaction
            T1,C1,email,wrong-item,one,closed,2024-02-01T09:00:00Z,2024-02-02T09:00:00Z,refunded,1500,4
            T2,C1,email,wrong-item,two,resolved,2024-02-01T09:00:00Z,2024-02-03T09:00:00Z,replaced,2990.50,
            T3,C1,email,other,three,closed,2024-02-01T09:00:00Z,,explained,,2
            T4,C1,email,other,four,open,2024-02-01T09:00:00Z,,,,

            """))
        var rows: [String: ExportCase] = [:]
        try store.exportCases(ExportFilter()) { rows[$0.ticketID] = $0 }
        #expect(rows["T1"]?.compensationValue == Money(minor: 150_000))
        #expect(rows["T1"]?.compensationsText == "refund 1500.00")
        #expect(rows["T1"]?.resolution == "refunded" && rows["T1"]?.satisfaction == 4)
        #expect(rows["T2"]?.compensationValue == Money(minor: 299_050))
        #expect(rows["T3"]?.compensationValue == Money(minor: 0) && rows["T3"]?.resolution == "explained")
        #expect(rows["T4"] == nil)
        let report = try store.report()
        #expect(report.rated == 2 && report.satisfied == 1)
        #expect(report.compensationCost == Money(minor: 449_050))
        // The same file again changes nothing.
        let before = try Fixture.snapshot(store, withEvents: false)
        let again = try Fixture.load(store, .tickets, try Fixture.file("t2.csv", """
            id,customer_id,channel,reason,subject,status,created_at,resolved_at,resolution,resolution_amount,satisfaction
            T1,C1,email,wrong-item,one,closed,2024-02-01T09:00:00Z,2024-02-02T09:00:00Z,refunded,1500,4

            """))
        let after = try Fixture.snapshot(store, withEvents: false)
        #expect(again.unchanged == 1 && after == before)
    }

    @Test func aStoredDoneTicketLearnsItsResolutionOnceAndThenKeepsTheDesks() throws {
        let store = try Fixture.store()
        try Fixture.load(store, .customers, try Fixture.file("c.csv", Self.customers))
        let header = "id,customer_id,channel,reason,subject,status,created_at"
        try Fixture.load(store, .tickets, try Fixture.file("t.csv", "\(header)\nT1,C1,email,other,one,closed,2024-02-01\n"))
        let first = try Fixture.load(store, .tickets, try Fixture.file("t2.csv",
            "\(header),resolution,resolution_amount\nT1,C1,email,other,one,closed,2024-02-01,refunded,700\n"))
        #expect(first.updated == 1)
        #expect(first.changes.map(\.line) == ["resolution: 1 row changed, e.g. T1 (empty) → refunded"])
        let second = try Fixture.load(store, .tickets, try Fixture.file("t3.csv",
            "\(header),resolution\nT1,C1,email,other,one,closed,2024-02-01,explained\n"))
        #expect(second.unchanged == 1 && second.kept.map(\.line) == ["1 row: resolution kept (the desk's)"])
        var exported: [ExportCase] = []
        try store.exportCases(ExportFilter()) { exported.append($0) }
        #expect(exported.map(\.compensationsText) == ["refund 700.00"])
        #expect(exported.first?.compensationValue == Money(minor: 70_000))
    }

    @Test func aResolutionTheRowCannotHaveIsRefused() throws {
        let store = try Fixture.store()
        try Fixture.load(store, .customers, try Fixture.file("c.csv", Self.customers))
        let path = try Fixture.file("bad.csv", """
            id,customer_id,channel,reason,subject,status,created_at,resolution,resolution_amount,satisfaction
            T1,C1,email,other,one,open,2024-02-01,explained,,
            T2,C1,email,other,two,closed,2024-02-01,explained,100,
            T3,C1,email,other,three,closed,2024-02-01,,100,6

            """)
        #expect {
            try Fixture.load(store, .tickets, path, dryRun: true)
        } throws: { error in
            let text = "\(error)"
            return text.contains("bad.csv:2: resolution: given, but the status is open")
                && text.contains("bad.csv:3: resolution_amount: only a refunded or replaced complaint has an amount, not explained")
                && text.contains("bad.csv:4: resolution_amount: given without a resolution")
                && text.contains("bad.csv:4: satisfaction: bad satisfaction '6'")
        }
    }
}
