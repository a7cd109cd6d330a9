import Foundation

/// Which date puts a complaint in a period, for the report and the export alike, so that the
/// two reconcile: `cdesk report --since X --until Y` counts exactly the resolved cases
/// `cdesk export --since X --until Y` writes.
public enum PeriodBasis: String, CaseIterable, Sendable {
    /// The complaints received in the period (a cohort: its figures change while they are worked).
    case created
    /// The complaints resolved in the period: a past period's figures and export never change
    /// (short of a reopened complaint), which is what accounting needs.
    case resolved

    /// The one default of both commands.
    public static let standard: PeriodBasis = .resolved

    /// The ticket column the basis reads.
    var column: String { self == .created ? "created_at" : "resolved_at" }
}

/// What the report breaks its figures down by (`--by`).
public enum Breakdown: String, CaseIterable, Sendable {
    /// Who resolved the complaint, else who holds it; `(nobody)` when neither.
    case agent
    case reason, channel, tier

    public func name(_ l: Language) -> String {
        switch self {
        case .agent: l.pick("agent", "сотрудникам")
        case .reason: l.pick("reason", "причинам")
        case .channel: l.pick("channel", "каналам")
        case .tier: l.pick("tier", "уровням")
        }
    }
}

/// The step of a trend (`--every`): calendar weeks (from Monday) or months in the shop's zone.
public enum TrendStep: String, CaseIterable, Sendable {
    case week, month

    /// "Every month", "По месяцам".
    public func trendTitle(_ l: Language) -> String {
        switch self {
        case .week: l.pick("Every week", "По неделям")
        case .month: l.pick("Every month", "По месяцам")
        }
    }
}

/// What `cdesk report` is asked for.
public struct ReportOptions: Sendable {
    public var since: Date?
    public var until: Date?
    /// Which date puts a complaint in the period; without a period it makes no difference.
    public var basis: PeriodBasis
    public var breakdown: Breakdown?
    public var every: TrendStep?
    /// The moment "now" of open windows, backlog ages and overdue deadlines.
    public var now: Date
    /// How long after its resolution a complaint may still be won back (the policy's).
    public var recoveryWindowDays: Int
    /// The shop's zone: where weeks and months of a trend begin.
    public var timeZone: TimeZone
    /// How many of the SLA breaches the report lists (the worst first); all are counted.
    public var breachLimit: Int

    public init(since: Date? = nil, until: Date? = nil, basis: PeriodBasis = .standard, breakdown: Breakdown? = nil,
                every: TrendStep? = nil, now: Date = Date(), recoveryWindowDays: Int = 90,
                timeZone: TimeZone = .current, breachLimit: Int = 20) {
        self.since = since; self.until = until; self.basis = basis; self.breakdown = breakdown; self.every = every
        self.now = now; self.recoveryWindowDays = recoveryWindowDays; self.timeZone = timeZone
        self.breachLimit = breachLimit
    }

    /// Whether a period was given at all.
    var isBounded: Bool { since != nil || until != nil }
}
