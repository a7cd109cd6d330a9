@testable import DeskCore
import DeskTestSupport
import Foundation
import Testing

@Suite struct StoreTests {
    @Test func migratesAnEmptyFileWithPrivateModes() throws {
        let path = Fixtures.temporaryPath("modes")
        let store = try Store(path: path)
        #expect(try store.isEmpty())
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
        // Opening again runs no migration twice and keeps the data.
        _ = try Store(path: path)
    }

    @Test func locationFollowsFlagThenEnvironmentThenXDG() {
        #expect(StoreLocation.resolve(explicit: "/x/y.sqlite", environment: ["CDESK_STORE": "/e.sqlite"]) == "/x/y.sqlite")
        #expect(StoreLocation.resolve(explicit: nil, environment: ["CDESK_STORE": "/e.sqlite"]) == "/e.sqlite")
        #expect(StoreLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/h"]) == "/xdg/cdesk/desk.sqlite")
        #expect(StoreLocation.resolve(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/cdesk/desk.sqlite")
        #expect(StoreLocation.resolve(explicit: nil, demo: true, environment: ["HOME": "/h", "CDESK_STORE": "/e"]) == "/h/.local/share/cdesk/demo.sqlite")
    }

    @Test func queuePagesByKeysetInBothDirections() throws {
        let store = try Fixtures.longQueue(50)
        let q = QueueQuery(view: .open, agent: "test")
        #expect(try store.queueCount(q) == 50)
        let first = try store.queuePage(q, from: nil, direction: .forward, limit: 20)
        #expect(first.map(\.id) == (0..<20).map { "T\(1000 + $0)" })
        let next = try store.queuePage(q, from: first.last!.cursor, direction: .forward, limit: 20)
        #expect(next.first?.id == "T1020")
        let back = try store.queuePage(q, from: next.first!.cursor, direction: .backward, limit: 5)
        #expect(back.map(\.id) == ["T1015", "T1016", "T1017", "T1018", "T1019"])
        let end = try store.queuePage(q, from: nil, direction: .backward, limit: 3)
        #expect(end.map(\.id) == ["T1047", "T1048", "T1049"])
        #expect(try store.queuePosition(q, of: next.first!.cursor) == 20)
    }

    @Test func ticketDetailHasThreadAndHistory() throws {
        let store = try Fixtures.smallStore()
        let detail = try #require(try store.ticketDetail(id: "T1"))
        #expect(detail.customer.name == "Анна Петрова")
        #expect(detail.messages.map(\.author) == [.customer, .agent])
        #expect(detail.messages[1].isInternal)
        #expect(try store.ticketDetail(id: "nope") == nil)
    }

    @Test func changeStampGrowsWithEveryWrite() throws {
        let store = try Fixtures.smallStore()
        let before = try store.changeStamp()
        try store.add(RecordBatch(customers: [Fixtures.customer("C09", "Новый")]), agent: "test")
        #expect(try store.changeStamp() > before)
    }

    @Test func promoCodesAreReadableAndDistinct() {
        let codes = (1...5000).map { PromoCode.sequential($0, salt: 7) }
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.wholeMatch(of: /CD-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}/) != nil })
    }
}

@Suite struct DemoTests {
    static let options = DemoOptions(seed: 42, customers: 120, tickets: 400, now: Fixtures.now)

    private func dump(_ generator: DemoGenerator) -> [String] {
        var lines: [String] = []
        generator.generate(batchSize: 50) { batch in
            lines += batch.customers.map { "\($0)" } + batch.tickets.map { "\($0)" } + batch.messages.map { "\($0)" }
                + batch.orders.map { "\($0)" } + batch.compensations.map { "\($0)" } + batch.recoveries.map { "\($0)" }
        }
        return lines
    }

    @Test func sameSeedSameData() {
        let a = dump(DemoGenerator(options: Self.options))
        let b = dump(DemoGenerator(options: Self.options))
        #expect(a == b)
        var other = Self.options
        other.seed = 43
        #expect(dump(DemoGenerator(options: other)) != a)
    }

    @Test func coversEveryReasonChannelAndStatus() throws {
        var tickets: [Ticket] = []
        var names: [String] = []
        var batches = RecordBatch()
        DemoGenerator(options: DemoOptions(seed: 1, customers: 300, tickets: 1500, now: Fixtures.now)).generate { batch in
            tickets += batch.tickets
            names += batch.customers.map(\.name)
            batches.outcomes += batch.outcomes
            batches.recoveries += batch.recoveries
            batches.compensations += batch.compensations
        }
        #expect(tickets.count == 1500)
        #expect(Set(tickets.map(\.reason)) == Set(Reason.allCases))
        #expect(Set(tickets.map(\.channel)) == Set(Channel.allCases))
        #expect(Set(tickets.map(\.status)) == Set(TicketStatus.allCases))
        #expect(Set(batches.recoveries.map(\.state)) == Set(RecoveryState.allCases))
        #expect(Set(batches.outcomes.map(\.resolution)).count >= 5)
        #expect(names.contains { $0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } })
        #expect(names.contains { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })
        #expect(names.contains { $0.count > 40 })
        // Every resolved ticket has its outcome and recovery; no active one has.
        let resolved = Set(tickets.filter { !$0.status.isActive }.map(\.id))
        #expect(Set(batches.outcomes.map(\.ticketID)) == resolved)
        #expect(Set(batches.recoveries.map(\.ticketID)) == resolved)
    }

    @Test func loadsIntoAStoreOnlyOnce() throws {
        let store = try Fixtures.emptyStore()
        try store.loadDemo(DemoGenerator(options: Self.options), agent: "test")
        #expect(try store.queueCount(QueueQuery(view: .all, agent: "x")) == 400)
        #expect(throws: StoreError.self) {
            try store.loadDemo(DemoGenerator(options: Self.options), agent: "test")
        }
    }

    /// A demo built into a file of its own makes its indexes at the end: the store comes out
    /// with the same schema, every index whole, and the same answers.
    @Test func indexesMadeLastGiveTheSameStore() throws {
        func load(_ indexesLast: Bool) throws -> (schema: [String], counts: [Int]) {
            let store = try Fixtures.emptyStore()
            try store.loadDemo(DemoGenerator(options: Self.options), agent: "test", indexesLast: indexesLast)
            let schema = try store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
            }
            let check = try store.pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            #expect(check == ["ok"])
            let counts = try [QueueView.all, .open, .unassigned, .overdue, .vip, .resolved].map {
                try store.queueCount(QueueQuery(view: $0, agent: "x"))
            }
            return (schema, counts)
        }
        let plain = try load(false), last = try load(true)
        #expect(last.schema == plain.schema)
        #expect(plain.schema.contains { $0.hasPrefix("index ticket_queue_due ") })
        #expect(last.counts == plain.counts)
        #expect(last.counts[0] == 400)
    }
}

/// A store made before the queue knew first-answer deadlines and kept tiers on tickets.
@Suite struct UpgradeTests {
    @Test func anOlderStoreLearnsDeadlinesAndTiersWhenOpened() throws {
        let path = Fixtures.temporaryPath("upgrade")
        let created = Fixtures.now.addingTimeInterval(-2 * 3600).seconds
        do {
            let old = try Store(path: path, migratingUpTo: "v2-queue-sorts")
            try old.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO customer (id, name, tier, joined_at) VALUES ('C1', 'Анна', 'vip', 0), ('C2', 'Борис', 'regular', 0);
                    INSERT INTO ticket (id, customer_id, channel, reason, subject, status, priority, created_at,
                                        sla_due_at, updated_at)
                    VALUES ('T1', 'C1', 'email', 'other', 's', 'new', 'high', ?1, ?1 + 24 * 3600, ?1),
                           ('T2', 'C2', 'email', 'other', 's', 'open', 'high', ?1, ?1 + 24 * 3600, ?1)
                    """, arguments: [created])
                try db.execute(sql: "UPDATE ticket SET first_response_at = created_at + 60 WHERE id = 'T2'")
            }
        }
        // Opening says it upgrades, once: the command line tells the user why it takes a while.
        var upgrades = 0
        let store = try Store(path: path) { upgrades += 1 }
        #expect(upgrades == 1)
        _ = try Store(path: path) { upgrades += 1 }
        #expect(upgrades == 1, "an up-to-date store is not upgraded")
        _ = try Store(path: Fixtures.temporaryPath("new")) { upgrades += 1 }
        #expect(upgrades == 1, "a new store is made, not upgraded")
        let rows = try store.queuePage(QueueQuery(view: .open, agent: "olga", now: Fixtures.now), from: nil,
                                       direction: .forward, limit: 10)
        // Unanswered T1 is due by its first answer (4 h for high); answered T2 by its resolution.
        #expect(rows.map(\.id) == ["T1", "T2"])
        #expect(rows[0].dueAt.seconds == created + 4 * 3600)
        #expect(rows[1].dueAt.seconds == created + 24 * 3600)
        let vip = try store.queuePage(QueueQuery(view: .vip, agent: "olga", now: Fixtures.now), from: nil,
                                      direction: .forward, limit: 10)
        #expect(vip.map(\.id) == ["T1"])
        // A tier changed later reaches the tickets.
        try store.pool.write { db in try db.execute(sql: "UPDATE customer SET tier = 'vip' WHERE id = 'C2'") }
        #expect(try store.queueCount(QueueQuery(view: .vip, agent: "olga", now: Fixtures.now)) == 2)
        // A new ticket of a customer written earlier carries the tier too.
        try store.add(RecordBatch(tickets: [Fixtures.ticket("T3", customer: "C1", subject: "s", hoursAgo: 1, slaHours: 5)]),
                      agent: "test")
        #expect(try store.queueCount(QueueQuery(view: .vip, agent: "olga", now: Fixtures.now)) == 3)
    }
}

