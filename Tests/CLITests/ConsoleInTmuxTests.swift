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
        #expect(ticket.contains("orders"))
        try tmux.send("q")
        try tmux.waitFor("the queue again") { $0.contains("CUSTOMER") }
        try tmux.send("q")
        let after = try tmux.waitFor("the shell prompt") { $0.contains("[exit 0]") }
        // The alternate screen is gone: nothing of the console is left on the terminal.
        #expect(!after.contains("CUSTOMER"))
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

    @Test func refusesToStartWithoutATerminal() throws {
        let store = try Self.demoStore()
        let result = try runCDesk(["--store", store])
        #expect(result.status == 1)
        #expect(result.stderr.contains("needs a terminal"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
