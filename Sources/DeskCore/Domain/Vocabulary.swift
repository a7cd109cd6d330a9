// The closed sets of values the domain uses. Raw values are what the store, the CSV
// files and the command line spell; they never change once shipped.

public enum Tier: String, CaseIterable, Codable, Sendable {
    case regular, loyal, vip
}

public enum OrderStatus: String, CaseIterable, Codable, Sendable {
    case placed, shipped, delivered, returned, cancelled
}

public enum Channel: String, CaseIterable, Codable, Sendable {
    case email, phone, chat, review, marketplace, sms
}

public enum Reason: String, CaseIterable, Codable, Sendable {
    case productQuality = "product-quality"
    case wrongItem = "wrong-item"
    case deliveryDelay = "delivery-delay"
    case deliveryCost = "delivery-cost"
    case competitorPrice = "competitor-price"
    case service
    case movedRegion = "moved-region"
    case misuse
    case other
}

public enum TicketStatus: String, CaseIterable, Codable, Sendable {
    case new, open, waiting, resolved, closed

    /// Statuses an agent still has work on.
    public static let active: [TicketStatus] = [.new, .open, .waiting]
    public var isActive: Bool { Self.active.contains(self) }
}

public enum Priority: String, CaseIterable, Codable, Sendable {
    case low, normal, high, urgent

    /// Higher is more pressing; stored so that sorting by priority is an index scan.
    public var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        }
    }
}

public enum Fault: String, CaseIterable, Codable, Sendable {
    case shop, carrier, customer, unknown
}

public enum Author: String, CaseIterable, Codable, Sendable {
    case customer, agent, system
}

public enum CompensationKind: String, CaseIterable, Codable, Sendable {
    case discount
    case freeDelivery = "free-delivery"
    case bonus, apology, refund, replacement
}

public enum CompensationState: String, CaseIterable, Codable, Sendable {
    case offered, accepted, declined, revoked
}

public enum Resolution: String, CaseIterable, Codable, Sendable {
    case compensated, explained, refunded, replaced
    case noAction = "no-action"
    case duplicate
}

public enum RecoveryState: String, CaseIterable, Codable, Sendable {
    case atRisk = "at-risk"
    case contacted, offered, recovered, lost

    /// Recovered and lost end the follow-up: they take no follow-up date.
    public var isFinal: Bool { self == .recovered || self == .lost }
}
