import ArgumentParser
import DeskCore
import DeskUI
import Foundation

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the active keymap by context, or check a keymap file.",
        discussion: "Presets: default (built in), vi, emacs, russian; see README for where they are found."
    )

    @Option(help: ArgumentHelp("A keymap preset or a keymap file (the user's file still applies over it).", valueName: "name|path"))
    var keymap: String?

    @Option(help: ArgumentHelp("Check FILE and print every problem as FILE:LINE: reason; exit 1 on any.", valueName: "file"))
    var check: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, tsv, markdown }
    @Option(help: "table (for a person), tsv (context, keys, action, help; for a script) or markdown.")
    var format: Format = .table

    @Option(help: ArgumentHelp("The language of the help texts (default: language in the config, else from the locale's variables).",
                               valueName: "en|ru"))
    var lang: String?

    func run() throws {
        try reportingUserErrors {
            if let check {
                try Self.check(check)
                return
            }
            let config = try loadConfig()
            let keys = try loadKeymap(keymap ?? config.keymap)
            let text = L10n(try chosenLanguage(lang, config: config))
            print(KeyTable.render(keys, format: format == .tsv ? .tsv : format == .markdown ? .markdown : .table, text: text),
                  terminator: "")
        }
    }

    static func check(_ path: String) throws {
        let l = cliLanguage()
        let loader = KeymapLoader()
        let source: (text: String, file: String)
        do {
            source = try loader.source(of: path)
        } catch let problem as KeymapProblem {
            throw UserError(problem.text(l))
        }
        var keymap = Keymap()
        let problems = keymap.apply(source.text, file: source.file, include: loader.included)
        // A problem quotes the file's own words: no control character of them (a NUL, an
        // escape) reaches the terminal.
        for problem in problems {
            FileHandle.standardError.write(Data((UntrustedText.line(problem.text(l)) + "\n").utf8))
        }
        if !problems.isEmpty { throw ExitCode(1) }
        for warning in keymap.unboundWarnings(file: source.file) {
            FileHandle.standardError.write(Data((UntrustedText.line(warning.text(l)) + "\n").utf8))
        }
        print("\(source.file): " + l.pick("ok", "в порядке"))
    }
}
