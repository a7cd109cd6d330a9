import Foundation
import GRDB

/// Win-back: each resolved complaint is followed until the customer comes back (an order
/// after the resolution: recovered) or the recovery window passes without one (lost).
extension Store {
    /// Applies both rules to the store; returns how many became recovered and lost. Each
    /// change is an audit event.
    ///
    /// The first sweep of a store reads every followed complaint (seconds at a million
    /// tickets); it leaves a mark in `setting` (`recovery.swept`: when, the last audit event
    /// and the last ticket it saw, the window). A later sweep with the same window reads only
    /// what may have changed since: the tickets the audit log names after the mark, the
    /// tickets added after it, and the complaints whose window ended between the mark and
    /// now. Orders only an import writes, and an import of orders marks its customers'
    /// complaints itself. Finding the complaints is done without the write lock; they are
    /// then marked a few hundred at a time, each batch checked again as it is written, so
    /// that agents' own changes never wait long.
    @discardableResult
    public func sweepRecovery(windowDays: Int, agent: String, now: Date = Date()) throws -> (recovered: Int, lost: Int) {
        let seconds = now.seconds
        let (cameBack, expired, mark) = try pool.read { db in
            let mark = try SweepMark(db, now: seconds, windowDays: windowDays)
            let scope = try SweepMark.read(db).flatMap { $0.windowDays == windowDays && $0.at <= seconds ? $0 : nil }
                .map { try $0.changed(db, now: seconds) }
            return (try RecoveryRules.cameBack(db, now: seconds, windowDays: windowDays, among: scope),
                    try RecoveryRules.expired(db, now: seconds, windowDays: windowDays, among: scope), mark)
        }
        var result = (recovered: 0, lost: 0)
        for start in stride(from: 0, to: cameBack.count, by: Self.sweepBatch) {
            let batch = Array(cameBack[start..<min(start + Self.sweepBatch, cameBack.count)])
            result.recovered += try pool.write { db in
                try RecoveryRules.markRecovered(db, agent: agent, now: seconds, windowDays: windowDays, scope: .tickets(batch))
            }
        }
        for start in stride(from: 0, to: expired.count, by: Self.sweepBatch) {
            let batch = Array(expired[start..<min(start + Self.sweepBatch, expired.count)])
            result.lost += try pool.write { db in
                try RecoveryRules.markLost(db, agent: agent, now: seconds, windowDays: windowDays, scope: .tickets(batch))
            }
        }
        try pool.write { db in try mark.save(db) }
        return result
    }

    /// How many complaints one write transaction of the sweep marks.
    static let sweepBatch = 500

    /// Sets a complaint's recovery state and follow-up date by hand.
    @discardableResult
    public func setRecovery(ticketID: String, expectedVersion: Int, state: RecoveryState, followUpOn: Date?,
                            agent: String, at: Date = Date()) throws -> ResolutionRecord {
        try change(ticketID: ticketID, expectedVersion: expectedVersion, agent: agent, at: at) { db, ticket in
            guard !ticket.status.isActive else {
                throw StoreError.notResolvedYet(ticketID: ticketID)
            }
            let before = try Self.resolutionRecord(db, ticket)
            let old = try Row.fetchOne(db, sql: "SELECT state, follow_up_on FROM recovery WHERE ticket_id = ?", arguments: [ticketID])
            try db.execute(sql: """
                INSERT INTO recovery (ticket_id, customer_id, state, follow_up_on, updated_at) VALUES (?,?,?,?,?)
                ON CONFLICT(ticket_id) DO UPDATE SET state = excluded.state, follow_up_on = excluded.follow_up_on,
                    updated_at = excluded.updated_at
                """, arguments: [ticketID, ticket.customerID, state.rawValue, followUpOn?.seconds, at.seconds])
            return (before, "set-recovery", ["state": old?["state"] ?? "", "follow_up_on": (old?["follow_up_on"] as Int64?).map(String.init) ?? ""],
                    ["state": state.rawValue, "follow_up_on": followUpOn.map { String($0.seconds) } ?? ""])
        }
    }
}

enum RecoveryRules {
    static let open = "r.state IN ('at-risk','contacted','offered')"

    /// `open` as a rule over named complaints tests it: row by row, so that SQLite finds the
    /// few named complaints by their ids rather than walking every followed one (at a
    /// million tickets, over a hundred thousand) and testing each against the list.
    private static let openOfNamed = "+" + open

    /// Complaints being followed whose customer ordered (not cancelled) after the resolution,
    /// within the recovery window.
    private static func cameBackRule(_ state: String = open) -> String {
        """
        \(state) AND EXISTS (
            SELECT 1 FROM ticket t JOIN "order" o ON o.customer_id = t.customer_id
            WHERE t.id = r.ticket_id AND t.resolved_at IS NOT NULL AND o.placed_at > t.resolved_at
              AND o.placed_at <= t.resolved_at + ? AND o.status <> 'cancelled')
        """
    }

    /// Complaints being followed whose window passed with no order.
    private static func expiredRule(_ state: String = open) -> String {
        """
        \(state) AND EXISTS (
            SELECT 1 FROM ticket t WHERE t.id = r.ticket_id AND t.resolved_at IS NOT NULL AND t.resolved_at + ? < ?)
        """
    }

    /// `among`: only these complaints (ticket ids); nil: every one.
    static func cameBack(_ db: Database, now: Int64, windowDays: Int, among: [String]? = nil) throws -> [String] {
        let (sql, arguments) = cameBackSQL(now: now, windowDays: windowDays, among: among)
        return try String.fetchAll(db, sql: sql, arguments: arguments)
    }

    static func expired(_ db: Database, now: Int64, windowDays: Int, among: [String]? = nil) throws -> [String] {
        let (sql, arguments) = expiredSQL(now: now, windowDays: windowDays, among: among)
        return try String.fetchAll(db, sql: sql, arguments: arguments)
    }

    /// The SQL of `cameBack` (tests read its plan).
    static func cameBackSQL(now: Int64, windowDays: Int, among: [String]?) -> (String, StatementArguments) {
        let (sql, arguments) = scoped(among)
        return ("SELECT r.ticket_id FROM recovery r WHERE \(cameBackRule(among == nil ? open : openOfNamed))\(sql)",
                StatementArguments([Int64(windowDays) * 86_400] + arguments))
    }

    /// The SQL of `expired` (tests read its plan).
    static func expiredSQL(now: Int64, windowDays: Int, among: [String]?) -> (String, StatementArguments) {
        let (sql, arguments) = scoped(among)
        return ("SELECT r.ticket_id FROM recovery r WHERE \(expiredRule(among == nil ? open : openOfNamed))\(sql)",
                StatementArguments([Int64(windowDays) * 86_400, now] + arguments))
    }

    private static func scoped(_ ids: [String]?) -> (String, [String]) {
        guard let ids else { return ("", []) }
        let list = String(data: (try? JSONSerialization.data(withJSONObject: ids)) ?? Data("[]".utf8), encoding: .utf8) ?? "[]"
        return (" AND r.ticket_id IN (SELECT value FROM json_each(?))", [list])
    }

    /// Which followed complaints a marking may touch.
    enum Scope {
        /// These complaints (ticket ids).
        case tickets([String])
        /// The complaints of these customers.
        case customers([String])
    }

    /// Marks the complaints the rule finds recovered, of `scope`.
    static func markRecovered(_ db: Database, agent: String, now: Int64, windowDays: Int, scope: Scope) throws -> Int {
        try mark(db, where: cameBackRule, scope: scope, as: .recovered, agent: agent, now: now,
                 arguments: [Int64(windowDays) * 86_400])
    }

    /// Marks the complaints the rule finds lost, of `scope`.
    static func markLost(_ db: Database, agent: String, now: Int64, windowDays: Int, scope: Scope) throws -> Int {
        try mark(db, where: expiredRule, scope: scope, as: .lost, agent: agent, now: now,
                 arguments: [Int64(windowDays) * 86_400, now])
    }

    private static func mark(_ db: Database, where rule: (String) -> String, scope: Scope, as state: RecoveryState, agent: String,
                             now: Int64, arguments ruleArguments: [any DatabaseValueConvertible]) throws -> Int {
        // A customer's complaints are found by customer and state together (one index).
        let (column, ids, followed) = switch scope {
        case let .tickets(ids): ("r.ticket_id", ids, openOfNamed)
        case let .customers(ids): ("r.customer_id", ids, open)
        }
        guard !ids.isEmpty else { return 0 }
        // One JSON array argument, however many ids (a nightly file names thousands).
        let list = String(data: try JSONSerialization.data(withJSONObject: ids), encoding: .utf8) ?? "[]"
        let condition = rule(followed) + " AND \(column) IN (SELECT value FROM json_each(?))"
        let arguments = ruleArguments + [list]
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

/// Where the last recovery sweep stopped: `setting` `recovery.swept` holds "at event seq window".
struct SweepMark {
    static let key = "recovery.swept"
    var at: Int64
    var event: Int64
    var seq: Int64
    var windowDays: Int

    /// The mark a sweep starting now leaves: the store as this read transaction sees it.
    init(_ db: Database, now: Int64, windowDays: Int) throws {
        at = now
        event = try Int64.fetchOne(db, sql: "SELECT max(id) FROM event") ?? 0
        seq = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM ticket") ?? 0
        self.windowDays = windowDays
    }

    private init?(_ text: String) {
        let parts = text.split(separator: " ").compactMap { Int64($0) }
        guard parts.count == 4 else { return nil }
        at = parts[0]; event = parts[1]; seq = parts[2]; windowDays = Int(parts[3])
    }

    static func read(_ db: Database) throws -> SweepMark? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]).flatMap(SweepMark.init)
    }

    func save(_ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                       arguments: [Self.key, "\(at) \(event) \(seq) \(windowDays)"])
    }

    /// The tickets whose complaint may have come back or run out since this mark: named by
    /// the audit log after it, added after it, or resolved so long ago that the window ended
    /// between the mark and `now`.
    func changed(_ db: Database, now: Int64) throws -> [String] {
        let window = Int64(windowDays) * 86_400
        return try String.fetchAll(db, sql: """
            SELECT entity_id FROM event WHERE id > ? AND entity IN ('ticket', 'recovery')
            UNION SELECT id FROM ticket WHERE seq > ?
            UNION SELECT id FROM ticket INDEXED BY ticket_done_resolved WHERE resolved_at >= ? AND resolved_at <= ?
            """, arguments: [event, seq, at - window - 1, now - window])
    }
}
