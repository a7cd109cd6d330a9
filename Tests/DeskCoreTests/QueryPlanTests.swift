@testable import DeskCore
import DeskTestSupport
import Foundation
import GRDB
import Testing

/// Every view in every order keeps its index: SQLite's plan of each page read (forward from
/// the top, backward from a cursor), of each count and of each position, as `EXPLAIN QUERY
/// PLAN` tells it. A lost index shows here, not as a slow key at a million tickets.
@Suite struct QueryPlanTests {
    static func plan(_ store: Store, _ sql: String, _ arguments: StatementArguments) throws -> String {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                .map { $0["detail"] as String }.joined(separator: "\n")
        }
    }

    /// The index each view's page reads in each order.
    static let pageIndex: [QueueView: [QueueSort: String]] = [
        .open: [.slaDue: "ticket_queue_due", .priority: "ticket_queue_priority", .oldest: "ticket_queue_age",
                .updated: "ticket_queue_updated"],
        .mine: [.slaDue: "ticket_by_assignee", .priority: "ticket_mine_priority", .oldest: "ticket_mine_age",
                .updated: "ticket_mine_updated"],
        .unassigned: [.slaDue: "ticket_unassigned_due", .priority: "ticket_queue_priority", .oldest: "ticket_unassigned_age",
                      .updated: "ticket_unassigned_updated"],
        .overdue: [.slaDue: "ticket_queue_due", .priority: "ticket_queue_priority", .oldest: "ticket_queue_age",
                   .updated: "ticket_queue_updated"],
        .waiting: [.slaDue: "ticket_queue_due", .priority: "ticket_queue_priority", .oldest: "ticket_queue_age",
                   .updated: "ticket_queue_updated"],
        .vip: [.slaDue: "ticket_by_tier", .priority: "ticket_vip_priority", .oldest: "ticket_queue_age",
               .updated: "ticket_queue_updated"],
        .requests: [.slaDue: "approval_pending", .priority: "approval_pending", .oldest: "approval_pending",
                    .updated: "approval_pending"],
        .resolved: [.resolvedRecent: "ticket_done_resolved", .newest: "ticket_done_created"],
        .all: [.newest: "ticket_queue_created", .oldest: "ticket_queue_created", .updated: "ticket_all_updated"],
        .followUps: [.followUp: "recovery_due"],
    ]

    /// The requests to a lead (a handful) are always sorted.
    static let sortsFewRows: Set<QueueView> = [.requests]

    /// The orders' indexes that views walk for their own tickets, and the columns they test
    /// there (`v18`): a ticket that is not shown is never read from the table.
    static let walkedOrders = ["ticket_queue_priority", "ticket_queue_age", "ticket_queue_updated"]
    static let testedColumn: [QueueView: String] = [.overdue: "due_at", .vip: "tier", .unassigned: "assignee"]

    @Test func aViewWalkingAnOrdersIndexTestsItsColumnThere() throws {
        let store = try Fixtures.smallStore()
        var walks = 0
        for (view, column) in Self.testedColumn {
            for sort in view.sorts {
                let index = try #require(Self.pageIndex[view]?[sort])
                guard Self.walkedOrders.contains(index) else { continue }
                walks += 1
                let columns = try store.pool.read { db in
                    try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?)", arguments: [index])
                }
                #expect(columns.contains(column), "\(view) by \(sort) walks \(index), which lacks \(column): \(columns)")
            }
        }
        #expect(walks == 6, "overdue in three orders, VIP in two, unassigned in one")
    }

    /// The index each view's count reads (unfiltered).
    static let countIndex: [QueueView: String] = [
        .open: "ticket_facets", .mine: "ticket_by_assignee", .unassigned: "ticket_unassigned_age",
        .overdue: "ticket_queue_due", .waiting: "ticket_facets", .vip: "ticket_by_tier", .resolved: "ticket_done_resolved",
        .all: "ticket_all_updated", .followUps: "recovery_follow_up", .requests: "approval_pending",
    ]

    @Test func everyPageOfEveryViewAndOrderReadsItsIndexInOrder() throws {
        let store = try Fixtures.smallStore()
        for view in QueueView.allCases where view != .search {
            for sort in view.sorts {
                let query = QueueQuery(view: view, sort: sort, agent: "olga", now: Fixtures.now)
                let expected = try #require(Self.pageIndex[view]?[sort], "no index named for \(view) by \(sort)")
                let reads: [(String, StatementArguments)] = [
                    Store.queuePageSQL(query, from: nil, direction: .forward, limit: 40, including: false),
                    Store.queuePageSQL(query, from: QueueCursor(key: 5, seq: 5), direction: .backward, limit: 40,
                                       including: true),
                    Store.queuePositionSQL(query, of: QueueCursor(key: 5, seq: 5)),
                ]
                for (sql, arguments) in reads {
                    let plan = try Self.plan(store, sql, arguments)
                    #expect(plan.contains("INDEX \(expected) ") || plan.hasSuffix("INDEX \(expected)")
                            || plan.contains("INDEX \(expected)\n"), "\(view) by \(sort) reads \(expected):\n\(plan)")
                    let sortsFew = view == .requests || (Self.sortsFewRows.contains(view) && sort != view.defaultSort)
                    if !sortsFew {
                        #expect(!plan.contains("TEMP B-TREE FOR ORDER BY"), "\(view) by \(sort) sorts its rows:\n\(plan)")
                    }
                    #expect(!plan.contains("SCAN t\n") && !plan.hasSuffix("SCAN t"), "\(view) by \(sort) reads every ticket:\n\(plan)")
                }
            }
        }
    }

    @Test func everyViewsCountReadsAnIndex() throws {
        let store = try Fixtures.smallStore()
        for view in QueueView.allCases where view != .search {
            let (sql, arguments) = Store.queueCountSQL(QueueQuery(view: view, sort: nil, agent: "olga", now: Fixtures.now))
            let plan = try Self.plan(store, sql, arguments)
            let expected = try #require(Self.countIndex[view])
            // Mine's four indexes each hold exactly the agent's open tickets: any of them counts.
            let read = view == .mine ? ["ticket_by_assignee", "ticket_mine_priority", "ticket_mine_age", "ticket_mine_updated"]
                .contains { plan.contains("INDEX \($0) (assignee=?)") } : plan.contains("INDEX \(expected)")
            #expect(read, "the count of \(view) reads \(expected):\n\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }

    @Test func aFilteredCountReadsTheFacetsAlone() throws {
        let store = try Fixtures.smallStore()
        for view in [QueueView.open, .waiting, .all] {
            var query = QueueQuery(view: view, sort: nil, agent: "olga", now: Fixtures.now)
            query.filter = QueueFilter(reason: .deliveryDelay, channel: .email)
            let plan = try Self.plan(store, Store.queueCountSQL(query).sql, Store.queueCountSQL(query).arguments)
            #expect(plan.contains("COVERING INDEX ticket_facets"), "\(view):\n\(plan)")
        }
    }

    /// The open views' orders hold open tickets only, so resolving a ticket or adding a done
    /// one writes none of them.
    @Test func theOpenOrdersArePartial() throws {
        let store = try Fixtures.smallStore()
        let partial = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%WHERE%active = 1%'")
        }
        for index in ["ticket_queue_due", "ticket_queue_priority", "ticket_queue_age", "ticket_queue_updated", "ticket_by_tier",
                      "ticket_by_assignee"] {
            #expect(partial.contains(index), "\(index) holds every ticket")
        }
    }

    /// A sweep after the first reads only the complaints named since its mark: it finds them
    /// by their ids, never by walking every followed complaint (a million tickets' worth).
    @Test func aLaterSweepFindsTheNamedComplaintsByTheirIDs() throws {
        let store = try Fixtures.smallStore()
        for (sql, arguments) in [RecoveryRules.cameBackSQL(now: 0, windowDays: 90, among: ["T1", "T2"]),
                                 RecoveryRules.expiredSQL(now: 0, windowDays: 90, among: ["T1", "T2"])] {
            let plan = try Self.plan(store, sql, arguments)
            #expect(plan.contains("SEARCH r USING INDEX sqlite_autoindex_recovery_1 (ticket_id=?)"), "\(plan)")
        }
        // The first sweep walks the followed complaints by their state.
        let plan = try Self.plan(store, RecoveryRules.expiredSQL(now: 0, windowDays: 90, among: nil).0,
                                 RecoveryRules.expiredSQL(now: 0, windowDays: 90, among: nil).1)
        #expect(plan.contains("recovery_follow_up (state=?)"), "\(plan)")
    }
}
