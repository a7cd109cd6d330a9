import DeskTestSupport
import Foundation
import Testing

/// The command line in Russian: the report a lead reads and the keys an agent looks up.
@Suite(.serialized) struct RussianCommandLineTests {
    /// Latin words of three letters or more, less what may stay Latin: codes, ids, agent
    /// logins, ISO dates, "p90".
    static func english(_ text: String, allowing allowed: Set<String>) -> [String] {
        text.split(separator: "\n").flatMap { line in
            line.split { !($0.isASCII && $0.isLetter) }.map(String.init)
                .filter { $0.count >= 3 && !allowed.contains($0) }.map { "\($0) in: \(line)" }
        }
    }

    @Test func theReportReadsInRussianAndItsJSONKeepsEnglishKeys() throws {
        let store = try ConsoleInTmuxTests.demoStore()
        let table = try runCDesk(["report", "--store", store, "--lang", "ru", "--by", "reason", "--every", "month"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("Жалоб: "))
        #expect(table.stdout.contains("Вернулись") && table.stdout.contains("ориентир 60 %") && table.stdout.contains("По месяцам"))
        let agents: Set<String> = ["olga", "anna", "boris", "dmitry", "irina"]
        let found = Self.english(table.stdout, allowing: agents)
        #expect(found.isEmpty, "English in the Russian report: \(found.prefix(5))")

        let locale = try runCDesk(["report", "--store", store], environment: ["LC_ALL": "", "LANG": "ru_RU.UTF-8"])
        #expect(locale.stdout.hasPrefix("Жалоб: "), "a Russian locale gets the Russian report")
        let english = try runCDesk(["report", "--store", store], environment: ["LC_ALL": "C.UTF-8"])
        #expect(english.stdout.hasPrefix("Complaints: "))

        let json = try runCDesk(["report", "--store", store, "--lang", "ru", "--format", "json"])
        #expect(json.stdout.contains("\"recovered\""), "JSON keys stay the stable English codes")
    }

    /// Every command takes `--lang`, and it wins over the locale, for its messages and its
    /// usage errors alike.
    @Test func everyCommandTakesLang() throws {
        let store = try ConsoleInTmuxTests.demoStore()
        let english = ["LC_ALL": "C.UTF-8"], russian = ["LC_ALL": "ru_RU.UTF-8"]
        let missing = try runCDesk(["import", "tickets", "/nonexistent/t.csv", "--store", store, "--lang", "ru"], environment: english)
        #expect(missing.status == 1 && missing.stderr.contains("нет такого файла"), "\(missing.stderr)")
        let status = try runCDesk(["mail", "status", "--store", store, "--lang=en"], environment: russian)
        #expect(status.status == 0 && status.stdout.hasPrefix("queued "), "\(status.stdout)\(status.stderr)")
        let policy = try runCDesk(["policy", "show", "--store", store, "--lang", "ru"], environment: english)
        #expect(policy.status == 0 && Self.english(policy.stdout.split(separator: "\n").first.map(String.init) ?? "",
                                                   allowing: ["config", "toml"]).isEmpty, "\(policy.stdout)")
        for command in [["export"], ["demo"], ["agents", "list"], ["config"], ["mail", "send"], ["init"]] {
            let refused = try runCDesk(command + ["--store", store, "--lang", "de"], environment: russian)
            #expect(refused.status == 2 && refused.stderr.contains("--lang: ожидается en или ru, а не de"),
                    "\(command): \(refused.stderr)")
        }
    }

    @Test func keysPrintsRussianHelpAndTheCheckShowsNoControlCharacter() throws {
        let keys = try runCDesk(["keys", "--lang", "ru"], environment: ["XDG_CONFIG_HOME": "/nonexistent"])
        #expect(keys.stdout.contains("compensate-discount") && keys.stdout.contains("Дать скидку"),
                "action names stay codes; their help is Russian")
        let file = Scratch.path("bad.keymap")
        try Data("bind queue x\u{0}\u{1B}]0;TITLE\u{07} quit\n".utf8).write(to: URL(fileURLWithPath: file))
        let check = try runCDesk(["keys", "--check", file])
        #expect(check.status == 1)
        #expect(!check.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(check.stderr.debugDescription)")
    }

    /// Under a Russian locale (not generated here) the command line's errors, import problems
    /// and mail summaries are Russian; under C.UTF-8 the same runs are English, with no
    /// Russian word. Codes, column names, paths and what the file held may stay Latin.
    @Test func errorsImportProblemsAndMailStatusFollowTheLocale() throws {
        let store = try ConsoleInTmuxTests.demoStore()
        let folder = Scratch.path("ru-import")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func file(_ name: String, _ text: String) throws -> String {
            let path = folder + "/" + name
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let customers = try file("customers.csv", "id,name,email,phone,region,tier,referrals,joined\nc1,Ann,,,,gold,0,2026-01-01\n")
        let orders = try file("orders.csv", "id,customer_id,placed_at,total,delivery_fee,status,delivered_at\n"
                                            + "o1,nobody,2026-01-01,12.x,0,placed,\no2,nobody,someday,1,0,placed,\n")
        let header = try file("tickets.csv", "id,customer_id,chanel\n")
        let json = try file("messages.jsonl", "{\"ticket_id\": \"T1\",}\n")
        let keymap = try file("mine.keymap", "bind queue x nothing\nbind nowhere x quit\nfoo\nbind queue j quit\n")
        let runs: [[String]] = [
            ["import", "customers", customers, "--store", store],
            ["import", "orders", orders, "--store", store, "--dry-run"],
            ["import", "tickets", header, "--store", store],
            ["import", "messages", json, "--store", store],
            ["import", "customers", folder + "/missing.csv", "--store", store],
            ["import", "customers", folder, "--store", store],
            ["import", "customers", folder + "/notes.txt", "--store", store],
            ["demo", "--store", store],
            ["mail", "status", "--store", store],
            ["mail", "send", "--store", store],
            ["mail", "status", "--store", folder + "/none.sqlite"],
            ["report", "--store", folder + "/none.sqlite"],
            ["export", "--store", store, "--since", "someday"],
            ["export", "--store", store, "--output", store],
            ["console", "--store", store],
            ["keys", "--check", keymap],
            ["keys", "--keymap", "nope"],
        ]
        let codes: Set<String> = ["cdesk", "csv", "jsonl", "CSV", "JSON", "Lines", "ISO", "gold", "regular", "loyal", "vip",
                                  "nobody", "someday", "chanel", "customers", "orders", "tickets", "messages", "customer",
                                  "placed", "import", "sqlite", "none", "missing", "notes", "txt", "format", "store", "since",
                                  "output", "help", "demo", "from", "mail", "tmp", "ticket", "channel", "reason", "subject",
                                  "status", "priority", "fault", "created", "resolved", "resolution", "amount", "satisfaction",
                                  "name", "email", "phone", "region", "tier", "referrals", "joined", "order", "total",
                                  "bind", "unbind", "include", "queue", "quit", "nothing", "nowhere", "foo", "global",
                                  "report", "prompt", "mine", "keymap", "nope", "default", "russian"]
        let russian = ["LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": "", "LANG": "ru_RU.UTF-8", "XDG_CONFIG_HOME": "/nonexistent"]
        let english = ["LC_ALL": "C.UTF-8", "XDG_CONFIG_HOME": "/nonexistent"]
        for arguments in runs {
            let ru = try runCDesk(arguments, environment: russian)
            // Paths are the user's: left out of the look for English words.
            let said = (ru.stdout + ru.stderr).replacingOccurrences(of: #"/[^\s:;)]*"#, with: "", options: .regularExpression)
            #expect(!said.isEmpty, "\(arguments)")
            let found = Self.english(said, allowing: codes)
            #expect(found.isEmpty, "\(arguments.prefix(2)): \(found.prefix(4))")
            let en = try runCDesk(arguments, environment: english)
            #expect(!(en.stdout + en.stderr).unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) },
                    "Russian under C.UTF-8: \(arguments.prefix(2)): \(en.stdout + en.stderr)")
        }
        let problems = try runCDesk(["import", "orders", orders, "--store", store, "--dry-run"], environment: russian)
        #expect(problems.stderr.contains("orders.csv:2: total: неверная сумма «12.x»"), "\(problems.stderr)")
        #expect(problems.stderr.contains("ошибок: "))
    }
}
