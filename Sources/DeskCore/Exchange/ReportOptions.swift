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
    /// The share of answers and resolutions within their SLA the desk aims for, in percent
    /// (the policy's `[sla] target_percent`).
    public var slaTargetPercent = 90

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

/// A report period as an agent types it: `all`, `30d` (the last 30 days), `2026-11` (a month),
/// `2026-11-01..2026-11-30` (days, both included), in the shop's zone. `все` and `30д` too.
public enum TypedPeriod: Equatable, Sendable {
    case all
    case lastDays(Int)
    case month(year: Int, month: Int)
    case days(from: Day, through: Day)

    /// A calendar day, read in the shop's zone when the period is turned into times.
    public struct Day: Equatable, Comparable, Sendable {
        public var year, month, day: Int
        public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

        static func parse(_ text: String) -> Day? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2],
                  (2000...2200).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
            return Day(year: y, month: m, day: d)
        }
    }

    public static func parse(_ text: String) -> TypedPeriod? {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if word.isEmpty || word == "all" || word == "все" || word == "всё" { return .all }
        if let last = word.last, last == "d" || last == "д", let n = Int(word.dropLast()), (1...3650).contains(n) { return .lastDays(n) }
        let parts = word.split(separator: "-").compactMap { Int($0) }
        if parts.count == 2, !word.contains(".."), (1...12).contains(parts[1]), (2000...2200).contains(parts[0]) {
            return .month(year: parts[0], month: parts[1])
        }
        let ends = word.components(separatedBy: "..")
        if ends.count == 2, let from = Day.parse(ends[0]), let through = Day.parse(ends[1]), from <= through {
            return .days(from: from, through: through)
        }
        return nil
    }

    /// Since and until in `zone`, as of `now` (until is exclusive).
    public func bounds(now: Date, zone: TimeZone) -> (since: Date?, until: Date?) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        switch self {
        case .all: return (nil, nil)
        case .lastDays(let n): return (calendar.date(byAdding: .day, value: -n, to: now), nil)
        case let .month(year, month):
            let start = calendar.date(from: DateComponents(year: year, month: month, day: 1))
            return (start, start.flatMap { calendar.date(byAdding: .month, value: 1, to: $0) })
        case let .days(from, through):
            let start = calendar.date(from: DateComponents(year: from.year, month: from.month, day: from.day))
            let last = calendar.date(from: DateComponents(year: through.year, month: through.month, day: through.day))
            return (start, last.flatMap { calendar.date(byAdding: .day, value: 1, to: $0) })
        }
    }
}
