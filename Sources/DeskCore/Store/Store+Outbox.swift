import Foundation
import GRDB

/// What queuing a reply needs: the desk's address and the host its Message-IDs name.
public struct Outbox: Sendable, Equatable {
    public var from: MailAddress

    public init(from: MailAddress) { self.from = from }

    /// The outbox of `[mail]`: nil when mail is not set up (no `from`).
    public init?(_ settings: MailSettings) {
        guard settings.isSetUp, let from = settings.from.flatMap(OutgoingMail.parseAddress) else { return nil }
        self.from = from
    }

    var host: String { from.address.split(separator: "@").last.map(String.init) ?? "cdesk.invalid" }
}

/// A queued reply, with what its message needs.
public struct OutboxItem: Sendable, Equatable {
    public var messageID: String
    public var ticketID: String
    public var to: MailAddress
    public var subject: String
    public var inReplyTo: String?
    /// The thread chain, oldest first (`ThreadReferences`).
    public var references: [String]
    public var body: String
    public var queuedAt: Date
    public var tries: Int

    /// The message from `from`.
    public func mail(from: MailAddress) -> OutgoingMail {
        OutgoingMail(from: from, to: to, subject: subject, date: queuedAt, messageID: messageID, inReplyTo: inReplyTo,
                     references: references, body: body)
    }
}

/// The outbox's counts by state and its last failure.
public struct OutboxStatus: Sendable, Equatable {
    public var counts: [String: Int]
    public var lastFailure: (messageID: String, ticketID: String?, reason: String, at: Date)?

    public static func == (a: Self, b: Self) -> Bool {
        a.counts == b.counts && a.lastFailure?.messageID == b.lastFailure?.messageID && a.lastFailure?.reason == b.lastFailure?.reason
    }
}

/// A reply that will not reach its customer, and why (the send command's words, or a bounce's).
public struct FailedReply: Sendable, Equatable {
    public var messageID: String
    public var ticketID: String?
    public var to: String
    public var reason: String
    public var at: Date
}

extension Store {
    /// Queues the reply in `messageRow` when the ticket's customer has an e-mail (inside the
    /// reply's transaction).
    static func queueReply(_ db: Database, ticketID: String, messageRow: Int64, outbox: Outbox, at: Date) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT t.subject, c.email FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE t.id = ?
            """, arguments: [ticketID]),
            let email = (row["email"] as String?)?.trimmingCharacters(in: .whitespaces), !email.isEmpty else { return }
        // Their last message is the parent; its chain and id make the reply's References.
        let parent = try Row.fetchOne(db, sql: """
            SELECT message_id, in_reply_to, references_ids FROM mail_message
            WHERE ticket_id = ? AND direction = 'in' AND kind = 'mail'
            ORDER BY at DESC, rowid DESC LIMIT 1
            """, arguments: [ticketID])
        let parentID: String? = parent?["message_id"]
        let chain = parentID.map { id in
            ThreadReferences.chain(parentID: id, parentReferences: Self.ids(parent?["references_ids"]),
                                   parentInReplyTo: Self.ids(parent?["in_reply_to"]))
        } ?? []
        let identity = try outboxIdentity(db)
        let messageID = identity.messageID(ticketID: ticketID, host: outbox.host)
        try db.execute(sql: """
            INSERT INTO mail_message (message_id, direction, kind, ticket_id, message_row, from_address, to_address, subject,
                                      at, state, state_at, in_reply_to, references_ids)
            VALUES (?,'out','mail',?,?,?,?,?,?,'queued',?,?,?)
            """, arguments: [messageID, ticketID, messageRow, outbox.from.address, email,
                             replySubject(row["subject"] ?? "", ticketID: ticketID), at.seconds, at.seconds, parentID,
                             idList(chain)])
    }

    /// The ids of a space-separated column.
    static func ids(_ column: String?) -> [String] {
        column.map { $0.split(separator: " ").map(String.init) } ?? []
    }

    /// `Re: SUBJECT [#ID]`, without a second `Re:` or tag.
    static func replySubject(_ subject: String, ticketID: String) -> String {
        var s = subject.trimmingCharacters(in: .whitespaces)
        if !s.lowercased().hasPrefix("re:") { s = "Re: " + s }
        if SubjectTag.ticketID(in: s) != ticketID { s += " [#\(ticketID)]" }
        return s
    }

    /// The queued replies due at `now`, oldest first.
    public func dueMail(now: Date) throws -> [OutboxItem] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.message_id, m.ticket_id, m.to_address, c.name, m.subject, m.in_reply_to, m.references_ids, g.body, m.at, m.tries
                FROM mail_message m JOIN message g ON g.id = m.message_row
                JOIN ticket t ON t.id = m.ticket_id JOIN customer c ON c.id = t.customer_id
                WHERE m.state = 'queued' AND m.direction = 'out' AND coalesce(m.next_try_at, 0) <= ?
                    AND coalesce(m.claimed_until, 0) <= ?
                ORDER BY m.at, m.rowid
                """, arguments: [now.seconds, now.seconds]).map { row in
                OutboxItem(messageID: row["message_id"], ticketID: row["ticket_id"],
                           to: MailAddress(name: row["name"], address: row["to_address"]), subject: row["subject"],
                           inReplyTo: row["in_reply_to"],
                           // A reply queued before the chain was kept names its parent alone.
                           references: Store.ids(row["references_ids"] ?? row["in_reply_to"]), body: row["body"], queuedAt: Date(seconds: row["at"]), tries: row["tries"])
            }
        }
    }

    /// Claims a queued reply for one sender until `until`: true when this sender may hand it
    /// to the mail server, false when it is sent, failed, claimed by another sender (a
    /// console, `cdesk mail send`) whose claim has not lapsed, or (unless `ignoringBackoff`)
    /// waiting for its next try. One conditional UPDATE, so of two senders only one wins.
    public func claimMail(messageID: String, now: Date, until: Date, ignoringBackoff: Bool) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE mail_message SET claimed_until = ?
                WHERE message_id = ? AND state = 'queued' AND direction = 'out' AND coalesce(claimed_until, 0) <= ?
                    AND (? OR coalesce(next_try_at, 0) <= ?)
                """, arguments: [until.seconds, messageID, now.seconds, ignoringBackoff, now.seconds])
            return db.changesCount == 1
        }
    }

    /// How many replies wait in the outbox to be sent (due now or later).
    public func queuedMailCount() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM mail_message WHERE state = 'queued' AND direction = 'out'") ?? 0
        }
    }

    /// The reply went out.
    public func markMailSent(messageID: String, at: Date) throws {
        try setMailState(messageID, """
            UPDATE mail_message SET state = 'sent', state_reason = NULL, state_at = ?, tries = tries + 1, next_try_at = NULL,
                claimed_until = NULL WHERE message_id = ?
            """, [at.seconds, messageID])
    }

    /// The reply stays queued until `nextTry`.
    public func markMailRetry(messageID: String, reason: String, at: Date, nextTry: Date) throws {
        try setMailState(messageID, """
            UPDATE mail_message SET state_reason = ?, state_at = ?, tries = tries + 1, next_try_at = ?, claimed_until = NULL
            WHERE message_id = ?
            """, [reason, at.seconds, nextTry.seconds, messageID])
    }

    /// The reply will not be sent.
    public func markMailFailed(messageID: String, reason: String, at: Date) throws {
        try setMailState(messageID, """
            UPDATE mail_message SET state = 'failed', state_reason = ?, state_at = ?, tries = tries + 1, next_try_at = NULL,
                claimed_until = NULL WHERE message_id = ?
            """, [reason, at.seconds, messageID])
    }

    /// Changes a reply's delivery state, with an audit event: the change stamp moves, so a
    /// console showing the ticket sees it.
    private func setMailState(_ messageID: String, _ sql: String, _ arguments: StatementArguments) throws {
        try pool.write { db in
            try db.execute(sql: sql, arguments: arguments)
            guard db.changesCount > 0 else { throw StoreError.notFound(what: "mail", id: messageID) }
            let row = try Row.fetchOne(db, sql: "SELECT state, state_reason FROM mail_message WHERE message_id = ?", arguments: [messageID])
            try AuditLog.append(db, agent: "mail", entity: "mail", entityID: messageID, action: "mail-" + (row?["state"] ?? "queued"),
                                old: nil, new: ["reason": row?["state_reason"] ?? ""])
        }
    }

    /// The replies that failed, newest first, at most `limit` (the outbox status lists them).
    public func failedMail(limit: Int = 50) throws -> [FailedReply] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT message_id, ticket_id, to_address, state_reason, state_at FROM mail_message
                WHERE state = 'failed' AND direction = 'out' ORDER BY state_at DESC, rowid DESC LIMIT ?
                """, arguments: [limit]).map { row in
                FailedReply(messageID: row["message_id"], ticketID: row["ticket_id"], to: row["to_address"] ?? "",
                            reason: row["state_reason"] ?? "", at: Date(seconds: row["state_at"] ?? 0))
            }
        }
    }

    /// Counts of sent mail by state, and the last failure.
    public func outboxStatus() throws -> OutboxStatus {
        try pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) FROM mail_message WHERE direction = 'out' GROUP BY state") {
                counts[row[0]] = row[1]
            }
            let last = try Row.fetchOne(db, sql: """
                SELECT message_id, ticket_id, state_reason, state_at FROM mail_message
                WHERE direction = 'out' AND state = 'failed' ORDER BY state_at DESC, rowid DESC LIMIT 1
                """).map { row in
                (messageID: row["message_id"] as String, ticketID: row["ticket_id"] as String?,
                 reason: (row["state_reason"] as String?) ?? "", at: Date(seconds: (row["state_at"] as Int64?) ?? 0))
            }
            return OutboxStatus(counts: counts, lastFailure: last)
        }
    }
}
