import DeskCore
import DeskTestSupport
import Foundation
import Testing

/// The team part of the contract (`TeamDesk`), through the protocol: roles, the shared
/// policy, and a request to a lead from asking to approval or decline.
@Suite struct TeamContractTests {
    func desk(_ maker: StoreMaker) throws -> any DeskStore {
        let store = try maker.make()
        try store.add(Fixtures.deskBatch(), agent: "test", note: "fixture")
        return store
    }

    @Test(arguments: StoreMaker.all)
    func theFirstLeadIsAnyonesToNameThenOnlyLeadsChangeTheTeamOrThePolicy(_ maker: StoreMaker) throws {
        let store = try desk(maker)
        #expect(try store.identityIsFree(), "no team kept: anyone may act as anyone")
        try store.addMember("anna", role: .lead, by: "anna", at: Fixtures.now)
        try store.addMember("olga", role: .agent, by: "anna", at: Fixtures.now)
        #expect(try !store.identityIsFree())
        #expect(try store.role(of: "olga") == .agent && store.role(of: "anna") == .lead && store.role(of: "boris") == nil)
        #expect(throws: TeamError.leadsOnly(who: "olga")) { try store.addMember("boris", role: .lead, by: "olga", at: Fixtures.now) }
        #expect(throws: TeamError.leadsOnly(who: "olga")) { try store.setSharedPolicy("x = 1", by: "olga", at: Fixtures.now) }
        #expect(try store.sharedPolicy() == nil)
        try store.setSharedPolicy("[compensation.discount]\nagent_limit = 20\n", by: "anna", at: Fixtures.now)
        #expect(try store.sharedPolicy()?.contains("agent_limit = 20") == true)
        #expect(try store.team().map(\.name) == ["anna", "olga"])
        try store.allowAnyIdentity()
        #expect(try store.identityIsFree(), "a demo store lets anyone act as anyone")
    }

    @Test(arguments: StoreMaker.all)
    func aRequestGoesToALeadWhoApprovesOrDeclinesAndTheTicketIsTold(_ maker: StoreMaker) throws {
        let store = try desk(maker)
        try store.addMember("anna", role: .lead, by: "anna", at: Fixtures.now)
        try store.addMember("olga", role: .agent, by: "anna", at: Fixtures.now)
        let version = try #require(try store.ticketDetail(id: "T2")).ticket.version
        let id = try store.requestApproval(ticketID: "T2", expectedVersion: version, gift: Playbook.Gift(.discount, 30),
                                           reason: "third time the parcel was lost", agent: "olga", at: Fixtures.now)
        #expect(throws: TeamError.requestPending(ticketID: "T2")) {
            try store.requestApproval(ticketID: "T2", expectedVersion: version + 1, gift: Playbook.Gift(.bonus, 900),
                                      reason: "again", agent: "olga", at: Fixtures.now)
        }
        #expect(try store.pendingRequests().map(\.id) == [id])
        #expect(try store.pendingRequest(ticketID: "T2")?.reason == "third time the parcel was lost")
        #expect(throws: TeamError.leadsOnly(who: "olga")) { try store.decide(requestID: id, approve: true, lead: "olga", at: Fixtures.now) }
        let given = try #require(try store.decide(requestID: id, approve: true, lead: "anna", at: Fixtures.now).given)
        #expect(given.kind == .discount && given.value == 30 && given.agent == "anna" && given.promoCode != nil)
        #expect(try store.pendingRequests().isEmpty)
        let detail = try #require(try store.ticketDetail(id: "T2"))
        #expect(detail.compensations.contains { $0.id == given.id })
        #expect(detail.messages.contains { $0.author == .system && $0.body.contains("anna approved discount 30 for olga") })
        #expect(throws: TeamError.noPendingRequest(id: id)) { try store.decide(requestID: id, approve: false, lead: "anna", at: Fixtures.now) }

        let v2 = try #require(try store.ticketDetail(id: "T1")).ticket.version
        let second = try store.requestApproval(ticketID: "T1", expectedVersion: v2, gift: Playbook.Gift(.bonus, 2000),
                                               reason: "VIP", agent: "olga", at: Fixtures.now)
        #expect(try store.decide(requestID: second, approve: false, lead: "anna", at: Fixtures.now).given == nil)
        let declined = try #require(try store.ticketDetail(id: "T1"))
        #expect(!declined.compensations.contains { $0.kind == .bonus && $0.value == 2000 })
        #expect(declined.messages.contains { $0.body.contains("anna declined bonus 2000 asked by olga") })
    }
}
