import Foundation

/// What receiving needs from the configuration.
public struct MailIntakeOptions: Sendable {
    public var sla: SLAPolicy
    public var keywords: ReasonKeywords
    /// The audit log's agent for what mail does.
    public var agent: String
    public var now: Date

    public init(sla: SLAPolicy = .standard, keywords: ReasonKeywords = .standard, agent: String = "mail", now: Date = Date()) {
        self.sla = sla; self.keywords = keywords; self.agent = agent; self.now = now
    }
}

/// What receiving one message did.
public enum MailIntakeResult: Equatable, Sendable {
    /// Its Message-ID was stored already: nothing changed.
    case duplicate(messageID: String)
    /// A person's mail that opened a ticket.
    case opened(ticketID: String, customerID: String, newCustomer: Bool)
    /// A person's mail that joined a ticket (`reopened`: it was resolved or closed).
    case joined(ticketID: String, reopened: Bool)
    /// Machine mail attached to the ticket it answers, marked.
    case attached(ticketID: String, why: String)
    /// A bounce on the ticket of the message it is about (`failedReply`: a reply the desk
    /// sent is now marked failed).
    case bounced(ticketID: String, failedReply: Bool)
    /// Machine mail about no ticket: logged (audit event) and dropped.
    case dropped(why: String)

    /// One line for the log of a mail run.
    public var summary: String {
        switch self {
        case let .duplicate(id): "already received <\(id)>: nothing to do"
        case let .opened(ticket, customer, new): "opened ticket \(ticket) for \(new ? "new " : "")customer \(customer)"
        case let .joined(ticket, reopened): "joined ticket \(ticket)\(reopened ? " (reopened)" : "")"
        case let .attached(ticket, why): "machine mail (\(why)) attached to ticket \(ticket)"
        case let .bounced(ticket, failed): "bounce attached to ticket \(ticket)\(failed ? "; the reply is marked failed" : "")"
        case let .dropped(why): "dropped: \(why)"
        }
    }
}

/// Where a message goes, decided from what the store knows of the ids it names. A pure
/// rule, so that it is tested without a store or a MIME parser.
public enum MailRoute: Equatable, Sendable {
    case join(ticketID: String)
    case open

    /// - referenced: the ticket of the first id the message answers that the desk stored or
    ///   signed (`MailIdentity`);
    /// - tagged: the ticket its subject's `[#ID]` names, with that ticket's customer's
    ///   address: the tag counts only from that address (anyone can write a tag).
    public static func decide(referenced: String?, tagged: (ticketID: String, customerEmail: String?)?,
                              from: MailAddress?) -> MailRoute {
        if let referenced { return .join(ticketID: referenced) }
        if let tagged, let email = tagged.customerEmail, let from, email.lowercased() == from.normalized {
            return .join(ticketID: tagged.ticketID)
        }
        return .open
    }
}
