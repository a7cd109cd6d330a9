import DeskCore
import DeskTestSupport
import Foundation
import Testing

@Suite struct RecoveryTests {
    /// One customer with a complaint resolved `daysAgo` days before Fixtures.now.
    func storeWithResolvedComplaint(daysAgo: Double) throws -> Store {
        let store = try Fixtures.smallStore()
        let version = try #require(try store.ticketDetail(id: "T1")).ticket.version
        try store.resolve(ticketID: "T1", expectedVersion: version, resolution: .compensated, satisfaction: nil, agent: "olga",
                          at: Fixtures.now.addingTimeInterval(-daysAgo * 86_400))
        return store
    }

    func order(_ id: String, daysAgo: Double) -> Order {
        Order(id: id, customerID: "C01", placedAt: Fixtures.now.addingTimeInterval(-daysAgo * 86_400), total: Money(minor: 150_000),
              deliveryFee: Money(minor: 0), status: .placed, deliveredAt: nil)
    }

    @Test func anOrderAfterTheResolutionMarksItRecovered() throws {
        let store = try storeWithResolvedComplaint(daysAgo: 10)
        #expect(try store.ticketDetail(id: "T1")?.recovery?.state == .atRisk)
        try store.add(RecordBatch(orders: [order("O-before", daysAgo: 20)]), agent: "shop")
        #expect(try store.sweepRecovery(windowDays: 90, agent: "cdesk", now: Fixtures.now) == (0, 0))
        try store.add(RecordBatch(orders: [order("O-after", daysAgo: 2)]), agent: "shop")
        #expect(try store.sweepRecovery(windowDays: 90, agent: "cdesk", now: Fixtures.now) == (1, 0))
        #expect(try store.ticketDetail(id: "T1")?.recovery?.state == .recovered)
    }

    @Test func theWindowPassingWithNoOrderMarksItLost() throws {
        let store = try storeWithResolvedComplaint(daysAgo: 91)
        #expect(try store.sweepRecovery(windowDays: 120, agent: "cdesk", now: Fixtures.now) == (0, 0))
        #expect(try store.sweepRecovery(windowDays: 90, agent: "cdesk", now: Fixtures.now) == (0, 1))
        #expect(try store.ticketDetail(id: "T1")?.recovery?.state == .lost)
    }

    /// After the first sweep, one reads only what changed since; it still finds a window
    /// that ended since, and a complaint an agent put back under follow-up.
    @Test func aLaterSweepFindsWhatChangedSinceTheMark() throws {
        let store = try storeWithResolvedComplaint(daysAgo: 89)
        #expect(try store.sweepRecovery(windowDays: 90, agent: "cdesk", now: Fixtures.now) == (0, 0))
        let twoDaysOn = Fixtures.now.addingTimeInterval(2 * 86_400)
        #expect(try store.sweepRecovery(windowDays: 90, agent: "cdesk", now: twoDaysOn) == (0, 1), "its window ended since")
        #expect(try store.ticketDetail(id: "T1")?.recovery?.state == .lost)
        let version = try #require(try store.ticketDetail(id: "T1")).ticket.version
        try store.setRecovery(ticketID: "T1", expectedVersion: version, state: .atRisk, followUpOn: nil, agent: "olga",
                              at: twoDaysOn)
        let threeDaysOn = Fixtures.now.addingTimeInterval(3 * 86_400)
        #expect(try store.sweepRecovery(windowDays: 90, agent: "cdesk", now: threeDaysOn) == (0, 1), "changed by hand since")
        #expect(try store.sweepRecovery(windowDays: 90, agent: "cdesk", now: threeDaysOn) == (0, 0))
    }

    @Test func followUpsDueView() throws {
        let store = try storeWithResolvedComplaint(daysAgo: 3)
        let version = try #require(try store.ticketDetail(id: "T1")).ticket.version
        let q = QueueQuery(view: .followUps, agent: "olga", dueBefore: Fixtures.now)
        try store.setRecovery(ticketID: "T1", expectedVersion: version, state: .contacted,
                              followUpOn: Fixtures.now.addingTimeInterval(86_400), agent: "olga", at: Fixtures.now)
        #expect(try store.queueCount(q) == 0, "not due yet")
        try store.setRecovery(ticketID: "T1", expectedVersion: version + 1, state: .offered,
                              followUpOn: Fixtures.now.addingTimeInterval(-86_400), agent: "olga", at: Fixtures.now)
        #expect(try store.queuePage(q, from: nil, direction: .forward, limit: 10).map(\.id) == ["T1"])
    }
}
