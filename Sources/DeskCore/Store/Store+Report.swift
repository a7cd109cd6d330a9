import Foundation
import GRDB

extension Store {
    /// The figures of `cdesk report` over the complaints `options` selects: created or
    /// resolved in `[since, until)`. Every figure is an aggregate in SQL; percentiles read
    /// one row of a sorted scan, so no ticket list is ever held in memory.
    ///
    /// Over all time the period is no condition at all: SQLite then reads each table (or a
    /// covering index) straight through, and records of other tables need no join to their
    /// ticket — at a million tickets that is seconds instead of a minute and a half.
    public func report(_ options: ReportOptions) throws -> Report {
        let period = ReportPeriod(options)
        return try pool.read { db in
            var report = Report(since: options.since, until: options.until, basis: options.basis,
                                complaints: try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket t WHERE \(period.sql)",
                                                             arguments: period.arguments) ?? 0,
                                byReason: try counts(db, "reason", period), byChannel: try counts(db, "channel", period),
                                recovered: 0, lost: 0, compensations: try given(db, period),
                                firstResponse: try timing(db, "first_response_at", due: "first_due_at", period),
                                resolution: try timing(db, "resolved_at", due: "sla_due_at", period, known: Self.knownResolution),
                                rated: 0, satisfied: 0)
            report.recoveryWindowDays = options.recoveryWindowDays
            report.slaTargetPercent = options.slaTargetPercent
            report.timeZone = options.timeZone
            report.compensationCost = report.compensations.compactMap(\.money).reduce(Money(minor: 0), +)
            try recovery(db, period, options, into: &report)
            let satisfaction = try Row.fetchOne(db, sql: """
                SELECT count(o.satisfaction) AS rated, coalesce(sum(o.satisfaction >= 4), 0) AS satisfied
                FROM outcome o \(period.ticketOf("o")) WHERE \(period.sql)
                """, arguments: period.arguments)
            report.rated = satisfaction?["rated"] ?? 0
            report.satisfied = satisfaction?["satisfied"] ?? 0
            report.unknownResolutionTimes = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM ticket t WHERE \(period.sql) AND t.resolved_at IS NOT NULL AND NOT (\(Self.knownResolution))
                """, arguments: period.arguments) ?? 0
            let reopen = try Row.fetchOne(db, sql: """
                SELECT coalesce(sum(x.reopened), 0) AS reopened, coalesce(sum(x.reopened OR x.done), 0) AS ever FROM (
                    SELECT EXISTS (SELECT 1 FROM event e WHERE e.entity = 'ticket' AND e.entity_id = t.id AND e.action = 'reopen')
                               AS reopened, t.resolved_at IS NOT NULL AS done
                    FROM ticket t WHERE \(period.sql)) x
                """, arguments: period.arguments)
            report.reopened = reopen?["reopened"] ?? 0
            report.everResolved = reopen?["ever"] ?? 0
            report.failedReplies = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM mail_message m \(period.ticketOf("m"))
                WHERE m.direction = 'out' AND m.state = 'failed' AND \(period.sql)
                """, arguments: period.arguments) ?? 0
            report.backlog = try backlog(db, now: options.now.seconds)
            report.breaches = try breaches(db, period, now: options.now.seconds, limit: options.breachLimit)
            if let breakdown = options.breakdown {
                report.breakdown = breakdown
                report.slices = try slices(db, key: Self.sliceKey(breakdown), period)
            }
            if let every = options.every {
                report.every = every
                report.trend = try trend(db, every, options)
            }
            return report
        }
    }

    /// A done complaint whose resolution time is known: not one an import said was done
    /// without saying when (its `resolved_at` is still the creation time the import assumed).
    static let knownResolution = "(t.resolved_at_assumed IS NULL OR t.resolved_at <> t.resolved_at_assumed)"

    /// What one given compensation cost in minor units: its value times the minor units one
    /// unit of its kind is worth (`GivenCompensation.money`), 0 for a discount or an apology.
    static let compensationCostSQL: String = {
        let cases = CompensationKind.allCases.map { kind in
            "WHEN '\(kind.rawValue)' THEN \(GivenCompensation(kind: kind, value: 1).money?.minor ?? 0)"
        }
        return "(CASE c.kind \(cases.joined(separator: " ")) ELSE 0 END) * c.value"
    }()

    private func counts(_ db: Database, _ column: String, _ period: ReportPeriod) throws -> [Report.Count] {
        try Row.fetchAll(db, sql: """
            SELECT t.\(column) AS name, count(*) AS n FROM ticket t WHERE \(period.sql)
            GROUP BY t.\(column) ORDER BY n DESC, name
            """, arguments: period.arguments).map { Report.Count(name: $0["name"], count: $0["n"]) }
    }

    /// How long until `end`, for the tickets that have it (and, with `known`, whose time is
    /// known), and how many made `due`.
    private func timing(_ db: Database, _ end: String, due: String, _ period: ReportPeriod,
                        known: String = "1") throws -> Report.Timing {
        let which = "\(period.sql) AND t.\(end) IS NOT NULL AND \(known)"
        let durations = "SELECT t.\(end) - t.created_at FROM ticket t WHERE \(which)"
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*) AS n, coalesce(sum(t.\(end) <= t.\(due)), 0) AS made FROM ticket t WHERE \(which)
            """, arguments: period.arguments)
        let n: Int = row?["n"] ?? 0
        /// The durations at `offset` and after it in the sorted list, up to `count`.
        func sorted(at offset: Int, count: Int) throws -> [Int64] {
            var arguments = period.arguments
            _ = arguments.append(contentsOf: ["count": count, "offset": offset])
            return try Int64.fetchAll(db, sql: "\(durations) ORDER BY 1 LIMIT :count OFFSET :offset", arguments: arguments)
        }
        guard n > 0 else { return Report.Timing(count: 0, median: nil, p90: nil, withinSLA: 0) }
        // The median of an even count is the mean of the two middle values; p90 is the
        // nearest rank, the value at ⌈0.9·n⌉.
        let middle = try sorted(at: (n - 1) / 2, count: n % 2 == 0 ? 2 : 1)
        let median = middle.isEmpty ? nil : middle.reduce(0, +) / Int64(middle.count)
        let p90 = try sorted(at: max(Int((0.9 * Double(n)).rounded(.up)) - 1, 0), count: 1).first
        return Report.Timing(count: n, median: median, p90: p90, withinSLA: row?["made"] ?? 0)
    }

    private func given(_ db: Database, _ period: ReportPeriod) throws -> [Report.Given] {
        try Row.fetchAll(db, sql: """
            SELECT c.kind, count(*) AS n, sum(c.value) AS total
            FROM compensation c \(period.ticketOf("c"))
            WHERE \(period.sql) AND c.state IN ('offered', 'accepted')
            GROUP BY c.kind ORDER BY n DESC, c.kind
            """, arguments: period.arguments).compactMap { row -> Report.Given? in
            guard let kind = CompensationKind(rawValue: row["kind"]) else { return nil }
            return Report.Given(kind: kind, count: row["n"], total: row["total"])
        }
    }

    /// Recovered, lost and undecided; the cohort whose window has ended.
    private func recovery(_ db: Database, _ period: ReportPeriod, _ options: ReportOptions, into report: inout Report) throws {
        let recovery = try Row.fetchOne(db, sql: """
            SELECT coalesce(sum(r.state = 'recovered'), 0) AS recovered, coalesce(sum(r.state = 'lost'), 0) AS lost,
                   coalesce(sum(\(RecoveryRules.open)), 0) AS followed
            FROM recovery r \(period.ticketOf("r")) WHERE \(period.sql)
            """, arguments: period.arguments)
        report.recovered = recovery?["recovered"] ?? 0
        report.lost = recovery?["lost"] ?? 0
        let open = try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket t WHERE \(period.sql) AND t.resolved_at IS NULL",
                                    arguments: period.arguments) ?? 0
        report.undecided = Report.Undecided(followed: recovery?["followed"] ?? 0, open: open)
        report.notFollowed = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM ticket t WHERE \(period.sql) AND t.resolved_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM recovery r WHERE r.ticket_id = t.id)
            """, arguments: period.arguments) ?? 0
        // The window ends as the sweep's rule has it (`RecoveryRules.expired`).
        var arguments = period.arguments
        _ = arguments.append(contentsOf: ["window": Int64(options.recoveryWindowDays) * 86_400, "now": options.now.seconds])
        let closed = try Row.fetchOne(db, sql: """
            SELECT count(*) AS n, coalesce(sum(r.state = 'recovered'), 0) AS recovered, coalesce(sum(r.state = 'lost'), 0) AS lost
            FROM ticket t JOIN recovery r ON r.ticket_id = t.id
            WHERE \(period.sql) AND t.resolved_at IS NOT NULL AND t.resolved_at + :window < :now
            """, arguments: arguments)
        report.closed = Report.Cohort(complaints: closed?["n"] ?? 0, recovered: closed?["recovered"] ?? 0,
                                      lost: closed?["lost"] ?? 0)
    }

    /// The complaints open now, by age; read off the open-by-age index (`ticket_queue_age`).
    private func backlog(_ db: Database, now: Int64) throws -> [Report.Count] {
        let names = ["under 1 day", "1–3 days", "3–7 days", "7–30 days", "over 30 days"]
        let edges: [Int64] = [1, 3, 7, 30]
        return try names.indices.map { i in
            // Created after `oldest`, at or before `newest`.
            let newest = i == 0 ? Int64.max : now - edges[i - 1] * 86_400
            let oldest = i == edges.count ? Int64.min : now - edges[i] * 86_400
            let n = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM ticket WHERE active = 1 AND created_at > ? AND created_at <= ?
                """, arguments: [oldest, newest]) ?? 0
            return Report.Count(name: names[i], count: n)
        }
    }

    /// Deadlines missed by the period's complaints: counted, and the latest listed.
    private func breaches(_ db: Database, _ period: ReportPeriod, now: Int64, limit: Int) throws -> Report.Breaches {
        let firstLate = """
            (t.first_response_at > t.first_due_at OR (t.first_response_at IS NULL AND t.resolved_at IS NULL AND t.first_due_at < :now))
            """
        let resolutionLate = """
            ((t.resolved_at > t.sla_due_at AND \(Self.knownResolution)) OR (t.resolved_at IS NULL AND t.sla_due_at < :now))
            """
        var arguments = period.arguments
        _ = arguments.append(contentsOf: ["now": now, "limit": limit])
        let counts = try Row.fetchOne(db, sql: """
            SELECT coalesce(sum(\(firstLate)), 0) AS first, coalesce(sum(\(resolutionLate)), 0) AS resolution
            FROM ticket t WHERE \(period.sql)
            """, arguments: arguments)
        func list(_ deadline: Report.Breach.Deadline, late: String, end: String, due: String) -> String {
            """
            SELECT t.id AS id, '\(deadline.rawValue)' AS deadline, t.priority AS priority, coalesce(o.agent, t.assignee) AS agent,
                   t.\(due) AS due, coalesce(t.\(end), :now) - t.\(due) AS late, t.\(end) IS NULL AS pending
            FROM ticket t LEFT JOIN outcome o ON o.ticket_id = t.id WHERE \(period.sql) AND \(late)
            """
        }
        let worst = try Row.fetchAll(db, sql: """
            \(list(.firstAnswer, late: firstLate, end: "first_response_at", due: "first_due_at"))
            UNION ALL
            \(list(.resolution, late: resolutionLate, end: "resolved_at", due: "sla_due_at"))
            ORDER BY late DESC, id, deadline LIMIT :limit
            """, arguments: arguments).compactMap { row -> Report.Breach? in
            guard let deadline = Report.Breach.Deadline(rawValue: row["deadline"]) else { return nil }
            return Report.Breach(ticketID: row["id"], deadline: deadline, priority: row["priority"], agent: row["agent"],
                                 due: row["due"], late: row["late"], pending: row["pending"])
        }
        return Report.Breaches(firstAnswer: counts?["first"] ?? 0, resolution: counts?["resolution"] ?? 0, worst: worst)
    }

    private static func sliceKey(_ breakdown: Breakdown) -> String {
        switch breakdown {
        case .agent: "coalesce(o.agent, t.assignee, '(nobody)')"
        case .reason: "t.reason"
        case .channel: "t.channel"
        case .tier: "coalesce(t.tier, '(none)')"
        }
    }

    /// The period's figures grouped by `key`, the largest group first.
    private func slices(_ db: Database, key: String, _ period: ReportPeriod) throws -> [Report.Slice] {
        try Row.fetchAll(db, sql: """
            SELECT \(key) AS name, count(*) AS complaints, count(t.resolved_at) AS resolved,
                   coalesce(sum(r.state = 'recovered'), 0) AS recovered, coalesce(sum(r.state = 'lost'), 0) AS lost,
                   count(o.satisfaction) AS rated, coalesce(sum(o.satisfaction >= 4), 0) AS satisfied,
                   coalesce(sum((SELECT sum(\(Self.compensationCostSQL)) FROM compensation c
                                 WHERE c.ticket_id = t.id AND c.state IN ('offered', 'accepted'))), 0) AS cost
            FROM ticket t LEFT JOIN outcome o ON o.ticket_id = t.id LEFT JOIN recovery r ON r.ticket_id = t.id
            WHERE \(period.sql)
            GROUP BY 1 ORDER BY complaints DESC, name
            """, arguments: period.arguments).map { row in
            Report.Slice(name: row["name"], complaints: row["complaints"], resolved: row["resolved"],
                         recovered: row["recovered"], lost: row["lost"], rated: row["rated"], satisfied: row["satisfied"],
                         cost: Money(minor: row["cost"]))
        }
    }

    /// One slice per week or month of the period (of the basis dates the store holds, over
    /// all time), each named by its first day in the shop's zone, empty ones included.
    private func trend(_ db: Database, _ step: TrendStep, _ options: ReportOptions) throws -> [Report.Slice] {
        let column = "t.\(options.basis.column)"
        let range = try Row.fetchOne(db, sql: "SELECT min(\(column)) AS first, max(\(column)) AS last FROM ticket t")
        guard let first: Int64 = range?["first"], let last: Int64 = range?["last"] else { return [] }
        let lower = options.since?.seconds ?? first
        let upper = options.until?.seconds ?? last + 1
        var out: [Report.Slice] = []
        for bucket in TrendBuckets(step: step, timeZone: options.timeZone, from: lower, to: upper) {
            var bucketOptions = options
            bucketOptions.since = Date(seconds: max(bucket.start, lower))
            bucketOptions.until = Date(seconds: min(bucket.end, upper))
            let slice = try slices(db, key: "'\(bucket.name)'", ReportPeriod(bucketOptions)).first
            out.append(slice ?? Report.Slice(name: bucket.name, complaints: 0, resolved: 0, recovered: 0, lost: 0, rated: 0,
                                             satisfied: 0, cost: Money(minor: 0)))
        }
        return out
    }
}

/// The period as a condition on the ticket `t` and its named arguments `:since`, `:until`.
struct ReportPeriod {
    let sql: String
    let arguments: StatementArguments
    private let bounded: Bool

    init(_ options: ReportOptions) {
        bounded = options.isBounded
        let column = "t.\(options.basis.column)"
        sql = bounded ? "\(column) >= :since AND \(column) < :until" : "1"
        arguments = bounded ? ["since": options.since?.seconds ?? Int64.min, "until": options.until?.seconds ?? Int64.max] : [:]
    }

    /// The join from another table's `alias` to its ticket, which only a period needs.
    func ticketOf(_ alias: String) -> String { bounded ? "JOIN ticket t ON t.id = \(alias).ticket_id" : "" }
}

/// The weeks (from Monday) or months that cover `[from, to)` in a zone, as seconds.
struct TrendBuckets: Sequence {
    struct Bucket { let name: String; let start: Int64; let end: Int64 }
    let step: TrendStep
    let timeZone: TimeZone
    let from: Int64
    let to: Int64

    func makeIterator() -> AnyIterator<Bucket> {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let unit: Calendar.Component = step == .week ? .weekOfYear : .month
        var start = calendar.dateInterval(of: unit, for: Date(seconds: from))?.start ?? Date(seconds: from)
        let to = self.to
        return AnyIterator {
            guard start.seconds < to, let next = calendar.date(byAdding: unit, value: 1, to: start) else { return nil }
            let day = calendar.dateComponents([.year, .month, .day], from: start)
            let name = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
            defer { start = next }
            return Bucket(name: name, start: start.seconds, end: next.seconds)
        }
    }
}
