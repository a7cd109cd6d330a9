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
        let table: TOMLTable
        if let problem = TOMLHeaderCheck.problem(in: text) {
            throw ConfigError(file: file, line: problem.line, key: nil, reason: problem.reason)
        }
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, key: nil, reason: error.description)
        }
        let lines = ConfigKeyLines(text)
        for key in table.keys where !keys.contains(key) {
            throw ConfigError(file: file, line: lines.line(of: key), key: key,
                              reason: "not a policy key (a policy holds " + keys.sorted().joined(separator: ", ")
                                  + "; the rest is each person's own config)")
        }
        return try DeskConfig.parse(text, file: file)
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
