@testable import DeskCore
@testable import DeskUI
import DeskTestSupport
import Foundation
import GRDB
import Testing

/// The console on a store it may only read, or one another process keeps busy: it says so,
/// changes nothing, and shows no SQLite text.
@Suite struct StoreTroubleTests {
    @Test func aReadOnlyStoreIsSaidOnTheStatusLineAndRefusesChanges() throws {
        let path = Fixtures.temporaryPath("read-only")
        _ = try Fixtures.oneTicketStore(at: path)
        for language in [Language.en, .ru] {
            let console = ConsoleTests.console(try Store(path: path, readOnly: true), language: language)
            let t = L10n(language)
            #expect(console.render().lines[22].contains(t.readOnlyStoreName("desk.sqlite")), "\(console.render().lines[22])")
            let stamp = console.state.session.lastStamp
            for action in [Action.ticketTake, .ticketResolve, .addNote] {
                ConsoleTests.press(console, action)
                #expect(console.state.message == StatusMessage(t.readOnlyRefusal, isError: true), "\(action)")
                #expect(console.state.prompt == nil && console.state.editing == nil)
            }
            // Reading goes on: the ticket opens.
            ConsoleTests.press(console, .openTicket)
            #expect(console.state.page == .ticket)
            #expect(try Store(path: path).changeStamp() == stamp)
        }
        #expect(Action.allCases.filter(\.changesStore).count == 15)
    }

    /// Another process holds the write lock throughout: the write is tried three times, then
    /// the status line says the store is busy, in the desk's words.
    @Test func aWriteOnABusyStoreIsTriedAgainAndSaidPlainly() throws {
        let path = Fixtures.temporaryPath("busy")
        _ = try Fixtures.oneTicketStore(at: path)
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: path, configuration: config)
        let console = ConsoleTests.console(try Store(path: path, waiting: 0.05))
        // As an import does: it holds the write lock for a long while.
        try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        ConsoleTests.press(console, .ticketTake)
        let message = try #require(console.state.message)
        #expect(message == StatusMessage(L10n.english.describe(StoreError.busy(tries: Console.writeTries)), isError: true))
        #expect(message.text.hasPrefix("the store is busy") && message.text.contains("through 3 tries"))
        #expect(!message.text.contains("SQLite") && !message.text.contains("locked -"))
        try holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        ConsoleTests.press(console, .ticketTake)
        #expect(console.state.message?.isError == false, "\(console.state.message?.text ?? "")")
    }
}
