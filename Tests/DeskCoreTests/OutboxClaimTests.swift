@testable import DeskCore
import DeskTestSupport
import Foundation
import GRDB
import Testing

/// Two senders at once (two consoles, a console and `cdesk mail send` from cron) never send
/// one reply twice, and what came of a send is recorded however long the store stays busy.
@Suite struct OutboxClaimTests {
    /// A store file with one queued reply, and the reply's Message-ID.
    func queuedReply(waiting: TimeInterval = 5) throws -> (Store, String) {
        let path = Fixtures.temporaryPath("outbox-claim")
        let store = try Fixtures.oneTicketStore(at: path)
        try store.addMessage(ticketID: "T1", expectedVersion: 1, body: "Ответ", isInternal: false, agent: "olga",
                             at: Fixtures.now, outbox: Outbox(OutboxTests.settings))
        return (try Store(path: path, waiting: waiting), try store.dueMail(now: Fixtures.now)[0].messageID)
    }

    var sender: MailSender { MailSender(settings: OutboxTests.settings)! }

    /// The second sender drains while the first is handing the reply over: it finds the reply
    /// claimed and leaves it, so the customer gets it once.
    @Test func aReplyBeingSentByOneSenderIsNotSentByAnother() throws {
        let (first, id) = try queuedReply()
        let second = try Store(path: first.path)
        var handedOver: [String] = []
        var secondSummary: MailSender.Summary?
        let summary = try sender.drain(first, now: { Fixtures.now }, send: { message in
            handedOver.append(message)
            secondSummary = try? sender.drain(second, now: { Fixtures.now.addingTimeInterval(1) }, send: { message in
                handedOver.append(message)
                return .sent
            })
            return .sent
        })
        #expect(handedOver.count == 1, "the reply went to the mail server \(handedOver.count) times")
        #expect(summary.sent == 1 && secondSummary?.sent == 0)
        #expect(try first.mailRecord(messageID: id)?.state == "sent")
        // Both listed it as due before either claimed it: the store lets one have it.
        let (a, listed) = try queuedReply()
        let b = try Store(path: a.path)
        let claimUntil = Fixtures.now.addingTimeInterval(MailSender.claimSeconds)
        #expect(try a.dueMail(now: Fixtures.now).map(\.messageID) == [listed] && b.dueMail(now: Fixtures.now).map(\.messageID) == [listed])
        #expect(try a.claimMail(messageID: listed, now: Fixtures.now, until: claimUntil, ignoringBackoff: false))
        #expect(try !b.claimMail(messageID: listed, now: Fixtures.now, until: claimUntil, ignoringBackoff: false))
        #expect(try !b.claimMail(messageID: listed, now: Fixtures.now, until: claimUntil, ignoringBackoff: true))
        // Nor does --retry-now take a reply another sender has.
        let (third, _) = try queuedReply()
        #expect(try third.claimMail(messageID: third.dueMail(now: Fixtures.now)[0].messageID, now: Fixtures.now,
                                    until: Fixtures.now.addingTimeInterval(600), ignoringBackoff: false))
        #expect(try sender.drain(third, now: { Fixtures.now }, ignoringBackoff: true, send: { _ in .sent }).sent == 0)
    }

    /// A sender that stopped mid-send (a console that quit, a killed cron job) leaves the reply
    /// queued; once its claim lapses the next sender sends it.
    @Test func aClaimThatLapsesIsSentByTheNextSender() throws {
        let (store, id) = try queuedReply()
        #expect(try store.claimMail(messageID: id, now: Fixtures.now, until: Fixtures.now.addingTimeInterval(MailSender.claimSeconds),
                                    ignoringBackoff: false))
        #expect(try store.mailRecord(messageID: id)?.state == "queued")
        #expect(try store.queuedMailCount() == 1)
        let soon = try sender.drain(store, now: { Fixtures.now.addingTimeInterval(MailSender.claimSeconds - 1) }, send: { _ in .sent })
        #expect(soon == .init(sent: 0, queued: 0, failed: 0, stillQueued: 1))
        let later = try sender.drain(store, now: { Fixtures.now.addingTimeInterval(MailSender.claimSeconds) }, send: { _ in .sent })
        #expect(later == .init(sent: 1, queued: 0, failed: 0, stillQueued: 0))
        #expect(try store.mailRecord(messageID: id)?.state == "sent")
    }

    /// Another process takes the write lock while the reply is being handed over (an import):
    /// the reply went out, and that is recorded once the store is free, not lost (which
    /// would send it again).
    @Test func aSentReplyIsRecordedThoughTheStoreIsBusy() throws {
        let (store, id) = try queuedReply(waiting: 0.05)
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: store.path, configuration: config)
        defer { try? holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        var busyTries: [Int] = []
        let summary = try sender.drain(store, now: { Fixtures.now }, onBusy: { tries in
            busyTries.append(tries)
            if tries == 2 { try? holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        }, send: { _ in
            try? holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            return .sent
        })
        #expect(busyTries == [1, 2], "tried while busy, and recorded once free")
        #expect(summary.sent == 1)
        #expect(try store.mailRecord(messageID: id)?.state == "sent")
        #expect(try store.dueMail(now: Fixtures.now.addingTimeInterval(86_400)).isEmpty)
    }

    /// The message waits for the send command in a file only its user may read.
    @Test func theMessageFileIsPrivate() throws {
        let (store, _) = try queuedReply()
        let mode = Scratch.path("mode")
        var settings = OutboxTests.settings
        settings.sendCommand = "stat -L -c %a /dev/stdin > '\(mode)'"
        #expect(try MailSender(settings: settings)!.drain(store, now: { Fixtures.now }).sent == 1)
        #expect(try String(contentsOfFile: mode, encoding: .utf8) == "600\n")
    }
}
