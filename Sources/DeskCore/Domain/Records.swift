import Foundation

// The records of PRODUCT.md's data section. Ids are the shop's own strings; times are
// whole seconds since 1970 (UTC); money is in minor units.

public struct Customer: Hashable, Sendable {
    public var id: String
    public var name: String
    public var email: String?
    public var phone: String?
    public var region: String?
    public var tier: Tier
    public var referrals: Int
    public var joinedAt: Date

    public init(id: String, name: String, email: String?, phone: String?, region: String?,
                tier: Tier, referrals: Int, joinedAt: Date) {
        self.id = id; self.name = name; self.email = email; self.phone = phone
        self.region = region; self.tier = tier; self.referrals = referrals; self.joinedAt = joinedAt
    }
}

public struct Order: Hashable, Sendable {
    public var id: String
    public var customerID: String
    public var placedAt: Date
    public var total: Money
    public var deliveryFee: Money
    public var status: OrderStatus
    public var deliveredAt: Date?

    public init(id: String, customerID: String, placedAt: Date, total: Money, deliveryFee: Money,
                status: OrderStatus, deliveredAt: Date?) {
        self.id = id; self.customerID = customerID; self.placedAt = placedAt; self.total = total
        self.deliveryFee = deliveryFee; self.status = status; self.deliveredAt = deliveredAt
    }
}

public struct Ticket: Hashable, Sendable {
    public var id: String
    public var customerID: String
    public var orderID: String?
    public var channel: Channel
    public var reason: Reason
    public var subject: String
    public var status: TicketStatus
    public var priority: Priority
    public var fault: Fault
    public var assignee: String?
    public var createdAt: Date
    public var firstResponseAt: Date?
    public var resolvedAt: Date?
    /// When it must be resolved.
    public var slaDueAt: Date
    /// When it must have had its first answer (the SLA targets of when it was written).
    /// Left out when the record is made, it is the resolution's deadline: no separate
    /// first-answer deadline.
    public var firstResponseDueAt: Date
    public var updatedAt: Date
    public var version: Int
    /// Whether `resolvedAt` was assumed (a file said the complaint was done but not when):
    /// the report leaves such a time out of its time figures.
    public var resolvedAtIsAssumed = false

    public init(id: String, customerID: String, orderID: String?, channel: Channel, reason: Reason,
                subject: String, status: TicketStatus, priority: Priority, fault: Fault,
                assignee: String?, createdAt: Date, firstResponseAt: Date?, resolvedAt: Date?,
                slaDueAt: Date, firstResponseDueAt: Date? = nil, updatedAt: Date, version: Int) {
        self.id = id; self.customerID = customerID; self.orderID = orderID; self.channel = channel
        self.reason = reason; self.subject = subject; self.status = status; self.priority = priority
        self.fault = fault; self.assignee = assignee; self.createdAt = createdAt
        self.firstResponseAt = firstResponseAt; self.resolvedAt = resolvedAt; self.slaDueAt = slaDueAt
        self.firstResponseDueAt = firstResponseDueAt ?? slaDueAt
        self.updatedAt = updatedAt; self.version = version
    }

    /// Whether the deadline that matters now is the first answer's (none yet, and it
    /// comes before the resolution's).
    public var awaitsFirstAnswer: Bool { firstResponseAt == nil && firstResponseDueAt < slaDueAt }

    /// The deadline that matters now (the store's `due_at`, which the queue sorts by).
    public var dueAt: Date { awaitsFirstAnswer ? firstResponseDueAt : slaDueAt }
}

public struct Message: Hashable, Sendable {
    public var ticketID: String
    public var author: Author
    public var body: String
    public var isInternal: Bool
    public var at: Date
    /// The agent who wrote a reply or note, where known.
    public var agent: String?
    /// The earlier text a received e-mail quoted below the customer's words (the thread
    /// folds it); nil for everything else.
    public var quoted: String?
    /// A reply sent as mail: where it stands.
    public var delivery: Delivery?

    public init(ticketID: String, author: Author, body: String, isInternal: Bool, at: Date, agent: String? = nil,
                quoted: String? = nil) {
        self.ticketID = ticketID; self.author = author; self.body = body
        self.isInternal = isInternal; self.at = at; self.agent = agent; self.quoted = quoted
    }
}

public struct Compensation: Hashable, Sendable {
    public var id: Int64?
    public var ticketID: String
    public var customerID: String
    public var kind: CompensationKind
    /// Percent for a discount, minor units for money, points for a bonus, 0 otherwise.
    public var value: Int64
    public var promoCode: String?
    public var agent: String
    public var at: Date
    public var state: CompensationState

    public init(id: Int64? = nil, ticketID: String, customerID: String, kind: CompensationKind,
                value: Int64, promoCode: String?, agent: String, at: Date, state: CompensationState) {
        self.id = id; self.ticketID = ticketID; self.customerID = customerID; self.kind = kind
        self.value = value; self.promoCode = promoCode; self.agent = agent; self.at = at; self.state = state
    }
}

public struct Outcome: Hashable, Sendable {
    public var ticketID: String
    public var resolution: Resolution
    public var satisfaction: Int?
    public var note: String?
    /// Who resolved the complaint, and when.
    public var agent: String?
    public var at: Date?

    public init(ticketID: String, resolution: Resolution, satisfaction: Int?, note: String?, agent: String? = nil,
                at: Date? = nil) {
        self.ticketID = ticketID; self.resolution = resolution
        self.satisfaction = satisfaction; self.note = note; self.agent = agent; self.at = at
    }
}

public struct Recovery: Hashable, Sendable {
    public var ticketID: String
    public var customerID: String
    public var state: RecoveryState
    public var followUpOn: Date?
    public var updatedAt: Date

    public init(ticketID: String, customerID: String, state: RecoveryState, followUpOn: Date?, updatedAt: Date) {
        self.ticketID = ticketID; self.customerID = customerID; self.state = state
        self.followUpOn = followUpOn; self.updatedAt = updatedAt
    }
}

/// Where a reply sent as mail stands.
public enum Delivery: Hashable, Sendable {
    /// Waiting to be sent; `reason` why the last try did not go, if one was made.
    case queued(reason: String?)
    case sent(at: Date)
    case failed(reason: String)
}
