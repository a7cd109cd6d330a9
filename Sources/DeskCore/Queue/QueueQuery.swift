import Foundation

extension QueueQuery {
    /// A search's count stops here: a word in every other ticket should not cost a full scan.
    public static let searchCountCap = 10_000
}

/// Which tickets a queue shows.
public enum QueueView: String, CaseIterable, Sendable {
    case open, mine, unassigned, overdue, waiting, followUps = "follow-ups", vip, resolved, all
    /// Tickets whose agent asked a lead for more than their limit, waiting for the lead.
    case requests
    /// The result of a search: a temporary view.
    case search

    /// The views an agent switches between and the header counts (a search is reached by
    /// searching, a lead's requests by their own key).
    public static let standard: [QueueView] = allCases.filter { $0 != .search && $0 != .requests }

    /// The orders a view can be shown in; the first is where it starts.
    public var sorts: [QueueSort] {
        switch self {
        case .open, .mine, .unassigned, .overdue, .waiting, .vip, .requests: [.slaDue, .priority, .oldest, .updated]
        case .followUps: [.followUp]
        case .resolved: [.resolvedRecent, .newest]
        case .all: [.newest, .oldest, .updated]
        case .search: [.match]
        }
    }

    public var defaultSort: QueueSort { sorts[0] }
}

/// How a queue is ordered. Every order is a single key plus the ticket's sequence number,
/// so that scrolling is keyset-paginated.
public enum QueueSort: String, CaseIterable, Sendable {
    case slaDue = "sla"
    /// Most pressing priority first, then by SLA.
    case priority
    /// Oldest complaint first.
    case oldest
    /// Most recently changed first.
    case updated
    case newest
    case resolvedRecent = "resolved"
    case followUp = "follow-up"
    /// Search results, newest ticket first.
    case match
}

/// Narrows any view to one reason, channel, priority or customer tier.
public struct QueueFilter: Hashable, Sendable {
    public var reason: Reason?
    public var channel: Channel?
    public var priority: Priority?
    public var tier: Tier?

    public init(reason: Reason? = nil, channel: Channel? = nil, priority: Priority? = nil, tier: Tier? = nil) {
        self.reason = reason; self.channel = channel; self.priority = priority; self.tier = tier
    }

    public var isEmpty: Bool { self == QueueFilter() }

    /// The keys a filter knows, in each language.
    public enum Key: String, CaseIterable, Sendable {
        case reason, channel, priority, tier

        public func name(_ language: Language) -> String {
            switch self {
            case .reason: language.pick(rawValue, "причина")
            case .channel: language.pick(rawValue, "канал")
            case .priority: language.pick(rawValue, "приоритет")
            case .tier: language.pick(rawValue, "уровень")
            }
        }

        static func named(_ word: String) -> Key? {
            let w = word.lowercased().replacingOccurrences(of: "ё", with: "е")
            return allCases.first { key in Language.allCases.contains { key.name($0) == w } }
        }
    }

    /// "reason=delivery-delay tier=vip", "причина=задержка уровень=vip": what the filter
    /// prompt reads and shows.
    public func text(_ language: Language = .en) -> String {
        func word(_ key: Key, _ value: (some Named)?) -> String? {
            value.map { key.name(language) + "=" + $0.word(language) }
        }
        return [word(.reason, reason), word(.channel, channel), word(.priority, priority), word(.tier, tier)]
            .compactMap { $0 }.joined(separator: " ")
    }

    /// Parses `key=value` words, in English or Russian, in any case; a bare value is matched
    /// against every key's values. Returns the word it could not read when one is wrong.
    public static func parse(_ text: String) -> Result<QueueFilter, FilterError> {
        var filter = QueueFilter()
        for word in text.split(separator: " ").map(String.init) {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            let key: Key?
            if parts.count == 2 {
                guard let named = Key.named(parts[0]) else { return .failure(FilterError(word: word)) }
                key = named
            } else {
                key = nil
            }
            let value = parts.count == 2 ? parts[1] : word
            if (key == nil || key == .reason), let v = Reason.named(value) { filter.reason = v }
            else if (key == nil || key == .channel), let v = Channel.named(value) { filter.channel = v }
            else if (key == nil || key == .priority), let v = Priority.named(value) { filter.priority = v }
            else if (key == nil || key == .tier), let v = Tier.named(value) { filter.tier = v }
            else { return .failure(FilterError(word: word)) }
        }
        return .success(filter)
    }
}

extension QueueFilter {
    /// Every key a filter knows and its values in `language`, in the order the menu shows them.
    public static func choices(_ language: Language = .en) -> [(key: String, values: [String])] {
        [(Key.reason.name(language), Reason.words(language)), (Key.channel.name(language), Channel.words(language)),
         (Key.priority.name(language), Priority.words(language)), (Key.tier.name(language), Tier.words(language))]
    }

    /// `text` with its last word completed in `language`: as far as every value (or `key=`)
    /// it can still become agrees, and with a space after a value once only one is left. A
    /// `key=` narrows to that key's values.
    public static func complete(_ text: String, _ language: Language = .en) -> String {
        let choices = choices(language)
        let start = text.lastIndex(of: " ").map { text.index(after: $0) } ?? text.startIndex
        let word = String(text[start...])
        let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let prefix = parts.count == 2 ? parts[0] + "=" : ""
        let typed = (parts.count == 2 ? parts[1] : word).lowercased()
        let keyTyped = parts.count == 2 ? Key.named(parts[0])?.name(language) : nil
        let keys = parts.count < 2 ? choices.map { $0.key + "=" } : []
        let candidates = (choices.filter { parts.count < 2 || $0.key == keyTyped }.flatMap(\.values) + keys)
            .filter { $0.hasPrefix(typed) }
        guard let first = candidates.first else { return text }
        var common = first
        for candidate in candidates.dropFirst() {
            common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
        }
        let done = Set(candidates).count == 1 && !common.hasSuffix("=")
        let completed = prefix + common + (done ? " " : "")
        return String(text[..<start]) + completed
    }
}

public struct FilterError: Error, Equatable {
    public var word: String
}

public struct QueueQuery: Hashable, Sendable {
    public var view: QueueView
    public var sort: QueueSort
    /// The agent "mine" means.
    public var agent: String
    /// Follow-ups dated before this are due.
    public var dueBefore: Date
    /// SLA times before this are breached (the overdue view).
    public var now: Date
    /// What the search view looks for.
    public var text: String
    public var filter = QueueFilter()

    public init(view: QueueView = .open, sort: QueueSort? = nil, agent: String, now: Date = Date(),
                dueBefore: Date? = nil, text: String = "") {
        self.view = view
        self.sort = sort ?? view.defaultSort
        self.agent = agent
        self.now = now
        self.dueBefore = dueBefore ?? QueueQuery.endOfToday(now: now)
        self.text = text
    }

    /// Midnight at the end of today in the agent's time zone.
    public static func endOfToday(now: Date = Date()) -> Date {
        let calendar = Calendar.current
        return calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)) ?? now
    }
}

/// A place in a queue: the sort key and sequence number of a row.
public struct QueueCursor: Hashable, Sendable {
    public var key: Int64
    public var seq: Int64
    public init(key: Int64, seq: Int64) { self.key = key; self.seq = seq }
}

public enum PageDirection: Sendable {
    /// Rows after the cursor (or from the start without one), in queue order.
    case forward
    /// Rows before the cursor (or from the end without one), returned in queue order.
    case backward
}

/// One line of the queue.
public struct QueueRow: Hashable, Sendable {
    public var seq: Int64
    public var id: String
    public var createdAt: Date
    public var customerName: String
    public var reason: Reason
    public var priority: Priority
    public var status: TicketStatus
    /// The deadline that matters now: the first answer's while there is none, else the
    /// resolution's.
    public var dueAt: Date
    public var assignee: String?
    public var version: Int
    public var cursor: QueueCursor
    public var subject: String
    /// A done complaint's outcome and the customer's satisfaction, where recorded.
    public var resolution: Resolution?
    public var satisfaction: Int?
    /// A followed complaint's win-back state and follow-up day.
    public var recovery: RecoveryState?
    public var followUpOn: Date?
    /// A reply sent as mail on the ticket failed: the customer did not get it.
    public var replyFailed: Bool

    public init(seq: Int64, id: String, createdAt: Date, customerName: String, reason: Reason,
                priority: Priority, status: TicketStatus, dueAt: Date, assignee: String?, version: Int = 1, cursor: QueueCursor,
                subject: String = "", resolution: Resolution? = nil, satisfaction: Int? = nil, recovery: RecoveryState? = nil,
                followUpOn: Date? = nil, replyFailed: Bool = false) {
        self.seq = seq; self.id = id; self.createdAt = createdAt; self.customerName = customerName
        self.reason = reason; self.priority = priority; self.status = status; self.dueAt = dueAt
        self.assignee = assignee; self.version = version; self.cursor = cursor
        self.subject = subject; self.resolution = resolution; self.satisfaction = satisfaction
        self.recovery = recovery; self.followUpOn = followUpOn; self.replyFailed = replyFailed
    }
}
