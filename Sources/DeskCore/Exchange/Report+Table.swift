import Foundation

/// The report as plain text for a terminal. Money always carries its currency; names that
/// came from files (agents, ticket ids) are made safe to print.
extension Report {
    public static func percent(_ share: Double?) -> String {
        share.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
    }

    /// `3d 4h`, `5h 12m`, `42m`.
    public static func duration(_ seconds: Int64?) -> String {
        guard let seconds else { return "-" }
        let minutes = seconds / 60, hours = minutes / 60, days = hours / 24
        if days > 0 { return "\(days)d \(hours % 24)h" }
        if hours > 0 { return "\(hours)h \(minutes % 60)m" }
        return "\(minutes)m"
    }

    /// `2026-11-01T00:00:00+03:00 to 2026-12-01T00:00:00+03:00` (in the shop's zone), `all time`.
    public var period: String {
        func shown(_ date: Date) -> String { ISODate.string(date.seconds, in: timeZone) }
        return switch (since, until) {
        case (nil, nil): "all time"
        case let (s?, nil): "from \(shown(s))"
        case let (nil, u?): "before \(shown(u))"
        case let (s?, u?): "\(shown(s)) to \(shown(u))"
        }
    }

    /// `Complaints: 12 (resolved 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z)`.
    public var headline: String {
        since == nil && until == nil ? "Complaints: \(complaints) (all time)" : "Complaints: \(complaints) (\(basis.rawValue) \(period))"
    }

    public func table(currency: String = "₽") -> String {
        var out: [String] = [headline, ""]
        let verdict: String = recoveryRate.map { $0 >= Self.recoveryBenchmark ? "at or above" : "below" } ?? "no data"
        out.append("Recovery rate      \(Self.percent(recoveryRate))  (\(recovered) recovered, \(lost) lost, "
                   + "\(undecided.total) undecided)  benchmark 60%: \(verdict)")
        out.append("  closed cohorts   \(Self.percent(closed.rate))  (\(closed.recovered) recovered, \(closed.lost) lost, "
                   + "of \(closed.complaints) whose \(recoveryWindowDays)-day window has ended)")
        out.append("  undecided        \(undecided.total): \(undecided.followed) followed within their window, "
                   + "\(undecided.open) not resolved yet; \(notFollowed) resolved and not followed")
        out.append("Satisfaction 4–5   \(Self.percent(satisfactionShare))  (\(satisfied) of \(rated) rated)")
        out.append("First response     median \(Self.duration(firstResponse.median)), p90 \(Self.duration(firstResponse.p90))  (\(firstResponse.count) answered, \(Self.percent(firstResponse.withinSLAShare)) within SLA)")
        var resolutionLine = "Resolution         median \(Self.duration(resolution.median)), p90 \(Self.duration(resolution.p90))  (\(resolution.count) resolved, \(Self.percent(resolution.withinSLAShare)) within SLA)"
        if unknownResolutionTimes > 0 {
            resolutionLine += "; \(unknownResolutionTimes) without a resolution time left out"
        }
        out.append(resolutionLine)
        out.append("Reopened           \(Self.percent(reopenRate))  (\(reopened) of \(everResolved) resolved)")
        out.append("Failed e-mail      \(failedReplies) \(failedReplies == 1 ? "reply" : "replies") not sent")
        func section(_ title: String, _ counts: [Count], of total: Int) {
            out += ["", title]
            let width = counts.map(\.name.count).max() ?? 0
            for c in counts {
                let share = total > 0 ? Double(c.count) / Double(total) : 0
                out.append("  " + c.name.padding(toLength: width, withPad: " ", startingAt: 0)
                           + "  " + pad(String(c.count), 7) + "  " + Self.percent(share))
            }
        }
        section("By reason", byReason, of: complaints)
        section("By channel", byChannel, of: complaints)
        out += ["", "Compensation given"]
        for g in compensations {
            out.append("  " + g.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                       + pad(String(g.count), 7) + "  \(g.value(currency: currency))")
        }
        out.append("  " + "total cost".padding(toLength: 22, withPad: " ", startingAt: 0) + compensationCost.display(currency: currency))
        section("Open now, by age", backlog, of: backlog.reduce(0) { $0 + $1.count })
        out += breachLines()
        if let breakdown { out += sliceTable("By \(breakdown.rawValue)", slices, currency: currency) }
        if let every { out += sliceTable("Every \(every.rawValue)", trend, currency: currency) }
        return out.joined(separator: "\n") + "\n"
    }

    private func breachLines() -> [String] {
        var out = ["", "SLA breaches: \(breaches.firstAnswer) first answers, \(breaches.resolution) resolutions"
                   + (breaches.worst.isEmpty ? "" : " (the \(breaches.worst.count) most overdue)")]
        let idWidth = min(24, breaches.worst.map { UntrustedText.line($0.ticketID).count }.max() ?? 0)
        for b in breaches.worst {
            let id = UntrustedText.line(b.ticketID)
            out.append("  " + id.padding(toLength: max(idWidth, id.count), withPad: " ", startingAt: 0)
                       + "  " + b.deadline.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                       + "  " + b.priority.padding(toLength: 6, withPad: " ", startingAt: 0)
                       + "  due " + ISODate.string(b.due, in: timeZone) + "  " + Self.duration(b.late) + " late"
                       + (b.pending ? " (still waiting)" : "")
                       + (b.agent.map { "  " + UntrustedText.line($0) } ?? ""))
        }
        return out
    }

    /// A breakdown or a trend: one row per slice, the figures in columns.
    private func sliceTable(_ title: String, _ slices: [Slice], currency: String) -> [String] {
        let names = slices.map { UntrustedText.line($0.name) }
        let width = max(10, min(24, names.map(\.count).max() ?? 0))
        var out = ["", title.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                   + "complaints  resolved  recovered     lost    rate  CSAT 4–5  rated           cost"]
        for (slice, name) in zip(slices, names) {
            let shown = name.count > width ? String(name.prefix(width - 1)) + "…" : name
            out.append("  " + shown.padding(toLength: width, withPad: " ", startingAt: 0)
                       + pad(String(slice.complaints), 10) + pad(String(slice.resolved), 10)
                       + pad(String(slice.recovered), 11) + pad(String(slice.lost), 9)
                       + pad(Self.percent(slice.recoveryRate), 8) + pad(Self.percent(slice.satisfactionShare), 10)
                       + pad(String(slice.rated), 7) + pad(slice.cost.display(currency: currency), 15))
        }
        return out
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
