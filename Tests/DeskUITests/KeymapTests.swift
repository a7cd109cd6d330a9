import DeskUI
import DeskTestSupport
import Foundation
import Testing

@Suite struct KeymapTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func builtInKeymapIsByteForByteTheShippedFile() throws {
        let file = try String(contentsOf: Self.repoRoot.appendingPathComponent("Keymaps/default.keymap"), encoding: .utf8)
        #expect(Array(BuiltInKeymap.text.utf8) == Array(file.utf8))
    }

    @Test func parsesKeyNames() {
        #expect(Key.parseSequence("d") == [.char("d")])
        #expect(Key.parseSequence("в") == [.char("в")])
        #expect(Key.parseSequence("<Enter>") == [.enter])
        #expect(Key.parseSequence("<C-n>") == [.control("n")])
        #expect(Key.parseSequence("<M-v>") == [.alt("v")])
        #expect(Key.parseSequence("<F12>") == [.function(12)])
        #expect(Key.parseSequence("gg") == [.char("g"), .char("g")])
        #expect(Key.parseSequence("<Bogus>") == nil)
        #expect(Key.parseSequence("<F13>") == nil)
    }

    @Test func reportsEveryProblemWithFileAndLine() {
        var keymap = Keymap()
        let text = """
            # a comment
            bind queue j move-down
            bind queue j move-up
            bind nowhere k move-up
            bind queue <Nope> move-up
            bind queue x fly-away
            bind queue
            frobnicate queue x quit
            bind prompt x open-ticket
            """
        let problems = keymap.apply(text, file: "my.keymap")
        let lines = problems.map(\.description)
        #expect(lines.contains("my.keymap:3: j is already bound in 'queue' on line 2"))
        #expect(lines.contains { $0.hasPrefix("my.keymap:4: unknown context 'nowhere'") })
        #expect(lines.contains("my.keymap:5: unknown key '<Nope>'"))
        #expect(lines.contains("my.keymap:6: unknown action 'fly-away'"))
        #expect(lines.contains { $0.hasPrefix("my.keymap:7: expected 'bind") })
        #expect(lines.contains { $0.hasPrefix("my.keymap:8: unknown command 'frobnicate'") })
        #expect(lines.contains("my.keymap:9: action 'open-ticket' does not apply in context 'prompt'"))
        #expect(keymap == Keymap(), "a broken file changes nothing")
    }

    @Test func overrideChangesOneKeyAndKeepsTheRest() throws {
        var keymap = Keymap()
        #expect(keymap.apply(BuiltInKeymap.text, file: "default").isEmpty)
        #expect(keymap.apply("unbind queue j\nbind queue J move-down\n", file: "user").isEmpty)
        #expect(keymap.lookup([.char("j")], in: .queue) == .none)
        #expect(keymap.lookup([.char("J")], in: .queue) == .action(.moveDown))
        #expect(keymap.lookup([.char("k")], in: .queue) == .action(.moveUp))
        #expect(keymap.lookup([.char("q")], in: .queue) == .action(.quit), "global applies in queue")
        #expect(keymap.lookup([.char("q")], in: .ticket) == .action(.back), "ticket's own binding wins")
    }

    @Test func sequencesAndPrefixClashes() {
        var keymap = Keymap()
        #expect(keymap.apply("bind queue gg move-first\n", file: "f").isEmpty)
        #expect(keymap.lookup([.char("g")], in: .queue) == .prefix)
        #expect(keymap.lookup([.char("g"), .char("g")], in: .queue) == .action(.moveFirst))
        var clash = Keymap()
        let problems = clash.apply("bind queue g move-last\nbind queue gg move-first\n", file: "f")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("g is bound and also starts gg") == true)
    }
}

@Suite struct PresetTests {
    static let presets = ["default", "vi", "emacs", "russian"]

    /// A loader that finds the repository's presets and no user file.
    static var loader: KeymapLoader {
        var loader = KeymapLoader(environment: ["XDG_CONFIG_HOME": "/nonexistent", "HOME": "/nonexistent"])
        loader.presetFolders = [KeymapTests.repoRoot.appendingPathComponent("Keymaps").path]
        return loader
    }

    @Test(arguments: presets) func presetParsesAndBindsEveryAction(name: String) throws {
        let text = try String(contentsOf: KeymapTests.repoRoot.appendingPathComponent("Keymaps/\(name).keymap"), encoding: .utf8)
        var keymap = Keymap()
        #expect(keymap.apply(text, file: name).isEmpty)
        #expect(keymap.unboundWarnings(file: name).isEmpty, "every action has a key in \(name)")
    }

    /// Each preset's effective bindings (context, keys, action) must not drift. The fixtures are
    /// `cdesk keys --keymap NAME --format tsv` without its help column, captured while the
    /// presets were still whole copies of the default.
    @Test(arguments: presets) func presetBindsWhatItAlwaysDid(name: String) throws {
        let table = KeyTable.render(try Self.loader.load(preset: name), format: .tsv)
            .split(separator: "\n").map { $0.split(separator: "\t").prefix(3).joined(separator: "\t") }
        let fixture = try String(contentsOf: KeymapTests.repoRoot.appendingPathComponent("Tests/DeskUITests/KeymapFixtures/\(name).tsv"),
                                 encoding: .utf8)
        #expect(table == fixture.split(separator: "\n").map(String.init))
    }

    @Test func loaderFindsPresetsAndAppliesTheUserFileOver() throws {
        let config = Scratch.path("keys")
        try FileManager.default.createDirectory(atPath: config + "/cdesk", withIntermediateDirectories: true)
        try "bind queue x open-ticket\n".write(toFile: config + "/cdesk/keymap", atomically: true, encoding: .utf8)
        var loader = KeymapLoader(environment: ["XDG_CONFIG_HOME": config, "HOME": "/nonexistent"])
        loader.presetFolders = [KeymapTests.repoRoot.appendingPathComponent("Keymaps").path]
        let vi = try loader.load(preset: "vi")
        #expect(vi.lookup([.char("G")], in: .queue) == .action(.moveLast))
        #expect(vi.lookup([.char("x")], in: .queue) == .action(.openTicket), "the user's file applies over the preset")
        #expect(throws: KeymapProblem.self) { try loader.load(preset: "nosuch") }
        try "bind queue x nothing\n".write(toFile: config + "/cdesk/keymap", atomically: true, encoding: .utf8)
        #expect(throws: KeymapErrors.self) { try loader.load(preset: nil) }
    }

    @Test func keyTableComesFromTheActionTable() {
        var keymap = Keymap()
        _ = keymap.apply(BuiltInKeymap.text, file: "default")
        let tsv = KeyTable.render(keymap, format: .tsv)
        #expect(tsv.contains("queue\tj <Down>\tmove-down\t\(Action.moveDown.info.help)"))
        #expect(tsv.contains("ticket\tq <Esc>\tback\t"))
    }
}

@Suite struct ReadmeKeysTests {
    @Test func readmeKeyTableIsTheDefaultKeymap() throws {
        let readme = try String(contentsOf: KeymapTests.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var keymap = Keymap()
        _ = keymap.apply(BuiltInKeymap.text, file: "default")
        let table = KeyTable.render(keymap, format: .markdown)
        #expect(readme.contains("keys:begin (generated from the action table; a test checks it) -->\n" + table + "<!-- keys:end"),
                "regenerate with: cdesk keys --format markdown")
    }
}
