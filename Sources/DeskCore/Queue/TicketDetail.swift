import Foundation

/// Everything the ticket screen shows about one complaint and its customer.
public struct TicketDetail: Sendable {
    public var ticket: Ticket
    public var customer: Customer
    public var messages: [Message]
    /// The customer's most recent orders, newest first.
    public var recentOrders: [Order]
    public var orderCount: Int
    public var lifetimeValue: Money
    public var lastOrderAt: Date?
    /// The customer's other complaints, newest first, with their outcome where resolved.
    public var earlierTickets: [EarlierTicket]
    /// Every compensation the customer was given, newest first.
    public var compensations: [Compensation]
    public var outcome: Outcome?
    public var recovery: Recovery?
    /// A compensation an agent asked a lead for, still waiting.
    public var pendingRequest: ApprovalRequest?
    /// Files the customer's mail carried, oldest first.
    public var attachments: [StoredAttachment] = []

    public init(ticket: Ticket, customer: Customer, messages: [Message], recentOrders: [Order],
                orderCount: Int, lifetimeValue: Money, lastOrderAt: Date?, earlierTickets: [EarlierTicket],
                compensations: [Compensation], outcome: Outcome?, recovery: Recovery?) {
        self.ticket = ticket; self.customer = customer; self.messages = messages
        self.recentOrders = recentOrders; self.orderCount = orderCount; self.lifetimeValue = lifetimeValue
        self.lastOrderAt = lastOrderAt; self.earlierTickets = earlierTickets
        self.compensations = compensations; self.outcome = outcome; self.recovery = recovery
    }
}

public struct EarlierTicket: Hashable, Sendable {
    public var id: String
    public var createdAt: Date
    public var reason: Reason
    public var status: TicketStatus
    public var resolution: Resolution?

    public init(id: String, createdAt: Date, reason: Reason, status: TicketStatus, resolution: Resolution?) {
        self.id = id; self.createdAt = createdAt; self.reason = reason; self.status = status; self.resolution = resolution
    }
}

/// Where a complaint stands in its resolution: its status, when it was resolved, the
/// outcome and the win-back state. Enough to put it back exactly (an undo).
public struct ResolutionRecord: Equatable, Sendable {
    public var status: TicketStatus
    public var resolvedAt: Date?
    public var outcome: Outcome?
    public var recovery: Recovery?

    public init(status: TicketStatus, resolvedAt: Date?, outcome: Outcome?, recovery: Recovery?) {
        self.status = status; self.resolvedAt = resolvedAt; self.outcome = outcome; self.recovery = recovery
    }

    /// The record as the audit log writes values.
    var auditValues: [String: String] {
        ["status": status.rawValue, "resolved_at": resolvedAt.map { String(Int64($0.timeIntervalSince1970)) } ?? "",
         "resolution": outcome?.resolution.rawValue ?? "", "satisfaction": outcome?.satisfaction.map(String.init) ?? "",
         "recovery": recovery?.state.rawValue ?? "",
         "follow_up_on": recovery?.followUpOn.map { String(Int64($0.timeIntervalSince1970)) } ?? ""]
    }
}
