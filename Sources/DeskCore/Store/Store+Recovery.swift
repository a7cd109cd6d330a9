import Foundation
import GRDB

/// Win-back: each resolved complaint is followed until the customer comes back (an order
/// after the resolution: recovered) or the recovery window passes without one (lost).
extension Store {
    /// Applies both rules to the whole store; returns how many became recovered and lost.
    /// Each change is an audit event.
    @discardableResult
    public func sweepRecovery(windowDays: Int, agent: String, now: Date = Date()) throws -> (recovered: Int, lost: Int) {
        try pool.write { db in
            let recovered = try RecoveryRules.markRecovered(db, agent: agent, now: now.seconds, windowDays: windowDays)
            let lost = try RecoveryRules.markLost(db, agent: agent, now: now.seconds, windowDays: windowDays)
            return (recovered, lost)
        }
    }

    /// Sets a complaint's recovery state and follow-up date by hand.
    public func setRecovery(ticketID: String, expectedVersion: Int, state: RecoveryState, followUpOn: Date?,
                            agent: String, at: Date = Date()) throws {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, ticket in
            guard !ticket.status.isActive else {
                throw StoreError.invalid("ticket \(ticketID) is not resolved yet; recovery follows a resolved complaint")
            }
            let old = try Row.fetchOne(db, sql: "SELECT state, follow_up_on FROM recovery WHERE ticket_id = ?", arguments: [ticketID])
            try db.execute(sql: """
                INSERT INTO recovery (ticket_id, customer_id, state, follow_up_on, updated_at) VALUES (?,?,?,?,?)
                ON CONFLICT(ticket_id) DO UPDATE SET state = excluded.state, follow_up_on = excluded.follow_up_on,
                    updated_at = excluded.updated_at
                """, arguments: [ticketID, ticket.customerID, state.rawValue, followUpOn?.seconds, at.seconds])
            return ((), "set-recovery", ["state": old?["state"] ?? "", "follow_up_on": (old?["follow_up_on"] as Int64?).map(String.init) ?? ""],
                    ["state": state.rawValue, "follow_up_on": followUpOn.map { String($0.seconds) } ?? ""])
        }
    }
}

enum RecoveryRules {
    static let open = "r.state IN ('at-risk','contacted','offered')"

    /// Complaints being followed whose customer ordered (not cancelled) after the resolution,
    /// within the recovery window.
    static func markRecovered(_ db: Database, agent: String, now: Int64, windowDays: Int) throws -> Int {
        let cameBack = """
            \(open) AND EXISTS (
                SELECT 1 FROM ticket t JOIN "order" o ON o.customer_id = t.customer_id
                WHERE t.id = r.ticket_id AND t.resolved_at IS NOT NULL AND o.placed_at > t.resolved_at
                  AND o.placed_at <= t.resolved_at + ? AND o.status <> 'cancelled')
            """
        return try mark(db, where: cameBack, as: .recovered, agent: agent, now: now, arguments: [Int64(windowDays) * 86_400])
    }

    /// Complaints being followed whose window passed with no order.
    static func markLost(_ db: Database, agent: String, now: Int64, windowDays: Int) throws -> Int {
        let expired = """
            \(open) AND EXISTS (
                SELECT 1 FROM ticket t WHERE t.id = r.ticket_id AND t.resolved_at IS NOT NULL AND t.resolved_at + ? < ?)
            """
        return try mark(db, where: expired, as: .lost, agent: agent, now: now,
                        arguments: [Int64(windowDays) * 86_400, now])
    }

    private static func mark(_ db: Database, where condition: String, as state: RecoveryState, agent: String, now: Int64,
                             arguments: [any DatabaseValueConvertible]) throws -> Int {
        try db.execute(sql: """
            INSERT INTO event (at, agent, entity, entity_id, action, old_value, new_value)
            SELECT ?, ?, 'recovery', r.ticket_id, ?, json_object('state', r.state), json_object('state', ?)
            FROM recovery r WHERE \(condition)
            """, arguments: StatementArguments([now, agent, state.rawValue, state.rawValue] + arguments))
        try db.execute(sql: "UPDATE recovery AS r SET state = ?, follow_up_on = NULL, updated_at = ? WHERE \(condition)",
                       arguments: StatementArguments([state.rawValue, now] + arguments))
        return db.changesCount
    }
}
