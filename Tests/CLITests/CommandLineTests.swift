import DeskTestSupport
import Foundation
import Testing

/// The commands' options and output as a lead reads them: periods, keys, help, configuration.
@Suite struct CommandLineTests {
    private func file(_ name: String, _ text: String) throws -> String {
        let path = Scratch.path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Two complaints, created and resolved on 29 and 30 November.
    private func store() throws -> String {
        let store = Fixtures.temporaryPath("period")
        let customers = try file("c.csv", "id,name,joined\nC1,Анна,2024-01-01\n")
        let tickets = try file("t.csv", """
            id,customer_id,channel,reason,subject,status,created_at,resolved_at
            T1,C1,email,other,one,resolved,2026-11-29T09:00:00Z,2026-11-29T18:00:00Z
            T2,C1,email,other,two,resolved,2026-11-30T09:00:00Z,2026-11-30T18:00:00Z

            """)
        for (kind, path) in [("customers", customers), ("tickets", tickets)] {
            let result = try runCDesk(["import", kind, path, "--store", store])
            #expect(result.status == 0, "\(result.stderr)")
        }
        return store
    }

    @Test func untilADateIncludesThatWholeDay() throws {
        let store = try store()
        func exported(_ period: [String]) throws -> [String] {
            let result = try runCDesk(["export", "--store", store, "--format", "csv"] + period)
            #expect(result.status == 0, "\(period): \(result.stderr)")
            return result.stdout.split(separator: "\n").dropFirst().map { String($0.prefix(2)) }
        }
        #expect(try exported(["--until", "2026-11-30"]) == ["T1", "T2"])
        #expect(try exported(["--until", "2026-11-29"]) == ["T1"])
        #expect(try exported(["--since", "2026-11-30", "--until", "2026-11-30"]) == ["T2"], "one day")
        #expect(try exported(["--until", "2026-11-30T00:00:00Z"]) == ["T1"], "a time is where it stops")
        #expect(try exported(["--until", "2026-11-30T18:00:00Z"]) == ["T1"], "before that time")
        let report = try runCDesk(["report", "--store", store, "--since", "2026-11-30", "--until", "2026-11-30"])
        #expect(report.stdout.hasPrefix("Complaints: 1 (resolved 2026-11-30T00:00:00Z to 2026-12-01T00:00:00Z)"), "\(report.stdout)")
        let help = try runCDesk(["export", "--help"])
        #expect(help.stdout.contains("up to the end of this date"))
    }

    /// A workbook is a file, and --excel is a kind of CSV; report and export share the period basis.
    @Test func exportFormatsAndPeriodBasis() throws {
        let store = try store()
        let noFile = try runCDesk(["export", "--store", store, "--format", "xlsx"])
        #expect(noFile.status == 1 && noFile.stderr == "cdesk: --format xlsx writes a file: name it with --output FILE.xlsx\n")
        let jsonl = try runCDesk(["export", "--store", store, "--format", "jsonl", "--excel"])
        #expect(jsonl.status == 1 && jsonl.stderr.contains("--excel is a kind of CSV"))
        let path = Scratch.path("cases.xlsx")
        let xlsx = try runCDesk(["export", "--store", store, "--output", path])
        #expect(xlsx.status == 0 && xlsx.stderr.hasPrefix("exported 2 cases to"), "\(xlsx.stderr)")
        #expect(FileManager.default.contents(atPath: path)?.prefix(2) == Data("PK".utf8), "a zip: the xlsx container")
        for command in ["report", "export"] {
            let help = try runCDesk([command, "--help"])
            #expect(help.stdout.contains("--period-by <created|resolved>") && help.stdout.contains("default: resolved"), "\(command)")
            #expect(help.stdout.contains("the shop's time zone"), "\(command)")
        }
    }

    /// What a keymap file must say is printed whole, in one column.
    @Test func keysPrintsWholeActionNames() throws {
        let result = try runCDesk(["keys"], environment: ["XDG_CONFIG_HOME": "/nonexistent"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasSuffix(" compensate-free-delivery  Give free delivery on the next order") })
        #expect(lines.contains { $0.contains(" compensate-discount ") })
        #expect(!result.stdout.contains("…"))
        // Within a context, the help starts in one column.
        let queue = lines.drop { $0 != "[queue]" }.dropFirst().prefix { !$0.isEmpty && !$0.hasPrefix("[") }
        let columns = Set(queue.map { line in
            line.distance(from: line.startIndex, to: line.range(of: "  ", options: .backwards)!.upperBound)
        })
        #expect(queue.count > 10 && columns.count == 1, "\(queue)")
    }

    /// The column lists of `cdesk import --help` are one kind a line, the columns aligned.
    @Test func importHelpAlignsItsColumnLists() throws {
        let help = try runCDesk(["import", "--help"], environment: ["COLUMNS": "80"]).stdout
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.allSatisfy { $0.count <= 80 || $0.hasPrefix("USAGE:") }, "\(help)")
        for kind in ["customers  id,name,", "orders     id,customer_id,placed_at", "tickets    id,customer_id,order_id",
                     "           fault,created_at,resolved_at", "messages   ticket_id,"] {
            #expect(lines.contains { $0.hasPrefix("  " + kind) }, "\(kind)\n\(help)")
        }
    }

    @Test func configSaysWhichFileItReadAndPrintsEverySetting() throws {
        let home = Scratch.path("config-home")
        let defaults = try runCDesk(["config"], environment: ["XDG_CONFIG_HOME": home, "CDESK_CONFIG": ""])
        #expect(defaults.status == 0)
        #expect(defaults.stdout.hasPrefix("# no config file (\(home)/cdesk/config.toml): built-in defaults\n"), "\(defaults.stdout)")
        #expect(defaults.stdout.contains("\nkeymap = \"default\"\n"))
        let path = try file("mine.toml", "keymap = \"vi\"\r\n[vip]\r\ndiscount_step = 10\r\n")
        let mine = try runCDesk(["config"], environment: ["CDESK_CONFIG": path])
        #expect(mine.stdout.hasPrefix("# read from \(path)\n"), "\(mine.stdout)")
        #expect(mine.stdout.contains("\nkeymap = \"vi\"\n") && mine.stdout.contains("\ndiscount_step = 10\n"))
        // What it prints is a config file that reads back the same.
        let copy = try file("copy.toml", mine.stdout)
        #expect(try runCDesk(["config"], environment: ["CDESK_CONFIG": copy]).stdout == mine.stdout.replacingOccurrences(of: path, with: copy))
    }

    @Test func aMistypedConfigPathOrKeymapIsAnError() throws {
        let typo = try runCDesk(["config"], environment: ["CDESK_CONFIG": "/typo/path"])
        #expect(typo.status == 1 && typo.stderr == "cdesk: /typo/path: no such file (named by $CDESK_CONFIG)\n", "\(typo.stderr)")
        let path = try file("vim.toml", "currency = \"₽\"\r\nkeymap = \"vim\"\r\n")
        for command in [["config"], ["keys"]] {
            let vim = try runCDesk(command, environment: ["CDESK_CONFIG": path])
            #expect(vim.status == 1, "\(command)")
            #expect(vim.stderr.hasPrefix("cdesk: \(path):2: keymap: no keymap preset 'vim' (known: default, emacs, russian, vi"),
                    "\(command): \(vim.stderr)")
        }
    }

    @Test func aBadDateIsEchoedWithoutControlCharacters() throws {
        let result = try runCDesk(["report", "--store", try store(), "--since", "2026-11-3\u{1B}[31m"])
        #expect(result.status == 1)
        #expect(result.stderr == "cdesk: --since: bad date '2026-11-3␛[31m' (expected ISO 8601, e.g. 2024-03-01 or 2024-03-01T14:05:00Z)\n")
        // Any user error: here a path, with a title-setting sequence in it.
        let store = Scratch.path("x\u{1B}]0;owned\u{07}")
        let missing = try runCDesk(["export", "--store", store])
        #expect(missing.status == 1 && !missing.stderr.contains("\u{1B}") && missing.stderr.contains("x␛]0;owned␇"), "\(missing.stderr)")
    }
}
