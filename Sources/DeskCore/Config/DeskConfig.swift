import Foundation
import TOMLKit

/// The effective configuration: the built-in defaults, with the user's
/// `config.toml` applied over them.
public struct DeskConfig: Sendable, Equatable {
    public var policy: CompensationPolicy
    public var playbook: Playbook
    /// The keymap preset the console starts with (`--keymap` wins over it), or a keymap file.
    public var keymap: String
    public var sla: SLAPolicy = .standard
    /// The language shown (`--lang` wins over it); nil: from the locale's variables.
    public var language: Language?
    /// The signature replies end with (`{agent}` stands for the agent's name); nil: the
    /// reply's language's own ("С уважением, / {agent} / Служба заботы о клиентах").
    public var signature: String?
    /// Whether recording an apology (`a`) opens the reply editor right after. Off: an
    /// apology is recorded, and `r` writes the words.
    public var apologyOpensReply = false
    /// `[mail]`: what receiving needs.
    public var mail = MailSettings()
    /// `timezone`: the shop's zone (an IANA name), where dates written without a zone are
    /// read (`--since 2026-11-01`, a file's `2026-11-01 10:00`) and an export's dates are
    /// shown to a spreadsheet; nil: the system's.
    public var timeZone: TimeZone?
    /// `theme` and `[colors]`: how the console looks.
    public var look = LookSettings()

    /// The shop's zone: `timezone`, else the system's.
    public var shopTimeZone: TimeZone { timeZone ?? .current }

    public static let standard = DeskConfig(policy: .standard, playbook: .standard, keymap: "default")

    /// `$CDESK_CONFIG`, else `$XDG_CONFIG_HOME/cdesk/config.toml`, else `~/.config/cdesk/config.toml`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["CDESK_CONFIG"], !explicit.isEmpty { return explicit }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/cdesk/config.toml"
    }

    /// Whether the file was named (`$CDESK_CONFIG`): a file named is one meant, and must be there.
    public static func pathIsNamed(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !(environment["CDESK_CONFIG"] ?? "").isEmpty
    }

    /// The configuration in the file at `path` over the defaults, and the file it was read
    /// from: nil when there is none at `path` (then the defaults), which is an error when
    /// the file is `required`. `keymapProblem` says why a `keymap` is no good (the presets
    /// are the UI's), nil when it is good.
    public static func load(path: String, required: Bool = false,
                            keymapProblem: @escaping (String) -> String? = { _ in nil }) throws -> (config: DeskConfig, file: String?) {
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw ConfigError(file: path, line: 0, key: nil, reason: .noSuchFile(namedByEnvironment: true)) }
            return (.standard, nil)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: 0, key: nil, reason: .cannotReadFile)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: 0, key: nil, reason: .notUTF8)
        }
        return (try parse(text, file: path, keymapProblem: keymapProblem), path)
    }

    /// A config file's text over the defaults.
    public static func parse(_ text: String, file: String, over base: DeskConfig = .standard,
                             keymapProblem: @escaping (String) -> String? = { _ in nil }) throws -> DeskConfig {
        try parse(text, file: file, over: base, keymapProblem: keymapProblem, checking: { _ in })
    }

    /// The one reading of a config's or a policy's text: its TOML (a bad table name or a
    /// syntax error said with its line), `check` on the table (a policy refuses keys that are
    /// each person's own), then every key read over `base`.
    static func parse(_ text: String, file: String, over base: DeskConfig, keymapProblem: @escaping (String) -> String?,
                      checking check: (TOMLTable) throws -> Void) throws -> DeskConfig {
        let table: TOMLTable
        if let problem = TOMLHeaderCheck.problem(in: text) {
            throw ConfigError(file: file, line: problem.line, key: nil, reason: problem.reason)
        }
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, key: nil, reason: .syntax(error.description))
        }
        try check(table)
        var reader = ConfigReader(text: text, file: file, keymapProblem: keymapProblem)
        return try reader.read(table, over: base)
    }
}

/// The `[mail]` section: an attachment larger than `maxAttachmentMB` is recorded by name,
/// type and size, its content not kept; `reasons` guesses a new complaint's reason.
/// Sending: `from` is the desk's address (`Магазин <support@shop.example>`); without it mail
/// is not set up and replies are recorded, not sent. `sendCommand` gets each message on
/// stdin through /bin/sh; a message not sent within `retryHours` fails.
public struct MailSettings: Sendable, Equatable {
    public var maxAttachmentMB: Int64 = 25
    public var reasons: ReasonKeywords = .standard
    public var from: String?
    public var sendCommand = "sendmail -t -oi"
    public var retryHours: Int64 = 48
    public init() {}

    /// Whether replies are sent: a `from` is set.
    public var isSetUp: Bool { from.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? false }
}

/// A problem in a config file: `FILE:LINE: key: reason`.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var key: String?
    public var reason: Reason

    public init(file: String, line: Int, key: String?, reason: Reason) {
        self.file = file; self.line = line; self.key = key; self.reason = reason
    }

    /// One line, whatever the file held: keys and values are echoed as safe text.
    public var description: String { text(.en) }

    /// `FILE:LINE: key: reason`, the reason in `l`.
    public func text(_ l: Language) -> String {
        UntrustedText.line((line > 0 ? "\(file):\(line): " : "\(file): ") + (key.map { "\($0): " } ?? "") + reason.text(l))
    }
}
