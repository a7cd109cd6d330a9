import Foundation
import Testing
@testable import DeskCore

@Suite struct ReportTests {
    static let day0 = Fixture.date("2024-03-01")
    static func at(_ hours: Int) -> Date { day0.addingTimeInterval(TimeInterval(hours * 3600)) }

    static func ticket(_ id: String, _ reason: Reason, _ channel: Channel, created: Date = day0, first: Int?,
                       resolved: Int?) -> Ticket {
        Ticket(id: id, customerID: "C1", orderID: nil, channel: channel, reason: reason, subject: "s",
               status: resolved == nil ? .open : .resolved, priority: .normal, fault: .shop, assignee: nil,
               createdAt: created, firstResponseAt: first.map(at), resolvedAt: resolved.map(at), slaDueAt: at(48),
               firstResponseDueAt: created.addingTimeInterval(2 * 3600), updatedAt: created, version: 1)
    }

    /// Four complaints in March and one in April, with figures worked out by hand below.
    static func store() throws -> Store {
        let store = try Fixture.store()
        var batch = RecordBatch()
        batch.customers = [Customer(id: "C1", name: "A", email: nil, phone: nil, region: nil, tier: .regular,
                                    referrals: 0, joinedAt: Fixture.date("2023-01-01"))]
        batch.tickets = [
            ticket("T1", .service, .email, first: 1, resolved: 10),
            ticket("T2", .service, .chat, first: 3, resolved: 60),
            ticket("T3", .misuse, .email, first: 2, resolved: nil),
            ticket("T4", .other, .email, first: nil, resolved: nil),
            ticket("T5", .wrongItem, .sms, created: Fixture.date("2024-04-10"), first: 1, resolved: 2),
        ]
        func comp(_ t: String, _ kind: CompensationKind, _ value: Int64, _ state: CompensationState) -> Compensation {
            Compensation(ticketID: t, customerID: "C1", kind: kind, value: value, promoCode: nil, agent: "a",
                         at: at(5), state: state)
        }
        batch.compensations = [comp("T1", .discount, 10, .accepted), comp("T2", .refund, 100_000, .offered),
                               comp("T2", .bonus, 500, .declined), comp("T5", .refund, 7, .accepted)]
        batch.outcomes = [Outcome(ticketID: "T1", resolution: .compensated, satisfaction: 5, note: nil),
                          Outcome(ticketID: "T2", resolution: .refunded, satisfaction: 2, note: nil),
                          Outcome(ticketID: "T4", resolution: .explained, satisfaction: 4, note: nil),
                          Outcome(ticketID: "T5", resolution: .replaced, satisfaction: 1, note: nil)]
        func rec(_ t: String, _ state: RecoveryState) -> Recovery {
            Recovery(ticketID: t, customerID: "C1", state: state, followUpOn: nil, updatedAt: at(70))
        }
        batch.recoveries = [rec("T1", .recovered), rec("T2", .lost), rec("T4", .recovered), rec("T5", .lost)]
        try store.pool.write { db in try BulkWriter(db).write(batch) }
        return store
    }

    @Test func figuresOfMarchEqualHandComputedValues() throws {
        let report = try Self.store().report(ReportOptions(since: Fixture.date("2024-03-01"), until: Fixture.date("2024-04-01"),
                                                            basis: .created))
        #expect(report.complaints == 4)
        #expect(report.byReason == [.init(name: "service", count: 2), .init(name: "misuse", count: 1),
                                    .init(name: "other", count: 1)])
        #expect(report.byChannel == [.init(name: "email", count: 3), .init(name: "chat", count: 1)])
        #expect(report.recovered == 2 && report.lost == 1)
        #expect(report.recoveryRate == 2.0 / 3.0)
        #expect(report.compensations == [.init(kind: .discount, count: 1, total: 10),
                                         .init(kind: .refund, count: 1, total: 100_000)])
        #expect(report.compensations.map { $0.value() } == ["avg 10.0%", "1 000 ₽"])
        #expect(report.compensations.map { $0.value(currency: "€") } == ["avg 10.0%", "1 000 €"], "the shop's currency")
        // First responses 1h, 2h, 3h: the median is the 2nd, p90 (nearest rank ⌈2.7⌉) the 3rd;
        // two came within the 2h target.
        #expect(report.firstResponse == .init(count: 3, median: 7200, p90: 10_800, withinSLA: 2))
        // Resolutions 10h, 60h: the median of two is their mean, 35h; p90 the 2nd; only the
        // first within the 48h SLA.
        #expect(report.resolution == .init(count: 2, median: 126_000, p90: 216_000, withinSLA: 1))
        #expect(report.rated == 3 && report.satisfied == 2)
        let table = report.table()
        #expect(table.contains("Recovery rate      66.7%  (2 recovered, 1 lost, 2 undecided)  benchmark 60%: at or above"))
        #expect(table.contains("First response     median 2h 0m, p90 3h 0m  (3 answered, 66.7% within SLA, below the 90% target)"))
        #expect(table.contains("Resolution         median 1d 11h, p90 2d 12h  (2 resolved, 50.0% within SLA, below the 90% target)"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect((json["recovery"] as? [String: Any])?["rate"] as? Double == 0.6667)
        #expect(json["complaints"] as? Int == 4)
        #expect((json["first_response"] as? [String: Any])?["within_sla"] as? Int == 2)
        #expect((json["resolution"] as? [String: Any])?["median_seconds"] as? Int == 126_000)
    }

    @Test func allTimeCountsEveryComplaint() throws {
        let report = try Self.store().report()
        #expect(report.complaints == 5)
        #expect(report.recovered == 2 && report.lost == 2)
        #expect(report.recoveryRate == 0.5)
        #expect(report.table().contains("benchmark 60%: below"))
        #expect(report.compensations.first { $0.kind == .refund }?.total == 100_007)
    }

    @Test func anEmptyStoreHasNoRates() throws {
        let report = try Fixture.store().report()
        #expect(report.complaints == 0 && report.recoveryRate == nil && report.firstResponse.median == nil)
        #expect(report.table().contains("Recovery rate      -"))
    }
}
