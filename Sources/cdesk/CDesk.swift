import ArgumentParser
import DeskCore
import Foundation

@main
struct CDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cdesk",
        abstract: "The complaint desk: work support tickets, compensate, and win customers back.",
        discussion: "Without a subcommand, opens the console on the store.",
        subcommands: [ConsoleCommand.self, DemoCommand.self, ImportCommand.self, ExportCommand.self, ReportCommand.self,
                      KeysCommand.self, ConfigCommand.self, MailCommand.self, InitCommand.self, AgentsCommand.self,
                      PolicyCommand.self, BenchCommand.self],
        defaultSubcommand: ConsoleCommand.self
    )

    /// As ArgumentParser's own, except that a usage error exits with status 2 (PRODUCT.md),
    /// not its EX_USAGE (64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Options every command that touches the store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (default: $CDESK_STORE, else $XDG_DATA_HOME/cdesk/desk.sqlite).", valueName: "path"))
    var store: String?

    /// The store, made if there is none unless `mustExist` (commands that only read it
    /// would otherwise make an empty store of a mistyped path and report nothing from it).
    /// Where the store is: `--store`, else `$CDESK_STORE`, else the data folder's.
    func path(demo: Bool = false) -> String { StoreLocation.resolve(explicit: store, demo: demo) }

    /// `waiting`: how long a write waits for another writer (a batch job waits its turn;
    /// on a terminal it says it is waiting).
    func open(demo: Bool = false, mustExist: Bool = false, waiting: TimeInterval = 5) throws -> any DeskStore {
        let path = path(demo: demo)
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw UserError(cliLanguage().pick("no store at \(path) (cdesk demo --store \(path) makes a demo one)",
                                               "нет хранилища \(path) (cdesk demo --store \(path) создаст демонстрационное)"))
        }
        do {
            let l = cliLanguage()
            let note = l.pick("cdesk: waiting for another writer to finish (up to \(Int(waiting)) s)…\n",
                              "cdesk: жду, пока другой процесс закончит запись (до \(Int(waiting)) с)…\n")
            let say: @Sendable () -> Void = { FileHandle.standardError.write(Data(note.utf8)) }
            let onWait = waiting > 5 && isatty(STDERR_FILENO) == 1 ? say : nil
            // A store this user may only read is opened to read: reports, exports and dry
            // runs work, and a change says why it cannot be made.
            let readOnly = FileManager.default.fileExists(atPath: path) && !Store.mayWrite(path)
            return try Store(path: path, upgrading: {
                FileHandle.standardError.write(Data(l.pick("cdesk: bringing \(path) up to this version (once; a minute a million tickets)\n",
                                                           "cdesk: обновляю \(path) до этой версии (один раз; около минуты на миллион обращений)\n").utf8))
            }, waiting: waiting, onWait: onWait, readOnly: readOnly)
        } catch {
            let known = StoreError.explaining(error)
            throw UserError((known as? StoreError)?.text(cliLanguage()) ?? "\(known)")
        }
    }
}

/// A mistake of the user's: printed as one line on stderr, exit status 1.
struct UserError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

extension ParsableCommand {
    /// Runs `body`, turning a user error into one line on stderr and exit status 1. The
    /// message may echo what a user or a file gave (a path, a value): no control character
    /// of it reaches the terminal.
    func reportingUserErrors(_ body: () throws -> Void) throws {
        func report(_ message: String) -> ExitCode {
            let safe = UntrustedText.lines(message).joined(separator: "\n")
            FileHandle.standardError.write(Data("cdesk: \(safe)\n".utf8))
            return ExitCode(1)
        }
        do {
            try body()
        } catch let error as UserError {
            throw report(error.description)
        } catch let error as StoreError {
            throw report(error.text(cliLanguage()))
        } catch let error as TeamError {
            throw report(error.message(cliLanguage()))
        } catch {
            // A database failure in the desk's words, never SQLite's.
            guard let known = StoreError.explaining(error) as? StoreError else { throw error }
            throw report(known.text(cliLanguage()))
        }
    }
}

/// The language of what a command prints: `--lang`, else the config's `language`, else the
/// locale's variables (`Language.choose`).
func chosenLanguage(_ flag: String?, config: DeskConfig) throws -> Language {
    if let flag, Language(code: flag) == nil {
        throw UserError(cliLanguage().pick("--lang: expected en or ru, not \(flag)", "--lang: ожидается en или ru, а не \(flag)"))
    }
    return Language.choose(flag: flag, config: config.language?.rawValue)
}

/// The language of a command's messages: `--lang`, else `language` in the config, else the
/// locale's variables.
func cliLanguage() -> Language {
    Language.choose(flag: commandLineLanguage, config: (try? loadConfigFile())?.config.language?.rawValue)
}

/// `--lang` as given on the command line (every command takes it), read before the command's
/// own options are, so that a message said before them (a config that does not read, a
/// usage error) is in that language too.
let commandLineLanguage: String? = {
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst(), argument != "--" {
        if argument == "--lang" { return arguments.first }
        if argument.hasPrefix("--lang=") { return String(argument.dropFirst("--lang=".count)) }
    }
    return nil
}()

/// `--lang` of the commands whose language shows only in their messages.
struct LanguageOption: ParsableArguments {
    @Option(help: ArgumentHelp("The language of its messages (default: language in the config, else ru when LC_ALL, LC_MESSAGES, LANG or LANGUAGE starts with ru, else en).",
                               valueName: "en|ru"))
    var lang: String?

    func validate() throws {
        if let lang, Language(code: lang) == nil {
            throw ValidationError(cliLanguage().pick("--lang: expected en or ru, not \(lang)", "--lang: ожидается en или ru, а не \(lang)"))
        }
    }
}
