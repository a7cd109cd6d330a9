import Foundation
import GRDB

extension Store {
    /// Up to `limit` rows of a queue next to `cursor`, in queue order. Keyset-paginated:
    /// the cost does not depend on how far down the queue the cursor is.
    /// With `including`, the row at the cursor itself comes first (used to re-read a window
    /// from its top row).
    public func queuePage(_ query: QueueQuery, from cursor: QueueCursor?, direction: PageDirection,
                          limit: Int, including: Bool) throws -> [QueueRow] {
        if query.view == .search {
            let rows = try searchPage(query, from: cursor, direction: direction, limit: limit, including: including)
            return rows
        }
        let (sql, arguments) = Self.queuePageSQL(query, from: cursor, direction: direction, limit: limit, including: including)
        let rows = try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.queueRow)
        }
        return direction == .forward ? rows : rows.reversed()
    }

    /// The SQL of a page of a queue other than a search (`queuePage`); tests read its plan.
    static func queuePageSQL(_ query: QueueQuery, from cursor: QueueCursor?, direction: PageDirection,
                             limit: Int, including: Bool) -> (sql: String, arguments: StatementArguments) {
        let plan = QueuePlan(query)
        // Reading backward walks the index the other way and flips the result.
        let ascending = plan.ascending == (direction == .forward)
        let op = (ascending ? ">" : "<") + (including ? "=" : "")
        let dir = ascending ? "ASC" : "DESC"
        let (clause, planArguments) = plan.clause(forPages: true)
        var filters = [clause]
        var arguments = planArguments
        if let cursor {
            filters.append("(\(plan.key), t.seq) \(op) (?, ?)")
            arguments += [cursor.key, cursor.seq]
        }
        arguments += [limit]
        let sql = """
            SELECT \(Self.queueColumns), \(plan.key) AS sort_key
            FROM ticket t \(plan.pageIndex) \(plan.join)
            JOIN customer c ON c.id = t.customer_id
            WHERE \(filters.joined(separator: " AND "))
            ORDER BY \(plan.key) \(dir), t.seq \(dir)
            LIMIT ?
            """
        return (sql, StatementArguments(arguments))
    }

    /// How many tickets a queue holds.
    /// A count made since the store last changed is read back from `CountCache`, and one
    /// made here is kept there (when this handle may write and the write lock is free soon).
    public func queueCount(_ query: QueueQuery) throws -> Int {
        if query.view == .search { return try searchCount(query) }
        let (sql, arguments) = Self.queueCountSQL(query)
        let cache = CountCache(query)
        let (count, made) = try pool.read { db -> (Int, CountCache.Entry?) in
            // The stamp and the count from one snapshot, so that the pair kept is true.
            let stamp = try Int64.fetchOne(db, sql: "SELECT max(id) FROM event") ?? 0
            if let kept = try cache.lookup(db, stamp: stamp) { return (kept, nil) }
            let count = try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
            return (count, CountCache.Entry(stamp: stamp, at: query.now.seconds, count: count))
        }
        if let made, !isReadOnly {
            // Only a convenience for the next console: a busy or read-only store keeps none.
            try? pool.write { db in try cache.save(db, made) }
        }
        return count
    }

    /// The SQL of `queueCount` for a queue other than a search.
    static func queueCountSQL(_ query: QueueQuery) -> (sql: String, arguments: StatementArguments) {
        let plan = QueuePlan(query)
        let (clause, arguments) = plan.clause(forPages: false)
        // Every followed complaint has its ticket: unfiltered, the recovery index alone counts them.
        let from = query.view == .followUps && query.filter.isEmpty ? "recovery r" : "ticket t \(plan.countIndex) \(plan.join)"
        return ("SELECT count(*) FROM \(from) WHERE \(clause)", StatementArguments(arguments))
    }

    /// How many rows of the queue come before `cursor`: the position of a row after the
    /// queue changed under it. Costs a count over the rows before it; not for every keypress.
    public func queuePosition(_ query: QueueQuery, of cursor: QueueCursor) throws -> Int {
        if query.view == .search { return try searchCount(query, before: cursor) }
        let (sql, arguments) = Self.queuePositionSQL(query, of: cursor)
        return try pool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    /// The SQL of `queuePosition` for a queue other than a search.
    static func queuePositionSQL(_ query: QueueQuery, of cursor: QueueCursor) -> (sql: String, arguments: StatementArguments) {
        let plan = QueuePlan(query)
        let op = plan.ascending ? "<" : ">"
        // Counted along the sort index, as a page is read.
        let (clause, arguments) = plan.clause(forPages: true)
        return ("""
            SELECT count(*) FROM ticket t \(plan.pageIndex) \(plan.join) WHERE \(clause) AND (\(plan.key), t.seq) \(op) (?, ?)
            """, StatementArguments(arguments + [cursor.key, cursor.seq]))
    }

    /// A query selecting the `seq` of every ticket of a queue (every match of a search,
    /// uncapped), to narrow another query to the view.
    func queueMembers(_ query: QueueQuery) -> (sql: String, arguments: [any DatabaseValueConvertible & Sendable]) {
        if query.view == .search { return searchMembers(query) }
        let plan = QueuePlan(query)
        let (clause, arguments) = plan.clause(forPages: false)
        return ("SELECT t.seq FROM ticket t \(plan.join) WHERE \(clause)", arguments)
    }

    /// What a queue line shows (`t` is the ticket, `c` its customer): a done complaint's
    /// outcome and a followed one's win-back state are looked up by key, a page at a time.
    static let queueColumns = """
        t.seq, t.id, t.created_at, t.reason, t.priority, t.status, t.due_at, t.assignee, t.version, t.subject,
        c.name AS customer_name,
        (SELECT o.resolution FROM outcome o WHERE o.ticket_id = t.id) AS resolution,
        (SELECT o.satisfaction FROM outcome o WHERE o.ticket_id = t.id) AS satisfaction,
        (SELECT w.state FROM recovery w WHERE w.ticket_id = t.id) AS recovery_state,
        (SELECT w.follow_up_on FROM recovery w WHERE w.ticket_id = t.id) AS follow_up_on,
        EXISTS (SELECT 1 FROM mail_message m WHERE m.ticket_id = t.id AND m.state = 'failed' AND m.direction = 'out') AS reply_failed
        """

    static func queueRow(_ row: Row) throws -> QueueRow {
        QueueRow(seq: row["seq"], id: row["id"], createdAt: row.date("created_at"),
                 customerName: row["customer_name"], reason: try row.value("reason", as: Reason.self),
                 priority: try row.value("priority", as: Priority.self),
                 status: try row.value("status", as: TicketStatus.self),
                 dueAt: row.date("due_at"), assignee: row["assignee"], version: row["version"],
                 cursor: QueueCursor(key: (row["sort_key"] as Int64?) ?? 0, seq: row["seq"]),
                 subject: row["subject"], resolution: (row["resolution"] as String?).flatMap(Resolution.init(rawValue:)),
                 satisfaction: row["satisfaction"],
                 recovery: (row["recovery_state"] as String?).flatMap(RecoveryState.init(rawValue:)),
                 followUpOn: row.optionalDate("follow_up_on"), replyFailed: row["reply_failed"] ?? false)
    }
}

/// How one view in one order is read: the rows it keeps and the key it sorts by. Each
/// pair has an index of the schema that serves the page reads (see Schema's ticket
/// indexes); most counts read `ticket_facets`, which holds the status and every column a
/// filter tests.
private struct QueuePlan {
    typealias Arguments = [any DatabaseValueConvertible & Sendable]

    /// One condition of the view, and whether page reads, counts or both test it.
    struct Term {
        var sql: String
        var arguments: Arguments = []
        var inPages = true
        var inCounts = true
        /// The same condition as counts test it, when that reads better from an index.
        var countSQL: String?
    }

    /// `active = 1` as a count of the open view tests it: `active` is a virtual column, and
    /// SQLite 3.40 never reads one from an index alone; `status` is real and leads
    /// `ticket_facets`, so a count with any filter reads that index alone.
    static let active = Term(sql: "t.active = 1", countSQL: "t.status IN ('new','open','waiting')")

    var terms: [Term]
    var key: String
    var ascending: Bool
    var join = ""
    /// `INDEXED BY …` where SQLite, without statistics, would pick a worse index for pages.
    var pageIndex = ""
    /// The same for the count.
    var countIndex = ""

    /// The WHERE clause of a page read or of a count.
    func clause(forPages: Bool) -> (sql: String, arguments: Arguments) {
        let used = terms.filter { forPages ? $0.inPages : $0.inCounts }
        let sql = used.map { forPages ? $0.sql : $0.countSQL ?? $0.sql }
        return (sql.joined(separator: " AND "), used.flatMap(\.arguments))
    }

    init(_ query: QueueQuery) {
        switch query.view {
        // Under a tier filter ticket_by_tier counts the open view best, and reads `active`.
        case .open: terms = [query.filter.tier == nil ? Self.active : Term(sql: "t.active = 1")]
        case .mine: terms = [Term(sql: "t.assignee = ?", arguments: [query.agent]), Term(sql: "t.active = 1")]
        case .unassigned:
            terms = [Term(sql: "t.assignee IS NULL"), Term(sql: "t.active = 1")]
            // It holds exactly the unassigned open tickets: counted without reading a ticket.
            if query.filter.isEmpty { countIndex = "INDEXED BY ticket_unassigned_age" }
        case .waiting:
            // Waiting tickets are active too: saying so lets a page walk the deadline index,
            // while the count reads the status index.
            // (`+`: with the open orders partial, SQLite would rather read the status index
            // and sort every waiting ticket.)
            terms = [Term(sql: "+t.status = 'waiting'", countSQL: "t.status = 'waiting'"),
                     Term(sql: "t.active = 1", inCounts: false)]
        // Done: resolved or closed, as the export and the report count them. A done
        // complaint, and only one, has a resolution time.
        case .resolved: terms = [Term(sql: "t.resolved_at IS NOT NULL")]
        case .all: terms = [Term(sql: "1")]
        case .overdue:
            // In another order than the deadline's, a page walks that order's index: given the
            // deadline as a range, SQLite would read every overdue ticket and sort them.
            let due = query.sort == .slaDue ? "t.due_at < ?" : "+t.due_at < ?"
            terms = [Term(sql: "t.active = 1"), Term(sql: due, arguments: [query.now.seconds], countSQL: "t.due_at < ?")]
        case .vip:
            // By deadline and by priority the VIPs have their own indexes; in the other orders a
            // page walks the order's index, which holds the tier (`+`: else SQLite would read
            // every open VIP ticket by tier and sort them, 150 ms at ten million).
            let own = query.sort == .slaDue || query.sort == .priority
            terms = [Term(sql: own ? "t.tier = 'vip'" : "+t.tier = 'vip'", countSQL: "t.tier = 'vip'"),
                     Term(sql: "t.active = 1")]
        case .requests:
            // At most one request waits on a ticket (approval_pending), so a ticket shows once.
            join = "JOIN approval a ON a.ticket_id = t.id AND a.state = 'pending'"
            terms = [Term(sql: "1")]
        case .search:
            // Served by Store+Search; a plan that matches nothing keeps this total.
            terms = [Term(sql: "0")]
        case .followUps:
            // Named: SQLite would rather read recovery_follow_up and sort every row.
            join = "JOIN recovery r INDEXED BY recovery_due ON r.ticket_id = t.id"
            terms = [Term(sql: "r.state IN ('at-risk','contacted','offered')"),
                     Term(sql: "r.follow_up_on < ?", arguments: [query.dueBefore.seconds])]
        }
        // A page tests the filter row by row along its sort index (a `+` keeps a term from
        // choosing an index): a filter that keeps one ticket in twenty still fills a screen
        // from a few hundred entries. A count finds it in `ticket_facets`.
        // The tier has an index of its own (ticket_by_tier), which pages may use.
        let narrowing = query.filter.sql
        for (sql, argument) in zip(narrowing.clauses, narrowing.arguments) {
            let page = sql.hasPrefix("t.tier") ? sql : "+" + sql
            terms.append(Term(sql: page, arguments: [argument], inCounts: false))
            terms.append(Term(sql: sql, arguments: [argument], inPages: false))
        }
        switch query.sort {
        case .slaDue: key = "t.due_at"; ascending = true
        case .newest: key = "t.created_at"; ascending = false
        case .resolvedRecent: key = "t.resolved_at"; ascending = false
        case .followUp: key = "r.follow_up_on"; ascending = true
        case .priority: key = "t.priority_due"; ascending = true
        case .oldest: key = "t.created_at"; ascending = true
        case .updated: key = "t.updated_at"; ascending = false
        case .match: key = "t.seq"; ascending = false
        }
        // Where the members of a view sit at one end of an order, their own (partial) index
        // serves it; SQLite, without statistics, would not choose it.
        switch (query.view, query.sort) {
        case (.mine, .priority): pageIndex = "INDEXED BY ticket_mine_priority"
        case (.mine, .oldest): pageIndex = "INDEXED BY ticket_mine_age"
        case (.mine, .updated): pageIndex = "INDEXED BY ticket_mine_updated"
        case (.unassigned, .slaDue): pageIndex = "INDEXED BY ticket_unassigned_due"
        case (.unassigned, .oldest): pageIndex = "INDEXED BY ticket_unassigned_age"
        case (.unassigned, .updated): pageIndex = "INDEXED BY ticket_unassigned_updated"
        case (.resolved, .newest): pageIndex = "INDEXED BY ticket_done_created"
        case (.resolved, .resolvedRecent): pageIndex = "INDEXED BY ticket_done_resolved"
        case (.vip, .priority): pageIndex = "INDEXED BY ticket_vip_priority"
        default: break
        }
    }
}

extension QueueFilter {
    /// The filter as SQL conditions on the ticket `t`, one argument each.
    var sql: (clauses: [String], arguments: [any DatabaseValueConvertible & Sendable]) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible & Sendable] = []
        if let v = reason { clauses.append("t.reason = ?"); arguments.append(v.rawValue) }
        if let v = channel { clauses.append("t.channel = ?"); arguments.append(v.rawValue) }
        if let v = priority { clauses.append("t.priority = ?"); arguments.append(v.rawValue) }
        if let v = tier { clauses.append("t.tier = ?"); arguments.append(v.rawValue) }
        return (clauses, arguments)
    }
}
