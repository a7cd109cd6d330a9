import ArgumentParser
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

    func run() throws {
        try reportingUserErrors {
            if let check {
                try Self.check(check)
                return
            }
            let config = try loadConfig()
            let keys = try loadKeymap(keymap ?? config.keymap)
            print(KeyTable.render(keys, format: format == .tsv ? .tsv : format == .markdown ? .markdown : .table), terminator: "")
        }
    }

    static func check(_ path: String) throws {
        let loader = KeymapLoader()
        let source: (text: String, file: String)
        do {
            source = try loader.source(of: path)
        } catch let problem as KeymapProblem {
            throw UserError(problem.description)
        }
        var keymap = Keymap()
        let problems = keymap.apply(source.text, file: source.file, include: loader.included)
        for problem in problems {
            FileHandle.standardError.write(Data("\(problem)\n".utf8))
        }
        if !problems.isEmpty { throw ExitCode(1) }
        for warning in keymap.unboundWarnings(file: source.file) {
            FileHandle.standardError.write(Data("\(warning)\n".utf8))
        }
        print("\(source.file): ok")
    }
}
