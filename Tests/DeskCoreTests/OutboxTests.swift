@testable import DeskCore
import DeskTestSupport
import Foundation
import Testing

@Suite struct OutgoingMailTests {
    @Test func aReplyIsRenderedExactly() {
        let mail = OutgoingMail(
            from: MailAddress(name: "Магазин", address: "support@shop.example"),
            to: MailAddress(name: "John \"J\" Smith", address: "john@example.com"),
            subject: "Re: Chair wobbles [#T3]", date: Fixtures.now, messageID: "cdesk.T3.x@shop.example",
            inReplyTo: "abc@mail.example", references: ["abc@mail.example"],
            body: "Hello = world \nПривет\n")
        let expected = """
            From: =?utf-8?B?0JzQsNCz0LDQt9C40L0=?= <support@shop.example>
            To: "John \\"J\\" Smith" <john@example.com>
            Subject: Re: Chair wobbles [#T3]
            Date: Wed, 18 Nov 2026 11:06:40 +0000
            Message-ID: <cdesk.T3.x@shop.example>
            In-Reply-To: <abc@mail.example>
            References: <abc@mail.example>
            Auto-Submitted: no
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Hello =3D world=20
            =D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82

            """
        #expect(mail.rendered() == expected)
    }

    @Test func noHeaderCanBeInjected() {
        let mail = OutgoingMail(
            from: MailAddress(name: nil, address: "support@shop.example"),
            to: MailAddress(name: "Eve\r\nBcc: all@x.example", address: "eve@x.example\nBcc: b@x.example"),
            subject: "Hi\r\nBcc: c@x.example\u{85}", date: Fixtures.now, messageID: "id\n@x", inReplyTo: nil, references: [],
            body: "text")
        let headers = mail.rendered().components(separatedBy: "\n\n")[0].split(separator: "\n")
        #expect(!headers.contains { $0.hasPrefix("Bcc") })
        #expect(headers[1] == "To: \"Eve Bcc: all@x.example\" <eve@x.exampleBcc:b@x.example>")
        #expect(headers[2] == "Subject: Hi Bcc: c@x.example")
    }

    @Test func nonASCIISubjectsAreEncodedWordsNoCharacterSplit() {
        let subject = HeaderFolding.unstructured("Subject", "Re: Заказ задерживается уже неделю [#10987]")
        let lines = subject.components(separatedBy: "\n")
        let words = lines.map { $0.hasPrefix("Subject: ") ? String($0.dropFirst(9)) : String($0.dropFirst()) }
        #expect(words.count == 2)
        #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?utf-8?B?") && $0.hasSuffix("?=") })
        #expect(lines.allSatisfy { $0.count <= 78 })
        let decoded = words.map { String(decoding: Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))!, as: UTF8.self) }
        #expect(decoded.joined() == "Re: Заказ задерживается уже неделю [#10987]")
    }

    @Test func longLinesGetSoftBreaks() {
        let qp = OutgoingMail.quotedPrintable(String(repeating: "a", count: 80))
        #expect(qp == String(repeating: "a", count: 75) + "=\n" + "aaaaa\n")
        #expect(OutgoingMail.quotedPrintable(String(repeating: "a", count: 76)) == String(repeating: "a", count: 76) + "\n")
    }

    @Test func theFromSettingIsAnAddress() {
        #expect(OutgoingMail.parseAddress("Магазин <support@shop.example>") == MailAddress(name: "Магазин", address: "support@shop.example"))
        #expect(OutgoingMail.parseAddress("support@shop.example") == MailAddress(name: nil, address: "support@shop.example"))
        #expect(OutgoingMail.parseAddress("Магазин") == nil)
    }
}

@Suite struct OutboxTests {
    static let settings: MailSettings = {
        var s = MailSettings()
        s.from = "Магазин <support@shop.example>"
        return s
    }()

    @Test func configReadsAndPrintsTheSendingKeys() throws {
        let config = try DeskConfig.parse("""
            [mail]
            from = "Магазин <support@shop.example>"
            send_command = "msmtp -t -a shop"
            retry_hours = 12
            """, file: "c")
        #expect(config.mail.from == "Магазин <support@shop.example>" && config.mail.sendCommand == "msmtp -t -a shop"
                && config.mail.retryHours == 12)
        #expect(try DeskConfig.parse(config.toml, file: "x") == config)
        #expect(!DeskConfig.standard.mail.isSetUp && DeskConfig.standard.mail.sendCommand == "sendmail -t -oi")
        #expect(throws: ConfigError.self) { try DeskConfig.parse("[mail]\nfrom = \"nobody\"\n", file: "c") }
    }

    @Test func aReplyIsQueuedInItsTransactionNotANote() throws {
        let store = try Fixtures.smallStore()
        let outbox = try #require(Outbox(Self.settings))
        let v = try store.ticketDetail(id: "T1")!.ticket.version
        try store.addMessage(ticketID: "T1", expectedVersion: v, body: "Заметка", isInternal: true, agent: "a",
                             at: Fixtures.now, outbox: outbox)
        try store.addMessage(ticketID: "T1", expectedVersion: v + 1, body: "Отправили заново.", isInternal: false, agent: "a",
                             at: Fixtures.now, outbox: outbox)
        try store.addMessage(ticketID: "T1", expectedVersion: v + 2, body: "not mailed", isInternal: false, agent: "a",
                             at: Fixtures.now)
        let due = try store.dueMail(now: Fixtures.now)
        #expect(due.count == 1)
        let item = try #require(due.first)
        #expect(item.subject == "Re: Заказ задерживается [#T1]" && item.body == "Отправили заново.")
        #expect(item.to == MailAddress(name: "Анна Петрова", address: "c01@example.com"))
        #expect(try store.mailIdentity().ticketID(inMessageID: item.messageID) == "T1")
        #expect(item.messageID.hasSuffix("@shop.example"))
        #expect(try store.mailRecord(messageID: item.messageID)?.state == "queued")
    }

    func sendingStore() throws -> (Store, String) {
        let store = try Fixtures.smallStore()
        let v = try store.ticketDetail(id: "T1")!.ticket.version
        try store.addMessage(ticketID: "T1", expectedVersion: v, body: "Ответ", isInternal: false, agent: "a",
                             at: Fixtures.now, outbox: Outbox(Self.settings))
        return (store, try store.dueMail(now: Fixtures.now)[0].messageID)
    }

    /// A send command that keeps its stdin in `file` and exits with `status`.
    func fakeSender(status: Int, file: String) -> MailSender {
        var s = Self.settings
        s.sendCommand = "cat > '\(file)'; echo 'no such user' >&2; exit \(status)"
        return MailSender(settings: s)!
    }

    @Test func exitZeroIsSent() throws {
        let (store, id) = try sendingStore()
        let file = Scratch.path("sent.eml")
        let summary = try fakeSender(status: 0, file: file).drain(store, now: { Fixtures.now })
        #expect(summary == .init(sent: 1, queued: 0, failed: 0))
        #expect(try store.mailRecord(messageID: id)?.state == "sent")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("Message-ID: <\(id)>\n") && text.contains("To: =?utf-8?B?"))
        #expect(try store.outboxStatus().counts == ["sent": 1])
    }

    @Test func exit75StaysQueuedAndWaits() throws {
        let (store, id) = try sendingStore()
        let sender = fakeSender(status: 75, file: Scratch.path("m"))
        #expect(try sender.drain(store, now: { Fixtures.now }) == .init(sent: 0, queued: 1, failed: 0, stillQueued: 1))
        let record = try store.mailRecord(messageID: id)
        #expect(record?.state == "queued" && record?.stateReason == "no such user")
        #expect(try store.dueMail(now: Fixtures.now.addingTimeInterval(59)).isEmpty, "waits a minute")
        #expect(try sender.drain(store, now: { Fixtures.now.addingTimeInterval(60) }).queued == 1)
        #expect(try store.dueMail(now: Fixtures.now.addingTimeInterval(60 + 119)).isEmpty, "then two")
        #expect(MailSender.backoff(tries: 1) == 60 && MailSender.backoff(tries: 3) == 240 && MailSender.backoff(tries: 20) == 3600)
        let late = Fixtures.now.addingTimeInterval(48 * 3600)
        #expect(try sender.drain(store, now: { late }).failed == 1)
        #expect(try store.mailRecord(messageID: id)?.state == "failed")
        #expect(try store.outboxStatus().lastFailure?.reason == "not sent in 48 hours: no such user")
    }

    @Test func retryNowDoesNotWaitOutTheBackoff() throws {
        let (store, id) = try sendingStore()
        #expect(try fakeSender(status: 75, file: Scratch.path("m")).drain(store, now: { Fixtures.now }).queued == 1)
        let file = Scratch.path("sent.eml")
        let up = fakeSender(status: 0, file: file)
        #expect(try up.drain(store, now: { Fixtures.now.addingTimeInterval(5) }) == .init(sent: 0, queued: 0, failed: 0, stillQueued: 1),
                "waiting out its backoff: not tried, but still in the outbox")
        #expect(try up.drain(store, now: { Fixtures.now.addingTimeInterval(5) }, ignoringBackoff: true) == .init(sent: 1, queued: 0, failed: 0))
        #expect(try store.mailRecord(messageID: id)?.state == "sent" && FileManager.default.fileExists(atPath: file))
    }

    @Test func aCommandThatCannotRunStaysQueued() throws {
        let (store, id) = try sendingStore()
        var s = Self.settings
        s.sendCommand = "/nonexistent/sendmail -t"
        #expect(try MailSender(settings: s)!.drain(store, now: { Fixtures.now }).queued == 1)
        #expect(try store.mailRecord(messageID: id)?.state == "queued")
    }

    @Test func otherExitsFailWithStderr() throws {
        let (store, id) = try sendingStore()
        #expect(try fakeSender(status: 1, file: Scratch.path("m")).drain(store, now: { Fixtures.now }).failed == 1)
        let record = try store.mailRecord(messageID: id)
        #expect(record?.state == "failed" && record?.stateReason == "no such user")
        #expect(try store.dueMail(now: Fixtures.now.addingTimeInterval(86_400)).isEmpty)
    }
}
