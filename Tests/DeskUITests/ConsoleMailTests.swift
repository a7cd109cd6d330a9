@testable import DeskCore
@testable import DeskUI
import DeskTestSupport
import Foundation
import Testing

/// The console's own sending: replies left queued before it started are sent, and quitting
/// never waits long on a mail server.
@Suite struct ConsoleMailTests {
    static func settings(sendCommand: String) -> ConsoleSettings {
        var mail = MailSettings()
        mail.from = "Магазин <support@shop.example>"
        mail.sendCommand = sendCommand
        return ConsoleSettings(outbox: Outbox(mail), mail: mail)
    }

    /// A store with a reply queued by an earlier session (the mail server was down then).
    static func storeWithQueuedReply() throws -> (Store, String) {
        let store = try Fixtures.smallStore()
        var mail = MailSettings()
        mail.from = "Магазин <support@shop.example>"
        try store.addMessage(ticketID: "T1", expectedVersion: 1, body: "Ответ", isInternal: false, agent: "olga",
                             at: Fixtures.now, outbox: Outbox(mail))
        return (store, try store.dueMail(now: Fixtures.now)[0].messageID)
    }

    @Test func aReplyQueuedBeforeTheConsoleStartedIsSent() throws {
        let (store, id) = try Self.storeWithQueuedReply()
        let sent = Scratch.path("sent.eml")
        let console = ConsoleTests.console(store, settings: Self.settings(sendCommand: "cat > '\(sent)'"))
        #expect(console.state.background.mailQueued, "the outbox holds a reply from before")
        console.poll(now: Fixtures.now.addingTimeInterval(1))
        console.settle()
        #expect(try store.mailRecord(messageID: id)?.state == "sent")
        #expect(FileManager.default.fileExists(atPath: sent))
        #expect(!console.state.background.mailQueued)
    }

    /// Quitting while the mail server takes its time: the console goes at once; the reply
    /// stays queued (claimed by this console for a while) and is sent by the next sender.
    @Test func quittingDoesNotWaitLongForTheMailServer() throws {
        let (store, id) = try Self.storeWithQueuedReply()
        let gate = Scratch.path("gate")
        #expect(mkfifo(gate, 0o600) == 0)
        let console = ConsoleTests.console(store, settings: Self.settings(sendCommand: "cat > /dev/null; read line < '\(gate)'"))
        console.poll(now: Fixtures.now.addingTimeInterval(1))
        #expect(console.backgroundPending, "the send runs")

        let quit = DispatchSemaphore(value: 0)
        // The console is touched by that thread alone until it signals.
        nonisolated(unsafe) let quitting = console
        Thread.detachNewThread {
            quitting.abandonExport(mailWait: 0.2)
            quit.signal()
        }
        // A guard, not a measure: before the wait was bounded, quitting stayed until the mail server answered.
        let returned = quit.wait(timeout: .now() + 60) == .success
        #expect(returned, "quitting waited for the mail server")
        #expect(try store.mailRecord(messageID: id)?.state == "queued", "a reply in flight stays queued")
        #expect(try store.dueMail(now: Date()).isEmpty, "claimed for now by the console that quit")

        // The mail server answers: the send that was in flight is recorded.
        let opener = FileHandle(forWritingAtPath: gate)
        opener?.write(Data("done\n".utf8))
        try? opener?.close()
        if !returned { _ = quit.wait(timeout: .now() + 60) }
        console.mailTask?.wait()
        #expect(try store.mailRecord(messageID: id)?.state == "sent")
    }
}
