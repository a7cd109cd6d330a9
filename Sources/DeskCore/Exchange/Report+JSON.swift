import Foundation

/// The report as one JSON object for a machine: durations in seconds, shares as fractions,
/// every amount under a name that says its unit (`value_minor`, `percent_sum`, `points`) and
/// money also as a decimal string.
extension Report {
    public func json(currency: String = "₽") -> String {
        func counts(_ list: [Count]) -> [[String: Any]] { list.map { ["name": $0.name, "count": $0.count] } }
        func timing(_ t: Timing) -> [String: Any] {
            ["count": t.count, "median_seconds": t.median.map { $0 as Any } ?? NSNull(),
             "p90_seconds": t.p90.map { $0 as Any } ?? NSNull(), "within_sla": t.withinSLA,
             "within_sla_share": share(t.withinSLAShare), "target": slaTarget]
        }
        func share(_ v: Double?) -> Any { v.map { ($0 * 10_000).rounded() / 10_000 as Any } ?? NSNull() }
        func money(_ m: Money) -> [String: Any] { ["value_minor": m.minor, "decimal": m.decimal, "currency": currency] }
        func given(_ g: Given) -> [String: Any] {
            var entry: [String: Any] = ["kind": g.kind.rawValue, "count": g.count]
            if let v = g.valueMinor { entry["value_minor"] = v }
            if let v = g.percentSum { entry["percent_sum"] = v }
            if let v = g.points { entry["points"] = v }
            entry["money"] = g.money.map { money($0) as Any } ?? NSNull()
            return entry
        }
        func slices(_ list: [Slice]) -> [[String: Any]] {
            list.map {
                ["name": UntrustedText.line($0.name), "complaints": $0.complaints, "resolved": $0.resolved, "recovered": $0.recovered,
                 "lost": $0.lost, "recovery_rate": share($0.recoveryRate), "rated": $0.rated, "satisfied": $0.satisfied,
                 "satisfaction_share": share($0.satisfactionShare), "cost": money($0.cost)]
            }
        }
        var object: [String: Any] = [
            "since": since.map { ISODate.string($0.seconds, in: timeZone) as Any } ?? NSNull(),
            "until": until.map { ISODate.string($0.seconds, in: timeZone) as Any } ?? NSNull(),
            "time_zone": timeZone.identifier,
            "period_by": basis.rawValue,
            "complaints": complaints,
            "by_reason": counts(byReason),
            "by_channel": counts(byChannel),
            "recovery": [
                "recovered": recovered, "lost": lost, "rate": share(recoveryRate), "benchmark": Self.recoveryBenchmark,
                "undecided": undecided.total, "undecided_followed": undecided.followed, "undecided_open": undecided.open,
                "not_followed": notFollowed, "window_days": recoveryWindowDays,
                "closed_cohorts": ["complaints": closed.complaints, "recovered": closed.recovered, "lost": closed.lost,
                                   "rate": share(closed.rate)] as [String: Any],
            ] as [String: Any],
            "compensation": compensations.map(given),
            "compensation_cost": money(compensationCost),
            "first_response": timing(firstResponse),
            "resolution": timing(resolution).merging(["unknown_times_left_out": unknownResolutionTimes]) { a, _ in a },
            "satisfaction": ["rated": rated, "satisfied": satisfied, "share": share(satisfactionShare)] as [String: Any],
            "reopened": ["reopened": reopened, "ever_resolved": everResolved, "rate": share(reopenRate)] as [String: Any],
            "failed_replies": failedReplies,
            "backlog_by_age": counts(backlog),
            "sla_breaches": [
                "first_answer": breaches.firstAnswer, "resolution": breaches.resolution,
                "most_overdue": breaches.worst.map {
                    ["ticket_id": UntrustedText.line($0.ticketID), "deadline": $0.deadline.rawValue, "priority": $0.priority,
                     "agent": $0.agent.map { UntrustedText.line($0) as Any } ?? NSNull(), "due": ISODate.string($0.due, in: timeZone),
                     "late_seconds": $0.late, "pending": $0.pending] as [String: Any]
                },
            ] as [String: Any],
        ]
        if let breakdown { object["by_\(breakdown.rawValue)"] = slices(self.slices) }
        if let every { object["every_\(every.rawValue)"] = slices(trend) }
        // Text from files (a ticket id, an agent's name) is made safe as for the table:
        // JSONSerialization escapes C0 controls but passes C1 and bidi controls through.
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return (String(data: data, encoding: .utf8) ?? "{}") + "\n"
    }
}
