import DeskCore
import DeskTestSupport
import Foundation
import Testing

/// A resolve that records a refund's amount, and its undo, are each one change: one
/// transaction, one version, one audit event; both parts are there or neither.
@Suite struct ResolveWithRefundContractTests {
    @Test(arguments: StoreMaker.all)
    func aResolveWithItsRefundIsOneChangeAndSoIsItsUndo(_ maker: StoreMaker) throws {
        let store = try maker.make()
        try store.add(Fixtures.deskBatch(), agent: "test", note: "fixture")
        let t4 = try #require(try store.ticketDetail(id: "T4")).ticket
        let stamp = try store.changeStamp()
        let refunds = { try store.ticketDetail(id: "T4")?.compensations.filter { $0.kind == .refund } ?? [] }

        // Someone else changed the ticket: refused, and no refund is left behind.
        #expect(throws: StoreError.self) {
            try store.resolve(ticketID: "T4", expectedVersion: t4.version - 1, resolution: .refunded, satisfaction: nil,
                              refund: Playbook.Gift(.refund, 150_050), agent: "olga", at: Fixtures.now)
        }
        #expect(try refunds().isEmpty)

        let resolved = try store.resolve(ticketID: "T4", expectedVersion: t4.version, resolution: .refunded, satisfaction: 4,
                                         refund: Playbook.Gift(.refund, 150_050), agent: "olga", at: Fixtures.now)
        let refund = try #require(resolved.refund)
        #expect(refund.value == 150_050 && refund.kind == .refund && refund.state == .offered)
        #expect(resolved.before.status == t4.status && resolved.before.outcome == nil)
        let after = try #require(try store.ticketDetail(id: "T4"))
        #expect(after.ticket.status == .resolved && after.outcome?.resolution == .refunded)
        #expect(try refunds().map(\.id) == [refund.id])
        #expect(after.ticket.version == t4.version + 1, "one version")
        #expect(try store.changeStamp() == stamp + 1, "one audit event")

        let undo = try #require(refund.id)
        try store.restore(resolved.before, ticketID: "T4", expectedVersion: t4.version + 1, revoking: [undo], agent: "olga",
                          at: Fixtures.now)
        let back = try #require(try store.ticketDetail(id: "T4"))
        #expect(back.ticket.status == t4.status && back.outcome == nil)
        #expect(try refunds().map(\.state) == [.revoked])
        #expect(back.ticket.version == t4.version + 2)
        #expect(try store.changeStamp() == stamp + 2)
    }
}
