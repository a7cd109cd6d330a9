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
}
