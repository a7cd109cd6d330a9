import TOMLKit

/// Reads the keys of a config file over a configuration, refusing what it does not know.
/// TOMLKit gives no line numbers for keys, so a key's line is found in the text.
struct ConfigReader {
    let text: String
    let file: String
    private let lines: [Substring]

    init(text: String, file: String) {
        self.text = text
        self.file = file
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    mutating func read(_ table: TOMLTable, over base: DeskConfig) throws -> DeskConfig {
        var config = base
        for key in table.keys {
            let value = table[key]!
            switch key {
            case "keymap": config.keymap = try string(value, key)
            case "currency": config.policy.currency = try string(value, key)
            case "recovery_window_days": config.policy.recoveryWindowDays = Int(try positive(value, key))
            case "compensation": try readCompensation(try tableValue(value, key), into: &config.policy)
            case "vip": try readVIP(try tableValue(value, key), into: &config.playbook)
            case "playbook": config.playbook.rules = try readPlaybook(value)
            case "sla": try readSLA(try tableValue(value, key), into: &config.sla)
            default: throw error(key, "unknown key (known: keymap, currency, recovery_window_days, compensation, vip, sla, playbook)")
            }
        }
        return config
    }

    private func readCompensation(_ table: TOMLTable, into policy: inout CompensationPolicy) throws {
        for kindName in table.keys {
            let path = "compensation.\(kindName)"
            guard let kind = CompensationKind(rawValue: kindName), CompensationPolicy.hasValue(kind) else {
                throw error(path, "unknown kind (known: discount, bonus)")
            }
            var limits = policy.limits[kind]!
            let section = try tableValue(table[kindName]!, path)
            for key in section.keys {
                let v = try positive(section[key]!, "\(path).\(key)")
                switch key {
                case "default": limits.defaultValue = v
                case "agent_limit": limits.agentLimit = v
                case "maximum": limits.maximum = v
                default: throw error("\(path).\(key)", "unknown key (known: default, agent_limit, maximum)")
                }
            }
            guard limits.defaultValue <= limits.agentLimit, limits.agentLimit <= limits.maximum else {
                throw error(path, "needs default ≤ agent_limit ≤ maximum")
            }
            policy.limits[kind] = limits
        }
    }

    private func readSLA(_ table: TOMLTable, into sla: inout SLAPolicy) throws {
        for name in table.keys {
            let path = "sla.\(name)"
            guard let priority = Priority(rawValue: name) else { throw error(path, "unknown priority (known: urgent, high, normal, low)") }
            var target = sla.targets[priority] ?? SLAPolicy.standard.targets[priority]!
            let section = try tableValue(table[name]!, path)
            for key in section.keys {
                let v = try positive(section[key]!, "\(path).\(key)")
                switch key {
                case "first_response_hours": target.firstResponseHours = v
                case "resolution_hours": target.resolutionHours = v
                default: throw error("\(path).\(key)", "unknown key (known: first_response_hours, resolution_hours)")
                }
            }
            guard target.firstResponseHours <= target.resolutionHours else {
                throw error(path, "needs first_response_hours ≤ resolution_hours")
            }
            sla.targets[priority] = target
        }
    }

    private func readVIP(_ table: TOMLTable, into playbook: inout Playbook) throws {
        for key in table.keys {
            let v = try positive(table[key]!, "vip.\(key)", allowZero: true)
            switch key {
            case "discount_step": playbook.vipDiscountStep = v
            case "bonus_factor": playbook.vipBonusFactor = v
            default: throw error("vip.\(key)", "unknown key (known: discount_step, bonus_factor)")
            }
        }
    }

    /// `[[playbook]]` entries: reason and fault (optional), give (e.g. ["discount 10", "bonus 500"]), why.
    private func readPlaybook(_ value: TOMLValueConvertible) throws -> [Playbook.Rule] {
        guard let array = value.array else { throw error("playbook", "expected [[playbook]] entries") }
        var rules: [Playbook.Rule] = []
        for item in array {
            guard let entry = item.table else { throw error("playbook", "expected [[playbook]] entries") }
            var rule = Playbook.Rule(gifts: [], why: "")
            for key in entry.keys {
                let v = entry[key]!
                switch key {
                case "reason":
                    let name = try string(v, "playbook.reason")
                    guard let reason = Reason(rawValue: name) else { throw error("reason", "unknown reason '\(name)'") }
                    rule.reason = reason
                case "fault":
                    let name = try string(v, "playbook.fault")
                    guard let fault = Fault(rawValue: name) else { throw error("fault", "unknown fault '\(name)'") }
                    rule.fault = fault
                case "why": rule.why = try string(v, "playbook.why")
                case "give":
                    guard let gifts = v.array else { throw error("give", "expected a list like [\"discount 10\", \"bonus 500\"]") }
                    for g in gifts {
                        guard let text = g.string else { throw error("give", "expected a list of strings") }
                        let parts = text.split(separator: " ")
                        guard let first = parts.first, let kind = CompensationKind(rawValue: String(first)), parts.count <= 2,
                              let value = parts.count == 2 ? Int64(parts[1]) : 0 else {
                            throw error("give", "'\(text)' is not a kind with an optional value (discount 10, bonus 500, free-delivery, apology)")
                        }
                        rule.gifts.append(Playbook.Gift(kind, value))
                    }
                default: throw error("playbook.\(key)", "unknown key (known: reason, fault, give, why)")
                }
            }
            rules.append(rule)
        }
        return rules
    }

    private func string(_ value: TOMLValueConvertible, _ key: String) throws -> String {
        guard let s = value.string else { throw error(key, "expected a string") }
        return s
    }

    private func positive(_ value: TOMLValueConvertible, _ key: String, allowZero: Bool = false) throws -> Int64 {
        guard let n = value.int, n > 0 || (allowZero && n == 0) else {
            throw error(key, allowZero ? "expected a whole number, 0 or more" : "expected a whole number above 0")
        }
        return Int64(n)
    }

    private func tableValue(_ value: TOMLValueConvertible, _ key: String) throws -> TOMLTable {
        guard let t = value.table else { throw error(key, "expected a table ([\(key)])") }
        return t
    }

    /// An error at the line where the key's last part is assigned (or its table starts).
    private func error(_ key: String, _ reason: String) -> ConfigError {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        let line = lines.firstIndex { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix(last + " ") || t.hasPrefix(last + "=") || t == "[\(key)]" || t.hasPrefix("[\(key)]")
        }.map { $0 + 1 } ?? 0
        return ConfigError(file: file, line: line, key: key, reason: reason)
    }
}

import Foundation
