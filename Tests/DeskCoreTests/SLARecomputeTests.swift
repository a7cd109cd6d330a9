import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import DeskCore

/// Changed SLA targets move the open complaints' deadlines, once, with audit events; done
/// complaints keep theirs.
@Suite struct SLARecomputeTests {
    @Test func changedTargetsMoveOpenDeadlinesOnce() throws {
        let store = try Fixture.store()
        try Fixture.load(store, .customers, try Fixture.file("c.csv", "id,name,joined\nC1,Анна,2024-01-01\n"))
        try Fixture.load(store, .tickets, try Fixture.file("t.csv", """
            id,customer_id,channel,reason,subject,status,priority,created_at,resolved_at
            T1,C1,email,other,open one,open,high,2024-02-01T09:00:00Z,
            T2,C1,email,other,new one,new,normal,2024-02-01T09:00:00Z,
            T3,C1,email,other,done,resolved,high,2024-02-01T09:00:00Z,2024-02-01T10:00:00Z

            """))
        func deadlines() throws -> [String] {
            try store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT id, first_due_at, sla_due_at FROM ticket ORDER BY id").map {
                    "\($0["id"] as String) \(ISODate.string($0["first_due_at"])) \(ISODate.string($0["sla_due_at"]))"
                }
            }
        }
        let before = try deadlines()
        // The first time, the store learns the targets its tickets were written with.
        #expect(try store.applySLA(.standard, agent: "lead") == 0)
        #expect(try store.applySLA(.standard, agent: "lead") == nil, "unchanged: nothing written")
        #expect(try deadlines() == before)

        var faster = SLAPolicy.standard
        faster.targets[.high] = .init(firstResponseHours: 2, resolutionHours: 12)
        let stamp = try store.changeStamp()
        #expect(try store.applySLA(faster, agent: "lead", at: Fixture.date("2024-02-02")) == 1)
        #expect(try deadlines() == [
            "T1 2024-02-01T11:00:00Z 2024-02-01T21:00:00Z",
            "T2 2024-02-01T17:00:00Z 2024-02-03T09:00:00Z",
            before[2],
        ], "T1 (open, high) moved; T2's normal targets did not change; T3 is done")
        let events = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT entity, entity_id, action, agent FROM event WHERE id > ? ORDER BY id", arguments: [stamp])
                .map { "\($0["entity"] as String) \($0["entity_id"] as String) \($0["action"] as String) \($0["agent"] as String)" }
        }
        #expect(events == ["ticket T1 sla-recompute lead", "policy sla sla-targets lead"])
        #expect(try store.applySLA(faster, agent: "lead") == nil)
        // The overdue view and the report read the new deadline.
        let report = try store.report(ReportOptions(now: Fixture.date("2024-02-02"), timeZone: ISODate.utc))
        #expect(report.breaches.resolution == 1 && report.breaches.worst.first { $0.ticketID == "T1" && $0.deadline == .resolution }?.due
                == ISODate.seconds("2024-02-01T21:00:00Z"))
    }
}
