import Foundation
import GRDB

extension Store {
    /// The figures of `cdesk report` over the complaints created in `[since, until)`. Every
    /// figure is an aggregate in SQL; percentiles read one row of a sorted scan, so no
    /// ticket list is ever held in memory.
    ///
    /// Over all time the period is no condition at all: SQLite then reads each table (or a
    /// covering index) straight through, and records of other tables need no join to their
    /// ticket — at a million tickets that is seconds instead of a minute and a half.
    public func report(since: Date?, until: Date?) throws -> Report {
        let bounded = since != nil || until != nil
        let range: StatementArguments = bounded ? [since?.seconds ?? Int64.min, until?.seconds ?? Int64.max] : []
        let inPeriod = bounded ? "t.created_at >= ? AND t.created_at < ?" : "1"
        /// The join from another table's `alias` to its ticket, which only a period needs.
        func ticketOf(_ alias: String) -> String { bounded ? "JOIN ticket t ON t.id = \(alias).ticket_id" : "" }
        return try pool.read { db in
            func counts(_ column: String) throws -> [Report.Count] {
                try Row.fetchAll(db, sql: """
                    SELECT t.\(column) AS name, count(*) AS n FROM ticket t WHERE \(inPeriod)
                    GROUP BY t.\(column) ORDER BY n DESC, name
                    """, arguments: range).map { Report.Count(name: $0["name"], count: $0["n"]) }
            }
            /// How long until `end`, for the tickets that have it, and how many made `due`.
            func timing(_ end: String, due: String) throws -> Report.Timing {
                let durations = "SELECT t.\(end) - t.created_at FROM ticket t WHERE \(inPeriod) AND t.\(end) IS NOT NULL"
                let row = try Row.fetchOne(db, sql: """
                    SELECT count(*) AS n, coalesce(sum(t.\(end) <= t.\(due)), 0) AS made FROM ticket t
                    WHERE \(inPeriod) AND t.\(end) IS NOT NULL
                    """, arguments: range)
                let n: Int = row?["n"] ?? 0
                /// The durations at `offset` and after it in the sorted list, up to `count`.
                func sorted(at offset: Int, count: Int) throws -> [Int64] {
                    try Int64.fetchAll(db, sql: "\(durations) ORDER BY 1 LIMIT ? OFFSET ?", arguments: range + [count, offset])
                }
                guard n > 0 else { return Report.Timing(count: 0, median: nil, p90: nil, withinSLA: 0) }
                // The median of an even count is the mean of the two middle values; p90 is the
                // nearest rank, the value at ⌈0.9·n⌉.
                let middle = try sorted(at: (n - 1) / 2, count: n % 2 == 0 ? 2 : 1)
                let median = middle.isEmpty ? nil : middle.reduce(0, +) / Int64(middle.count)
                let p90 = try sorted(at: max(Int((0.9 * Double(n)).rounded(.up)) - 1, 0), count: 1).first
                return Report.Timing(count: n, median: median, p90: p90, withinSLA: row?["made"] ?? 0)
            }
            let complaints = try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket t WHERE \(inPeriod)",
                                              arguments: range) ?? 0
            let recovery = try Row.fetchOne(db, sql: """
                SELECT coalesce(sum(r.state = 'recovered'), 0) AS recovered, coalesce(sum(r.state = 'lost'), 0) AS lost
                FROM recovery r \(ticketOf("r")) WHERE \(inPeriod)
                """, arguments: range)
            let given = try Row.fetchAll(db, sql: """
                SELECT c.kind, count(*) AS n, sum(c.value) AS total
                FROM compensation c \(ticketOf("c"))
                WHERE \(inPeriod) AND c.state IN ('offered', 'accepted')
                GROUP BY c.kind ORDER BY n DESC, c.kind
                """, arguments: range).compactMap { row -> Report.Given? in
                guard let kind = CompensationKind(rawValue: row["kind"]) else { return nil }
                return Report.Given(kind: kind, count: row["n"], total: row["total"])
            }
            let satisfaction = try Row.fetchOne(db, sql: """
                SELECT count(o.satisfaction) AS rated, coalesce(sum(o.satisfaction >= 4), 0) AS satisfied
                FROM outcome o \(ticketOf("o")) WHERE \(inPeriod)
                """, arguments: range)
            return Report(since: since, until: until, complaints: complaints, byReason: try counts("reason"),
                          byChannel: try counts("channel"), recovered: recovery?["recovered"] ?? 0,
                          lost: recovery?["lost"] ?? 0, compensations: given,
                          firstResponse: try timing("first_response_at", due: "first_due_at"),
                          resolution: try timing("resolved_at", due: "sla_due_at"), rated: satisfaction?["rated"] ?? 0,
                          satisfied: satisfaction?["satisfied"] ?? 0)
        }
    }
}
