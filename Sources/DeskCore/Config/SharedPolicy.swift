import Foundation
import TOMLKit

/// The policy a lead keeps in the store (`cdesk policy set FILE`): compensation limits, what
/// a VIP gets, SLA targets, the recovery window and the playbook. An agent's own config can
/// only narrow it: lower limits, never higher; its SLA targets and playbook are the store's.
public enum SharedPolicy {
    /// The keys a policy file may hold: the rest of a config (keymap, language, mail…) is each
    /// person's own.
    public static let keys: Set<String> = ["compensation", "vip", "sla", "playbook", "recovery_window_days"]

    /// Checks a policy file's text and reads it over the defaults.
    public static func parse(_ text: String, file: String) throws -> DeskConfig {
        try DeskConfig.parse(text, file: file, over: .standard, keymapProblem: { _ in nil }) { table in
            let lines = ConfigKeyLines(text)
            for key in table.keys where !keys.contains(key) {
                throw ConfigError(file: file, line: lines.line(of: key), key: key,
                                  reason: .notAPolicyKey(policyKeys: keys.sorted()))
            }
        }
    }
}

extension TeamDesk {
    /// The policy in force on this store, as TOML: the one a lead set; on a store that keeps
    /// its team but where none was set (a team added to an older store with `cdesk agents
    /// add`), the built-in one, as `cdesk init` sets it, so that no agent's own config raises
    /// a limit there; nil on a store without a team (each person's config holds).
    public func policyInForce() throws -> String? {
        if let text = try sharedPolicy() { return text }
        return try team().isEmpty ? nil : DeskConfig.standard.policyTOML
    }
}

extension DeskConfig {
    /// This person's config under the store's policy: the policy's limits, SLA targets,
    /// recovery window and playbook, with this config's own compensation limits only where
    /// they are lower. `own` is the config's file text (nil: none).
    public static func governed(own: String?, file: String, policy: String,
                                keymapProblem: @escaping (String) -> String? = { _ in nil }) throws -> DeskConfig {
        let shared = try SharedPolicy.parse(policy, file: "the store's policy")
        // Read over the policy, so that what the config does not say is the policy's.
        var config = try own.map { try parse($0, file: file, over: shared, keymapProblem: keymapProblem) } ?? shared
        let ownLimits = config.policy.limits
        config.policy.limits = shared.policy.limits
        for (kind, mine) in ownLimits {
            guard var limits = config.policy.limits[kind] else { continue }
            limits.agentLimit = min(limits.agentLimit, mine.agentLimit)
            limits.maximum = min(limits.maximum, mine.maximum)
            limits.defaultValue = min(limits.defaultValue, limits.agentLimit)
            config.policy.limits[kind] = limits
        }
        config.policy.recoveryWindowDays = shared.policy.recoveryWindowDays
        config.playbook = shared.playbook
        config.sla = shared.sla
        return config
    }
}
