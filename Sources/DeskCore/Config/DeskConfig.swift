import Foundation
import TOMLKit

/// The effective configuration: the built-in defaults, with the user's
/// `config.toml` applied over them.
public struct DeskConfig: Sendable, Equatable {
    public var policy: CompensationPolicy
    public var playbook: Playbook
    /// The keymap preset the console starts with (`--keymap` wins over it).
    public var keymap: String?
    public var sla: SLAPolicy = .standard

    public static let standard = DeskConfig(policy: .standard, playbook: .standard, keymap: nil)

    /// `$CDESK_CONFIG`, else `$XDG_CONFIG_HOME/cdesk/config.toml`, else `~/.config/cdesk/config.toml`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["CDESK_CONFIG"], !explicit.isEmpty { return explicit }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/cdesk/config.toml"
    }

    /// The configuration at `path`, or the defaults when there is no file there.
    public static func load(path: String) throws -> DeskConfig {
        guard FileManager.default.fileExists(atPath: path) else { return .standard }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: 0, key: nil, reason: "cannot read the file as UTF-8")
        }
        return try parse(text, file: path)
    }

    /// A config file's text over the defaults.
    public static func parse(_ text: String, file: String) throws -> DeskConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, key: nil, reason: error.description)
        }
        var reader = ConfigReader(text: text, file: file)
        return try reader.read(table, over: .standard)
    }
}

/// A problem in a config file: `FILE:LINE: key: reason`.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var key: String?
    public var reason: String

    public var description: String {
        (line > 0 ? "\(file):\(line): " : "\(file): ") + (key.map { "\($0): " } ?? "") + reason
    }
}
