@testable import DeskCore
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func theFileOverridesTheDefaults() throws {
        let config = try DeskConfig.parse("""
            keymap = "vi"
            recovery_window_days = 60

            [compensation.discount]
            agent_limit = 20

            [[playbook]]
            reason = "delivery-cost"
            give = ["bonus 200"]
            why = "our shop's own rule"
            """, file: "config.toml")
        #expect(config.keymap == "vi")
        #expect(config.policy.recoveryWindowDays == 60)
        #expect(config.policy.limits[.discount] == .init(defaultValue: 10, agentLimit: 20, maximum: 50))
        #expect(config.policy.limits[.bonus] == CompensationPolicy.standard.limits[.bonus])
        let s = config.playbook.suggest(reason: .deliveryCost, fault: .unknown, tier: .regular, policy: config.policy)
        #expect(s.gifts == [Playbook.Gift(.bonus, 200)] && s.why == "our shop's own rule", "the playbook is data")
    }

    @Test func printedConfigReadsBackTheSame() throws {
        #expect(try DeskConfig.parse(DeskConfig.standard.toml, file: "x") == .standard)
    }

    @Test func themeAndColoursAreRead() throws {
        let config = try DeskConfig.parse("""
            theme = "light"

            [colors]
            urgent = "bold 201"
            warning = "#ffaf00"
            selection = "on bright-black"
            danger = "white on red underline"
            """, file: "config.toml")
        #expect(config.look.theme == .light)
        #expect(config.look.colors["urgent"] == { var s = ColorSetting(foreground: 201); s.bold = true; return s }())
        #expect(config.look.colors["warning"]?.foreground == 214, "#ffaf00 is 256-colour 214")
        #expect(config.look.colors["selection"] == ColorSetting(background: 8))
        #expect(config.look.colors["danger"]?.underline == true && config.look.colors["danger"]?.background == 1)
        #expect(DeskConfig.standard.look.theme == .auto, "auto unless set")
        // What `cdesk config` prints reads back the same.
        #expect(try DeskConfig.parse(config.toml, file: "x") == config)
        #expect(DeskConfig.standard.toml.contains("theme = \"auto\""))
        #expect(DeskConfig.standard.toml.contains("#   urgent: priority urgent"))
    }

    @Test(arguments: [
        ("theme = \"blue\"\n", "config.toml:1: theme: expected dark, light or auto"),
        ("[colors]\nurgnet = \"red\"\n", "config.toml:2: colors.urgnet: unknown role (known: normal, title"),
        ("[colors]\n\nurgent = \"redd\"\n", "config.toml:3: colors.urgent: 'redd' is not a colour"),
        ("[colors]\nurgent = \"red blue\"\n", "config.toml:2: colors.urgent: two colours; a background is written 'on COLOUR'"),
        ("[colors]\nurgent = \"red on\"\n", "config.toml:2: colors.urgent: 'on' needs a colour after it"),
        ("[colors]\nurgent = 3\n", "config.toml:2: colors.urgent: expected a string"),
    ])
    func aBadThemeOrColourNamesItsLine(text: String, expected: String) {
        #expect {
            _ = try DeskConfig.parse(text, file: "config.toml")
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }

    @Test(arguments: [
        ("colour = \"blue\"\n", "config.toml:1: colour: unknown key"),
        ("\n[compensation.discount]\nagent_limit = \"lots\"\n", "config.toml:3: compensation.discount.agent_limit: expected a whole number above 0"),
        ("[compensation.discount]\nagent_limit = 80\n", "config.toml:1: compensation.discount: needs default ≤ agent_limit ≤ maximum"),
        ("[[playbook]]\nreason = \"weather\"\ngive = []\n", "config.toml:2: reason: unknown reason 'weather'"),
        ("[[playbook]]\ngive = [\"gold 5\"]\n", "config.toml:2: give: 'gold 5' is not a kind"),
        ("keymap = \n", "config.toml:1: "),
    ])
    func aBadFileNamesFileLineAndKey(text: String, expected: String) {
        #expect {
            _ = try DeskConfig.parse(text, file: "config.toml")
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }
}

/// A mistake is reported at its own line, whichever table or entry it is in.
@Suite struct ConfigLineTests {
    /// The printed configuration with the line after the first `after` (and at or after it
    /// the first line starting with `starting`) replaced by `with`; and that line's number.
    static func edited(after: String, starting: String, with replacement: String) throws -> (text: String, line: Int) {
        var lines = DeskConfig.standard.toml.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex(of: after))
        let index = try #require(lines[header...].firstIndex { $0.hasPrefix(starting) })
        lines[index] = replacement
        return (lines.joined(separator: "\n"), index + 1)
    }

    static func problem(_ text: String, keymapProblem: @escaping (String) -> String? = { _ in nil }) -> String {
        do {
            _ = try DeskConfig.parse(text, file: "c.toml", keymapProblem: keymapProblem)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func aKeyIsFoundUnderItsOwnTable() throws {
        let sla = try Self.edited(after: "[sla.high]", starting: "first_response_hours", with: "first_response_hours = 0")
        #expect(Self.problem(sla.text) == "c.toml:\(sla.line): sla.high.first_response_hours: expected a whole number above 0")
        let bonus = try Self.edited(after: "[compensation.bonus]", starting: "default", with: "default = 300.0")
        #expect(Self.problem(bonus.text) == "c.toml:\(bonus.line): compensation.bonus.default: expected a whole number above 0")
        #expect(bonus.line > 10, "not the discount's default")
    }

    @Test func aPlaybookMistakeIsFoundInItsOwnEntry() throws {
        let toml = DeskConfig.standard.toml
        let entries = toml.components(separatedBy: "\n").enumerated().filter { $0.element == "[[playbook]]" }.map(\.offset)
        #expect(entries.count >= 3)
        var lines = toml.components(separatedBy: "\n")
        let reason = try #require(lines[entries[2]...].firstIndex { $0.hasPrefix("reason = ") })
        lines[reason] = "reason = \"delivery-dealy\""
        #expect(Self.problem(lines.joined(separator: "\n")) == "c.toml:\(reason + 1): reason: unknown reason 'delivery-dealy'")
        let why = try #require(lines[entries[2]...].firstIndex { $0.hasPrefix("why = ") })
        lines[reason] = "reason = \"delivery-delay\""
        lines[why] = "why = 5"
        #expect(Self.problem(lines.joined(separator: "\n")) == "c.toml:\(why + 1): playbook.why: expected a string")
    }

    @Test func aCRLFFileHasLinesToo() throws {
        let sla = try Self.edited(after: "[sla.high]", starting: "first_response_hours", with: "first_response_hours = 0")
        let crlf = sla.text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(Self.problem(crlf) == "c.toml:\(sla.line): sla.high.first_response_hours: expected a whole number above 0")
    }

    @Test func anUnknownKeymapIsAnErrorAtItsLineAndEchoedSafely() throws {
        let text = "# mine\n\nkeymap = \"vim\\u001b[2J\"\n"
        #expect(Self.problem(text) { $0 == "vi" ? nil : "no keymap preset '\($0)'" }
                == "c.toml:3: keymap: no keymap preset 'vim␛[2J'")
        #expect(try DeskConfig.parse("keymap = \"vi\"\n", file: "c.toml") { $0 == "vi" ? nil : "no" }.keymap == "vi")
    }

    @Test func keyLinesFollowTablesEntriesAndDottedKeys() {
        let lines = ConfigKeyLines("""
            a = 1
            [sla]
            high.resolution_hours = 3   # dotted
            [[playbook]]
            why = \"\"\"
            reason = "not a key"
            \"\"\"
            give = [
              "bonus 5",
            ]
            [[playbook]]
            reason = "x"
            """)
        #expect(lines.line(of: "a") == 1)
        #expect(lines.line(of: "sla.high.resolution_hours") == 3)
        #expect(lines.line(of: "sla.low.resolution_hours") == 2, "the nearest table written")
        #expect(lines.line(of: "playbook[0].reason") == 4, "inside a string: not a key")
        #expect(lines.line(of: "playbook[1].reason") == 12)
        #expect(lines.line(of: "playbook[0].give") == 8)
        #expect(lines.line(of: "nothing") == 0)
    }

    @Test func everySettingIsPrintedAndControlCharactersEscaped() throws {
        #expect(DeskConfig.standard.toml.contains("\nkeymap = \"default\"\n"))
        var config = DeskConfig.standard
        config.playbook.rules[0].why = "line\none \u{1B}[31m"
        let toml = config.toml
        #expect(toml.contains(#"why = "line\none \u001B[31m""#))
        #expect(try DeskConfig.parse(toml, file: "x") == config, "and it reads back the same")
    }
}

@Suite struct SLAConfigTests {
    @Test func slaTargetsComeFromTheConfig() throws {
        let config = try DeskConfig.parse("[sla.urgent]\nfirst_response_hours = 2\nresolution_hours = 12\n", file: "c.toml")
        #expect(config.sla.targets[.urgent] == .init(firstResponseHours: 2, resolutionHours: 12))
        #expect(config.sla.targets[.low] == SLAPolicy.standard.targets[.low])
        #expect(throws: ConfigError.self) { try DeskConfig.parse("[sla.urgent]\nfirst_response_hours = 20\nresolution_hours = 12\n", file: "c") }
        #expect(throws: ConfigError.self) { try DeskConfig.parse("[sla.someday]\nresolution_hours = 12\n", file: "c") }
        let created = Date(timeIntervalSince1970: 0)
        #expect(config.sla.resolutionDue(created: created, priority: .urgent) == Date(timeIntervalSince1970: 12 * 3600))
    }

    /// The share within SLA the report holds figures to is the policy's, not a constant.
    @Test func theTargetShareComesFromTheConfig() throws {
        #expect(DeskConfig.standard.sla.targetPercent == 90)
        let config = try DeskConfig.parse("[sla]\ntarget_percent = 95\n\n[sla.high]\nresolution_hours = 12\n", file: "c.toml")
        #expect(config.sla.targetPercent == 95 && config.sla.targetShare == 0.95)
        #expect(config.sla.targets[.high]?.resolutionHours == 12)
        #expect(config.sla.fingerprint == SLAPolicy(targets: config.sla.targets).fingerprint,
                "the target share moves no deadline: it is not in the targets' fingerprint")
        #expect(config.toml.contains("[sla]\ntarget_percent = 95\n"))
        #expect(try DeskConfig.parse(config.toml, file: "x") == config, "cdesk config prints it, and it reads back")
        #expect(ConfigLineTests.problem("[sla]\ntarget_percent = 101\n") == "c.toml:2: sla.target_percent: expected a percent from 1 to 100")
        #expect(ConfigLineTests.problem("[sla]\n\ntarget_percent = 0\n") == "c.toml:3: sla.target_percent: expected a whole number above 0")
        #expect(ConfigLineTests.problem("[sla]\ntarget = 90\n").hasSuffix("sla.target: unknown priority (known: urgent, high, normal, low, target_percent)"))
        let shared = try SharedPolicy.parse("[sla]\ntarget_percent = 80\n", file: "policy")
        #expect(shared.sla.targetPercent == 80, "a lead's policy may hold it")
    }
}

/// Input toml++ would abort on (found by the config fuzz target) is refused with its line:
/// headers no key can start, and a `}` or a line separator where an array expects a value;
/// a nested array's lines and a string's text are not headers.
@Suite struct ConfigHeaderTests {
    @Test(arguments: ["[$]", "[[$]]", "[{a=1}]", "[ +]", "a = 1\n[%x]", "[\n ", "[[[a]]]", "[\u{301}a]", "\u{FEFF}[$]",
                      "a = 1 # \"\"\"\n[$]", "s = 'x\\'\n[$]"])
    func aHeaderNoKeyCanStartIsAnErrorNotACrash(text: String) {
        let error = #expect(throws: ConfigError.self) { try DeskConfig.parse(text, file: "c.toml") }
        #expect(error?.reason == TOMLHeaderCheck.badHeader)
        #expect(error?.line == (text.hasPrefix("a = 1") || text.hasPrefix("s = ") ? 2 : 1))
        #expect(throws: ConfigError.self) { try SharedPolicy.parse(text, file: "p.toml") }
    }

    @Test(arguments: ["a = [}", "a = [1, }", "a = [ # c\n}", "a = {b=[}}", "a = [[[[}}}}"])
    func aBraceWhereAnArrayWantsAValueIsAnErrorNotACrash(text: String) {
        let error = #expect(throws: ConfigError.self) { try DeskConfig.parse(text, file: "c.toml") }
        #expect(error?.reason == TOMLHeaderCheck.braceInArray)
    }

    @Test(arguments: ["a = [\u{2028} 1]", "a = [\u{85}1]", "a = [\u{2029}]"])
    func aLineSeparatorInAnArrayIsAnErrorNotACrash(text: String) {
        let error = #expect(throws: ConfigError.self) { try DeskConfig.parse(text, file: "c.toml") }
        #expect(error?.reason == TOMLHeaderCheck.separator)
    }

    @Test func linesOfAMultiLineArrayOrStringAreNotHeaders() {
        #expect(TOMLHeaderCheck.problem(in: "x = [\n[{a=1}],\n[ 1 ]\n]\n") == nil)
        #expect(TOMLHeaderCheck.problem(in: "signature = \"\"\"\n[$ shop]\n\"\"\"\n") == nil)
        #expect(TOMLHeaderCheck.problem(in: "signature = '''\n[$ shop] }\n'''\n") == nil)
        #expect(TOMLHeaderCheck.problem(in: "a = \"[$] \\\" [$]\"\n[sla]\n[\"quoted\"]\n") == nil)
        #expect(TOMLHeaderCheck.problem(in: "a = [\"}\", '}'] # }\nb = \"\"\"x\"\"\"\"\n[c]\n") == nil)
    }
}

/// Bare values toml++ would abort on (its parser chosen by the characters a value holds) are
/// refused; every TOML boolean, number, date and time passes.
@Suite struct ConfigBareValueTests {
    @Test(arguments: ["when = 1979-05-27T.7:32:00Z", "a = 1979-05-27T", "a = 12:3", "a = yes", "a = [1, 2x]", "a = {b = 0x}",
                      "a = 1979-05-27 7:32:00", "a = 01"])
    func aValueNoParserTakesIsAnErrorNotACrash(text: String) {
        let error = #expect(throws: ConfigError.self) { try DeskConfig.parse(text, file: "c.toml") }
        #expect(error?.reason == TOMLHeaderCheck.badValue)
    }

    @Test func tomlValuesPass() {
        let values = ["true", "false", "0", "-17", "+99", "1_000", "0xDEAD_beef", "0o755", "0b1101", "3.14", "-0.01", "5e+22",
                      "6.626e-34", "inf", "-nan", "1979-05-27", "1979-05-27T07:32:00Z", "1979-05-27t00:32:00.999999-07:00",
                      "1979-05-27 07:32:00", "07:32:00", "00:32:00.5", "[1, [2, 3], {a = 4}]", "{ x = 1, y = \"}\" }"]
        for value in values { #expect(TOMLHeaderCheck.problem(in: "v = \(value) # c\n[t]\nw = [\n  \(value),\n]\n") == nil, "\(value)") }
    }
}
