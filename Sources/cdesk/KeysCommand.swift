import ArgumentParser

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Print the active keymap, or check one.")
    func run() throws {}
}
