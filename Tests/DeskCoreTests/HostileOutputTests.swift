import DeskTestSupport
import Foundation
import Testing
@testable import DeskCore

/// No customer-controlled byte that drives a terminal leaves an export: CSV writes the
/// screen's visible placeholders, JSON Lines escapes them as `\uXXXX`.
@Suite struct HostileOutputTests {
    /// Hostile classes: OSC title, OSC 8 link, OSC 52 clipboard, DCS, an unterminated OSC,
    /// C1 CSI, SGR, cursor movement, bidi override and isolate, zero-width joiner left alone,
    /// BS and CR overwrite, NUL stripped by the store, DEL.
    static let hostile = [
        "\u{1B}]0;TITLE\u{07}", "\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\", "\u{1B}]52;c;ZXZpbA==\u{07}",
        "\u{1B}P1$tx\u{1B}\\", "\u{1B}]0;unterminated", "\u{9B}31m", "\u{1B}[31mred\u{1B}[0m", "\u{1B}[2J\u{1B}[H",
        "abc\u{202E}txt.exe", "\u{2066}x\u{2069}", "a\u{08}b\rc", "del\u{7F}", "\u{061C}\u{200F}",
    ]

    static func store() throws -> Store {
        let store = try Store(path: Fixtures.temporaryPath("hostile"))
        var batch = RecordBatch()
        for (i, text) in hostile.enumerated() {
            let c = "C\(i)"
            batch.customers.append(Customer(id: c, name: "Name " + text, email: "e\(i)" + text + "@x.example",
                                            phone: "+7 " + text, region: nil, tier: .regular, referrals: 0,
                                            joinedAt: Fixtures.now.addingTimeInterval(-86_400 * 30)))
            var t = Fixtures.ticket("T\(i)", customer: c, subject: "Subj " + text, hoursAgo: 50, slaHours: 0, status: .resolved,
                                    answeredHoursAgo: 49)
            t.assignee = "agent" + text
            batch.tickets.append(t)
            batch.outcomes.append(Outcome(ticketID: "T\(i)", resolution: .explained, satisfaction: nil, note: nil))
        }
        try store.add(batch, agent: "test")
        return store
    }

    static func export(_ store: Store, _ format: ExchangeFormat, redact: Bool = false) throws -> [UInt8] {
        let path = Scratch.path("hostile.\(format.rawValue)")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let n = try store.exportCases(ExportFilter(redact: redact), format: format, to: handle)
        try handle.close()
        #expect(n == hostile.count)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A byte sequence that drives a terminal: C0 other than TAB/CR/LF, DEL, C1 (C2 80–9F),
    /// bidi controls.
    static func drivesATerminal(_ bytes: [UInt8], allowingLineBreaks: Bool) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            allowingLineBreaks ? UntrustedText.needsCleaning(buffer)
                : UntrustedText.needsCleaning(buffer) || buffer.contains(0x0D) || buffer.contains(0x09)
        }
    }

    @Test(arguments: [false, true])
    func aCSVExportCarriesNoControlCharacter(redact: Bool) throws {
        let csv = try Self.export(try Self.store(), .csv, redact: redact)
        #expect(!Self.drivesATerminal(csv, allowingLineBreaks: true))
        let text = String(decoding: csv, as: UTF8.self)
        #expect(text.contains("Name ␛]0;TITLE␇"), "the placeholders show what was there")
    }

    @Test func aJSONLinesExportEscapesEveryControl() throws {
        let jsonl = try Self.export(try Self.store(), .jsonl)
        #expect(!Self.drivesATerminal(jsonl, allowingLineBreaks: false))
        let text = String(decoding: jsonl, as: UTF8.self)
        #expect(text.contains(#"\u009b31m"#) && text.contains(#"\u202e"#) && text.contains(#"\u007f"#))
        // Still the same data, read back by a JSON parser.
        let first = try #require(text.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect((object["customer_name"] as? String)?.hasPrefix("Name ") == true)
    }
}
