import DeskCore
import DeskTestSupport
import Foundation
import Testing

/// A reply goes through real peers on loopback: `cdesk mail send` hands it to msmtp, msmtp
/// to an SMTP server (aiosmtpd); the test reads the delivered message, then feeds the
/// customer's answer to `cdesk mail receive` and finds it in the same ticket. While the
/// server is down the reply stays queued. (`MailFromTheConsoleTests` sends one from the
/// console in tmux.)
@Suite struct MailSMTPEndToEndTests {
    @Test(.enabled(if: SMTPSink.available, "needs msmtp and a Python with aiosmtpd (CDESK_TEST_PYTHON; .ci/run sets it)"))
    func aReplyReachesTheServerAndTheAnswerJoinsItsTicket() throws {
        let path = Fixtures.temporaryPath("smtp")
        let store = try Store(path: path)
        try store.add(RecordBatch(customers: [Fixtures.customer("C01", "Анна Петрова")]), agent: "test")
        let port = try SMTPSink.freePort()
        let env = ["CDESK_CONFIG": try MailCLI.config(sendCommand:
            "msmtp -t --host=127.0.0.1 --port=\(port) --auth=off --tls=off --from=support@shop.example")]

        // The complaint arrives by mail and opens a ticket for the known customer.
        let complaint = """
            From: Anna <C01@Example.com>\nTo: support@shop.example\nSubject: Заказ 100500 не пришёл\n\
            Message-ID: <complaint-1@mail.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n\
            Жду уже неделю.\n
            """
        let opened = try MailCLI.run(["mail", "receive", "--store", path, "--verbose"], stdin: complaint, environment: env)
        #expect(opened.status == 0 && opened.stdout.hasSuffix(" for customer C01\n"), "\(opened)")
        let ticket = try #require(opened.stdout.split(separator: " ").dropFirst(2).first.map(String.init))

        // An agent answers: the reply is queued in the answer's transaction.
        let reply = "Анна, простите за задержку!\nЗаказ 100500 передан курьеру, он приедет завтра до 18:00."
        let version = try #require(try store.ticketDetail(id: ticket)).ticket.version
        try store.addMessage(ticketID: ticket, expectedVersion: version, body: reply, isInternal: false, agent: "olga",
                             at: Date(), outbox: Outbox(from: MailAddress(name: "Магазин", address: "support@shop.example")))
        let queuedID = try #require(try store.dueMail(now: Date().addingTimeInterval(1)).first?.messageID)

        // The server is down: the reply stays queued, with msmtp's reason.
        let down = try MailCLI.run(["mail", "send", "--store", path], environment: env)
        #expect(down.status == 0 && down.stdout == "0 sent, 1 to try again, 0 failed\n", "\(down)")
        let waiting = try #require(try store.mailRecord(messageID: queuedID))
        #expect(waiting.state == "queued" && waiting.stateReason?.contains("Connection refused") == true, "\(waiting)")

        // Up again: the next run delivers it (--retry-now: not waiting out the backoff).
        let folder = Scratch.path("smtp-sink")
        let sink = try SMTPSink(port: port, folder: folder)
        defer { sink.stop() }
        let up = try MailCLI.run(["mail", "send", "--store", path, "--retry-now"], environment: env)
        #expect(up.status == 0 && up.stdout == "1 sent, 0 to try again, 0 failed\n", "\(up)")
        #expect(try store.mailRecord(messageID: queuedID)?.state == "sent")

        let delivered = try sink.messages()
        try #require(delivered.count == 1)
        let message = delivered[0]
        func header(_ name: String) -> String? { MailCLI.header(name, in: message) }
        #expect(header("X-Sink-Rcpt-To") == "c01@example.com", "the envelope goes to the customer")
        #expect(header("X-Sink-Mail-From") == "support@shop.example")
        #expect(header("From") == "=?utf-8?B?0JzQsNCz0LDQt9C40L0=?= <support@shop.example>")
        #expect(header("To") == "=?utf-8?B?0JDQvdC90LAg0J/QtdGC0YDQvtCy0LA=?= <c01@example.com>")
        #expect(header("Subject").map(MailCLI.decodedWords) == "Re: Заказ 100500 не пришёл [#\(ticket)]")
        #expect(header("Message-ID") == "<\(queuedID)>")
        #expect(header("In-Reply-To") == "<complaint-1@mail.example>")
        #expect(header("References") == "<complaint-1@mail.example>")
        #expect(header("Auto-Submitted") == "no")
        #expect(header("Content-Type") == "text/plain; charset=utf-8")
        #expect(header("Content-Transfer-Encoding") == "quoted-printable")
        let body = message.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
        #expect(body == OutgoingMail.quotedPrintable(reply))
        #expect(MailCLI.decodedQuotedPrintable(body) == reply + "\n")

        // The customer answers the delivered message: it joins the same ticket.
        let answer = """
            From: Анна Петрова <c01@example.com>\nTo: support@shop.example\nSubject: Re: Заказ 100500 не пришёл [#\(ticket)]\n\
            Message-ID: <answer-1@mail.example>\nIn-Reply-To: \(header("Message-ID") ?? "")\n\
            References: <complaint-1@mail.example> \(header("Message-ID") ?? "")\n\
            MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nСпасибо, жду!\n\n> Анна, простите за задержку!\n
            """
        let joined = try MailCLI.run(["mail", "receive", "--store", path, "--verbose"], stdin: answer, environment: env)
        #expect(joined.status == 0 && joined.stdout == "joined ticket \(ticket)\n", "\(joined)")
        let thread = try #require(try store.ticketDetail(id: ticket)).messages
        #expect(thread.map(\.body) == ["Жду уже неделю.", reply, "Спасибо, жду!"])
    }
}

/// The same, from the console: an agent in tmux opens the mailed complaint, writes the reply in
/// the editor, and the console hands it to msmtp in the background; the ticket says it was
/// sent, and the server has it.
@Suite struct MailFromTheConsoleTests {
    @Test(.enabled(if: SMTPSink.available && TmuxSession.available, "needs tmux, msmtp and a Python with aiosmtpd"))
    func aReplyWrittenInTheConsoleReachesTheServer() throws {
        let path = Fixtures.temporaryPath("smtp-console")
        let store = try Store(path: path)
        try store.add(RecordBatch(customers: [Fixtures.customer("C01", "Анна Петрова")]), agent: "test")
        let port = try SMTPSink.freePort()
        let config = try MailCLI.config(sendCommand:
            "msmtp -t --host=127.0.0.1 --port=\(port) --auth=off --tls=off --from=support@shop.example")
        let complaint = """
            From: Anna <c01@example.com>\nTo: support@shop.example\nSubject: Где заказ 7?\n\
            Message-ID: <complaint-7@mail.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n\
            Жду уже неделю.\n
            """
        let opened = try MailCLI.run(["mail", "receive", "--store", path, "--verbose"], stdin: complaint,
                                     environment: ["CDESK_CONFIG": config])
        #expect(opened.status == 0, "\(opened)")
        let folder = Scratch.path("smtp-sink-console")
        let sink = try SMTPSink(port: port, folder: folder)
        defer { sink.stop() }

        // The editor: replaces the template's placeholder with the answer.
        let editor = Scratch.path("editor.sh")
        try """
            #!/bin/sh
            python3 - "$1" <<'PY'
            import sys, re
            p = sys.argv[1]
            text = open(p, encoding='utf-8').read()
            text = re.sub(r'\\[[^\\]]*\\]', 'Заказ 7 приедет завтра до 18:00.', text, count=1)
            open(p, 'w', encoding='utf-8').write(text)
            PY

            """.write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        let tmux = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(path)' --agent olga",
                                   environment: ["CDESK_CONFIG": config, "EDITOR": editor, "VISUAL": ""])
        try tmux.waitFor("the queue") { $0.contains("CUSTOMER") && $0.contains("Анна Петрова") }
        try tmux.send("Enter")
        try tmux.waitFor("the ticket") { $0.contains("── Thread") }
        try tmux.send("r")
        let sent = try tmux.waitFor("the reply marked sent", timeout: 30) { $0.contains("(reply)") && $0.contains("· sent ") }
        #expect(sent.contains("reply queued to send") || sent.contains("· sent "))
        let delivered = try sink.messages()
        try #require(delivered.count == 1)
        #expect(MailCLI.header("In-Reply-To", in: delivered[0]) == "<complaint-7@mail.example>")
        #expect(MailCLI.decodedQuotedPrintable(delivered[0]).contains("Заказ 7 приедет завтра до 18:00."))
    }
}
