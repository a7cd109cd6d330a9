import Foundation
import GRDB

extension SLAPolicy {
    /// The targets as one line, lowest priority first (`low=24/96 normal=8/48 …`): what the
    /// store keeps to notice a change, readable in the audit log.
    public var fingerprint: String {
        Priority.allCases.map { priority in
            let t = target(priority)
            return "\(priority.rawValue)=\(t.firstResponseHours)/\(t.resolutionHours)"
        }.joined(separator: " ")
    }
}

extension Store {
    /// Brings the open complaints' deadlines in line with `sla` when the SLA targets have
    /// changed since the store last saw them: each open ticket's first-answer and resolution
    /// deadlines are computed again from its creation and priority, so that the queue, the
    /// Overdue view and the report never mix old and new targets. Done complaints keep the
    /// deadlines they were worked against.
    ///
    /// The targets in force are kept in the store (`setting` `sla.targets`); a store that has
    /// none yet takes `sla` as the targets its tickets were written with. One audit event
    /// for the change of policy, one for each ticket moved. Returns how many moved; nil when
    /// the targets had not changed (no write at all).
    @discardableResult
    public func applySLA(_ sla: SLAPolicy, agent: String, at: Date = Date()) throws -> Int? {
        let seen = try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'sla.targets'") }
        guard seen != sla.fingerprint else { return nil }
        return try pool.writeWithoutTransaction { db -> Int? in
            var moved: Int?
            try db.inTransaction(.immediate) {
                let stored = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'sla.targets'")
                guard stored != sla.fingerprint else { return .commit }
                try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('sla.targets', ?)",
                               arguments: [sla.fingerprint])
                // Hours per priority as SQL: CASE priority WHEN 'low' THEN 24 … END.
                func hours(_ keyPath: KeyPath<SLAPolicy.Target, Int64>) -> String {
                    "CASE priority " + Priority.allCases.map { "WHEN '\($0.rawValue)' THEN \(sla.target($0)[keyPath: keyPath])" }
                        .joined(separator: " ") + " END"
                }
                let first = "created_at + 3600 * (\(hours(\.firstResponseHours)))"
                let resolution = "created_at + 3600 * (\(hours(\.resolutionHours)))"
                let changed = "active = 1 AND (first_due_at IS NOT \(first) OR sla_due_at IS NOT \(resolution))"
                moved = 0
                if stored != nil {
                    try db.execute(sql: """
                        INSERT INTO event (at, agent, entity, entity_id, action, old_value, new_value)
                        SELECT ?, ?, 'ticket', id, 'sla-recompute',
                               json_object('first_due_at', first_due_at, 'sla_due_at', sla_due_at),
                               json_object('first_due_at', \(first), 'sla_due_at', \(resolution))
                        FROM ticket WHERE \(changed)
                        """, arguments: [at.seconds, agent])
                    try db.execute(sql: "UPDATE ticket SET first_due_at = \(first), sla_due_at = \(resolution) WHERE \(changed)")
                    moved = db.changesCount
                }
                try AuditLog.append(db, agent: agent, entity: "policy", entityID: "sla", action: "sla-targets",
                                    old: stored.map { ["targets": $0] }, new: ["targets": sla.fingerprint,
                                                                              "open_tickets_moved": String(moved ?? 0)], at: at)
                return .commit
            }
            return moved
        }
    }
}
