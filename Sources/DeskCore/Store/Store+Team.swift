import Foundation
import GRDB

/// The team store: its members and their roles, the shared policy, and the compensations
/// agents ask leads for. Until a store has a lead, anyone may name the first one; after, only
/// leads add people, set the policy and decide requests.
extension Store {
    // MARK: Members

    public func team() throws -> [TeamMember] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, added_at, added_by FROM team_member ORDER BY name").map { row in
                TeamMember(name: row["name"], role: Role(rawValue: row["role"]) ?? .agent,
                           addedAt: Date(seconds: row["added_at"]), addedBy: row["added_by"])
            }
        }
    }

    public func role(of name: String) throws -> Role? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT role FROM team_member WHERE name = ?", arguments: [name]).flatMap(Role.init)
        }
    }

    /// Adds `name` with `role`, or changes their role. `by` must be a lead once the store has one.
    public func addMember(_ name: String, role: Role, by: String, at: Date = Date()) throws {
        try pool.write { db in
            try Self.requireLead(db, by)
            let old = try String.fetchOne(db, sql: "SELECT role FROM team_member WHERE name = ?", arguments: [name])
            // The last lead stays one: a team without a lead would let anyone act as a lead.
            if old == Role.lead.rawValue, role != .lead,
               try Int.fetchOne(db, sql: "SELECT count(*) FROM team_member WHERE role = 'lead'") == 1 {
                throw TeamError.leadsOnly(who: name)
            }
            try db.execute(sql: """
                INSERT INTO team_member (name, role, added_at, added_by) VALUES (?,?,?,?)
                ON CONFLICT(name) DO UPDATE SET role = excluded.role
                """, arguments: [name, role.rawValue, at.seconds, by])
            try AuditLog.append(db, agent: by, entity: "team", entityID: name, action: old == nil ? "member-add" : "member-role",
                                old: old.map { ["role": $0] }, new: ["role": role.rawValue], at: at)
        }
    }

    /// Whether anyone may act as any agent: no team is kept yet, or the store says so (a demo store).
    public func identityIsFree() throws -> Bool {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'identity.free'") == "1"
                || (try Int.fetchOne(db, sql: "SELECT count(*) FROM team_member") ?? 0) == 0
        }
    }

    /// Lets anyone act as any agent on this store (demo stores and tests).
    public func allowAnyIdentity() throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('identity.free', '1')")
        }
    }

    static func requireLead(_ db: Database, _ who: String) throws {
        let leads = try Int.fetchOne(db, sql: "SELECT count(*) FROM team_member WHERE role = 'lead'") ?? 0
        guard leads > 0 else { return }
        let role = try String.fetchOne(db, sql: "SELECT role FROM team_member WHERE name = ?", arguments: [who])
        guard role == Role.lead.rawValue else { throw TeamError.leadsOnly(who: who) }
    }

    // MARK: The shared policy

    /// The policy a lead set (`cdesk policy set`): compensation limits, SLA targets and the
    /// playbook, as TOML; nil when none was set.
    public func sharedPolicy() throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'policy.toml'") }
    }

    /// Sets the shared policy; `text` was checked by the caller (`SharedPolicy.parse`).
    public func setSharedPolicy(_ text: String, by: String, at: Date = Date()) throws {
        try pool.write { db in
            try Self.requireLead(db, by)
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('policy.toml', ?)", arguments: [text])
            try AuditLog.append(db, agent: by, entity: "policy", entityID: "shared", action: "policy-set", old: nil,
                                new: ["bytes": String(text.utf8.count)], at: at)
        }
    }

    // MARK: Requests to a lead

    /// Asks a lead for `gift` on a ticket, with the agent's reason; the ticket says so.
    @discardableResult
    public func requestApproval(ticketID: String, expectedVersion: Int, gift: Playbook.Gift, reason: String, agent: String,
                                at: Date = Date()) throws -> Int64 {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, _ in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM approval WHERE ticket_id = ? AND state = 'pending'", arguments: [ticketID]) == true {
                throw TeamError.requestPending(ticketID: ticketID)
            }
            try db.execute(sql: "INSERT INTO approval (ticket_id, kind, value, reason, agent, at) VALUES (?,?,?,?,?,?)",
                           arguments: [ticketID, gift.kind.rawValue, gift.value, reason, agent, at.seconds])
            let id = db.lastInsertedRowID
            try Self.note(db, ticketID, SystemNote.requested(agent: agent, gift: gift, reason: reason), at: at)
            return (id, "approval-request", nil, ["request": String(id), "kind": gift.kind.rawValue, "value": String(gift.value),
                                                  "reason": reason])
        }
    }

    /// Requests waiting for a lead, oldest first.
    public func pendingRequests() throws -> [ApprovalRequest] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM approval WHERE state = 'pending' ORDER BY at, id").map(Self.request)
        }
    }

    /// The request waiting on a ticket, if any.
    public func pendingRequest(ticketID: String) throws -> ApprovalRequest? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM approval WHERE ticket_id = ? AND state = 'pending'", arguments: [ticketID])
                .map(Self.request)
        }
    }

    /// A lead approves (the compensation is given, in the lead's name) or declines a request;
    /// the ticket is told and the audit log records it. It is made on the ticket as it is
    /// (a request is not undone by a change to its ticket). Returns what was given and the
    /// version it was made on.
    @discardableResult
    public func decide(requestID: Int64, approve: Bool, lead: String, at: Date = Date()) throws -> Decision {
        let ticketID = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT ticket_id FROM approval WHERE id = ? AND state = 'pending'", arguments: [requestID])
        }
        guard let ticketID else { throw TeamError.noPendingRequest(id: requestID) }
        return try change(ticketID: ticketID, expectedVersion: nil, agent: lead, at: at) { db, ticket in
            try Self.requireLead(db, lead)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM approval WHERE id = ? AND state = 'pending'", arguments: [requestID]) else {
                throw TeamError.noPendingRequest(id: requestID)
            }
            let request = Self.request(row)
            var given: Compensation?
            if approve {
                given = try Self.insertGifts(db, [request.gift], on: ticket, agent: lead, at: at).first
            }
            try db.execute(sql: """
                UPDATE approval SET state = ?, decided_by = ?, decided_at = ?, compensation_id = ? WHERE id = ?
                """, arguments: [approve ? "approved" : "declined", lead, at.seconds, given?.id, requestID])
            try Self.note(db, ticketID, approve ? .approved(lead: lead, gift: request.gift, agent: request.agent, promoCode: given?.promoCode)
                                               : .declined(lead: lead, gift: request.gift, agent: request.agent), at: at)
            return (Decision(given: given, version: ticket.version), approve ? "approval-approve" : "approval-decline",
                    ["request": String(requestID), "state": "pending"],
                    ["request": String(requestID), "state": approve ? "approved" : "declined", "given": given?.promoCode ?? ""])
        }
    }

    private static func note(_ db: Database, _ ticketID: String, _ note: SystemNote, at: Date) throws {
        try db.execute(sql: "INSERT INTO message (ticket_id, author, body, internal, at) VALUES (?, 'system', ?, 1, ?)",
                       arguments: [ticketID, note.stored, at.seconds])
    }

    static func request(_ row: Row) -> ApprovalRequest {
        ApprovalRequest(id: row["id"], ticketID: row["ticket_id"],
                        gift: Playbook.Gift(CompensationKind(rawValue: row["kind"]) ?? .apology, row["value"]),
                        reason: row["reason"], agent: row["agent"], at: Date(seconds: row["at"]),
                        state: ApprovalRequest.State(rawValue: row["state"]) ?? .pending, decidedBy: row["decided_by"])
    }
}
