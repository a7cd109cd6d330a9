import Foundation
import GRDB

extension Store {
    /// Whether the store holds no tickets yet.
    public func isEmpty() throws -> Bool {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM ticket LIMIT 1)") == 0 }
    }

    /// Adds new records in one transaction, with one audit event. New orders may bring
    /// customers back without naming their complaints: the next recovery sweep reads them all.
    public func add(_ batch: RecordBatch, agent: String, note: String = "records-added") throws {
        try pool.write { db in
            try BulkWriter(db, gatheringTerms: true).write(batch)
            if !batch.orders.isEmpty {
                try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [SweepMark.key])
            }
            try AuditLog.append(db, agent: agent, entity: "store", entityID: "batch", action: note, old: nil,
                                new: ["tickets": String(batch.tickets.count), "customers": String(batch.customers.count)])
        }
    }

    /// Fills an empty store with a demo data set. `progress` is called after each batch
    /// with the number of tickets written so far.
    ///
    /// Batches are generated on a second thread while this one writes the previous ones
    /// (at most two wait in between), so building and writing overlap. With `indexesLast`,
    /// the indexes are dropped first and made again at the end: sorting a million keys once
    /// costs far less than placing them one by one into trees that outgrow the cache.
    /// The generator settles its complaints' win-back (`DemoOptions.recoveryWindowDays`), and
    /// the store is left swept at its `now`: the next sweep reads only what changed since.
    public func loadDemo(_ generator: DemoGenerator, agent: String, indexesLast: Bool = false,
                         progress: (Int) -> Void = { _ in }) throws {
        guard try isEmpty() else {
            if try holdsIncompleteDemo() {
                throw StoreError.notEmpty(path: path, incompleteDemo: true)
            }
            throw StoreError.notEmpty(path: path, incompleteDemo: false)
        }
        // A demo filled into an existing store says first that it has begun: if it is killed
        // half way, a rerun can tell an incomplete demo from a store someone works in.
        try pool.write { db in
            try AuditLog.append(db, agent: agent, entity: "store", entityID: "demo", action: "demo-started",
                                old: nil, new: ["seed": String(generator.options.seed)])
        }
        // The search words of each batch are gathered on the generator's thread (`SearchTerms`).
        let queue = BoundedQueue<(RecordBatch, SearchRows)>(capacity: 2)
        let gatherer = try SearchTerms.Gatherer()
        let producer = Thread {
            do {
                try generator.generate { batch in
                    let rows = SearchRows(batch)
                    gatherer.add(rows.texts)
                    guard queue.put((batch, rows)) else { throw CancellationError() }
                }
                queue.finish()
            } catch {
                queue.finish()  // cancelled: the writer stopped
            }
        }
        producer.start()
        defer { queue.cancel() }
        var written = 0
        let deferred = indexesLast ? try dropIndexes() : []
        try pool.writeWithoutTransaction { db in
            // The indexes and the search index outgrow SQLite's default 2 MB cache early;
            // a larger one keeps their pages from being written out again and again. Hot
            // pages are rewritten by every batch, so the WAL is copied back into the file
            // every 64 MB rather than every 4 MB; and a half-built demo store need not
            // survive a power cut, so commits are not synced one by one. The CHECK
            // constraints would build a temporary table per row for their IN lists; the
            // generator writes only values of the Swift enums those lists are made from.
            let saved = try ["cache_size", "wal_autocheckpoint", "synchronous", "ignore_check_constraints"].map { name in
                (name, try Int.fetchOne(db, sql: "PRAGMA \(name)") ?? 0)
            }
            try db.execute(sql: """
                PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 16384; PRAGMA synchronous = OFF;
                PRAGMA ignore_check_constraints = ON
                """)
            defer {
                for (name, value) in saved { try? db.execute(sql: "PRAGMA \(name) = \(value)") }
            }
            try SearchIndex.writingMany(db) {
                while let (batch, rows) = queue.take() {
                    try db.inTransaction(.immediate) {
                        try BulkWriter(db).write(batch, searchRows: rows)
                        return .commit
                    }
                    written += batch.tickets.count
                    progress(written)
                }
            }
            try db.inTransaction(.immediate) {
                for index in deferred { try db.execute(sql: index) }
                // The generator has finished (the queue is empty and done): its words, in order.
                try SearchTerms.write(gatherer.take(), db)
                return .commit
            }
        }
        try pool.write { db in
            // The generator settled its complaints' win-back as the sweep would at its `now`.
            try SweepMark(db, now: generator.options.now.seconds, windowDays: generator.options.recoveryWindowDays).save(db)
            try AuditLog.append(db, agent: agent, entity: "store", entityID: "demo", action: "demo-generated",
                                old: nil, new: ["seed": String(generator.options.seed), "tickets": String(written)])
        }
    }
}

extension Store {
    /// Drops every index a schema statement made (not those of UNIQUE and PRIMARY KEY
    /// constraints) and returns the statements that make them again, as written.
    private func dropIndexes() throws -> [String] {
        try pool.write { db in
            let indexes = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            for index in indexes {
                let name: String = index["name"]
                try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            }
            return indexes.map { $0["sql"] }
        }
    }

    /// What a finished demo made of this store: its seed and tickets (its last
    /// `demo-generated` event), and the customers and tickets the store holds now. Nil
    /// when no demo finished filling it.
    public func finishedDemo() throws -> (seed: UInt64, tickets: Int, holds: (customers: Int, tickets: Int))? {
        try pool.read { db in
            guard let said = try String.fetchOne(db, sql: """
                SELECT new_value FROM event WHERE entity = 'store' AND entity_id = 'demo' AND action = 'demo-generated'
                ORDER BY id DESC LIMIT 1
                """),
                let values = try? JSONSerialization.jsonObject(with: Data(said.utf8)) as? [String: String],
                let seed = values["seed"].flatMap({ UInt64($0) }), let tickets = values["tickets"].flatMap({ Int($0) })
            else { return nil }
            let customers = try Int.fetchOne(db, sql: "SELECT count(*) FROM customer") ?? 0
            let held = try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket") ?? 0
            return (seed, tickets, (customers, held))
        }
    }

    /// Whether a demo began filling this store and never finished.
    public func holdsIncompleteDemo() throws -> Bool {
        try pool.read { db in
            let actions = try String.fetchSet(db, sql: """
                SELECT DISTINCT action FROM event WHERE entity = 'store' AND entity_id = 'demo'
                """)
            return actions.contains("demo-started") && !actions.contains("demo-generated")
        }
    }
}

/// Prepared statements for writing many rows at once (the demo, imports).
struct BulkWriter {
    let db: Database
    let customer, order, ticket, message, compensation, outcome, recovery, search: BulkStatement
    let customerLookup: Statement
    /// The search index's new words, written with the batch (`SearchTerms`); nil for the
    /// demo, whose generator's thread gathers them.
    let terms: SearchTerms.Collector?

    init(_ db: Database, gatheringTerms: Bool = false) throws {
        self.db = db
        terms = gatheringTerms ? try SearchTerms.Collector(db) : nil
        customer = try BulkStatement(db, """
            INSERT INTO customer (id, name, email, phone, region, tier, referrals, joined_at) VALUES (?,?,?,?,?,?,?,?)
            """)
        order = try BulkStatement(db, """
            INSERT INTO "order" (id, customer_id, placed_at, total, delivery_fee, status, delivered_at) VALUES (?,?,?,?,?,?,?)
            """)
        ticket = try BulkStatement(db, """
            INSERT INTO ticket (id, customer_id, order_id, channel, reason, subject, status, priority, fault, assignee,
                                created_at, first_response_at, resolved_at, sla_due_at, first_due_at, updated_at,
                                version, tier)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        message = try BulkStatement(db, "INSERT INTO message (ticket_id, author, body, internal, at, agent) VALUES (?,?,?,?,?,?)")
        compensation = try BulkStatement(db, """
            INSERT INTO compensation (ticket_id, customer_id, kind, value, promo_code, agent, at, state) VALUES (?,?,?,?,?,?,?,?)
            """)
        outcome = try BulkStatement(db, "INSERT INTO outcome (ticket_id, resolution, satisfaction, note, at, agent) VALUES (?,?,?,?,?,?)")
        recovery = try BulkStatement(db, """
            INSERT INTO recovery (ticket_id, customer_id, state, follow_up_on, updated_at) VALUES (?,?,?,?,?)
            """)
        search = try BulkStatement(db, "INSERT INTO ticket_search (rowid, subject, customer, body) VALUES (?,?,?,?)")
        customerLookup = try db.cachedStatement(sql: "SELECT tier, name, email, phone FROM customer WHERE id = ?")
    }

    /// Writes `batch`; `searchRows` are its search rows when they were made already
    /// (`SearchRows(batch)`, on the demo generator's thread).
    func write(_ batch: RecordBatch, searchRows: SearchRows? = nil) throws {
        let rows = searchRows ?? SearchRows(batch)
        var tiers: [String: String] = [:]
        var names = rows.customers
        for c in batch.customers {
            tiers[c.id] = c.tier.rawValue
            try customer.insert { row in
                row.add(c.id); row.add(c.name); row.add(c.email); row.add(c.phone); row.add(c.region)
                row.add(c.tier.rawValue); row.add(c.referrals); row.add(c.joinedAt.seconds)
            }
        }
        for o in batch.orders {
            try order.insert { row in
                row.add(o.id); row.add(o.customerID); row.add(o.placedAt.seconds); row.add(o.total.minor)
                row.add(o.deliveryFee.minor); row.add(o.status.rawValue); row.add(o.deliveredAt?.seconds)
            }
        }
        var resolvedAt: [String: Int64] = [:]
        for (index, t) in batch.tickets.enumerated() {
            resolvedAt[t.id] = t.resolvedAt?.seconds
            if tiers[t.customerID] == nil {
                // A customer written before this batch.
                customerLookup.setUncheckedArguments([t.customerID])
                if let row = try Row.fetchOne(customerLookup) {
                    tiers[t.customerID] = row[0]
                    names[t.customerID] = SearchIndex.customer(name: row[1], email: row[2], phone: row[3])
                }
            }
            try ticket.insert { row in
                row.add(t.id); row.add(t.customerID); row.add(t.orderID); row.add(t.channel.rawValue)
                row.add(t.reason.rawValue); row.add(t.subject); row.add(t.status.rawValue); row.add(t.priority.rawValue)
                row.add(t.fault.rawValue); row.add(t.assignee); row.add(t.createdAt.seconds); row.add(t.firstResponseAt?.seconds)
                row.add(t.resolvedAt?.seconds); row.add(t.slaDueAt.seconds); row.add(t.firstResponseDueAt.seconds)
                row.add(t.updatedAt.seconds); row.add(t.version); row.add(tiers[t.customerID])
            }
            let seq = db.lastInsertedRowID
            let texts = [rows.subjects[index], names[t.customerID] ?? "", rows.bodies[index]]
            try search.insert { row in
                row.add(seq); row.add(texts[0]); row.add(texts[1]); row.add(texts[2])
            }
            if let terms { texts.forEach(terms.add) }
        }
        try terms?.write(db)
        for m in batch.messages {
            try message.insert { row in
                row.add(m.ticketID); row.add(m.author.rawValue); row.add(m.body); row.add(m.isInternal)
                row.add(m.at.seconds); row.add(m.agent)
            }
        }
        for c in batch.compensations {
            try compensation.insert { row in
                row.add(c.ticketID); row.add(c.customerID); row.add(c.kind.rawValue); row.add(c.value); row.add(c.promoCode)
                row.add(c.agent); row.add(c.at.seconds); row.add(c.state.rawValue)
            }
        }
        for o in batch.outcomes {
            try outcome.insert { row in
                row.add(o.ticketID); row.add(o.resolution.rawValue); row.add(o.satisfaction); row.add(o.note)
                row.add(o.at?.seconds ?? resolvedAt[o.ticketID] ?? 0); row.add(o.agent)
            }
        }
        for r in batch.recoveries {
            try recovery.insert { row in
                row.add(r.ticketID); row.add(r.customerID); row.add(r.state.rawValue); row.add(r.followUpOn?.seconds)
                row.add(r.updatedAt.seconds)
            }
        }
    }
}

/// A batch's search rows as the index holds them (`SearchIndex`): each ticket's subject and
/// messages, folded, and each of the batch's customers' name and contacts. The demo makes
/// them on its generator's thread, so that the writing thread only binds them.
struct SearchRows: Sendable {
    /// One for each ticket of the batch, in its order.
    var subjects: [String] = [], bodies: [String] = []
    /// By customer id: the customers of the batch (not those written before it).
    var customers: [String: String] = [:]

    init(_ batch: RecordBatch) {
        for c in batch.customers {
            customers[c.id] = SearchIndex.customer(name: c.name, email: c.email, phone: c.phone)
        }
        var messages: [String: [String]] = [:]
        for m in batch.messages { messages[m.ticketID, default: []].append(m.body) }
        subjects.reserveCapacity(batch.tickets.count)
        bodies.reserveCapacity(batch.tickets.count)
        for t in batch.tickets {
            subjects.append(SearchIndex.folded(t.subject))
            bodies.append(SearchIndex.folded((messages[t.id] ?? []).joined(separator: "\n")))
        }
    }

    /// Every text of the rows, for their words (`SearchTerms.Gatherer`).
    var texts: [String] { Array(customers.values) + subjects + bodies }
}
