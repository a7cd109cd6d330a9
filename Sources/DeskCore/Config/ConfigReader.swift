import Foundation
import TOMLKit

/// Reads the keys of a config file over a configuration, refusing what it does not know.
/// TOMLKit gives no line numbers for keys, so a key's line is found in the text
/// (`ConfigKeyLines`).
struct ConfigReader {
    let file: String
    private let keyLines: ConfigKeyLines
    /// Why a keymap name is no good (an unknown preset), nil when it is: the presets are the
    /// UI's, so whoever reads the file says.
    private let keymapProblem: (String) -> String?

    init(text: String, file: String, keymapProblem: @escaping (String) -> String? = { _ in nil }) {
        self.file = file
        self.keymapProblem = keymapProblem
        keyLines = ConfigKeyLines(text)
    }

    mutating func read(_ table: TOMLTable, over base: DeskConfig) throws -> DeskConfig {
        var config = base
        for key in table.keys {
            let value = table[key]!
            switch key {
            case "keymap":
                let name = try string(value, key)
                if let problem = keymapProblem(name) { throw error(key, .refused(problem)) }
                config.keymap = name
            case "currency": config.policy.currency = try string(value, key)
            case "signature": config.signature = try string(value, key)
            case "language":
                let code = try string(value, key)
                guard let language = Language(code: code) else { throw error(key, .expected(.enOrRu)) }
                config.language = language
            case "apology_opens_reply":
                guard let flag = value.bool else { throw error(key, .expected(.trueOrFalse)) }
                config.apologyOpensReply = flag
            case "recovery_window_days": config.policy.recoveryWindowDays = Int(try positive(value, key))
            case "compensation": try readCompensation(try tableValue(value, key), into: &config.policy)
            case "vip": try readVIP(try tableValue(value, key), into: &config.playbook)
            case "playbook": config.playbook.rules = try readPlaybook(value)
            case "sla": try readSLA(try tableValue(value, key), into: &config.sla)
            case "mail": try readMail(try tableValue(value, key), into: &config.mail)
            case "theme":
                let name = try string(value, key)
                guard let theme = LookSettings.ThemeSetting(rawValue: name) else {
                    throw error(key, .expected(.theme))
                }
                config.look.theme = theme
            case "colors": try readColors(try tableValue(value, key), into: &config.look)
            case "timezone":
                let name = try string(value, key)
                guard let zone = TimeZone(identifier: name) else {
                    throw error(key, .unknown(what: .timeZone, name: nil, known: []))
                }
                config.timeZone = zone
            default:
                throw error(key, .unknownKey(known: ["keymap", "language", "currency", "recovery_window_days", "timezone", "signature",
                                                     "apology_opens_reply", "theme", "colors", "compensation", "vip", "sla",
                                                     "playbook", "mail"]))
            }
        }
        return config
    }

    private func readCompensation(_ table: TOMLTable, into policy: inout CompensationPolicy) throws {
        for kindName in table.keys {
            let path = "compensation.\(kindName)"
            guard let kind = CompensationKind(rawValue: kindName), CompensationPolicy.hasValue(kind) else {
                throw error(path, .unknown(what: .kind, name: nil, known: ["discount", "bonus"]))
            }
            var limits = policy.limits[kind]!
            let section = try tableValue(table[kindName]!, path)
            for key in section.keys {
                let v = try positive(section[key]!, "\(path).\(key)")
                switch key {
                case "default": limits.defaultValue = v
                case "agent_limit": limits.agentLimit = v
                case "maximum": limits.maximum = v
                default: throw error("\(path).\(key)", .unknownKey(known: ["default", "agent_limit", "maximum"]))
                }
            }
            guard limits.defaultValue <= limits.agentLimit, limits.agentLimit <= limits.maximum else {
                throw error(path, .needsOrder(["default", "agent_limit", "maximum"]))
            }
            policy.limits[kind] = limits
        }
    }

    private func readColors(_ table: TOMLTable, into look: inout LookSettings) throws {
        for name in table.keys {
            let path = "colors.\(name)"
            guard LookSettings.roles.contains(where: { $0.name == name }) else {
                throw error(path, .unknown(what: .role, name: nil, known: LookSettings.roles.map(\.name)))
            }
            switch ColorSetting.parse(try string(table[name]!, path)) {
            case .success(let setting): look.colors[name] = setting
            case .failure(let problem): throw error(path, .refused(problem.reason))
            }
        }
    }

    private func readSLA(_ table: TOMLTable, into sla: inout SLAPolicy) throws {
        for name in table.keys {
            let path = "sla.\(name)"
            if name == "target_percent" {
                let v = try positive(table[name]!, path)
                guard v <= 100 else { throw error(path, .expected(.percent)) }
                sla.targetPercent = Int(v)
                continue
            }
            guard let priority = Priority(rawValue: name) else {
                throw error(path, .unknown(what: .priority, name: nil, known: ["urgent", "high", "normal", "low", "target_percent"]))
            }
            var target = sla.targets[priority] ?? SLAPolicy.standard.targets[priority]!
            let section = try tableValue(table[name]!, path)
            for key in section.keys {
                let v = try positive(section[key]!, "\(path).\(key)")
                switch key {
                case "first_response_hours": target.firstResponseHours = v
                case "resolution_hours": target.resolutionHours = v
                default: throw error("\(path).\(key)", .unknownKey(known: ["first_response_hours", "resolution_hours"]))
                }
            }
            guard target.firstResponseHours <= target.resolutionHours else {
                throw error(path, .needsOrder(["first_response_hours", "resolution_hours"]))
            }
            sla.targets[priority] = target
        }
    }

    private func readMail(_ table: TOMLTable, into mail: inout MailSettings) throws {
        for key in table.keys {
            switch key {
            case "max_attachment_mb": mail.maxAttachmentMB = try positive(table[key]!, "mail.\(key)")
            case "from":
                let from = try string(table[key]!, "mail.from")
                guard OutgoingMail.parseAddress(from) != nil else {
                    throw error("mail.from", .expected(.address))
                }
                mail.from = from
            case "send_command":
                let command = try string(table[key]!, "mail.send_command")
                guard !command.trimmingCharacters(in: .whitespaces).isEmpty else { throw error("mail.send_command", .empty) }
                mail.sendCommand = command
            case "retry_hours": mail.retryHours = try positive(table[key]!, "mail.\(key)")
            case "reasons":
                let section = try tableValue(table[key]!, "mail.reasons")
                for name in section.keys {
                    let path = "mail.reasons.\(name)"
                    guard let reason = Reason(rawValue: name) else { throw error(path, .unknown(what: .reason, name: name, known: [])) }
                    guard let list = section[name]!.array, let words = Optional(list.compactMap { $0.string }),
                          words.count == list.count else {
                        throw error(path, .expected(.wordList))
                    }
                    mail.reasons.words[reason] = words
                }
            default: throw error("mail.\(key)", .unknownKey(known: ["from", "send_command", "retry_hours", "max_attachment_mb", "reasons"]))
            }
        }
    }

    private func readVIP(_ table: TOMLTable, into playbook: inout Playbook) throws {
        for key in table.keys {
            let v = try positive(table[key]!, "vip.\(key)", allowZero: true)
            switch key {
            case "discount_step": playbook.vipDiscountStep = v
            case "bonus_factor": playbook.vipBonusFactor = v
            default: throw error("vip.\(key)", .unknownKey(known: ["discount_step", "bonus_factor"]))
            }
        }
    }

    /// `[[playbook]]` entries: reason and fault (optional), give (e.g. ["discount 10", "bonus 500"]), why.
    /// A problem is reported at the line of its own entry's key (`playbook[2].reason`).
    private func readPlaybook(_ value: TOMLValueConvertible) throws -> [Playbook.Rule] {
        guard let array = value.array else { throw error("playbook", .expected(.playbookEntries)) }
        var rules: [Playbook.Rule] = []
        for (index, item) in array.enumerated() {
            let entry = "playbook[\(index)]"
            guard let table = item.table else { throw error("playbook", .expected(.playbookEntries), at: entry) }
            var rule = Playbook.Rule(gifts: [], why: "")
            for key in table.keys {
                let v = table[key]!, path = "\(entry).\(key)"
                switch key {
                case "reason":
                    let name = try string(v, "playbook.reason", at: path)
                    guard let reason = Reason(rawValue: name) else { throw error("reason", .unknown(what: .reason, name: name, known: []), at: path) }
                    rule.reason = reason
                case "fault":
                    let name = try string(v, "playbook.fault", at: path)
                    guard let fault = Fault(rawValue: name) else { throw error("fault", .unknown(what: .fault, name: name, known: []), at: path) }
                    rule.fault = fault
                case "why": rule.why = try string(v, "playbook.why", at: path)
                case "why_ru": rule.whyRussian = try string(v, "playbook.why_ru", at: path)
                case "give":
                    guard let gifts = v.array else {
                        throw error("give", .expected(.giftList), at: path)
                    }
                    for g in gifts {
                        guard let text = g.string else { throw error("give", .expected(.strings), at: path) }
                        let parts = text.split(separator: " ")
                        guard let first = parts.first, let kind = CompensationKind(rawValue: String(first)), parts.count <= 2,
                              let value = parts.count == 2 ? Int64(parts[1]) : 0 else {
                            throw error("give", .notAGift(text), at: path)
                        }
                        rule.gifts.append(Playbook.Gift(kind, value))
                    }
                default: throw error("playbook.\(key)", .unknownKey(known: ["reason", "fault", "give", "why", "why_ru"]), at: path)
                }
            }
            rules.append(rule)
        }
        return rules
    }

    private func string(_ value: TOMLValueConvertible, _ key: String, at path: String? = nil) throws -> String {
        guard let s = value.string else { throw error(key, .expected(.string), at: path) }
        return s
    }

    private func positive(_ value: TOMLValueConvertible, _ key: String, allowZero: Bool = false) throws -> Int64 {
        guard let n = value.int, n > 0 || (allowZero && n == 0) else {
            throw error(key, .expected(.wholeNumber(allowZero: allowZero)))
        }
        return Int64(n)
    }

    private func tableValue(_ value: TOMLValueConvertible, _ key: String) throws -> TOMLTable {
        guard let t = value.table else { throw error(key, .expected(.table(key))) }
        return t
    }

    /// An error named by `key`, at the line of `path`: the key itself unless an entry of an
    /// array of tables is meant (`playbook[2].reason`).
    private func error(_ key: String, _ reason: ConfigError.Reason, at path: String? = nil) -> ConfigError {
        ConfigError(file: file, line: keyLines.line(of: path ?? key), key: key, reason: reason)
    }
}

/// The line of each key and table of a TOML file, found by walking it as TOML reads: a key
/// belongs to the last `[table]` or `[[array]]` entry above it, so `default` under
/// `[compensation.bonus]` is `compensation.bonus.default`, and `reason` in the third
/// `[[playbook]]` entry is `playbook[2].reason`. Lines end in LF or CRLF.
struct ConfigKeyLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table: [String] = []
        var entries: [String: Int] = [:]
        var depth = 0          // brackets a value left open, to close on a later line
        var inString: String?  // the quotes of a multi-line string being read
        let all = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, raw) in all.enumerated() {
            let number = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let quotes = inString {
                if line.components(separatedBy: quotes).count > 1 { inString = nil }
                continue
            }
            if depth > 0 {
                depth = max(0, depth + Self.bracketBalance(line))
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let isArray = line.hasPrefix("[[")
                var name = Self.path(String(line.dropFirst(isArray ? 2 : 1).prefix { $0 != "]" }))
                if isArray, !name.isEmpty {
                    let key = name.joined(separator: ".")
                    let n = entries[key, default: 0]
                    entries[key] = n + 1
                    name[name.count - 1] += "[\(n)]"
                }
                table = name
                record(table, number)
                continue
            }
            guard let equals = Self.assignment(line) else { continue }
            record(table + Self.path(String(line[..<equals])), number)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            for quotes in [String(repeating: "\"", count: 3), String(repeating: "'", count: 3)]
            where value.hasPrefix(quotes) && value.components(separatedBy: quotes).count == 2 {
                inString = quotes
            }
            if inString == nil { depth = max(0, Self.bracketBalance(value)) }
        }
    }

    /// The line of `path` (`sla.high.resolution_hours`, `playbook[2].reason`), else of the
    /// nearest table or key that holds it; 0 when none is written in the file.
    func line(of path: String) -> Int {
        var parts = path.split(separator: ".").map(String.init)
        while let last = parts.last {
            if let line = lines[parts.joined(separator: ".")] { return line }
            // An entry not written as a `[[header]]` (an inline array): the array's key.
            if let bracket = last.firstIndex(of: "[") {
                parts[parts.count - 1] = String(last[..<bracket])
            } else {
                parts.removeLast()
            }
        }
        return 0
    }

    private mutating func record(_ path: [String], _ line: Int) {
        let key = path.joined(separator: ".")
        if lines[key] == nil { lines[key] = line }
    }

    /// A dotted key's parts without quotes or spaces: `sla . "high"` is `sla`, `high`.
    private static func path(_ key: String) -> [String] {
        key.split(separator: ".").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
    }

    /// Where the `=` of a `key = value` line is (outside a quoted key).
    private static func assignment(_ line: String) -> String.Index? {
        var quote: Character?
        for i in line.indices {
            let c = line[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "=" {
                return i
            }
        }
        return nil
    }

    /// Opening minus closing brackets outside strings and comments.
    private static func bracketBalance(_ text: String) -> Int {
        var balance = 0
        var quote: Character?
        var escaped = false
        for c in text {
            if let q = quote {
                if escaped {
                    escaped = false
                } else if c == "\\" && q == "\"" {
                    escaped = true
                } else if c == q {
                    quote = nil
                }
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case "[", "{": balance += 1
            case "]", "}": balance -= 1
            case "#": return balance
            default: break
            }
        }
        return balance
    }
}
