@testable import DeskCore
import DeskTestSupport
import Foundation
import Testing

/// A Maildir's messages go into the store a group per transaction, each message in its own
/// savepoint: one refused message leaves the others standing; a group that fails leaves
/// nothing, so its files stay in new/ and are taken on the next run.
@Suite struct MailGroupTests {
    private func mail(_ id: String, from: String?) -> ParsedMail {
        var mail = ParsedMail(messageID: id)
        mail.from = from.map { MailAddress(name: nil, address: $0) }
        mail.subject = "Заказ \(id)"
        mail.text = "Где заказ?"
        return mail
    }

    @Test func aRefusedMessageLeavesTheOthersOfItsGroup() throws {
        let store = try Fixtures.emptyStore()
        var results: [Result<MailIntakeResult, StoreError>] = []
        try store.receiveGroup { take in
            for m in [mail("g1@x", from: "a@x.example"), mail("g2@x", from: nil), mail("g3@x", from: "b@x.example")] {
                do { results.append(.success(try take(m, MailIntakeOptions(now: Fixtures.now)))) } catch let e as StoreError {
                    results.append(.failure(e))
                }
            }
        }
        #expect(results.map { if case .success(.opened) = $0 { true } else { false } } == [true, false, true])
        #expect(try store.mailRecord(messageID: "g1@x") != nil && store.mailRecord(messageID: "g3@x") != nil)
        #expect(try store.mailRecord(messageID: "g2@x") == nil)
    }

    @Test func aFailedGroupLeavesNothing() throws {
        let store = try Fixtures.emptyStore()
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.receiveGroup { take in
                _ = try take(mail("h1@x", from: "a@x.example"), MailIntakeOptions(now: Fixtures.now))
                throw Stop()
            }
        }
        #expect(try store.mailRecord(messageID: "h1@x") == nil)
        #expect(try store.receive(mail("h1@x", from: "a@x.example"), options: MailIntakeOptions(now: Fixtures.now)) != .duplicate(messageID: "h1@x"))
    }

    @Test func mailIsSearchableByItsTextOpenedOrJoined() throws {
        let store = try Fixtures.emptyStore()
        var first = mail("s1@x", from: "a@x.example")
        first.text = "Ещё жду посылку"
        guard case let .opened(ticket, _, _) = try store.receive(first, options: MailIntakeOptions(now: Fixtures.now)) else {
            Issue.record("not opened"); return
        }
        var second = mail("s2@x", from: "a@x.example")
        second.inReplyTo = ["s1@x"]
        second.text = "Курьер так и не позвонил"
        #expect(try store.receive(second, options: MailIntakeOptions(now: Fixtures.now)) == .joined(ticketID: ticket, reopened: false))
        for word in ["еще", "посылку", "курьер", "позвонил"] {
            #expect(try SearchIndexTests.search(word, in: store) == [ticket], "\(word)")
        }
    }
}
