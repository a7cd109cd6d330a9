@testable import DeskCore
import DeskTestSupport
import Foundation
import GRDB
import Testing

/// A view's count is kept beside the change stamp it was made at, and read back while the
/// store has not changed: a console starting on an unchanged store counts nothing again.
@Suite struct CountCacheTests {
    /// The count as SQLite makes it now, bypassing what is kept.
    static func counted(_ store: Store, _ query: QueueQuery) throws -> Int {
        let (sql, arguments) = Store.queueCountSQL(query)
        return try store.pool.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    static func kept(_ store: Store, _ key: String) throws -> String? {
        try store.pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    /// Puts `count` in place of what is kept for `key`, at the same stamp and time.
    static func tamper(_ store: Store, _ key: String, count: Int) throws {
        let kept = try #require(try kept(store, key).flatMap(CountCache.Entry.init))
        try store.pool.write { db in
            try db.execute(sql: "UPDATE setting SET value = ? WHERE key = ?",
                           arguments: [CountCache.Entry(stamp: kept.stamp, at: kept.at, count: count).text, key])
        }
    }

    @Test func aCountIsKeptAndReadBackUntilTheStoreChanges() throws {
        let store = try Fixtures.longQueue(50)
        let query = QueueQuery(view: .open, agent: "test", now: Fixtures.now)
        #expect(try store.queueCount(query) == 50)
        let kept = try #require(try Self.kept(store, "count.open").flatMap(CountCache.Entry.init))
        #expect(kept.stamp == (try store.changeStamp()) && kept.count == 50)
        // What is kept is what the next console reads (a changed number shows it was read).
        try Self.tamper(store, "count.open", count: 7)
        #expect(try store.queueCount(query) == 7)
        // Any change moves the stamp: the count is made again.
        let ticket = try #require(try store.ticketDetail(id: "T1000")).ticket
        try store.resolve(ticketID: "T1000", expectedVersion: ticket.version, resolution: .explained, satisfaction: nil,
                          agent: "test", at: Fixtures.now)
        #expect(try store.queueCount(query) == 49)
    }

    @Test func eachAgentsMineAndEachFilterIsKeptApart() throws {
        #expect(CountCache(QueueQuery(view: .mine, agent: "anna", now: Fixtures.now)).key
                != CountCache(QueueQuery(view: .mine, agent: "olga", now: Fixtures.now)).key)
        var filtered = QueueQuery(view: .open, agent: "anna", now: Fixtures.now)
        filtered.filter = QueueFilter(reason: .deliveryDelay)
        #expect(CountCache(filtered).key != CountCache(QueueQuery(view: .open, agent: "anna", now: Fixtures.now)).key)
        #expect(CountCache(QueueQuery(view: .search, agent: "anna", now: Fixtures.now)).key == nil)
    }

    /// Overdue moves with the clock: a count kept at one time is brought to another by the
    /// deadlines that passed in between, and agrees with counting afresh, forward and back.
    @Test func overdueKeptAtOneTimeIsRightAtAnother() throws {
        let store = try Fixtures.longQueue(50)
        let early = QueueQuery(view: .overdue, agent: "test", now: Fixtures.now)
        var late = early
        late.now = Fixtures.now.addingTimeInterval(20 * 3600)
        let (before, after) = (try Self.counted(store, early), try Self.counted(store, late))
        #expect(before < after, "deadlines pass in between: \(before), \(after)")
        // Kept early, read late: the deadlines between are added.
        #expect(try store.queueCount(early) == before)
        #expect(try Self.kept(store, "count.overdue")?.hasSuffix(" \(early.now.seconds) \(before)") == true)
        #expect(try store.queueCount(late) == after)
        // Kept late, read early: they are taken away.
        try store.pool.write { db in try db.execute(sql: "DELETE FROM setting WHERE key = 'count.overdue'") }
        #expect(try store.queueCount(late) == after)
        #expect(try Self.kept(store, "count.overdue")?.hasSuffix(" \(late.now.seconds) \(after)") == true)
        #expect(try store.queueCount(early) == before)
    }

    @Test func aReadOnlyStoreKeepsNothing() throws {
        let path = Fixtures.temporaryPath("count-cache-ro")
        let writable = try Store(path: path)
        try writable.add(RecordBatch(customers: [Fixtures.customer("C01", "Ольга")]), agent: "test")
        let reader = try Store(path: path, readOnly: true)
        #expect(try reader.queueCount(QueueQuery(view: .all, agent: "test", now: Fixtures.now)) == 0)
        #expect(try Self.kept(writable, "count.all") == nil)
    }
}
