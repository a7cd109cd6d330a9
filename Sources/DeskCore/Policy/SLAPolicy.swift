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
    /// The share of complaints, in percent, a desk means to answer and to resolve by their
    /// deadlines (`[sla] target_percent`); the report marks a figure below it.
    public var targetPercent: Int = 90

    public init(targets: [Priority: Target], targetPercent: Int = 90) {
        self.targets = targets; self.targetPercent = targetPercent
    }

    /// `targetPercent` as a share, 0…1.
    public var targetShare: Double { Double(targetPercent) / 100 }

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
