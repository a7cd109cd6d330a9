import DeskTestSupport
import Foundation
import Testing

/// `cdesk mail receive` as a mail server runs it: exit codes, quarantine, a Maildir twice.
@Suite struct MailReceiveCommandTests {
    private func store() throws -> String {
        let path = Fixtures.temporaryPath("mail")
        let result = try runCDesk(["demo", "--store", path, "--customers", "20", "--tickets", "50"])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    @Test func exitCodesForMailServers() throws {
        let store = try store()
        let taken = try runShell("cdesk mail receive --store '\(store)' --verbose", stdin: "From: a@x.ru\nSubject: Брак\nMessage-ID: <1@x>\n\nСломан.\n")
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(taken.stdout.hasPrefix("opened ticket "))
        let garbage = try runShell("cdesk mail receive --store '\(store)'", stdin: "\u{1B}[31mnot mail")
        #expect(garbage.status == 65)
        #expect(garbage.stderr.contains("/quarantine/"), "\(garbage.stderr)")
        #expect(!garbage.stderr.contains("\u{1B}"))
        let missing = try runShell("cdesk mail receive --store '\(store).none'", stdin: "From: a@x.ru\n\nx\n")
        #expect(missing.status == 75)
    }

    @Test func aMaildirReceivedTwiceAddsNothingTheSecondTime() throws {
        let store = try store()
        let maildir = Scratch.path("maildir")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/make-maildir.py").path
        #expect(try runShell("python3 '\(script)' 10000 '\(maildir)'", stdin: "").status == 0)
        let first = try runShell("cdesk mail receive --store '\(store)' --maildir '\(maildir)'", stdin: "")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("10000 messages in "), "\(first.stdout)")
        #expect(first.stdout.hasSuffix(": 8001 opened, 1499 joined, 500 attached\n"), "\(first.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/new").isEmpty)
        // Put them back as new: the second run finds every Message-ID stored.
        for name in try FileManager.default.contentsOfDirectory(atPath: maildir + "/cur") {
            try FileManager.default.moveItem(atPath: maildir + "/cur/" + name, toPath: maildir + "/new/" + name)
        }
        let second = try runShell("cdesk mail receive --store '\(store)' --maildir '\(maildir)'", stdin: "")
        #expect(second.stdout.hasSuffix(": 10000 duplicate\n"), "\(second.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/cur").count == 10000)
    }

    /// Runs `command` (cdesk being the built binary) with `stdin` on its standard input.
    private func runShell(_ command: String, stdin: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let input = Scratch.path("stdin")
        try stdin.write(toFile: input, atomically: true, encoding: .utf8)
        let binary = TmuxSession.binary
        let line = command.replacingOccurrences(of: "cdesk ", with: "'\(binary)' ") + " < '\(input)'"
        return try spawn("/bin/sh", ["-c", line])
    }
}
