import Foundation

/// Service-level targets per priority: how soon a complaint gets its first answer and how
/// soon it is resolved.
public struct SLAPolicy: Sendable, Equatable {
    public struct Target: Sendable, Equatable {
        public var firstResponseHours: Int64
        public var resolutionHours: Int64
        public init(firstResponseHours: Int64, resolutionHours: Int64) {
            self.firstResponseHours = firstResponseHours; self.resolutionHours = resolutionHours
        }
    }

    public var targets: [Priority: Target]

    public init(targets: [Priority: Target]) { self.targets = targets }

    public static let standard = SLAPolicy(targets: [
        .urgent: Target(firstResponseHours: 1, resolutionHours: 8),
        .high: Target(firstResponseHours: 4, resolutionHours: 24),
        .normal: Target(firstResponseHours: 8, resolutionHours: 48),
        .low: Target(firstResponseHours: 24, resolutionHours: 96),
    ])

    func target(_ priority: Priority) -> Target {
        targets[priority] ?? Self.standard.targets[priority]!
    }

    /// When a complaint created at `created` must be resolved (stored as the ticket's SLA due).
    public func resolutionDue(created: Date, priority: Priority) -> Date {
        created.addingTimeInterval(TimeInterval(target(priority).resolutionHours * 3600))
    }

    /// When it must have had its first answer.
    public func firstResponseDue(created: Date, priority: Priority) -> Date {
        created.addingTimeInterval(TimeInterval(target(priority).firstResponseHours * 3600))
    }
}
