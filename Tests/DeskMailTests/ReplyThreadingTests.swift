@testable import DeskCore
import DeskMail
import DeskTestSupport
import Foundation
import Testing

/// A reply continues the customer's thread: References is their message's chain and its
/// id, In-Reply-To their last message; what the desk writes, its own parser reads back.
@Suite struct ReplyThreadingTests {
    let store: Store
    let parser = MailParser(maxAttachmentBytes: 25 << 20)
    static let outbox = Outbox(from: MailAddress(name: "Магазин", address: "support@shop.example"))

    init() throws { store = try Fixtures.emptyStore() }

    private func take(_ text: String, at: Date = Fixtures.now) throws -> MailIntakeResult {
        let path = Scratch.path("m.eml")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try store.receive(try parser.parse(fileAt: path), options: MailIntakeOptions(now: at))
    }

    private func reply(_ ticket: String, _ body: String) throws -> OutboxItem {
        let v = try #require(try store.ticketDetail(id: ticket)).ticket.version
        try store.addMessage(ticketID: ticket, expectedVersion: v, body: body, isInternal: false, agent: "olga",
                             at: Fixtures.now, outbox: Self.outbox)
        return try #require(try store.dueMail(now: Fixtures.now.addingTimeInterval(3600)).last)
    }

    @Test func theReplyNamesTheWholeChainAndTheLastMessage() throws {
        let subject = "Заказ №100500 задерживается уже вторую неделю, а курьер не берёт трубку"
        guard case let .opened(ticket, _, _) = try take("""
            From: Анна <anna@mail.example>\nSubject: \(subject)\nMessage-ID: <first@mail.example>\n\
            Content-Type: text/plain; charset=utf-8\n\nГде заказ?\n
            """) else { Issue.record("not opened"); return }
        let first = try reply(ticket, "Проверяем.")
        #expect(first.inReplyTo == "first@mail.example" && first.references == ["first@mail.example"])
        // Their answer quotes the desk's reply; its chain comes back in the next reply.
        #expect(try take("""
            From: anna@mail.example\nSubject: Re: x\nMessage-ID: <second@mail.example>\nIn-Reply-To: <\(first.messageID)>\n\
            References: <first@mail.example> <\(first.messageID)>\n\nВсё ещё жду.\n
            """, at: Fixtures.now.addingTimeInterval(60)) == .joined(ticketID: ticket, reopened: false))
        let second = try reply(ticket, "Курьер приедет завтра.")
        #expect(second.inReplyTo == "second@mail.example")
        #expect(second.references == ["first@mail.example", first.messageID, "second@mail.example"])

        let rendered = second.mail(from: Self.outbox.from).rendered()
        #expect(rendered.contains("""
            In-Reply-To: <second@mail.example>
            References: <first@mail.example>
             <\(first.messageID)>
             <second@mail.example>
            """), "\(rendered)")
        // Only a line holding one of the desk's own ids (88 characters with its name) is
        // longer than 78: an id cannot be folded.
        let headerLines = rendered.components(separatedBy: "\n\n")[0].split(separator: "\n")
        #expect(headerLines.filter { $0.count > 78 } == ["Message-ID: <\(second.messageID)>"])
        // The desk's parser reads its own message back whole.
        let path = Scratch.path("out.eml")
        try Data(rendered.utf8).write(to: URL(fileURLWithPath: path))
        let back = try parser.parse(fileAt: path)
        #expect(back.subject == "Re: \(subject) [#\(ticket)]")
        #expect(back.references == second.references && back.inReplyTo == ["second@mail.example"])
        #expect(back.from == MailAddress(name: "Магазин", address: "support@shop.example"))
        #expect(back.text == "Курьер приедет завтра.")
    }

    @Test func aChainWithoutReferencesUsesTheSingleInReplyTo() throws {
        _ = try take("From: a@mail.example\nSubject: s\nMessage-ID: <root@x>\n\nx\n")
        guard case let .opened(ticket, _, _) = try take("""
            From: b@mail.example\nSubject: s\nMessage-ID: <child@x>\nIn-Reply-To: <elsewhere@x>\n\ny\n
            """) else { Issue.record("not opened"); return }
        #expect(try reply(ticket, "ok").references == ["elsewhere@x", "child@x"])
    }
}
