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
        let keymap = try Self.loader.load(preset: KeymapTests.repoRoot.appendingPathComponent("Keymaps/\(name).keymap").path)
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

@Suite struct IncludeTests {
    /// A scratch folder holding `files` (name: text), and a loader of the repository's presets.
    static func folder(_ files: [String: String]) throws -> (path: String, loader: KeymapLoader) {
        let dir = Scratch.path("includes")
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return (dir, PresetTests.loader)
    }

    /// The problems of loading `file`, one line each.
    static func problems(_ loader: KeymapLoader, _ file: String) -> [String] {
        do {
            _ = try loader.load(preset: file)
            return []
        } catch {
            return "\(error)".split(separator: "\n").map(String.init)
        }
    }

    @Test func includedBindingsApplyFirstThenTheLinesAfter() throws {
        let (dir, loader) = try Self.folder([
            "mine.keymap": "include default\ninclude extra/more.keymap\nunbind queue j\nbind queue d move-down\n",
            "extra/more.keymap": "bind queue x open-ticket\n",
        ])
        let keymap = try loader.load(preset: dir + "/mine.keymap")
        #expect(keymap.lookup([.char("j")], in: .queue) == .none)
        #expect(keymap.lookup([.char("d")], in: .queue) == .action(.moveDown), "a line after the include rebinds its key")
        #expect(keymap.lookup([.char("x")], in: .queue) == .action(.openTicket), "a path is relative to the including file")
        #expect(keymap.lookup([.char("k")], in: .queue) == .action(.moveUp), "the rest of the default stays")
    }

    @Test func includeProblemsPointAtFileAndLine() throws {
        let (dir, loader) = try Self.folder([
            "unknown.keymap": "# a preset that is not there\ninclude vim\n",
            "missing.keymap": "include default\ninclude nowhere.keymap\n",
            "a.keymap": "include b.keymap\n",
            "b.keymap": "bind queue x quit\ninclude a.keymap\n",
            "broken.keymap": "include inner.keymap\n",
            "inner.keymap": "bind queue j move-down\nbind queue x fly\n",
        ])
        #expect(Self.problems(loader, dir + "/unknown.keymap")
                == ["\(dir)/unknown.keymap:2: no keymap preset 'vim' (known: default, emacs, russian, vi; or a keymap file's path)"])
        #expect(Self.problems(loader, dir + "/missing.keymap") == ["\(dir)/missing.keymap:2: no keymap file \(dir)/nowhere.keymap"])
        #expect(Self.problems(loader, dir + "/a.keymap")
                == ["\(dir)/b.keymap:2: include cycle: \(dir)/a.keymap -> \(dir)/b.keymap -> \(dir)/a.keymap"])
        #expect(Self.problems(loader, dir + "/broken.keymap") == ["\(dir)/inner.keymap:2: unknown action 'fly'"],
                "a problem in an included file is reported at its own line")
        var keymap = Keymap()
        #expect(keymap.apply("include default\n", file: "f").map(\.description) == ["f:1: cannot include 'default' here"])
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
