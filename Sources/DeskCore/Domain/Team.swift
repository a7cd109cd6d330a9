import Foundation

/// Who works a store: agents, and leads who may give up to the policy's maximum and decide
/// what agents ask above their limit.
public enum Role: String, CaseIterable, Sendable {
    case agent, lead
}

public struct TeamMember: Equatable, Sendable {
    public var name: String
    public var role: Role
    public var addedAt: Date
    public var addedBy: String
    public init(name: String, role: Role, addedAt: Date, addedBy: String) {
        self.name = name; self.role = role; self.addedAt = addedAt; self.addedBy = addedBy
    }
}

/// A compensation above an agent's limit, asked of a lead with a reason.
public struct ApprovalRequest: Equatable, Sendable {
    public enum State: String, Sendable { case pending, approved, declined }
    public var id: Int64
    public var ticketID: String
    public var gift: Playbook.Gift
    public var reason: String
    public var agent: String
    public var at: Date
    public var state: State
    public var decidedBy: String?
    public init(id: Int64, ticketID: String, gift: Playbook.Gift, reason: String, agent: String, at: Date, state: State,
                decidedBy: String? = nil) {
        self.id = id; self.ticketID = ticketID; self.gift = gift; self.reason = reason; self.agent = agent; self.at = at
        self.state = state; self.decidedBy = decidedBy
    }
}

/// A lead's decision on a request, as the store made it.
public struct Decision: Equatable, Sendable {
    /// What was given (approved), nil when declined.
    public var given: Compensation?
    /// The ticket's version the decision was made on: it moved on to the next one.
    public var version: Int
    public init(given: Compensation?, version: Int) { self.given = given; self.version = version }
}

/// What the team store refuses.
public enum TeamError: Error, Equatable, CustomStringConvertible {
    /// Only a lead may do this (set the policy, add people, decide a request).
    case leadsOnly(who: String)
    /// `--agent`/`CDESK_AGENT` named someone else on a store that holds its team.
    case notYourself(named: String, login: String)
    case noPendingRequest(id: Int64)
    /// A request is pending on the ticket already.
    case requestPending(ticketID: String)

    public var description: String { message(.en) }

    public func message(_ l: Language) -> String {
        switch self {
        case .leadsOnly(let who):
            l.pick("only a lead may do this, and \(UntrustedText.line(who)) is not one (cdesk agents list shows the team)",
                   "это может только старший, а \(UntrustedText.line(who)) — не старший (состав: cdesk agents list)")
        case let .notYourself(named, login):
            l.pick("--agent and CDESK_AGENT may name only yourself (\(UntrustedText.line(login))) on this store, not \(UntrustedText.line(named))",
                   "--agent и CDESK_AGENT в этом хранилище могут называть только вас (\(UntrustedText.line(login))), а не \(UntrustedText.line(named))")
        case .noPendingRequest(let id): l.pick("no pending request \(id)", "нет ожидающего запроса \(id)")
        case .requestPending(let ticketID):
            l.pick("ticket \(ticketID) has a request waiting for a lead already", "у обращения \(ticketID) уже есть запрос к старшему")
        }
    }
}
