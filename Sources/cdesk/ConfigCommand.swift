import ArgumentParser
import DeskCore
import DeskUI
import Foundation

struct ConfigCommand: ParsableCommand {
    /// `--lang`: the language of its messages.
    @OptionGroup var languageOption: LanguageOption
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration (built-in defaults with your config.toml over them).",
        discussion: """
            The file: $CDESK_CONFIG (which must exist), else $XDG_CONFIG_HOME/cdesk/config.toml, else \
            ~/.config/cdesk/config.toml. The first line says which file was read; every setting is printed, \
            so the output is a config file to copy and change.
            """
    )

    func run() throws {
        try reportingUserErrors {
            let (config, file) = try loadConfigFile()
            let source = file.map { "# read from \($0)" }
                ?? "# no config file (\(DeskConfig.defaultPath())): built-in defaults"
            print(UntrustedText.line(source))
            print(config.toml, terminator: "")
        }
    }
}

/// The effective configuration, or a user error naming file, line and key.
func loadConfig() throws -> DeskConfig {
    try loadConfigFile().config
}

/// The effective configuration and the file it was read from (nil: the built-in defaults).
/// A file named by $CDESK_CONFIG must exist; a keymap it names must be a preset or a file.
func loadConfigFile() throws -> (config: DeskConfig, file: String?) {
    do {
        return try DeskConfig.load(path: DeskConfig.defaultPath(), required: DeskConfig.pathIsNamed(),
                                   keymapProblem: keymapProblem)
    } catch let error as ConfigError {
        // The config could not be read: its `language` neither; the locale's variables say.
        throw UserError(error.text(Language.choose()))
    }
}

/// Why `name` (a config's `keymap`) names no keymap, nil when it names one.
private func keymapProblem(_ name: String) -> String? {
    let loader = KeymapLoader()
    do {
        _ = try loader.source(of: name)
        return nil
    } catch let problem as KeymapProblem {
        // The locale's language: the config being read cannot say it yet.
        let l = Language.choose()
        if name.contains("/") || name.hasSuffix(".keymap") { return "\(name): \(problem.reason.text(l))" }
        return KeymapProblem.Reason.noPreset(name, known: loader.presetNames).text(l)
    } catch {
        return "\(error)"
    }
}

/// The active keymap (a preset, then the user's file), or a user error naming every
/// problem by file and line.
func loadKeymap(_ preset: String?) throws -> Keymap {
    do {
        return try KeymapLoader().load(preset: preset)
    } catch let error as KeymapErrors {
        let l = cliLanguage()
        throw UserError(l.pick("the keymap has problems:\n", "в раскладке ошибки:\n") + error.text(l))
    } catch let problem as KeymapProblem {
        throw UserError(problem.text(cliLanguage()))
    }
}

/// The config's SLA targets applied to the store: when they changed since the store last saw
/// them, the open complaints' deadlines are recomputed (and the audit log says so).
func applySLA(_ config: DeskConfig, to store: any DeskStore, agent: String) throws {
    // A store this user may only read keeps the deadlines its writers gave it.
    guard !store.isReadOnly else { return }
    if let moved = try store.applySLA(config.sla, agent: agent, at: Date()), moved > 0 {
        FileHandle.standardError.write(Data("cdesk: the SLA targets changed; the deadlines of \(counted(moved, "open complaint")) were recomputed\n".utf8))
    }
}
