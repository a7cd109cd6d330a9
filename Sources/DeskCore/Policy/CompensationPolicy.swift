/// What an agent may give: the default and the limits per kind of compensation. Values are
/// percent for a discount, points for a bonus; free delivery and an apology have none.
public struct CompensationPolicy: Sendable, Equatable {
    public struct Limits: Sendable, Equatable {
        public var defaultValue: Int64
        /// Above this an agent is refused: a lead must give it.
        public var agentLimit: Int64
        /// Above this nobody may give it.
        public var maximum: Int64
        public init(defaultValue: Int64, agentLimit: Int64, maximum: Int64) {
            self.defaultValue = defaultValue; self.agentLimit = agentLimit; self.maximum = maximum
        }
    }

    public var limits: [CompensationKind: Limits]
    public var currency: String
    public var recoveryWindowDays: Int

    public init(limits: [CompensationKind: Limits], currency: String = "₽", recoveryWindowDays: Int = 90) {
        self.limits = limits; self.currency = currency; self.recoveryWindowDays = recoveryWindowDays
    }

    /// The built-in policy, used when no config file says otherwise.
    public static let standard = CompensationPolicy(limits: [
        .discount: Limits(defaultValue: 10, agentLimit: 15, maximum: 50),
        .bonus: Limits(defaultValue: 500, agentLimit: 1000, maximum: 10_000),
        .freeDelivery: Limits(defaultValue: 0, agentLimit: 0, maximum: 0),
        .apology: Limits(defaultValue: 0, agentLimit: 0, maximum: 0),
    ])

    /// Whether the kind carries a value the agent types.
    public static func hasValue(_ kind: CompensationKind) -> Bool {
        kind == .discount || kind == .bonus
    }

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case notANumber(String)
        case notPositive
        case overAgentLimit(kind: CompensationKind, limit: Int64)
        case overMaximum(kind: CompensationKind, maximum: Int64)

        public var description: String {
            switch self {
            case .notANumber(let text): "'\(text)' is not a whole number"
            case .notPositive: "the value must be more than 0"
            case let .overAgentLimit(kind, limit): "over your limit of \(CompensationPolicy.unit(kind, limit)) for a \(kind.rawValue) — a lead must give it"
            case let .overMaximum(kind, maximum): "over the policy's maximum of \(CompensationPolicy.unit(kind, maximum)) for a \(kind.rawValue)"
            }
        }
    }

    static func unit(_ kind: CompensationKind, _ value: Int64) -> String {
        kind == .discount ? "\(value)%" : "\(value) points"
    }

    /// Checks a value an agent typed; returns the value to give.
    public func check(_ kind: CompensationKind, typed text: String) throws(Refusal) -> Int64 {
        guard Self.hasValue(kind) else { return 0 }
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
        guard let value = Int64(trimmed) else { throw .notANumber(text) }
        guard value > 0 else { throw .notPositive }
        let limits = self.limits[kind] ?? Limits(defaultValue: 0, agentLimit: 0, maximum: 0)
        if value > limits.maximum { throw .overMaximum(kind: kind, maximum: limits.maximum) }
        if value > limits.agentLimit { throw .overAgentLimit(kind: kind, limit: limits.agentLimit) }
        return value
    }
}

import Foundation
