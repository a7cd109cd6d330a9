import ArgumentParser
import DeskCore
import Foundation

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration (built-in defaults with your config.toml over them).",
        discussion: "The file: $CDESK_CONFIG, else $XDG_CONFIG_HOME/cdesk/config.toml, else ~/.config/cdesk/config.toml."
    )

    func run() throws {
        try reportingUserErrors {
            print(try loadConfig().toml, terminator: "")
        }
    }
}

/// The effective configuration, or a user error naming file, line and key.
func loadConfig() throws -> DeskConfig {
    do {
        return try DeskConfig.load(path: DeskConfig.defaultPath())
    } catch let error as ConfigError {
        throw UserError(error.description)
    }
}
