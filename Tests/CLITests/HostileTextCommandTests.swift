import DeskTestSupport
import Foundation
import Testing

/// Hostile text through every output of the command line: errors that echo what a file or a
/// user gave (a bad cell, a file name, `--since`, a keymap line), the CSV and JSON Lines
/// exports and the report table. Not one byte that drives a terminal comes out.
@Suite struct HostileTextCommandTests {
    /// The classes (17): terminal escapes, controls, bidi, and text that is only hard to draw.
    static let classes: [(name: String, bytes: [UInt8])] = [
        ("OSC 0 title", Array("\u{1B}]0;TITLE\u{07}".utf8)),
        ("OSC 8 link", Array("\u{1B}]8;;http://evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\".utf8)),
        ("OSC 52 clipboard", Array("\u{1B}]52;c;ZXZpbA==\u{07}".utf8)),
        ("DCS", Array("\u{1B}P1$tx\u{1B}\\".utf8)),
        ("unterminated OSC", Array("\u{1B}]0;unterminated".utf8)),
        ("C1 CSI", Array("\u{9B}31mred".utf8)),
        ("SGR", Array("\u{1B}[31mred\u{1B}[0m".utf8)),
        ("cursor movement", Array("\u{1B}[2J\u{1B}[H\u{1B}[10;10Hx".utf8)),
        ("bidi", Array("abc\u{202E}txt.exe\u{2066}x\u{2069}\u{061C}\u{200F}".utf8)),
        ("zero-width", Array("a\u{200B}b\u{200D}c\u{FEFF}d".utf8)),
        ("combining stack", Array(("e" + String(repeating: "\u{0301}", count: 60)).utf8)),
        ("10,000-character word", Array(String(repeating: "x", count: 10_000).utf8)),
        ("invalid UTF-8", [0x41, 0xFF, 0xFE, 0xC3, 0x42]),
        ("NUL", Array("a\u{0}b".utf8)),
        ("BS/CR overwrite", Array("safe\u{08}\u{08}\rEVIL".utf8)),
        ("VS16 and ZWJ emoji", Array("❤️👨‍👩‍👧🇷🇺👍🏽".utf8)),
        ("DEL", Array("del\u{7F}ete".utf8)),
    ]

    /// Whether `bytes` hold anything that drives a terminal: any C0 control but tab and LF
    /// (CRLF too where `crlf`), DEL, a C1 control, a bidi control.
    static func drivesATerminal(_ bytes: [UInt8], crlf: Bool = false) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            switch s.value {
            case 0x09, 0x0A: continue
            case 0x0D where crlf && i + 1 < scalars.count && scalars[i + 1] == "\n": continue
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return true
            default: continue
            }
        }
        return false
    }

    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = Scratch.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A CSV cell holding `bytes`, quoted.
    private func cell(_ bytes: [UInt8]) -> [UInt8] {
        [0x22] + bytes.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
    }

    private func check(_ what: String, _ result: (status: Int32, stdout: String, stderr: String), crlf: Bool = false) {
        #expect(!Self.drivesATerminal(Array(result.stdout.utf8), crlf: crlf), "\(what): stdout")
        #expect(!Self.drivesATerminal(Array(result.stderr.utf8)), "\(what): stderr \(result.stderr.prefix(300))")
    }

    @Test func noHostileByteLeavesAnyOutput() throws {
        let store = Fixtures.temporaryPath("hostile-cli")
        #expect(try runCDesk(["import", "customers", try file("c0.csv", Array("id,name,joined\nC0,Ann,2024-01-01\n".utf8)),
                              "--store", store]).status == 0)
        var echoed = 0
        for (name, bytes) in Self.classes {
            let text = String(decoding: bytes, as: UTF8.self)
            // An import error naming the bad cell (an unknown tier).
            let badTier = try file("tier.csv", Array("id,name,tier,joined\nC1,Ann,".utf8) + cell(bytes) + Array(",2024-01-01\n".utf8))
            let tier = try runCDesk(["import", "customers", badTier, "--store", store])
            #expect(tier.status == 1, "\(name)")
            check("\(name): import error", tier)
            // The same, as a dry run listing every problem.
            check("\(name): dry run", try runCDesk(["import", "customers", badTier, "--store", store, "--dry-run"]))
            // A file name, --since and --until, a keymap given by name.
            check("\(name): file name", try runCDesk(["import", "customers", Scratch.path("f" + text + ".csv"), "--store", store]))
            check("\(name): --since", try runCDesk(["report", "--store", store, "--since", text]))
            check("\(name): --until", try runCDesk(["export", "--store", store, "--until", text]))
            check("\(name): --keymap", try runCDesk(["keys", "--keymap", Scratch.path(text)]))
            // A keymap line quoted by keys --check.
            let keymap = try file("k.keymap", Array("bind queue ".utf8) + bytes + Array(" quit\nbind queue x ".utf8) + bytes + [0x0A])
            let checked = try runCDesk(["keys", "--check", keymap])
            #expect(checked.status == 1, "\(name)")
            check("\(name): keys --check", checked)
            if tier.stderr.contains("unknown value") { echoed += 1 }
        }
        #expect(echoed >= 14, "most classes reach the message that echoes the cell")

        // The classes a store can hold, in names, subjects and ticket ids: through the exports
        // and the report (its worst breaches name the tickets).
        let loadable = Self.classes.filter { !["invalid UTF-8", "NUL"].contains($0.name) }
        var customers = Array("id,name,email,phone,joined\n".utf8)
        var tickets = Array("id,customer_id,channel,reason,subject,status,created_at,resolved_at,resolution\n".utf8)
        for (i, (_, bytes)) in loadable.enumerated() {
            customers += Array("H\(i),".utf8) + cell(Array("N ".utf8) + bytes) + [0x2C] + cell(Array("e\(i)@x.example".utf8) + bytes)
                + [0x2C] + cell(Array("+7 ".utf8) + bytes) + Array(",2024-01-01\n".utf8)
            tickets += cell(Array("T\(i)-".utf8) + bytes) + Array(",H\(i),email,other,".utf8) + cell(bytes)
                + Array(",resolved,2024-01-02,2024-03-01,explained\n".utf8)
        }
        let imported = try runCDesk(["import", "customers", try file("h.csv", customers), "--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        let importedTickets = try runCDesk(["import", "tickets", try file("t.csv", tickets), "--store", store])
        #expect(importedTickets.status == 0, "\(importedTickets.stderr)")
        check("import summaries", imported)
        check("import summaries", importedTickets)
        for redact in [false, true] {
            let csv = try runCDesk(["export", "--store", store, "--format", "csv"] + (redact ? ["--redact"] : []))
            #expect(csv.status == 0 && csv.stdout.contains("N ␛]0;TITLE␇"), "\(csv.stderr)")
            check("CSV export", csv, crlf: true)
            let jsonl = try runCDesk(["export", "--store", store, "--format", "jsonl"] + (redact ? ["--redact"] : []))
            #expect(jsonl.status == 0 && jsonl.stdout.contains(#"\u001b]0;TITLE\u0007"#), "\(jsonl.stderr)")
            check("JSON Lines export", jsonl)
        }
        let report = try runCDesk(["report", "--store", store, "--breaches", "40"])
        #expect(report.status == 0 && report.stdout.contains("T0-␛]0;TITLE␇"), "\(report.stderr)\n\(report.stdout.prefix(2000))")
        check("report table", report)
        check("report JSON", try runCDesk(["report", "--store", store, "--format", "json"]))
        check("report by agent", try runCDesk(["report", "--store", store, "--by", "agent"]))
    }
}
