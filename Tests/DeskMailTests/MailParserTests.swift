import DeskCore
import DeskMail
import DeskTestSupport
import Foundation
import Testing

/// Messages written byte by byte, each taken into a store: the text lands exactly where
/// the rules say.
@Suite struct MailReceiveTests {
    let store: Store
    let parser = MailParser(maxAttachmentBytes: 25 << 20)

    init() throws { store = try Fixtures.emptyStore() }

    private func parse(_ bytes: [UInt8]) throws -> ParsedMail {
        let path = Scratch.path("m.eml")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try parser.parse(fileAt: path)
    }

    private func parse(_ text: String) throws -> ParsedMail { try parse(Array(text.utf8)) }

    @discardableResult
    private func receive(_ mail: ParsedMail) throws -> MailIntakeResult {
        try store.receive(mail, options: MailIntakeOptions(now: Fixtures.now))
    }

    private func latin1(_ s: String) -> [UInt8] { Array(s.utf8) }

    private func encoded(_ s: String, _ encoding: String.Encoding) -> [UInt8] { Array(s.data(using: encoding)!) }

    @Test func koi8rQuotedPrintableBody() throws {
        // "Здравствуйте! Принтер сломан." in KOI8-R, quoted-printable with a soft line break.
        let qp = "=FA=C4=D2=C1=D7=D3=D4=D7=D5=CA=D4=C5! =F0=D2=C9=CE=D4=C5=D2 =D3=CC=CF=CD=C1=\n=CE."
        let mail = try parse("From: a@x.ru\nSubject: =?koi8-r?Q?=F0=D2=C9=CE=D4=C5=D2?=\nMessage-ID: <k@x>\n"
                             + "Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: quoted-printable\n\n\(qp)\n")
        #expect(mail.subject == "Принтер")
        #expect(mail.text == "Здравствуйте! Принтер сломан.")
    }

    @Test func windows1251Base64AndUndeclared8Bit() throws {
        let cp1251 = String.Encoding.windowsCP1251
        let b64 = Data(encoded("Счёт не оплачен, товар брак.", cp1251)).base64EncodedString()
        let mail = try parse("From: b@x.ru\nSubject: =?UTF-8?B?0KHRh9GR0YI=?=\nMessage-ID: <b@x>\n"
                             + "Content-Type: text/plain; charset=windows-1251\nContent-Transfer-Encoding: base64\n\n\(b64)\n")
        #expect(mail.subject == "Счёт")
        #expect(mail.text == "Счёт не оплачен, товар брак.")
        let raw = latin1("From: c@x.ru\nSubject: ") + encoded("Почта", cp1251) + latin1("\nMessage-ID: <c@x>\n"
                  + "Content-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n") + encoded("Не приходит почта.", cp1251) + [10]
        let undeclared = try parse(raw)
        #expect(undeclared.subject == "Почта")
        #expect(undeclared.text == "Не приходит почта.")
    }

    @Test func encodedWordSubjectsBAndQ() throws {
        // Two B words, the first padded: GMime 3.2.13 alone loses the second.
        let first = Data("Очень длинная ".utf8).base64EncodedString(), second = Data("тема письма".utf8).base64EncodedString()
        let b = try parse("From: d@x.ru\nSubject: =?UTF-8?B?\(first)?=\n =?UTF-8?B?\(second)?=\nMessage-ID: <d@x>\n\nx\n")
        #expect(b.subject == "Очень длинная тема письма")
        let q = try parse("From: e@x.ru\nSubject: =?windows-1251?Q?=D1=E1=F0=EE=F1_=EF=E0=F0=EE=EB=FF?=\nMessage-ID: <e@x>\n\nx\n")
        #expect(q.subject == "Сброс пароля")
    }

    @Test func alternativePrefersPlainAndHTMLOnlyBecomesText() throws {
        let alt = try parse("""
            From: f@x.ru\nMessage-ID: <f@x>\nContent-Type: multipart/alternative; boundary=B\n\n--B\n\
            Content-Type: text/plain; charset=utf-8\n\nПростой текст.\n--B\nContent-Type: text/html; charset=utf-8\n\n\
            <p>HTML</p>\n--B--\n
            """)
        #expect(alt.text == "Простой текст.")
        let html = try parse("""
            From: g@x.ru\nMessage-ID: <g@x>\nContent-Type: text/html; charset=utf-8\n\n\
            <html><head><style>p{}</style><script>x()</script></head><body><p>Добрый&nbsp;день!</p>\
            <ul><li>один</li><li>два</li></ul></body></html>\n
            """)
        #expect(html.text == "Добрый день!\n\n- один\n- два")
    }

    @Test func attachmentWithRussianRFC2231Name() throws {
        let mail = try parse("""
            From: h@x.ru\nMessage-ID: <h@x>\nContent-Type: multipart/mixed; boundary=B\n\n--B\n\
            Content-Type: text/plain; charset=utf-8\n\nСм. вложение.\n--B\nContent-Type: application/pdf\n\
            Content-Disposition: attachment; filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82.pdf\n\
            Content-Transfer-Encoding: base64\n\n\(Data("%PDF-1".utf8).base64EncodedString())\n--B--\n
            """)
        #expect(mail.text == "См. вложение.")
        #expect(mail.attachments == [MailAttachment(name: "Счёт.pdf", type: "application/pdf", size: 6, data: Data("%PDF-1".utf8))])
        guard case let .opened(ticket, _, _) = try receive(mail) else { Issue.record("not opened"); return }
        #expect(try store.mailAttachments(ticketID: ticket).map(\.name) == ["Счёт.pdf"])
    }

    @Test func replyJoinsItsTicketWithTheQuoteFolded() throws {
        guard case let .opened(ticket, _, _) = try receive(try parse("From: Анна <anna@x.ru>\nSubject: Где заказ\nMessage-ID: <1@x>\n\nЗаказ задерживается.\n")) else {
            Issue.record("not opened"); return
        }
        let reply = try parse("From: ANNA@x.ru\nSubject: Re: Где заказ\nMessage-ID: <2@x>\nIn-Reply-To: <1@x>\n\n"
                              + "Всё ещё жду.\n\nAnna написал(а):\n> Заказ задерживается.\n")
        #expect(try receive(reply) == .joined(ticketID: ticket, reopened: false))
        let detail = try #require(try store.ticketDetail(id: ticket))
        #expect(detail.ticket.reason == .deliveryDelay)
        #expect(detail.messages.map(\.body) == ["Заказ задерживается.", "Всё ещё жду."])
        #expect(detail.messages.last?.quoted == "Anna написал(а):\n> Заказ задерживается.")
        #expect(try receive(reply) == .duplicate(messageID: "2@x"), "a repeated Message-ID changes nothing")
        #expect(try store.ticketDetail(id: ticket)?.messages.count == 2)
    }

    @Test func aTagCountsOnlyFromTheTicketsCustomer() throws {
        guard case let .opened(ticket, _, _) = try receive(try parse("From: anna@x.ru\nSubject: Брак\nMessage-ID: <t1@x>\n\nСломан.\n")) else {
            Issue.record("not opened"); return
        }
        let forged = try receive(try parse("From: evil@y.ru\nSubject: Re: [#\(ticket)]\nMessage-ID: <t2@x>\n\nМоё.\n"))
        guard case let .opened(other, _, true) = forged else { Issue.record("\(forged)"); return }
        #expect(other != ticket)
        #expect(try receive(try parse("From: Anna@X.ru\nSubject: Re: [#\(ticket)]\nMessage-ID: <t3@x>\n\nЕщё.\n"))
                == .joined(ticketID: ticket, reopened: false))
    }

    @Test func signedDeskIDsThreadAndForgedOnesDoNot() throws {
        guard case let .opened(ticket, _, _) = try receive(try parse("From: anna@x.ru\nSubject: s\nMessage-ID: <s1@x>\n\nx\n")) else {
            Issue.record("not opened"); return
        }
        let ours = try store.mailIdentity().messageID(ticketID: ticket, host: "shop.example")
        #expect(try store.mailIdentity().ticketID(inMessageID: ours) == ticket)
        #expect(try receive(try parse("From: other@x.ru\nMessage-ID: <s2@x>\nIn-Reply-To: <\(ours)>\n\ny\n"))
                == .joined(ticketID: ticket, reopened: false))
        let forged = MailIdentity(secret: Array("guess".utf8)).messageID(ticketID: ticket, host: "shop.example")
        guard case .opened = try receive(try parse("From: other@x.ru\nMessage-ID: <s3@x>\nIn-Reply-To: <\(forged)>\n\nz\n")) else {
            Issue.record("a forged id joined"); return
        }
    }

    @Test func autoReplyAndBounceNeverOpenATicket() throws {
        guard case let .opened(ticket, _, _) = try receive(try parse("From: anna@x.ru\nSubject: s\nMessage-ID: <a1@x>\n\nx\n")) else {
            Issue.record("not opened"); return
        }
        let auto = try parse("From: anna@x.ru\nSubject: Я в отпуске\nMessage-ID: <a2@x>\nIn-Reply-To: <a1@x>\n"
                             + "Auto-Submitted: auto-replied\n\nВернусь 10-го.\n")
        #expect(try receive(auto) == .attached(ticketID: ticket, why: "Auto-Submitted: auto-replied"))
        #expect(try receive(try parse("From: bot@x.ru\nMessage-ID: <a3@x>\nPrecedence: bulk\n\nРассылка.\n")) == .dropped(why: "Precedence: bulk"))
        let bounce = try parse("""
            From: MAILER-DAEMON@mx.x.ru\nMessage-ID: <a4@x>\nReturn-Path: <>\n\
            Content-Type: multipart/report; report-type=delivery-status; boundary=R\n\n--R\n\
            Content-Type: text/plain\n\nUndeliverable.\n--R\nContent-Type: message/delivery-status\n\n\
            Reporting-MTA: dns; mx.x.ru\n\nFinal-Recipient: rfc822; anna@x.ru\nAction: failed\nStatus: 5.1.1\n\
            Diagnostic-Code: smtp; 550 5.1.1 user unknown\n\n--R\nContent-Type: message/rfc822\n\n\
            From: anna@x.ru\nMessage-ID: <a1@x>\n\nx\n--R--\n
            """)
        #expect(try receive(bounce) == .bounced(ticketID: ticket, failedReply: false))
        let detail = try #require(try store.ticketDetail(id: ticket))
        #expect(detail.messages.map(\.author) == [.customer, .system, .system])
        #expect(detail.messages.last?.body == "Delivery failed: anna@x.ru: 5.1.1 (smtp; 550 5.1.1 user unknown)\n(about the message <a1@x>)")
        #expect(try store.mailRecord(messageID: "a4@x")?.kind == "bounce")
    }

    @Test func aThirtyMegabyteMessageIsCutNotLost() throws {
        var text = "From: big@x.ru\nSubject: big\nMessage-ID: <big@x>\nContent-Type: text/plain; charset=utf-8\n\n"
        text += String(repeating: "Строка длинного письма, номер такой-то.\n", count: 30 << 20 / 70)
        let mail = try parse(text)
        #expect(mail.text.hasPrefix("Строка длинного письма, номер такой-то.\n"))
        #expect(mail.text.hasSuffix("[the text goes on; the whole of it is the attachment message.txt]"))
        #expect(mail.attachments.first?.name == "message.txt")
        #expect(mail.attachments.first?.size == text.utf8.count - 89, "the whole body, headers left out")
    }

    @Test func messageIDsAreSignedWithHMACSHA256() {
        // RFC 4231 test case 2.
        let mac = SHA256Check.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(mac == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
