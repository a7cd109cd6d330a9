import Foundation

/// The team lead's figures over a period: complaints created in `[since, until)`.
public struct Report: Equatable, Sendable {
    /// About 60% of customers who leave come back when the cause is fixed in time (PRODUCT.md).
    public static let recoveryBenchmark = 0.6

    public struct Count: Equatable, Sendable {
        public var name: String
        public var count: Int
    }

    /// Compensations of one kind given (offered or accepted) on the period's complaints.
    public struct Given: Equatable, Sendable {
        public var kind: CompensationKind
        public var count: Int
        /// The sum of the values: minor units for money kinds, points for a bonus, percent
        /// points for a discount (see `value`).
        public var total: Int64

        /// What the kind cost, in words: money (grouped, with its currency; a plain decimal
        /// for a machine when the currency is nil) for free delivery, refund and replacement,
        /// points and their money for a bonus, the average percent for a discount.
        public func value(currency: String? = "₽") -> String {
            func money(_ minor: Int64) -> String {
                currency.map { Money(minor: minor).display(currency: $0) } ?? Money(minor: minor).decimal
            }
            return switch kind {
            case .freeDelivery where total == 0: "-"
            case .freeDelivery, .refund, .replacement: money(total)
            case .bonus: "\(total) pts = \(money(total * GivenCompensation.bonusPoint.minor))"
            case .discount: count > 0 ? "avg " + String(format: "%.1f%%", Double(total) / Double(count)) : "-"
            case .apology: "-"
            }
        }
    }

    /// A duration's median and 90th percentile over the tickets that have it, in seconds,
    /// and how many of them were within their SLA target. The median of an even count is
    /// the mean of the middle two; p90 is the nearest rank, position ⌈0.9·n⌉ sorted.
    public struct Timing: Equatable, Sendable {
        public var count: Int
        public var median: Int64?
        public var p90: Int64?
        /// Tickets whose first answer (or resolution) came by its deadline.
        public var withinSLA: Int

        public init(count: Int, median: Int64?, p90: Int64?, withinSLA: Int) {
            self.count = count; self.median = median; self.p90 = p90; self.withinSLA = withinSLA
        }

        public var withinSLAShare: Double? { count > 0 ? Double(withinSLA) / Double(count) : nil }
    }

    public var since: Date?
    public var until: Date?
    public var complaints: Int
    public var byReason: [Count]
    public var byChannel: [Count]
    public var recovered: Int
    public var lost: Int
    public var compensations: [Given]
    public var firstResponse: Timing
    public var resolution: Timing
    /// Outcomes with a satisfaction rating, and those rated 4 or 5.
    public var rated: Int
    public var satisfied: Int

    /// recovered ÷ (recovered + lost); nil while no complaint is decided either way.
    public var recoveryRate: Double? {
        recovered + lost > 0 ? Double(recovered) / Double(recovered + lost) : nil
    }

    public var satisfactionShare: Double? { rated > 0 ? Double(satisfied) / Double(rated) : nil }

    // MARK: - Presentation

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

    public var period: String {
        switch (since, until) {
        case (nil, nil): "all time"
        case let (s?, nil): "from \(ISODate.string(s.seconds))"
        case let (nil, u?): "before \(ISODate.string(u.seconds))"
        case let (s?, u?): "\(ISODate.string(s.seconds)) to \(ISODate.string(u.seconds))"
        }
    }

    /// The report as plain text for a terminal.
    public func table(currency: String = "₽") -> String {
        var out: [String] = ["Complaints: \(complaints) (\(period))", ""]
        let verdict: String = recoveryRate.map { $0 >= Self.recoveryBenchmark ? "at or above" : "below" } ?? "no data"
        out.append("Recovery rate      \(Self.percent(recoveryRate))  (\(recovered) recovered, \(lost) lost)  benchmark 60%: \(verdict)")
        out.append("Satisfaction 4–5   \(Self.percent(satisfactionShare))  (\(satisfied) of \(rated) rated)")
        out.append("First response     median \(Self.duration(firstResponse.median)), p90 \(Self.duration(firstResponse.p90))  (\(firstResponse.count) answered, \(Self.percent(firstResponse.withinSLAShare)) within SLA)")
        out.append("Resolution         median \(Self.duration(resolution.median)), p90 \(Self.duration(resolution.p90))  (\(resolution.count) resolved, \(Self.percent(resolution.withinSLAShare)) within SLA)")
        func section(_ title: String, _ counts: [Count]) {
            out += ["", title]
            let width = counts.map(\.name.count).max() ?? 0
            for c in counts {
                let share = complaints > 0 ? Double(c.count) / Double(complaints) : 0
                out.append("  " + c.name.padding(toLength: width, withPad: " ", startingAt: 0)
                           + "  " + String(repeating: " ", count: max(0, 7 - String(c.count).count)) + "\(c.count)  "
                           + Self.percent(share))
            }
        }
        section("By reason", byReason)
        section("By channel", byChannel)
        out += ["", "Compensation given"]
        for g in compensations {
            out.append("  " + g.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                       + String(repeating: " ", count: max(0, 7 - String(g.count).count)) + "\(g.count)  \(g.value(currency: currency))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The report as one JSON object (durations in seconds, shares as fractions, money as decimals).
    public func json() -> String {
        func counts(_ list: [Count]) -> [[String: Any]] { list.map { ["name": $0.name, "count": $0.count] } }
        func timing(_ t: Timing) -> [String: Any] {
            ["count": t.count, "median_seconds": t.median.map { $0 as Any } ?? NSNull(),
             "p90_seconds": t.p90.map { $0 as Any } ?? NSNull(), "within_sla": t.withinSLA]
        }
        func share(_ v: Double?) -> Any { v.map { ($0 * 10_000).rounded() / 10_000 as Any } ?? NSNull() }
        let object: [String: Any] = [
            "since": since.map { ISODate.string($0.seconds) as Any } ?? NSNull(),
            "until": until.map { ISODate.string($0.seconds) as Any } ?? NSNull(),
            "complaints": complaints,
            "by_reason": counts(byReason),
            "by_channel": counts(byChannel),
            "recovery": ["recovered": recovered, "lost": lost, "rate": share(recoveryRate),
                         "benchmark": Self.recoveryBenchmark] as [String: Any],
            "compensation": compensations.map {
                ["kind": $0.kind.rawValue, "count": $0.count, "total": $0.total, "value": $0.value(currency: nil)] as [String: Any]
            },
            "first_response": timing(firstResponse),
            "resolution": timing(resolution),
            "satisfaction": ["rated": rated, "satisfied": satisfied, "share": share(satisfactionShare)] as [String: Any],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return (String(data: data, encoding: .utf8) ?? "{}") + "\n"
    }
}
