import ArgumentParser
import DeskCore
import DeskUI
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

/// The active keymap (a preset, then the user's file), or a user error naming every
/// problem by file and line.
func loadKeymap(_ preset: String?) throws -> Keymap {
    do {
        return try KeymapLoader().load(preset: preset)
    } catch let error as KeymapErrors {
        throw UserError("the keymap has problems:\n" + error.description)
    } catch let problem as KeymapProblem {
        throw UserError(problem.description)
    }
}
