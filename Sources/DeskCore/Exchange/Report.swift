import Foundation

/// The team lead's figures over a period: the complaints created, or resolved, in
/// `[since, until)` (`basis`); some figures are of now whatever the period (the backlog).
public struct Report: Equatable, Sendable {
    /// About 60% of customers who leave come back when the cause is fixed in time (PRODUCT.md).
    public static let recoveryBenchmark = 0.6

    public struct Count: Equatable, Sendable {
        public var name: String
        public var count: Int
        public init(name: String, count: Int) { self.name = name; self.count = count }
    }

    /// Compensations of one kind given (offered or accepted) on the period's complaints.
    public struct Given: Equatable, Sendable {
        public var kind: CompensationKind
        public var count: Int
        /// The sum of the values, in the kind's own unit: minor units for money kinds, points
        /// for a bonus, percent points for a discount. `valueMinor`, `points` and `percentSum`
        /// name the unit; `money` is what it cost.
        public var total: Int64

        public init(kind: CompensationKind, count: Int, total: Int64) {
            self.kind = kind; self.count = count; self.total = total
        }

        /// The sum in minor units, for free delivery, refund and replacement.
        public var valueMinor: Int64? { [.freeDelivery, .refund, .replacement].contains(kind) ? total : nil }
        /// The bonus points given.
        public var points: Int64? { kind == .bonus ? total : nil }
        /// The discounts' percents added up (their average is `percentSum / count`).
        public var percentSum: Int64? { kind == .discount ? total : nil }
        /// What the kind cost the shop in money; nil for a discount and an apology (see
        /// `GivenCompensation.money`).
        public var money: Money? { GivenCompensation(kind: kind, value: total).money }

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
    /// Which date put the complaints in the period.
    public var basis: PeriodBasis = .standard
    /// The shop's zone, where the period's bounds and a trend's weeks and months are shown.
    public var timeZone = ISODate.utc
    public var complaints: Int
    public var byReason: [Count]
    public var byChannel: [Count]
    public var recovered: Int
    public var lost: Int
    /// Complaints that may still go either way: being followed within their window, or not
    /// resolved yet. A rate over recovered and lost alone says nothing of these.
    public var undecided = Undecided()
    /// Resolved complaints nobody follows (no win-back record: imported done, for one).
    public var notFollowed = 0
    /// The complaints whose recovery window has ended: their rate can no longer change.
    public var closed = Cohort()
    /// The recovery window the closed cohort was judged by.
    public var recoveryWindowDays = 90
    /// The share of answers and resolutions within their SLA the desk aims for, in percent
    /// (`[sla] target_percent`): a figure below it is marked.
    public var slaTargetPercent = 90
    public var slaTarget: Double { Double(slaTargetPercent) / 100 }
    public var compensations: [Given]
    /// What the compensations cost the shop in money (see `GivenCompensation.money`).
    public var compensationCost = Money(minor: 0)
    public var firstResponse: Timing
    public var resolution: Timing
    /// Done complaints whose resolution time is not known (imported resolved or closed
    /// without `resolved_at`): left out of every time figure.
    public var unknownResolutionTimes = 0
    /// Outcomes with a satisfaction rating, and those rated 4 or 5.
    public var rated: Int
    public var satisfied: Int
    /// Complaints reopened after a resolution, and those ever resolved (now done or reopened).
    public var reopened = 0
    public var everResolved = 0
    /// E-mail replies of the period's complaints that could not be sent.
    public var failedReplies = 0
    /// Complaints still open now, by age (not bound to the period).
    public var backlog: [Count] = []
    public var breaches = Breaches()
    /// Figures by `--by`: one slice per agent, reason, channel or tier.
    public var breakdown: Breakdown?
    public var slices: [Slice] = []
    /// Figures by `--every`: one slice per week or month, oldest first.
    public var every: TrendStep?
    public var trend: [Slice] = []

    /// Complaints of the period not yet recovered or lost that still may be.
    public struct Undecided: Equatable, Sendable {
        /// Resolved and being followed (at risk, contacted, offered), the window still open.
        public var followed = 0
        /// Not resolved yet.
        public var open = 0
        public var total: Int { followed + open }
        public init(followed: Int = 0, open: Int = 0) { self.followed = followed; self.open = open }
    }

    /// The complaints of the period whose recovery window ended: recovered, lost, and those
    /// the sweep has not marked yet.
    public struct Cohort: Equatable, Sendable {
        public var complaints = 0
        public var recovered = 0
        public var lost = 0
        public init(complaints: Int = 0, recovered: Int = 0, lost: Int = 0) {
            self.complaints = complaints; self.recovered = recovered; self.lost = lost
        }
        public var rate: Double? { recovered + lost > 0 ? Double(recovered) / Double(recovered + lost) : nil }
    }

    /// One row of a breakdown or a trend.
    public struct Slice: Equatable, Sendable {
        /// The agent, reason, channel or tier; a trend's first day (`2026-11-01`).
        public var name: String
        public var complaints: Int
        public var resolved: Int
        public var recovered: Int
        public var lost: Int
        public var rated: Int
        public var satisfied: Int
        public var cost: Money

        public init(name: String, complaints: Int, resolved: Int, recovered: Int, lost: Int, rated: Int, satisfied: Int,
                    cost: Money) {
            self.name = name; self.complaints = complaints; self.resolved = resolved; self.recovered = recovered
            self.lost = lost; self.rated = rated; self.satisfied = satisfied; self.cost = cost
        }

        public var recoveryRate: Double? { recovered + lost > 0 ? Double(recovered) / Double(recovered + lost) : nil }
        public var satisfactionShare: Double? { rated > 0 ? Double(satisfied) / Double(rated) : nil }
    }

    /// Complaints that missed a deadline: answered or resolved late, or still without an
    /// answer or resolution past it. Counted in full; the longest overdue are listed.
    public struct Breaches: Equatable, Sendable {
        public var firstAnswer = 0
        public var resolution = 0
        public var worst: [Breach] = []
        public init(firstAnswer: Int = 0, resolution: Int = 0, worst: [Breach] = []) {
            self.firstAnswer = firstAnswer; self.resolution = resolution; self.worst = worst
        }
    }

    public struct Breach: Equatable, Sendable {
        public enum Deadline: String, Sendable {
            case firstAnswer = "first-answer", resolution

            public func name(_ l: Language) -> String {
                switch self {
                case .firstAnswer: l.pick(rawValue, "первый ответ")
                case .resolution: l.pick(rawValue, "решение")
                }
            }
        }
        public var ticketID: String
        public var deadline: Deadline
        public var priority: String
        public var agent: String?
        public var due: Int64
        /// Seconds past the deadline: until the answer or resolution, or until now while there is none.
        public var late: Int64
        /// Whether it is still waiting (no answer or resolution yet).
        public var pending: Bool

        public init(ticketID: String, deadline: Deadline, priority: String, agent: String?, due: Int64, late: Int64,
                    pending: Bool) {
            self.ticketID = ticketID; self.deadline = deadline; self.priority = priority; self.agent = agent
            self.due = due; self.late = late; self.pending = pending
        }
    }

    /// recovered ÷ (recovered + lost); nil while no complaint is decided either way.
    public var recoveryRate: Double? {
        recovered + lost > 0 ? Double(recovered) / Double(recovered + lost) : nil
    }

    public var satisfactionShare: Double? { rated > 0 ? Double(satisfied) / Double(rated) : nil }

    /// reopened ÷ ever resolved.
    public var reopenRate: Double? { everResolved > 0 ? Double(reopened) / Double(everResolved) : nil }
}
