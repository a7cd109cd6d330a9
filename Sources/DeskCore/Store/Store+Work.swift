import Foundation
import GRDB

/// The changes an agent makes to a ticket. Each is one IMMEDIATE transaction with one
/// audit event, and carries the ticket's version as the agent saw it: if someone else
/// changed the ticket meanwhile, the write is refused with who changed what.
extension Store {
    /// Gives several compensations at once (a playbook suggestion): all or none, one event.
    @discardableResult
    public func giveCompensations(ticketID: String, expectedVersion: Int, gifts: [Playbook.Gift], agent: String,
                                  at: Date = Date()) throws -> [Compensation] {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, ticket in
            let given = try Self.insertGifts(db, gifts, on: ticket, agent: agent, at: at)
            let summary = given.map { "\($0.kind.rawValue) \($0.value) \($0.promoCode ?? "")" }.joined(separator: "; ")
            return (given, "compensate", nil, ["given": summary])
        }
    }

    /// Records `gifts` on `ticket` (in a transaction of the caller's), each with its own promo
    /// code (an apology has none).
    static func insertGifts(_ db: Database, _ gifts: [Playbook.Gift], on ticket: Ticket, agent: String,
                            at: Date) throws -> [Compensation] {
        var given: [Compensation] = []
        var rng = SystemRandomNumberGenerator()
        // A free delivery is worth what delivery cost on the complaint's order: recorded,
        // so that exports and the report can count it.
        let fee = try ticket.orderID.flatMap {
            try Int64.fetchOne(db, sql: #"SELECT delivery_fee FROM "order" WHERE id = ?"#, arguments: [$0])
        } ?? 0
        for var gift in gifts {
            if gift.kind == .freeDelivery, gift.value == 0 { gift.value = fee }
            var code: String? = nil
            if gift.kind != .apology {
                repeat {
                    code = PromoCode.random(using: &rng)
                } while try Bool.fetchOne(db, sql: "SELECT 1 FROM compensation WHERE promo_code = ?", arguments: [code]) == true
            }
            try db.execute(sql: """
                INSERT INTO compensation (ticket_id, customer_id, kind, value, promo_code, agent, at, state)
                VALUES (?,?,?,?,?,?,?,'offered')
                """, arguments: [ticket.id, ticket.customerID, gift.kind.rawValue, gift.value, code, agent, at.seconds])
            given.append(Compensation(id: db.lastInsertedRowID, ticketID: ticket.id, customerID: ticket.customerID,
                                      kind: gift.kind, value: gift.value, promoCode: code, agent: agent, at: at,
                                      state: .offered))
        }
        return given
    }

    /// Resolves a ticket with an outcome; the complaint's recovery starts at-risk. Returns
    /// where it stood before, for an undo.
    @discardableResult
    public func resolve(ticketID: String, expectedVersion: Int, resolution: Resolution, satisfaction: Int?,
                        agent: String, at: Date = Date()) throws -> ResolutionRecord {
        try resolve(ticketID: ticketID, expectedVersion: expectedVersion, resolution: resolution, satisfaction: satisfaction,
                    refund: nil, agent: agent, at: at).before
    }

    /// Resolves a ticket, recording with it a refund's or replacement's amount (`refund`) as a
    /// compensation: one transaction, one version, one audit event, so that both are there or
    /// neither. Returns where the complaint stood before (for the undo) and the refund given.
    @discardableResult
    public func resolve(ticketID: String, expectedVersion: Int, resolution: Resolution, satisfaction: Int?,
                        refund: Playbook.Gift?, agent: String, at: Date = Date()) throws -> (before: ResolutionRecord, refund: Compensation?) {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, ticket in
            guard ticket.status.isActive else { throw StoreError.alreadyDone(ticketID: ticketID, status: ticket.status) }
            let before = try Self.resolutionRecord(db, ticket)
            let given = try refund.map { try Self.insertGifts(db, [$0], on: ticket, agent: agent, at: at)[0] }
            try db.execute(sql: "UPDATE ticket SET status = 'resolved', resolved_at = ? WHERE id = ?", arguments: [at.seconds, ticketID])
            try db.execute(sql: """
                INSERT INTO outcome (ticket_id, resolution, satisfaction, agent, at) VALUES (?,?,?,?,?)
                ON CONFLICT(ticket_id) DO UPDATE SET resolution = excluded.resolution,
                    satisfaction = excluded.satisfaction, agent = excluded.agent, at = excluded.at
                """, arguments: [ticketID, resolution.rawValue, satisfaction, agent, at.seconds])
            try db.execute(sql: """
                INSERT INTO recovery (ticket_id, customer_id, state, follow_up_on, updated_at) VALUES (?,?,'at-risk',?,?)
                ON CONFLICT(ticket_id) DO UPDATE SET state = 'at-risk', updated_at = excluded.updated_at
                """, arguments: [ticketID, ticket.customerID, at.seconds + 7 * 86_400, at.seconds])
            var new = ["status": "resolved", "resolution": resolution.rawValue, "satisfaction": satisfaction.map(String.init) ?? ""]
            if let given { new["given"] = "\(given.kind.rawValue) \(given.value) \(given.promoCode ?? "")" }
            return ((before, given), "resolve", ["status": ticket.status.rawValue], new)
        }
    }

    /// Assigns the ticket to `agent`.
    public func take(ticketID: String, expectedVersion: Int, agent: String, at: Date = Date()) throws {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, ticket in
            try db.execute(sql: "UPDATE ticket SET assignee = ?, status = CASE status WHEN 'new' THEN 'open' ELSE status END WHERE id = ?",
                           arguments: [agent, ticketID])
            return ((), "take", ["assignee": ticket.assignee ?? ""], ["assignee": agent])
        }
    }

    /// Adds an agent's reply (sent to the customer) or internal note. The first reply sets
    /// the ticket's first-response time; a new ticket becomes open.
    /// With `outbox` (mail set up), a reply to a customer with an e-mail is also queued to be
    /// sent, in the same transaction.
    public func addMessage(ticketID: String, expectedVersion: Int, body: String, isInternal: Bool, agent: String,
                           at: Date, outbox: Outbox?) throws {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, ticket in
            try db.execute(sql: "INSERT INTO message (ticket_id, author, body, internal, at, agent) VALUES (?, 'agent', ?, ?, ?, ?)",
                           arguments: [ticketID, body, isInternal, at.seconds, agent])
            if !isInternal, let outbox {
                try Self.queueReply(db, ticketID: ticketID, messageRow: db.lastInsertedRowID, outbox: outbox, at: at)
            }
            if !isInternal {
                try db.execute(sql: """
                    UPDATE ticket SET first_response_at = coalesce(first_response_at, ?),
                        status = CASE status WHEN 'new' THEN 'open' ELSE status END WHERE id = ?
                    """, arguments: [at.seconds, ticketID])
            }
            let searched = SearchIndex.folded(body)
            try db.execute(sql: "UPDATE ticket_search SET body = body || char(10) || ? WHERE rowid = (SELECT seq FROM ticket WHERE id = ?)",
                           arguments: [searched, ticketID])
            let terms = try SearchTerms.Collector(db)
            terms.add(searched)
            try terms.write(db)
            return ((), isInternal ? "note" : "reply", nil, ["chars": String(body.count)])
        }
    }

    /// Reopens a resolved or closed ticket: its outcome and recovery are withdrawn (the
    /// audit log keeps them). Returns where it stood before, for an undo.
    @discardableResult
    public func reopen(ticketID: String, expectedVersion: Int, to status: TicketStatus, agent: String,
                       at: Date) throws -> ResolutionRecord {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, ticket in
            guard !ticket.status.isActive else { throw StoreError.alreadyDone(ticketID: ticketID, status: ticket.status) }
            let before = try Self.resolutionRecord(db, ticket)
            let outcome = try Row.fetchOne(db, sql: "SELECT resolution, satisfaction FROM outcome WHERE ticket_id = ?", arguments: [ticketID])
            try db.execute(sql: "UPDATE ticket SET status = ?, resolved_at = NULL WHERE id = ?", arguments: [status.rawValue, ticketID])
            try db.execute(sql: "DELETE FROM outcome WHERE ticket_id = ?", arguments: [ticketID])
            try db.execute(sql: "DELETE FROM recovery WHERE ticket_id = ?", arguments: [ticketID])
            return (before, "reopen",
                    ["status": ticket.status.rawValue, "resolution": outcome?["resolution"] ?? "",
                     "satisfaction": (outcome?["satisfaction"] as Int?).map(String.init) ?? ""],
                    ["status": status.rawValue])
        }
    }

    /// Sets whose fault the complaint was.
    public func setFault(ticketID: String, expectedVersion: Int, fault: Fault, agent: String, at: Date = Date()) throws {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, ticket in
            try db.execute(sql: "UPDATE ticket SET fault = ? WHERE id = ?", arguments: [fault.rawValue, ticketID])
            return ((), "set-fault", ["fault": ticket.fault.rawValue], ["fault": fault.rawValue])
        }
    }

    /// Assigns the ticket to `assignee` (nil: nobody), as `agent`.
    public func assign(ticketID: String, expectedVersion: Int, to assignee: String?, status: TicketStatus? = nil, agent: String,
                       at: Date = Date()) throws {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, ticket in
            try db.execute(sql: "UPDATE ticket SET assignee = ?, status = coalesce(?, status) WHERE id = ?",
                           arguments: [assignee, status?.rawValue, ticketID])
            return ((), "assign", ["assignee": ticket.assignee ?? "", "status": ticket.status.rawValue],
                    ["assignee": assignee ?? "", "status": (status ?? ticket.status).rawValue])
        }
    }

    /// Revokes compensations (an undo): they stay in the store, marked revoked.
    public func revokeCompensations(ids: [Int64], ticketID: String, expectedVersion: Int, agent: String,
                                    at: Date = Date()) throws {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, _ in
            for id in ids {
                try db.execute(sql: "UPDATE compensation SET state = 'revoked' WHERE id = ? AND ticket_id = ?",
                               arguments: [id, ticketID])
            }
            return ((), "revoke", ["compensations": ids.map(String.init).joined(separator: ",")], ["state": "revoked"])
        }
    }

    /// Puts a complaint's resolution back exactly as `record` has it: status, resolution
    /// time, outcome (who, when, satisfaction) and win-back state, and revokes the
    /// compensations `revoking` names (a refund recorded with the resolution) in the same
    /// transaction. An undo of resolve, reopen or a win-back change; the audit log keeps what
    /// it replaced.
    public func restore(_ record: ResolutionRecord, ticketID: String, expectedVersion: Int, revoking: [Int64] = [],
                        agent: String, at: Date = Date()) throws {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, ticket in
            let now = try Self.resolutionRecord(db, ticket)
            try db.execute(sql: "UPDATE ticket SET status = ?, resolved_at = ? WHERE id = ?",
                           arguments: [record.status.rawValue, record.resolvedAt?.seconds, ticketID])
            try db.execute(sql: "DELETE FROM outcome WHERE ticket_id = ?", arguments: [ticketID])
            if let o = record.outcome {
                try db.execute(sql: "INSERT INTO outcome (ticket_id, resolution, satisfaction, note, agent, at) VALUES (?,?,?,?,?,?)",
                               arguments: [ticketID, o.resolution.rawValue, o.satisfaction, o.note, o.agent,
                                           (o.at ?? record.resolvedAt ?? at).seconds])
            }
            try db.execute(sql: "DELETE FROM recovery WHERE ticket_id = ?", arguments: [ticketID])
            if let r = record.recovery {
                try db.execute(sql: "INSERT INTO recovery (ticket_id, customer_id, state, follow_up_on, updated_at) VALUES (?,?,?,?,?)",
                               arguments: [ticketID, ticket.customerID, r.state.rawValue, r.followUpOn?.seconds, r.updatedAt.seconds])
            }
            for id in revoking {
                try db.execute(sql: "UPDATE compensation SET state = 'revoked' WHERE id = ? AND ticket_id = ?", arguments: [id, ticketID])
            }
            var new = record.auditValues
            if !revoking.isEmpty { new["revoked"] = revoking.map(String.init).joined(separator: ",") }
            return ((), "restore", now.auditValues, new)
        }
    }

    /// Where `ticket` stands in its resolution, read inside a change.
    static func resolutionRecord(_ db: Database, _ ticket: Ticket) throws -> ResolutionRecord {
        ResolutionRecord(
            status: ticket.status, resolvedAt: ticket.resolvedAt,
            outcome: try Row.fetchOne(db, sql: "SELECT * FROM outcome WHERE ticket_id = ?", arguments: [ticket.id]).map(outcome),
            recovery: try Row.fetchOne(db, sql: "SELECT * FROM recovery WHERE ticket_id = ?", arguments: [ticket.id]).map(recovery))
    }

    /// The common frame of a ticket change: version check, the change, version bump, event.
    /// A nil `expectedVersion` takes the ticket as it is (a change that depends on no screen).
    func change<T>(ticketID: String, expectedVersion: Int?, agent: String, at: Date,
                           _ body: (Database, Ticket) throws -> (T, String, [String: String]?, [String: String]?)) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE id = ?", arguments: [ticketID]) else {
                    throw StoreError.notFound(what: "ticket", id: ticketID)
                }
                let ticket = try Self.ticket(row)
                guard ticket.version == expectedVersion ?? ticket.version else {
                    let last = try Row.fetchOne(db, sql: """
                        SELECT agent, action FROM event WHERE entity = 'ticket' AND entity_id = ? ORDER BY id DESC LIMIT 1
                        """, arguments: [ticketID])
                    throw StoreError.conflict(ticketID: ticketID, by: last?["agent"] ?? "someone", what: last?["action"] ?? "changed it")
                }
                let (value, action, old, new) = try body(db, ticket)
                try db.execute(sql: "UPDATE ticket SET version = version + 1, updated_at = ? WHERE id = ?",
                               arguments: [at.seconds, ticketID])
                try AuditLog.append(db, agent: agent, entity: "ticket", entityID: ticketID, action: action,
                                    old: old, new: new, at: at)
                result = value
                return .commit
            }
            return result!
        }
    }
}
