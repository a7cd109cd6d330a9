import Foundation

/// Which tickets a queue shows.
public enum QueueView: String, CaseIterable, Sendable {
    case open, mine, unassigned, waiting, followUps = "follow-ups", resolved, all

    /// The order a view starts in.
    public var defaultSort: QueueSort {
        switch self {
        case .open, .mine, .unassigned, .waiting: .slaDue
        case .followUps: .followUp
        case .resolved: .resolvedRecent
        case .all: .newest
        }
    }
}

/// How a queue is ordered. Every order is a single key plus the ticket's sequence number,
/// so that scrolling is keyset-paginated.
public enum QueueSort: String, CaseIterable, Sendable {
    case slaDue = "sla"
    case newest
    case resolvedRecent = "resolved"
    case followUp = "follow-up"
}

public struct QueueQuery: Hashable, Sendable {
    public var view: QueueView
    public var sort: QueueSort
    /// The agent "mine" means.
    public var agent: String
    /// Follow-ups dated before this are due.
    public var dueBefore: Date

    public init(view: QueueView = .open, sort: QueueSort? = nil, agent: String, dueBefore: Date = QueueQuery.endOfToday()) {
        self.view = view
        self.sort = sort ?? view.defaultSort
        self.agent = agent
        self.dueBefore = dueBefore
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
    public var slaDueAt: Date
    public var assignee: String?
    public var cursor: QueueCursor

    public init(seq: Int64, id: String, createdAt: Date, customerName: String, reason: Reason,
                priority: Priority, status: TicketStatus, slaDueAt: Date, assignee: String?, cursor: QueueCursor) {
        self.seq = seq; self.id = id; self.createdAt = createdAt; self.customerName = customerName
        self.reason = reason; self.priority = priority; self.status = status; self.slaDueAt = slaDueAt
        self.assignee = assignee; self.cursor = cursor
    }
}
