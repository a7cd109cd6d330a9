import Foundation
import GRDB

/// Received mail: each message is one IMMEDIATE transaction that writes the thread, the
/// mail record, its attachments and an audit event, or nothing. The rules (machine mail,
/// threading, reason) are in DeskCore/Mail; this file is their SQL.
extension Store {
    /// Takes one parsed message into the store. A Message-ID stored already changes nothing.
    public func receive(_ mail: ParsedMail, options: MailIntakeOptions) throws -> MailIntakeResult {
        try pool.writeWithoutTransaction { db in
            var result: MailIntakeResult?
            try db.inTransaction(.immediate) {
                let writer = MailWriter(db, options: options)
                result = try writer.receive(mail)
                try writer.search.write(db)
                return .commit
            }
            return result!
        }
    }

    /// The signer of the desk's own Message-IDs, with the store's secret (made on first use).
    public func mailIdentity() throws -> MailIdentity {
        try pool.write { db in try MailWriter.identity(db) }
    }

    /// Whether `error` says the store stayed locked by another writer past the wait (the
    /// mail server should try again later).
    public static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// The mail record of a Message-ID: its ticket, direction, kind and state (tests, and
    /// later the outbox's screens).
    public func mailRecord(messageID: String) throws -> MailRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM mail_message WHERE message_id = ?", arguments: [messageID]).map { row in
                MailRecord(messageID: row["message_id"], direction: row["direction"], kind: row["kind"], ticketID: row["ticket_id"],
                           state: row["state"], stateReason: row["state_reason"])
            }
        }
    }

    /// The attachments kept for a ticket, oldest first.
    public func mailAttachments(ticketID: String) throws -> [StoredAttachment] {
        try pool.read { db in try Self.attachments(db, ticketID: ticketID) }
    }

    static func attachments(_ db: Database, ticketID: String) throws -> [StoredAttachment] {
        try Row.fetchAll(db, sql: """
            SELECT id, message_id, name, type, size, data IS NOT NULL AS kept, note FROM mail_attachment
            WHERE ticket_id = ? ORDER BY id
            """, arguments: [ticketID]).map { row in
            StoredAttachment(id: row["id"], messageID: row["message_id"], name: row["name"], type: row["type"],
                             size: row["size"], isKept: row["kept"], note: row["note"])
        }
    }

    /// One attachment's content (nil: none kept).
    public func mailAttachmentData(id: Int64) throws -> Data? {
        try pool.read { db in try Data.fetchOne(db, sql: "SELECT data FROM mail_attachment WHERE id = ?", arguments: [id]) }
    }
}

public struct MailRecord: Equatable, Sendable {
    public var messageID: String
    public var direction: String
    public var kind: String
    public var ticketID: String?
    public var state: String
    public var stateReason: String?
}

public struct StoredAttachment: Equatable, Sendable {
    public var id: Int64
    public var messageID: String
    public var name: String
    public var type: String
    public var size: Int
    /// Whether the content is in the store (over the size limit it is not).
    public var isKept: Bool
    public var note: String?
}

/// The writes of one received message, inside its transaction.
private struct MailWriter {
    let db: Database
    let options: MailIntakeOptions
    /// The search-index text of what this message adds, written at the end of the
    /// transaction (`PendingSearch`).
    let search = PendingSearch()
    var now: Int64 { options.now.seconds }

    init(_ db: Database, options: MailIntakeOptions) {
        self.db = db
        self.options = options
    }

    static func identity(_ db: Database) throws -> MailIdentity {
        if let hex = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'mail.secret'") {
            return MailIdentity(secret: MailIdentity.secretBytes(hex: hex))
        }
        let hex = MailIdentity.newSecret()
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('mail.secret', ?)", arguments: [hex])
        return MailIdentity(secret: MailIdentity.secretBytes(hex: hex))
    }

    private func run(_ sql: String, _ arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    private func value<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, _ sql: String,
                                                                                 _ arguments: StatementArguments = []) throws -> T? {
        try T.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    private func row(_ sql: String, _ arguments: StatementArguments) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func receive(_ mail: ParsedMail) throws -> MailIntakeResult {
        if try value(Int.self, "SELECT 1 FROM mail_message WHERE message_id = ?", [mail.messageID]) != nil {
            return .duplicate(messageID: mail.messageID)
        }
        switch MachineMail.classify(mail) {
        case .human:
            return try takeHuman(mail)
        case let .automatic(why):
            guard let ticket = try referencedTicket(mail.answeredIDs) else { return try drop(mail, kind: "auto-reply", why: why) }
            let note = SystemNote.autoReply(why: why, from: mail.from?.address ?? "?", rest: "\(mail.subject)\n\n\(mail.text)").stored
            let added = try addMessage(ticket: ticket, author: .system, body: note, quoted: nil, isInternal: true)
            try record(mail, kind: "auto-reply", ticket: ticket, messageRow: added, state: "taken")
            try saveAttachments(mail, ticket: ticket)
            try touch(ticket, action: "mail-auto-reply", values: ["message_id": mail.messageID, "why": why])
            return .attached(ticketID: ticket, why: why)
        case .bounce:
            return try takeBounce(mail)
        }
    }

    // MARK: - A person's mail

    private func takeHuman(_ mail: ParsedMail) throws -> MailIntakeResult {
        let referenced = try referencedTicket(mail.answeredIDs)
        var tagged: (ticketID: String, customerEmail: String?)?
        if referenced == nil, let tag = SubjectTag.ticketID(in: mail.subject),
           let row = try row("""
               SELECT t.id, c.email FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE t.id = ?
               """, [tag]) {
            tagged = (row[0], row[1])
        }
        switch MailRoute.decide(referenced: referenced, tagged: tagged, from: mail.from) {
        case let .join(ticketID):
            return try join(mail, ticketID: ticketID)
        case .open:
            return try open(mail)
        }
    }

    private func join(_ mail: ParsedMail, ticketID: String) throws -> MailIntakeResult {
        guard let status = try value(String.self, "SELECT status FROM ticket WHERE id = ?", [ticketID]) else {
            throw StoreError.notFound(what: "ticket", id: ticketID)
        }
        let added = try addMessage(ticket: ticketID, author: .customer, body: mail.text, quoted: mail.quoted, isInternal: false)
        try record(mail, kind: "mail", ticket: ticketID, messageRow: added, state: "taken")
        try saveAttachments(mail, ticket: ticketID)
        let reopened = status == TicketStatus.resolved.rawValue || status == TicketStatus.closed.rawValue
        if reopened {
            // As `reopen` does: the outcome and the win-back are withdrawn (the log keeps them).
            let outcome = try row("SELECT resolution, satisfaction FROM outcome WHERE ticket_id = ?", [ticketID])
            try run("UPDATE ticket SET status = 'open', resolved_at = NULL WHERE id = ?", [ticketID])
            try run("DELETE FROM outcome WHERE ticket_id = ?", [ticketID])
            try run("DELETE FROM recovery WHERE ticket_id = ?", [ticketID])
            try AuditLog.append(db, agent: options.agent, entity: "ticket", entityID: ticketID, action: "reopen",
                                old: ["status": status, "resolution": outcome?["resolution"] ?? "",
                                      "satisfaction": (outcome?["satisfaction"] as Int?).map(String.init) ?? ""],
                                new: ["status": "open", "by": "mail <\(mail.messageID)>"], at: options.now)
        } else if status == TicketStatus.waiting.rawValue {
            try run("UPDATE ticket SET status = 'open' WHERE id = ?", [ticketID])
        }
        try markContacted(customerOf: ticketID)
        try touch(ticketID, action: "mail-in", values: ["message_id": mail.messageID, "from": mail.from?.address ?? ""])
        return .joined(ticketID: ticketID, reopened: reopened)
    }

    private func open(_ mail: ParsedMail) throws -> MailIntakeResult {
        guard let from = mail.from else { throw StoreError.noSender }
        var newCustomer = false
        let customerID: String
        let tier: String
        if let row = try row("""
            SELECT id, tier FROM customer WHERE email = ? COLLATE NOCASE ORDER BY joined_at LIMIT 1
            """, [from.address]) {
            customerID = row[0]
            tier = row[1]
        } else {
            customerID = try freeID(prefix: "C", after: value(Int64.self, "SELECT max(rowid) FROM customer", []) ?? 0,
                                    width: 6, table: "customer")
            tier = Tier.regular.rawValue
            let local = from.address.split(separator: "@").first.map(String.init) ?? from.address
            let name = (mail.from?.name?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0 } ?? local
            try run("INSERT INTO customer (id, name, email, tier, joined_at) VALUES (?,?,?,?,?)",
                    [customerID, name, from.normalized, tier, now])
            newCustomer = true
        }
        let seq = (try value(Int64.self, "SELECT max(seq) FROM ticket", []) ?? 0) + 1
        let ticketID = try freeID(prefix: "", after: seq + 9_999, width: 0, table: "ticket")
        let subject = mail.subject.trimmingCharacters(in: .whitespaces).isEmpty ? "(no subject)" : mail.subject
        let reason = options.keywords.guess(subject: subject, text: mail.text)
        let created = options.now
        try run("""
            INSERT INTO ticket (seq, id, customer_id, channel, reason, subject, status, priority, created_at, sla_due_at,
                                first_due_at, updated_at, tier)
            VALUES (?,?,?,'email',?,?,'new','normal',?,?,?,?,?)
            """, [seq, ticketID, customerID, reason.rawValue, subject, now,
                  options.sla.resolutionDue(created: created, priority: .normal).seconds,
                  options.sla.firstResponseDue(created: created, priority: .normal).seconds, now, tier])
        let customer = try row("SELECT name, email, phone FROM customer WHERE id = ?", [customerID])
        search.open(seq: seq, subject: subject,
                    customer: SearchIndex.customer(name: customer?["name"] ?? "", email: customer?["email"], phone: customer?["phone"]))
        let added = try addMessage(ticket: ticketID, author: .customer, body: mail.text, quoted: mail.quoted, isInternal: false)
        try record(mail, kind: "mail", ticket: ticketID, messageRow: added, state: "taken")
        try saveAttachments(mail, ticket: ticketID)
        try markContacted(customerID: customerID)
        try AuditLog.append(db, agent: options.agent, entity: "ticket", entityID: ticketID, action: "mail-new", old: nil,
                            new: ["message_id": mail.messageID, "from": from.address, "customer": customerID,
                                  "new_customer": newCustomer ? "yes" : "no", "reason": reason.rawValue], at: options.now)
        return .opened(ticketID: ticketID, customerID: customerID, newCustomer: newCustomer)
    }

    /// `prefix` + the first number after `after` (zero-padded to `width`) no row of `table` has as id.
    private func freeID(prefix: String, after: Int64, width: Int, table: String) throws -> String {
        var n = after + 1
        while true {
            let digits = String(n)
            let id = prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
            if try value(Int.self, "SELECT 1 FROM \(table) WHERE id = ?", [id]) == nil { return id }
            n += 1
        }
    }

    /// Mail from a customer being won back counts as contact: their at-risk complaints become contacted.
    private func markContacted(customerOf ticketID: String) throws {
        guard let customer = try value(String.self, "SELECT customer_id FROM ticket WHERE id = ?", [ticketID]) else { return }
        try markContacted(customerID: customer)
    }

    private func markContacted(customerID: String) throws {
        try run("""
            INSERT INTO event (at, agent, entity, entity_id, action, old_value, new_value)
            SELECT ?, ?, 'recovery', ticket_id, 'contacted', json_object('state', state), json_object('state', 'contacted', 'by', 'mail')
            FROM recovery WHERE customer_id = ? AND state = 'at-risk'
            """, [now, options.agent, customerID])
        try run("UPDATE recovery SET state = 'contacted', updated_at = ? WHERE customer_id = ? AND state = 'at-risk'", [now, customerID])
    }

    // MARK: - Bounces

    private func takeBounce(_ mail: ParsedMail) throws -> MailIntakeResult {
        let report = mail.deliveryReport ?? DeliveryReport(originalMessageID: nil, recipients: [])
        let about = report.originalMessageID.map { [$0] } ?? []
        guard let ticket = try referencedTicket(about + mail.answeredIDs) else {
            return try drop(mail, kind: "bounce", why: "a delivery report about no message of the desk (\(report.reason))")
        }
        var failedReply = false
        if report.isFailure, let original = report.originalMessageID {
            try run("""
                UPDATE mail_message SET state = 'failed', state_reason = ?, state_at = ? WHERE message_id = ? AND direction = 'out'
                """, [report.reason, now, original])
            failedReply = db.changesCount > 0
        }
        let note = SystemNote.delivery(failed: report.isFailure, reason: report.reason, about: report.originalMessageID).stored
        let added = try addMessage(ticket: ticket, author: .system, body: note, quoted: nil, isInternal: true)
        try record(mail, kind: "bounce", ticket: ticket, messageRow: added, state: "taken")
        try touch(ticket, action: "mail-bounce", values: ["message_id": mail.messageID, "about": report.originalMessageID ?? "",
                                                          "reason": report.reason])
        return .bounced(ticketID: ticket, failedReply: failedReply)
    }

    // MARK: - Shared

    /// The ticket of the first of `ids` that is the desk's own signed id (of a stored
    /// ticket) or a stored message's.
    private func referencedTicket(_ ids: [String]) throws -> String? {
        var identity: MailIdentity?
        for id in ids {
            if id.hasPrefix("cdesk.") {
                if identity == nil { identity = try Self.identity(db) }
                if let ticket = identity?.ticketID(inMessageID: id),
                   try value(Int.self, "SELECT 1 FROM ticket WHERE id = ?", [ticket]) != nil {
                    return ticket
                }
            }
            if let ticket = try value(String.self, """
                SELECT ticket_id FROM mail_message WHERE message_id = ? AND ticket_id IS NOT NULL
                """, [id]) {
                return ticket
            }
        }
        return nil
    }

    private func drop(_ mail: ParsedMail, kind: String, why: String) throws -> MailIntakeResult {
        try record(mail, kind: kind, ticket: nil, messageRow: nil, state: "dropped", reason: why)
        try AuditLog.append(db, agent: options.agent, entity: "mail", entityID: mail.messageID, action: "dropped", old: nil,
                            new: ["from": mail.from?.address ?? "", "subject": mail.subject, "why": why], at: options.now)
        return .dropped(why: why)
    }

    /// Adds a message to the thread; its text goes to the ticket's search row at the end of
    /// the transaction.
    private func addMessage(ticket: String, author: Author, body: String, quoted: String?, isInternal: Bool) throws -> Int64 {
        try run("INSERT INTO message (ticket_id, author, body, internal, at, quoted) VALUES (?,?,?,?,?,?)",
                [ticket, author.rawValue, body, isInternal, now, quoted.flatMap { $0.isEmpty ? nil : $0 }])
        let row = db.lastInsertedRowID
        if let seq = try value(Int64.self, "SELECT seq FROM ticket WHERE id = ?", [ticket]) { search.add(seq: seq, body: body) }
        return row
    }

    private func record(_ mail: ParsedMail, kind: String, ticket: String?, messageRow: Int64?, state: String,
                        reason: String? = nil) throws {
        try run("""
            INSERT INTO mail_message (message_id, direction, kind, ticket_id, message_row, from_address, to_address, subject,
                                      date_header, at, state, state_reason, state_at, in_reply_to, references_ids)
            VALUES (?,'in',?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, [mail.messageID, kind, ticket, messageRow, mail.from?.address,
                  mail.to.map(\.address).joined(separator: ", "), mail.subject, mail.date?.seconds, now, state, reason, now,
                  Self.idList(mail.inReplyTo), Self.idList(ThreadReferences.bounded(mail.references))])
    }

    /// Message-IDs as one column: space-separated (an id holds no space), nil for none.
    static func idList(_ ids: [String]) -> String? {
        let ids = ids.filter { !$0.isEmpty && !$0.contains(where: \.isWhitespace) }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    private func saveAttachments(_ mail: ParsedMail, ticket: String) throws {
        for a in mail.attachments {
            try run("INSERT INTO mail_attachment (message_id, ticket_id, name, type, size, data, note) VALUES (?,?,?,?,?,?,?)",
                    [mail.messageID, ticket, a.name, a.type, a.size, a.data,
                     a.data == nil ? "not kept: larger than [mail] max_attachment_mb" : nil])
        }
    }

    /// The ticket changed: version and time, and the event of the change.
    private func touch(_ ticketID: String, action: String, values: [String: String]) throws {
        try run("UPDATE ticket SET version = version + 1, updated_at = ? WHERE id = ?", [now, ticketID])
        try AuditLog.append(db, agent: options.agent, entity: "ticket", entityID: ticketID, action: action, old: nil,
                            new: values, at: options.now)
    }
}

extension Store {
    /// Takes a group of messages (a Maildir's) in one IMMEDIATE transaction, each message in
    /// a savepoint of its own: one that fails (a `StoreError`, such as mail without a
    /// sender) leaves no trace, the others stand, and the whole group is on disk when this
    /// returns (the commit's fsync). `body` gets the function that takes one message and
    /// calls it for each; an error `body` throws rolls back the whole group.
    ///
    /// Why a group: a transaction of its own per message wrote every page it touched (a
    /// dozen ticket indexes, the search index's new segment, the audit log) to the WAL and
    /// synced it, message after message; a group writes each hot page once. The writer's
    /// lock is held for the group, so a caller keeps groups short (a fraction of a second).
    public func receiveGroup(_ body: (_ take: (ParsedMail, MailIntakeOptions) throws -> MailIntakeResult) throws -> Void) throws {
        try pool.writeWithoutTransaction { db in
            // The commit syncs the WAL (SQLite's default, said here rather than trusted: a
            // build whose WAL default is NORMAL would let files move before their data is safe).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.inTransaction(.immediate) {
                let search = PendingSearch()
                try body { mail, options in
                    var result: MailIntakeResult?
                    let writer = MailWriter(db, options: options)
                    try db.inSavepoint {
                        result = try writer.receive(mail)
                        return .commit
                    }
                    search.merge(writer.search)
                    return result!
                }
                try search.write(db)
                return .commit
            }
        }
    }
}

extension Store {
    /// The signer of the desk's Message-IDs, inside a write (a reply being queued).
    static func outboxIdentity(_ db: Database) throws -> MailIdentity { try MailWriter.identity(db) }

    static func idList(_ ids: [String]) -> String? { MailWriter.idList(ids) }
}
