import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import DeskCore

/// A store the user may only read: reading works, a change says why it cannot be made, and no
/// database error reaches a person in SQLite's words. (The CLI tests run the binary as a user
/// without write permission; these open the store read-only as that binary does.)
@Suite struct ReadOnlyStoreTests {
    @Test func reportExportAndADryRunWorkAndChangesAreRefused() throws {
        let path = Fixtures.temporaryPath("read-only")
        _ = try Fixtures.oneTicketStore(at: path)
        let store = try Store(path: path, readOnly: true)
        #expect(store.isReadOnly)
        #expect(try store.report(ReportOptions()).complaints == 1)
        #expect(try store.exportCases(ExportFilter()) { _ in } == 0)
        let before = try Fixture.snapshot(store)
        let file = try Fixture.file("c.csv", "id,name,joined\nC01,Анна Иванова,2024-01-01\nC02,Bob,2024-01-02\n")
        let dry = try Fixture.load(store, .customers, file, dryRun: true)
        #expect(dry.inserted == 1 && dry.updated == 1)
        let bad = try Fixture.file("c.csv", "id,name,joined\nC02,Bob,2024-01-02\nC02,Bob,2024-01-03\n")
        let failure = try #require(throws: ImportFailure.self) { try Fixture.load(store, .customers, bad, dryRun: true) }
        #expect(failure.description == bad + ":3: id: 'C02' is already on line 2")
        #expect(throws: StoreError.readOnly(path: path)) { try Fixture.load(store, .customers, file) }
        // A change through the desk's contract fails as read-only, in the desk's words.
        let ticket = try #require(try store.ticketDetail(id: "T1")).ticket
        let error = try #require(throws: (any Error).self) {
            try store.take(ticketID: "T1", expectedVersion: ticket.version, agent: "olga", at: Date())
        }
        #expect(StoreError.explaining(error) as? StoreError == .readOnly(path: nil))
        #expect(try Fixture.snapshot(store) == before)
        #expect(try store.independentReader().isReadOnly)
    }

    /// Every kind of database failure becomes a StoreError whose text holds nothing of SQLite's.
    @Test func databaseFailuresAreSaidInTheDesksWords() {
        let cases: [(ResultCode, StoreError)] = [
            (.SQLITE_BUSY, .busy(tries: 1)), (.SQLITE_LOCKED, .busy(tries: 1)), (.SQLITE_READONLY, .readOnly(path: nil)),
            (.SQLITE_CORRUPT, .damaged), (.SQLITE_NOTADB, .damaged), (.SQLITE_FULL, .diskFull), (.SQLITE_IOERR, .unreadable),
            (.SQLITE_CANTOPEN, .unreadable), (.SQLITE_MISMATCH, .failed(code: 20)),
        ]
        for (code, expected) in cases {
            let error = DatabaseError(resultCode: code, message: "database disk image is malformed", sql: "SELECT 1")
            let explained = StoreError.explaining(error)
            #expect(explained as? StoreError == expected)
            for leak in ["SQLite", "SELECT", "malformed", "database disk image"] {
                #expect(!"\(explained)".contains(leak), "\(code): \(explained)")
            }
        }
        #expect(StoreError.isBusy(DatabaseError(resultCode: .SQLITE_BUSY)))
        #expect(!StoreError.isBusy(DatabaseError(resultCode: .SQLITE_READONLY)))
        struct Other: Error {}
        #expect(StoreError.explaining(Other()) is Other)
    }
}
