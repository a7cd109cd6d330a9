import DeskTestSupport
import Foundation
import Testing

/// The real binary in a real terminal (tmux, 80×24) on a small demo store.
@Suite(.serialized) struct ConsoleInTmuxTests {
    static func demoStore() throws -> String {
        let path = Fixtures.temporaryPath("tmux")
        let result = try runCDesk(["demo", "--store", path, "--customers", "60", "--tickets", "200", "--seed", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    @Test(.enabled(if: TmuxSession.available)) func queueOpensTicketAndQuitsRestoringTheTerminal() throws {
        let store = try Self.demoStore()
        let tmux = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)' --agent olga")
        let queue = try tmux.waitFor("the queue") { $0.contains("CUSTOMER") && $0.contains("olga") }
        // Cyrillic names arrive intact (not as ? or bytes).
        #expect(queue.unicodeScalars.contains { (0x0410...0x044F).contains($0.value) })
        #expect(!queue.contains("\u{FFFD}"))
        try tmux.send("Enter")
        let ticket = try tmux.waitFor("the ticket") { $0.contains("── Thread") }
        // The customer's history: "1 order · lifetime …" or "4 orders · lifetime …".
        #expect(ticket.contains("lifetime"))
        try tmux.send("q")
        try tmux.waitFor("the queue again") { $0.contains("CUSTOMER") }
        try tmux.send("q")
        let after = try tmux.waitFor("the shell prompt") { $0.contains("[exit 0]") }
        // The alternate screen is gone: nothing of the console is left on the terminal.
        #expect(!after.contains("CUSTOMER"))
    }

    /// `LANG=ru_RU.UTF-8`, a locale this machine need not have generated: the queue, the
    /// help and the report are Russian; `C.UTF-8` is English.
    @Test(.enabled(if: TmuxSession.available)) func aRussianLocaleGetsTheRussianConsole() throws {
        let store = try Self.demoStore()
        let russian = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)' --agent olga",
                                      environment: ["LC_ALL": "", "LANG": "ru_RU.UTF-8"])
        let queue = try russian.waitFor("the Russian queue") { $0.contains("ПОКУПАТЕЛЬ") && $0.contains("olga") }
        #expect(queue.contains("Открытые") && queue.contains("открыть"))
        try russian.send("?")
        try russian.waitFor("the Russian help") { $0.contains("Клавиши — очередь") }
        try russian.send("Escape")
        try russian.waitFor("the queue again") { $0.contains("ПОКУПАТЕЛЬ") }
        try russian.send("R")
        try russian.waitFor("the Russian report") { $0.contains("Отчёт") && $0.contains("Доля вернувшихся") }

        let english = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)' --agent olga",
                                      environment: ["LC_ALL": "", "LANG": "C.UTF-8"])
        let screen = try english.waitFor("the English queue") { $0.contains("CUSTOMER") && $0.contains("olga") }
        #expect(!screen.contains("ПОКУПАТЕЛЬ") && !screen.contains("Открытые"))
    }

    /// On 256 colours the selected row is a background bar and keeps its priority's own
    /// colour; under NO_COLOR there is no colour at all, and the bar is reverse video.
    @Test(.enabled(if: TmuxSession.available)) func theSelectedRowKeepsItsPriorityMark() throws {
        let store = try Self.demoStore()
        let tmux = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)' --agent olga",
                                   environment: ["TERM": "xterm-256color", "COLORFGBG": "15;0", "NO_COLOR": ""])
        try tmux.waitFor("the queue") { $0.contains("CUSTOMER") && $0.contains("olga") }
        let row = try #require(try Self.selectFirstHighRow(tmux))
        #expect(row.contains("48;5;18m"), "the bar's background: \(row)")
        #expect(row.contains("38;5;213mhigh"), "high keeps its colour on the bar: \(row)")
        #expect(!row.contains("1;30m") && !row.contains("[30m"), "never bold black")

        let plain = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)' --agent olga",
                                    environment: ["TERM": "xterm-256color", "NO_COLOR": "1"])
        try plain.waitFor("the queue") { $0.contains("CUSTOMER") && $0.contains("olga") }
        let screen = try plain.screenWithStyles()
        #expect(!screen.contains("38;5;") && !screen.contains("48;5;") && !screen.contains(/\[(?:[0-9]+;)*[34][0-7]m/), "no colour under NO_COLOR")
        #expect(screen.split(separator: "\n").first { $0.contains("▶") }?.contains("7m") == true, "the bar is reverse video")
    }

    /// Moves down to the first `high` row within 20 and returns the selected row with its styles.
    static func selectFirstHighRow(_ tmux: TmuxSession) throws -> String? {
        func selected() throws -> String? { try tmux.screenWithStyles().split(separator: "\n").first { $0.contains("▶") }.map(String.init) }
        for _ in 0..<20 where try !(selected() ?? "").contains("high") {
            try tmux.send("j")
            Thread.sleep(forTimeInterval: 0.2)
        }
        return try selected()
    }

    /// Eight colours on a light background (`TERM=xterm`): the bar is reverse video, and the
    /// row's `high` keeps its magenta as a chip on it, as a late SLA keeps its red.
    @Test(.enabled(if: TmuxSession.available)) func onEightColoursTheSelectedRowKeepsItsPriorityColour() throws {
        let store = try Self.demoStore()
        let config = (store as NSString).deletingLastPathComponent + "/light.toml"
        try "theme = \"light\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)' --agent olga",
                                   environment: ["TERM": "xterm", "CDESK_CONFIG": config, "NO_COLOR": ""])
        try tmux.waitFor("the queue") { $0.contains("CUSTOMER") && $0.contains("olga") }
        let row = try #require(try Self.selectFirstHighRow(tmux))
        #expect(row.contains("7m") || row.contains(";7"), "the bar is reverse video: \(row)")
        #expect(row.contains(/35m(?:\u{1B}\[[0-9;]*m)*high/), "high keeps its magenta on the bar: \(row)")
        #expect(!row.contains("1;30m") && !row.contains("[30m"), "never bold black")
    }

    /// The terminal's background asked at start (OSC 11) may answer after the console took
    /// over, over a slow link: the answer is swallowed, never typed as keys (its `1` would
    /// switch the view).
    @Test(.enabled(if: TmuxSession.available)) func aLateBackgroundAnswerIsNotTyped() throws {
        let store = try Self.demoStore()
        let tmux = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)' --agent olga")
        try tmux.waitFor("the queue") { $0.contains("CUSTOMER") && $0.contains("olga") }
        try tmux.send("2")
        try tmux.waitFor("the Mine view") { $0.contains("[Mine") }
        try tmux.send("-l", "\u{1B}]11;rgb:1111/ffff/ffff\u{07}")
        try tmux.send("-l", "\u{1B}]11;rgb:1111/ffff/ffff\u{1B}\\")
        Thread.sleep(forTimeInterval: 0.5)
        let screen = try tmux.waitFor("the Mine view still") { $0.contains("[Mine") }
        #expect(!screen.contains("[Open"))
    }

    @Test(.enabled(if: TmuxSession.available)) func ctrlCRestoresTheTerminal() throws {
        let store = try Self.demoStore()
        let tmux = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)'")
        try tmux.waitFor("the queue") { $0.contains("CUSTOMER") }
        try tmux.send("C-c")
        let after = try tmux.waitFor("the shell prompt") { $0.contains("[exit") }
        #expect(!after.contains("CUSTOMER"))
        // The terminal is back in cooked mode: the shell echoes what is typed.
        try tmux.send("echo restored-ok", "Enter")
        _ = try? tmux.waitFor("echo", timeout: 3) { $0.contains("restored-ok") }
    }

    /// SIGTERM (a shutdown, `kill`): the handler only notes it; the run loop quits, the terminal
    /// is restored on the main thread, and the process ends by that signal.
    @Test(.enabled(if: TmuxSession.available)) func sigtermRestoresTheTerminalOutsideTheHandler() throws {
        let store = try Self.demoStore()
        let pidFile = Scratch.path("console.pid")
        let tmux = try TmuxSession(command: "sh -c 'echo $$ > \(pidFile); exec \(TmuxSession.binary) --store \(store)'")
        try tmux.waitFor("the queue") { $0.contains("CUSTOMER") }
        let pid = try #require(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(pid, SIGTERM)
        let after = try tmux.waitFor("the shell prompt") { $0.contains("[exit") }
        #expect(after.contains("[exit 143]"), "ended by SIGTERM: \(after)")
        #expect(!after.contains("CUSTOMER"))
        try tmux.send("echo restored-ok", "Enter")
        _ = try? tmux.waitFor("echo", timeout: 3) { $0.contains("restored-ok") }
    }

    /// An export file holds customers' contacts: made for its owner only, never overwritten unasked.
    @Test func exportWritesAPrivateFileAndRefusesToOverwrite() throws {
        let store = try Self.demoStore()
        let output = Scratch.path("cli-export.csv")
        let first = try runCDesk(["export", "--store", store, "--output", output])
        #expect(first.status == 0, "\(first.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try runCDesk(["export", "--store", store, "--output", output])
        #expect(again.status == 1 && again.stderr.contains("--force"))
        let forced = try runCDesk(["export", "--store", store, "--output", output, "--force", "--format", "jsonl"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("{\"ticket_id\":"))
        // Written beside it under a hidden name and renamed: nothing else is left.
        let folder = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(name) } == [name])
    }

    /// `--output -` is standard output, as `-` is standard input to an import.
    @Test func exportToADashWritesStandardOutput() throws {
        let store = try Self.demoStore()
        // The child works in this process's directory, where no file "-" may appear.
        let dash = FileManager.default.currentDirectoryPath + "/-"
        let result = try runCDesk(["export", "--store", store, "--output", "-", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("{\"ticket_id\":"))
        #expect(!FileManager.default.fileExists(atPath: dash))
    }

    /// Commands that only read a store refuse a path with none, rather than make an empty one.
    @Test func exportAndReportRefuseAMissingStore() throws {
        let path = Fixtures.temporaryPath("missing")
        for command in ["export", "report"] {
            let result = try runCDesk([command, "--store", path])
            #expect(result.status == 1 && result.stderr.contains("no store at \(path)"), "\(command): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        let dryRun = try runCDesk(["import", "customers", "/dev/null", "--format", "csv", "--dry-run", "--store", path])
        #expect(dryRun.status == 1 && !FileManager.default.fileExists(atPath: path), "a dry run makes no store")
    }

    /// Mistakes that would lose data or say nothing: the store as the output, an empty period.
    @Test func exportRefusesTheStoreAndAnEmptyPeriod() throws {
        let store = try Self.demoStore()
        let overStore = try runCDesk(["export", "--store", store, "--output", store, "--force"])
        #expect(overStore.status == 1 && overStore.stderr.contains("is the store itself"))
        // Still the store: a SQLite file that reports.
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)).prefix(15) == Data("SQLite format 3".utf8))
        #expect(try runCDesk(["report", "--store", store]).status == 0)
        for command in ["export", "report"] {
            let empty = try runCDesk([command, "--store", store, "--since", "2026-05-01", "--until", "2026-04-01"])
            #expect(empty.status == 1 && empty.stderr.contains("is not before --until"), "\(command): \(empty.stderr)")
        }
    }

    /// Usage errors exit with 2 (PRODUCT.md), user errors with 1.
    @Test func usageErrorsExitWithTwo() throws {
        for arguments in [["import", "bogus", "x.csv"], ["export", "--format", "xml"], ["report", "--bogus"],
                          ["import", "customers", "x.csv", "--max-errors", "0"]] {
            let result = try runCDesk(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("Usage:") || result.stderr.contains("Error:"))
        }
    }

    @Test func refusesToStartWithoutATerminal() throws {
        let store = try Self.demoStore()
        let result = try runCDesk(["--store", store])
        #expect(result.status == 1)
        #expect(result.stderr.contains("needs a terminal"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

@Suite(.serialized) struct KeysCommandTests {
    @Test(.enabled(if: TmuxSession.available)) func viPresetMovesWithJKAndG() throws {
        let store = try ConsoleInTmuxTests.demoStore()
        let tmux = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)' --keymap vi")
        try tmux.waitFor("the queue") { $0.contains("1/") }
        try tmux.send("j", "j")
        try tmux.waitFor("third row") { $0.contains(" 3/") }
        try tmux.send("k")
        try tmux.waitFor("second row") { $0.contains(" 2/") }
        try tmux.send("G")
        let end = try tmux.waitFor("the last row") { screen in
            // position equals count: "N/N"
            screen.split(separator: "\n").contains { line in
                guard let match = line.firstMatch(of: /(\d+)\/(\d+)/) else { return false }
                return match.1 == match.2
            }
        }
        #expect(!end.isEmpty)
        try tmux.send("q")
        try tmux.waitFor("the shell prompt") { $0.contains("[exit 0]") }
    }

    @Test func checkReportsFileAndLineAndExitsOne() throws {
        let path = Scratch.path("bad.keymap")
        try "bind queue j move-down\nbind queue j move-up\nbind sideways k help\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try runCDesk(["keys", "--check", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):2: j is already bound in 'queue' on line 1"))
        #expect(result.stderr.contains("\(path):3: unknown context 'sideways'"))
        let good = try runCDesk(["keys", "--check", "default"])
        #expect(good.status == 0, "\(good.stderr)")
        let vi = try runCDesk(["keys", "--check", "vi"])
        #expect(vi.status == 0 && vi.stdout.hasSuffix("vi.keymap: ok\n"), "\(vi.stderr)")
        let including = Scratch.path("including.keymap")
        try "include default\ninclude vim\n".write(toFile: including, atomically: true, encoding: .utf8)
        let unknown = try runCDesk(["keys", "--check", including])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("\(including):2: no keymap preset 'vim'"), "\(unknown.stderr)")
    }

    @Test func consoleRefusesABrokenKeymap() throws {
        let path = Scratch.path("bad.keymap")
        try "bind queue j fly\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try runCDesk(["--keymap", path, "--store", Fixtures.temporaryPath("k")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):1: unknown action 'fly'"))
    }

    @Test func keysPrintsTSVForScripts() throws {
        let result = try runCDesk(["keys", "--format", "tsv"], environment: ["XDG_CONFIG_HOME": "/nonexistent"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("context\tkeys\taction\thelp\n"))
        #expect(result.stdout.contains("queue\t<Enter>\topen-ticket"))
    }
}

@Suite(.serialized) struct CompensationInTmuxTests {
    @Test(.enabled(if: TmuxSession.available && TmuxSession.which("sqlite3") != nil))
    func russianKeymapGivesADiscountWithCyrillicKey() throws {
        let store = try ConsoleInTmuxTests.demoStore()
        let tmux = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)' --keymap russian --agent olga")
        try tmux.waitFor("the queue") { $0.contains("CUSTOMER") }
        try tmux.send("Enter")
        try tmux.waitFor("the ticket") { $0.contains("── Thread") }
        try tmux.send("в")
        try tmux.waitFor("the discount prompt") { $0.contains("Discount %") }
        try tmux.send("Enter")
        let done = try tmux.waitFor("the promo code") { $0.contains("promo code CD-") }
        let code = try #require(done.firstMatch(of: /CD-[0-9A-Z]{4}-[0-9A-Z]{2}/)).0
        try tmux.send("у")
        try tmux.waitFor("the resolve prompt") { $0.contains("Resolve #") }
        try tmux.send("Enter")
        try tmux.waitFor("resolved") { $0.contains("resolved: compensated") }
        try tmux.send("й", "й")
        try tmux.waitFor("the shell prompt") { $0.contains("[exit 0]") }
        let row = try spawn(TmuxSession.which("sqlite3")!, [store, """
            SELECT c.kind, c.value, c.agent, t.status, o.resolution, (SELECT count(*) FROM event e WHERE e.entity_id = t.id)
            FROM compensation c JOIN ticket t ON t.id = c.ticket_id JOIN outcome o ON o.ticket_id = t.id
            WHERE c.promo_code = '\(code)'
            """])
        #expect(row.stdout == "discount|10|olga|resolved|compensated|2\n", "\(row.stderr)")
    }
}

@Suite struct ConfigCommandTests {
    @Test func configKeymapAndBadConfig() throws {
        let dir = Scratch.path("config")
        try FileManager.default.createDirectory(atPath: dir + "/cdesk", withIntermediateDirectories: true)
        try "keymap = \"vi\"\n".write(toFile: dir + "/cdesk/config.toml", atomically: true, encoding: .utf8)
        let keys = try runCDesk(["keys", "--format", "tsv"], environment: ["XDG_CONFIG_HOME": dir])
        #expect(keys.stdout.contains("queue\tG\tmove-last"), "keymap = \"vi\" in the config chooses the preset")
        try "[compensation.bonus]\nmaximum = -1\n".write(toFile: dir + "/cdesk/config.toml", atomically: true, encoding: .utf8)
        let bad = try runCDesk(["config"], environment: ["XDG_CONFIG_HOME": dir])
        #expect(bad.status == 1)
        #expect(bad.stderr == "cdesk: \(dir)/cdesk/config.toml:2: compensation.bonus.maximum: expected a whole number above 0\n")
    }
}

@Suite(.serialized) struct EndToEndInTmuxTests {
    /// A complaint handled end to end at 80×24 with the default keys — the customer's words
    /// in view on opening, taken, the suggestion given, a reply written in the editor,
    /// resolved — then the store read with sqlite3.
    @Test(.enabled(if: TmuxSession.available && TmuxSession.which("sqlite3") != nil))
    func oneCompleteComplaint() throws {
        let store = try ConsoleInTmuxTests.demoStore()
        let sqlite = TmuxSession.which("sqlite3")!
        // The editor: the agent writes what they found in place of the draft's placeholder.
        let editor = Scratch.path("editor.sh")
        try """
            #!/bin/sh
            sed -i -e 's/\\[напишите[^]]*\\]/Курьер привезёт заказ завтра до обеда./' \\
                   -e 's/\\[write[^]]*\\]/The courier brings it tomorrow morning./' "$1"

            """.write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        let tmux = try TmuxSession(command: "'\(TmuxSession.binary)' --store '\(store)' --agent olga",
                                   environment: ["XDG_CONFIG_HOME": "/nonexistent", "VISUAL": editor])
        try tmux.waitFor("the queue") { $0.contains("CUSTOMER") }
        try tmux.send("Enter")
        let ticket = try tmux.waitFor("the ticket with a suggestion") { $0.contains("Suggested:") || $0.contains("Given as suggested") }
        let match = try #require(ticket.firstMatch(of: try Regex<(Substring, Substring)>("#([0-9]+) ")))
        let id = String(match.1)
        // The customer's latest message is on screen without scrolling.
        let latest = try spawn(sqlite, [store, """
            SELECT body FROM message WHERE ticket_id = '\(id)' AND author = 'customer' ORDER BY at DESC, id DESC LIMIT 1
            """]).stdout
        let words = latest.split(whereSeparator: \.isNewline).first.map { String($0.prefix(24)) } ?? ""
        #expect(!words.isEmpty && ticket.contains(words), "'\(words)' on\n\(ticket)")
        try tmux.send("t")
        try tmux.waitFor("taken") { $0.contains("is yours now") }
        try tmux.send("c")
        let given = try tmux.waitFor("the suggestion given") {
            $0.contains("gave") || $0.contains("suggests no compensation") || $0.contains("again?")
        }
        if given.contains("again?") { try tmux.send("n") }
        try tmux.send("r")
        try tmux.waitFor("the reply recorded") { $0.contains("#\(id): reply recorded, not sent: no mail set up") }
        try tmux.send("e")
        try tmux.waitFor("the resolve prompt") { $0.contains("Resolve #\(id)") }
        try tmux.send(" 4", "Enter")
        try tmux.waitFor("resolved") { $0.contains("#\(id) resolved") }
        try tmux.send("q", "q")
        try tmux.waitFor("the shell prompt") { $0.contains("[exit 0]") }
        let row = try spawn(sqlite, [store, """
            SELECT t.status, t.assignee, o.satisfaction, r.state, t.first_response_at IS NOT NULL,
                   (SELECT agent || ':' || substr(body, 1, 12) FROM message WHERE ticket_id = t.id ORDER BY id DESC LIMIT 1),
                   (SELECT group_concat(action, ',') FROM (SELECT action FROM event WHERE entity_id = t.id ORDER BY id))
            FROM ticket t JOIN outcome o ON o.ticket_id = t.id JOIN recovery r ON r.ticket_id = t.id WHERE t.id = '\(id)'
            """])
        #expect(row.stdout.hasPrefix("resolved|olga|4|at-risk|1|olga:"), "\(row.stdout) \(row.stderr)")
        #expect(row.stdout.contains("take,") && row.stdout.hasSuffix(",reply,resolve\n"), "\(row.stdout)")
        let reply = try spawn(sqlite, [store, "SELECT body FROM message WHERE ticket_id = '\(id)' ORDER BY id DESC LIMIT 1"]).stdout
        #expect(reply.contains("Курьер привезёт заказ завтра") || reply.contains("The courier brings it tomorrow"), "\(reply)")
        #expect(reply.contains("olga"), "signed by the agent")
    }
}
