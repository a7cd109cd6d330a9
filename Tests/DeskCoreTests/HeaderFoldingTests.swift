@testable import DeskCore
import DeskTestSupport
import Foundation
import Testing

/// Long headers of a reply, exactly as the mail server gets them: RFC 5322 folding at 78
/// columns, RFC 2047 encoded words of at most 75 characters, the thread's References.
@Suite struct HeaderFoldingTests {
    private func reply(subject: String, to: MailAddress, references: [String]) -> OutgoingMail {
        OutgoingMail(from: MailAddress(name: "Магазин «Уютный дом» — служба заботы о покупателях", address: "support@shop.example"),
                     to: to, subject: subject, date: Fixtures.now, messageID: "cdesk.10042.n.m@shop.example",
                     inReplyTo: references.last, references: references, body: "Ответ\n")
    }

    private func headers(_ mail: OutgoingMail) -> String { mail.rendered().components(separatedBy: "\n\n")[0] }

    @Test func aLongRussianSubjectAndNameAreFoldedEncodedWords() {
        let mail = reply(subject: "Re: Заказ №100500 задерживается уже вторую неделю, а курьер не берёт трубку [#10042]",
                         to: MailAddress(name: "Анна Петрова", address: "anna@mail.example"),
                         references: ["root@mail.example", "cdesk.10042.a.b@shop.example", "second@mail.example"])
        let expected = """
            From: =?utf-8?B?0JzQsNCz0LDQt9C40L0gwqvQo9GO0YLQvdGL0Lkg0LTQvtC8wrsg4oCUINGB?=
             =?utf-8?B?0LvRg9C20LHQsCDQt9Cw0LHQvtGC0Ysg0L4g0L/QvtC60YPQv9Cw0YLQtdC7?=
             =?utf-8?B?0Y/RhQ==?= <support@shop.example>
            To: =?utf-8?B?0JDQvdC90LAg0J/QtdGC0YDQvtCy0LA=?= <anna@mail.example>
            Subject: =?utf-8?B?UmU6INCX0LDQutCw0Lcg4oSWMTAwNTAwINC30LDQtNC10YDQttC40LI=?=
             =?utf-8?B?0LDQtdGC0YHRjyDRg9C20LUg0LLRgtC+0YDRg9GOINC90LXQtNC10LvRjiwg?=
             =?utf-8?B?0LAg0LrRg9GA0YzQtdGAINC90LUg0LHQtdGA0ZHRgiDRgtGA0YPQsdC60YMg?=
             =?utf-8?B?WyMxMDA0Ml0=?=
            Date: Wed, 18 Nov 2026 11:06:40 +0000
            Message-ID: <cdesk.10042.n.m@shop.example>
            In-Reply-To: <second@mail.example>
            References: <root@mail.example> <cdesk.10042.a.b@shop.example>
             <second@mail.example>
            Auto-Submitted: no
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable
            """
        let text = headers(mail)
        #expect(text == expected)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 78 })
    }

    @Test func aLongASCIISubjectIsFoldedAtSpaces() {
        let mail = reply(subject: "Re: The chair I ordered on the 3rd arrived with a broken leg and a missing screw bag, please help [#10042]",
                         to: MailAddress(name: "John Smith", address: "john@example.com"), references: ["only@example.com"])
        #expect(headers(mail).split(separator: "\n").prefix(4).joined(separator: "\n") == """
            From: =?utf-8?B?0JzQsNCz0LDQt9C40L0gwqvQo9GO0YLQvdGL0Lkg0LTQvtC8wrsg4oCUINGB?=
             =?utf-8?B?0LvRg9C20LHQsCDQt9Cw0LHQvtGC0Ysg0L4g0L/QvtC60YPQv9Cw0YLQtdC7?=
             =?utf-8?B?0Y/RhQ==?= <support@shop.example>
            To: "John Smith" <john@example.com>
            """)
        #expect(headers(mail).contains("""
            Subject: Re: The chair I ordered on the 3rd arrived with a broken leg and a
             missing screw bag, please help [#10042]
            Date:
            """))
    }

    @Test func aWordTooLongForALineIsEncodedAndNoLinePasses78() {
        let url = "https://shop.example/orders/100500/tracking?session=" + String(repeating: "x", count: 1500)
        let mail = reply(subject: "Re: " + url, to: MailAddress(name: String(repeating: "Long Name ", count: 10), address: "l@example.com"),
                         references: [String(repeating: "y", count: 1200) + "@spam.example", "ok@example.com"])
        let lines = headers(mail).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 78 }, "\(lines.filter { $0.count > 78 })")
        #expect(!lines.contains { $0.contains("yyyy") }, "an id too long for a line is left out")
        #expect(lines.contains("References: <ok@example.com>") && lines.contains("In-Reply-To: <ok@example.com>"))
    }

    @Test func plainTextThatLooksLikeAnEncodedWordIsEncoded() {
        let line = HeaderFolding.unstructured("Subject", "=?utf-8?B?0JHRgNCw0Lo=?=")
        #expect(line.hasPrefix("Subject: =?utf-8?B?") && !line.contains("0JHRgNCw0Lo"))
    }

    @Test func theChainIsTheParentsReferencesAndItsIDBounded() {
        #expect(ThreadReferences.chain(parentID: "p", parentReferences: ["a", "b"], parentInReplyTo: ["b"]) == ["a", "b", "p"])
        #expect(ThreadReferences.chain(parentID: "p", parentReferences: [], parentInReplyTo: ["b"]) == ["b", "p"])
        #expect(ThreadReferences.chain(parentID: "p", parentReferences: [], parentInReplyTo: ["b", "c"]) == ["p"])
        #expect(ThreadReferences.chain(parentID: "p", parentReferences: ["a", "p", "a"], parentInReplyTo: []) == ["a", "p"])
        let long = (1...30).map { "m\($0)" }
        let chain = ThreadReferences.chain(parentID: "p", parentReferences: long, parentInReplyTo: [])
        #expect(chain == ["m1"] + (13...30).map { "m\($0)" } + ["p"])
        #expect(chain.count == ThreadReferences.limit)
    }
}
