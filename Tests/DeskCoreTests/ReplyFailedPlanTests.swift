@testable import DeskCore
import DeskTestSupport
import Foundation
import GRDB
import Testing

/// The queue's `✗` (a reply that could not be sent) is one look-up per row drawn, in the
/// index of a ticket's mail. Measured on 2026-12-04 with sqlite3 3.40 on the shared 2-core
/// machine, on a demo store's 1,500 tickets copied by SQL to 1,000,500 with 580,000 mail rows:
/// a page of Open, All or Resolved under 1 ms with it and without, Open under a filter 7–8 ms
/// either way, and Mine by priority (6,000 rows sorted) 17–19 ms either way, so it needs no
/// column of its own.
@Suite struct ReplyFailedPlanTests {
    @Test func theFailedReplyMarkIsALookUpInTheTicketsMailIndex() throws {
        let store = try Fixtures.smallStore()
        for view in [QueueView.open, .mine, .all, .resolved] {
            let query = QueueQuery(view: view, sort: view.sorts[0], agent: "olga", now: Fixtures.now)
            let (sql, arguments) = Store.queuePageSQL(query, from: nil, direction: .forward, limit: 40, including: false)
            let plan = try QueryPlanTests.plan(store, sql, arguments)
            #expect(plan.contains("SEARCH m USING INDEX mail_message_by_ticket (ticket_id=?)"), "\(view): \(plan)")
            #expect(!plan.contains("SCAN m"), "\(view): \(plan)")
        }
    }
}
