import DeskCore
import DeskTestSupport
import Foundation
import Testing

/// One implementation of the store, made fresh and empty for each test.
struct StoreMaker: CustomStringConvertible, Sendable {
    let description: String
    let make: @Sendable () throws -> any DeskStore

    /// Every implementation the contract is checked on: a second backend adds itself here
    /// and runs the same tests unchanged.
    static let all = [StoreMaker(description: "sqlite") { try Store(path: Fixtures.temporaryPath("contract")) }]
}

/// The store's contract (`DeskStore`), checked through the protocol alone: no SQL, no file.
/// Tests that need SQLite's insides (query plans, the search index's rows) live elsewhere.
@Suite struct StoreContractTests {
    func desk(_ maker: StoreMaker) throws -> any DeskStore {
        let store = try maker.make()
        #expect(try store.isEmpty())
        try store.add(Fixtures.deskBatch(), agent: "test", note: "fixture")
        #expect(try !store.isEmpty())
        return store
    }

    @Test(arguments: StoreMaker.all)
    func aChangeCarriesTheVersionAndAnotherAgentsChangeRefusesIt(_ maker: StoreMaker) throws {
        let store = try desk(maker)
        let stamp = try store.changeStamp()
        let before = try #require(try store.ticketDetail(id: "T2")).ticket
        try store.take(ticketID: "T2", expectedVersion: before.version, agent: "olga", at: Fixtures.now)
        let after = try #require(try store.ticketDetail(id: "T2")).ticket
        #expect(after.version == before.version + 1 && after.assignee == "olga")
        #expect(try store.changeStamp() > stamp, "every change moves the stamp")
        #expect(throws: StoreError.self) {
            try store.setFault(ticketID: "T2", expectedVersion: before.version, fault: .shop, agent: "boris", at: Fixtures.now)
        }
        #expect(try store.ticketDetail(id: "T2")?.ticket.fault == .unknown, "a refused change writes nothing")
        #expect(try store.ticketDetail(id: "nope") == nil)
    }

    /// A screen's threads read at once are each ticket's thread as its detail gives it.
    @Test(arguments: StoreMaker.all)
    func threadsReadTogetherAreEachTicketsThread(_ maker: StoreMaker) throws {
        let store = try desk(maker)
        let ids = ["T1", "T2", "T3", "T4", "nope"]
        let threads = try store.messages(ofTickets: ids)
        var withMessages = 0
        for id in ids {
            let thread = try store.ticketDetail(id: id)?.messages ?? []
            withMessages += thread.isEmpty ? 0 : 1
            #expect(threads[id]?.map(\.body) == (thread.isEmpty ? nil : thread.map(\.body)), "\(id)")
            #expect(threads[id]?.map(\.author) == (thread.isEmpty ? nil : thread.map(\.author)), "\(id)")
        }
        #expect(withMessages >= 2, "the fixture has threads to compare")
        #expect(try store.messages(ofTickets: []).isEmpty)
    }

    @Test(arguments: StoreMaker.all)
    func queuePagesFollowTheirOrderWithoutOverlapAndCount(_ maker: StoreMaker) throws {
        let store = try desk(maker)
        let all = QueueQuery(view: .all, agent: "olga", now: Fixtures.now)
        #expect(try store.queueCount(all) == 9)
        let first = try store.queuePage(all, from: nil, direction: .forward, limit: 4)
        let next = try store.queuePage(all, from: first.last?.cursor, direction: .forward, limit: 10)
        #expect(first.count == 4 && next.count == 5)
        #expect(Set(first.map(\.id)).isDisjoint(with: next.map(\.id)))
        let end = try store.queuePage(all, from: nil, direction: .backward, limit: 2)
        #expect(end.map(\.id) == next.suffix(2).map(\.id), "the end read backward is the same rows, in queue order")
        #expect(try store.queuePosition(all, of: next[0].cursor) == 4)
        let open = QueueQuery(view: .open, agent: "olga", now: Fixtures.now)
        #expect(try store.queuePage(open, from: nil, direction: .forward, limit: 20).map(\.id) == ["T1", "T2", "T5", "T3", "T4"],
                "the open view in SLA order")
        #expect(try store.queueCount(QueueQuery(view: .resolved, agent: "olga", now: Fixtures.now)) == 4,
                "resolved and closed are done")
    }

    @Test(arguments: StoreMaker.all)
    func resolveReopenAndRestorePutEverythingBack(_ maker: StoreMaker) throws {
        let store = try desk(maker)
        let t2 = try #require(try store.ticketDetail(id: "T2")).ticket
        let open = try store.resolve(ticketID: "T2", expectedVersion: t2.version, resolution: .explained, satisfaction: 4,
                                     agent: "olga", at: Fixtures.now)
        #expect(open.status == t2.status && open.outcome == nil)
        let resolved = try #require(try store.ticketDetail(id: "T2"))
        #expect(resolved.outcome?.satisfaction == 4 && resolved.outcome?.agent == "olga" && resolved.recovery?.state == .atRisk)
        #expect(throws: StoreError.self) {
            try store.resolve(ticketID: "T2", expectedVersion: resolved.ticket.version, resolution: .explained,
                              satisfaction: nil, agent: "olga", at: Fixtures.now)
        }
        let done = try store.reopen(ticketID: "T2", expectedVersion: resolved.ticket.version, agent: "olga", at: Fixtures.now)
        try store.restore(done, ticketID: "T2", expectedVersion: resolved.ticket.version + 1, agent: "olga", at: Fixtures.now)
        let back = try #require(try store.ticketDetail(id: "T2"))
        #expect(back.ticket.status == .resolved && back.ticket.resolvedAt == resolved.ticket.resolvedAt)
        #expect(back.outcome == resolved.outcome && back.recovery == resolved.recovery)
    }

    @Test(arguments: StoreMaker.all)
    func compensationsGetCodesAndAreRevokedNotDeleted(_ maker: StoreMaker) throws {
        let store = try desk(maker)
        let given = try store.giveCompensations(ticketID: "T3", expectedVersion: 1,
                                                gifts: [Playbook.Gift(.discount, 10), Playbook.Gift(.apology)],
                                                agent: "olga", at: Fixtures.now)
        #expect(given.count == 2 && given[0].promoCode != nil && given[1].promoCode == nil)
        try store.revokeCompensations(ids: given.compactMap(\.id), ticketID: "T3", expectedVersion: 2, agent: "olga", at: Fixtures.now)
        let states = try #require(try store.ticketDetail(id: "T3")).compensations.filter { $0.ticketID == "T3" }.map(\.state)
        #expect(states == [.revoked, .revoked])
    }

    @Test(arguments: StoreMaker.all)
    func winBackFollowsOnlyADoneComplaint(_ maker: StoreMaker) throws {
        let store = try desk(maker)
        #expect(throws: StoreError.self) {
            try store.setRecovery(ticketID: "T2", expectedVersion: 1, state: .contacted, followUpOn: nil, agent: "olga", at: Fixtures.now)
        }
        let t8 = try #require(try store.ticketDetail(id: "T8")).ticket
        let before = try store.setRecovery(ticketID: "T8", expectedVersion: t8.version, state: .lost, followUpOn: nil,
                                           agent: "olga", at: Fixtures.now)
        #expect(before.recovery?.state == .recovered)
        #expect(try store.ticketDetail(id: "T8")?.recovery?.state == .lost)
    }

    @Test(arguments: StoreMaker.all)
    func messagesNameTheirAgentAndAReplyAnswers(_ maker: StoreMaker) throws {
        let store = try desk(maker)
        try store.addMessage(ticketID: "T3", expectedVersion: 1, body: "We are on it.", isInternal: false, agent: "olga",
                             at: Fixtures.now)
        let t3 = try #require(try store.ticketDetail(id: "T3"))
        #expect(t3.messages.last?.agent == "olga" && t3.messages.last?.isInternal == false)
        #expect(t3.ticket.firstResponseAt == Fixtures.now && t3.ticket.status == .open, "a new complaint answered is open")
    }

    @Test(arguments: StoreMaker.all)
    func exportAndReportCountTheSameDoneCases(_ maker: StoreMaker) throws {
        let store = try desk(maker)
        let path = Scratch.path("contract-export.csv")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let exported = try store.exportCases(ExportFilter(), format: .csv, to: handle)
        try handle.close()
        #expect(exported == 4)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 5, "a header and one line a case")
        let report = try store.report()
        #expect(report.complaints == 9)
        #expect(!store.isStore(path) && store.isStore(Fixtures.temporaryPath("x")) == false)
    }
}
