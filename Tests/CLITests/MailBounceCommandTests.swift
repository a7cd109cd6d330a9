import DeskCore
import DeskTestSupport
import Foundation
import Testing

/// A reply sent through the real send path, then bounced: the delivery report that quotes
/// its Message-ID marks it failed, with the reason, on its ticket, and `cdesk mail status`
/// lists it.
@Suite struct MailBounceCommandTests {
    @Test func aBounceOfASentReplyMarksItFailed() throws {
        let (path, store, queuedID) = try MailCLI.storeWithQueuedReply()
        let sent = Scratch.path("sent.eml")
        let env = ["CDESK_CONFIG": try MailCLI.config(sendCommand: "cat > '\(sent)'")]
        let send = try MailCLI.run(["mail", "send", "--store", path], environment: env)
        #expect(send.status == 0 && send.stdout == "1 sent, 0 to try again, 0 failed\n", "\(send)")
        let message = try String(contentsOfFile: sent, encoding: .utf8)
        let messageID = try #require(MailCLI.header("Message-ID", in: message))
        #expect(messageID == "<\(queuedID)>")
        #expect(try store.mailRecord(messageID: queuedID)?.state == "sent")

        let report = """
            From: Mail Delivery System <MAILER-DAEMON@mx.mail.example>
            To: support@shop.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <dsn-1@mx.mail.example>
            Return-Path: <>
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"

            --B
            Content-Type: text/plain

            I'm sorry to have to inform you that your message could not be delivered.
            --B
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.mail.example

            Final-Recipient: rfc822; c01@example.com
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <c01@example.com>: mailbox unavailable\u{1B}[31m

            --B
            Content-Type: text/rfc822-headers

            From: support@shop.example
            To: c01@example.com
            Subject: Re: s [#T1]
            Message-ID: \(messageID)

            --B--

            """
        let taken = try MailCLI.run(["mail", "receive", "--store", path, "--verbose"], stdin: report, environment: env)
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(taken.stdout == "bounce attached to ticket T1; the reply is marked failed\n")

        let record = try #require(try store.mailRecord(messageID: queuedID))
        let reason = "c01@example.com: 5.1.1 (smtp; 550 5.1.1 <c01@example.com>: mailbox unavailable\u{1B}[31m)"
        #expect(record.state == "failed" && record.stateReason == reason)
        let note = try #require(try store.ticketDetail(id: "T1")?.messages.last)
        #expect(note.author == .system && note.isInternal)
        #expect(note.body == "Delivery failed: \(reason)\n(about the message <\(queuedID)>)")

        let status = try MailCLI.run(["mail", "status", "--store", path], environment: env)
        let lines = status.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "queued 0, sent 0, failed 1")
        #expect(lines.count == 3 && lines[1] == "failed replies, newest first:")
        #expect(lines.last?.hasPrefix("  ticket T1  20") == true)
        #expect(lines.last?.hasSuffix("  to c01@example.com: c01@example.com: 5.1.1 (smtp; 550 5.1.1 <c01@example.com>: mailbox unavailable␛[31m)") == true,
                "\(status.stdout)")
        #expect(!status.stdout.contains("\u{1B}"), "control characters never reach the terminal")
    }
}
