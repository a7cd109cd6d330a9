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
        let queue = BoundedQueue<RecordBatch>(capacity: 2)
        let gatherer = try SearchTerms.Gatherer()
        let producer = Thread {
            do {
                try generator.generate { batch in
                    gatherer.add(batch)
                    guard queue.put(batch) else { throw CancellationError() }
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
                while let batch = queue.take() {
                    try db.inTransaction(.immediate) {
                        try BulkWriter(db).write(batch)
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
    let customer, order, ticket, message, compensation, outcome, recovery, search, customerLookup: Statement
    /// The search index's new words, written with the batch (`SearchTerms`); nil for the
    /// demo, whose generator's thread gathers them.
    let terms: SearchTerms.Collector?

    init(_ db: Database, gatheringTerms: Bool = false) throws {
        self.db = db
        terms = gatheringTerms ? try SearchTerms.Collector(db) : nil
        customer = try db.cachedStatement(sql: """
            INSERT INTO customer (id, name, email, phone, region, tier, referrals, joined_at) VALUES (?,?,?,?,?,?,?,?)
            """)
        order = try db.cachedStatement(sql: """
            INSERT INTO "order" (id, customer_id, placed_at, total, delivery_fee, status, delivered_at) VALUES (?,?,?,?,?,?,?)
            """)
        ticket = try db.cachedStatement(sql: """
            INSERT INTO ticket (id, customer_id, order_id, channel, reason, subject, status, priority, fault, assignee,
                                created_at, first_response_at, resolved_at, sla_due_at, first_due_at, updated_at,
                                version, tier)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        message = try db.cachedStatement(sql: "INSERT INTO message (ticket_id, author, body, internal, at, agent) VALUES (?,?,?,?,?,?)")
        compensation = try db.cachedStatement(sql: """
            INSERT INTO compensation (ticket_id, customer_id, kind, value, promo_code, agent, at, state) VALUES (?,?,?,?,?,?,?,?)
            """)
        outcome = try db.cachedStatement(sql: "INSERT INTO outcome (ticket_id, resolution, satisfaction, note, at, agent) VALUES (?,?,?,?,?,?)")
        recovery = try db.cachedStatement(sql: """
            INSERT INTO recovery (ticket_id, customer_id, state, follow_up_on, updated_at) VALUES (?,?,?,?,?)
            """)
        search = try db.cachedStatement(sql: "INSERT INTO ticket_search (rowid, subject, customer, body) VALUES (?,?,?,?)")
        customerLookup = try db.cachedStatement(sql: "SELECT tier, name, email, phone FROM customer WHERE id = ?")
    }

    /// Binds without GRDB's argument checks (the statements and their arguments are
    /// written together, here) and runs the statement.
    private func run(_ statement: Statement, _ arguments: StatementArguments) throws {
        statement.setUncheckedArguments(arguments)
        try statement.execute()
    }

    func write(_ batch: RecordBatch) throws {
        var names: [String: String] = [:]
        var tiers: [String: String] = [:]
        for c in batch.customers {
            names[c.id] = SearchIndex.customer(name: c.name, email: c.email, phone: c.phone)
            tiers[c.id] = c.tier.rawValue
            try run(customer, [c.id, c.name, c.email, c.phone, c.region, c.tier.rawValue, c.referrals,
                                             c.joinedAt.seconds])
        }
        for o in batch.orders {
            try run(order, [o.id, o.customerID, o.placedAt.seconds, o.total.minor, o.deliveryFee.minor,
                                          o.status.rawValue, o.deliveredAt?.seconds])
        }
        var bodies: [String: [String]] = [:]
        for m in batch.messages { bodies[m.ticketID, default: []].append(m.body) }
        var resolvedAt: [String: Int64] = [:]
        for t in batch.tickets {
            resolvedAt[t.id] = t.resolvedAt?.seconds
            if tiers[t.customerID] == nil {
                // A customer written before this batch.
                customerLookup.setUncheckedArguments([t.customerID])
                if let row = try Row.fetchOne(customerLookup) {
                    tiers[t.customerID] = row[0]
                    names[t.customerID] = SearchIndex.customer(name: row[1], email: row[2], phone: row[3])
                }
            }
            try run(ticket, [t.id, t.customerID, t.orderID, t.channel.rawValue, t.reason.rawValue, t.subject,
                                           t.status.rawValue, t.priority.rawValue, t.fault.rawValue, t.assignee,
                                           t.createdAt.seconds, t.firstResponseAt?.seconds, t.resolvedAt?.seconds,
                                           t.slaDueAt.seconds, t.firstResponseDueAt.seconds, t.updatedAt.seconds,
                                           t.version, tiers[t.customerID]])
            let texts = [SearchIndex.folded(t.subject), names[t.customerID] ?? "",
                         SearchIndex.folded((bodies[t.id] ?? []).joined(separator: "\n"))]
            try run(search, [db.lastInsertedRowID, texts[0], texts[1], texts[2]])
            if let terms { texts.forEach(terms.add) }
        }
        try terms?.write(db)
        for m in batch.messages {
            try run(message, [m.ticketID, m.author.rawValue, m.body, m.isInternal, m.at.seconds, m.agent])
        }
        for c in batch.compensations {
            try run(compensation, [c.ticketID, c.customerID, c.kind.rawValue, c.value, c.promoCode, c.agent,
                                                 c.at.seconds, c.state.rawValue])
        }
        for o in batch.outcomes {
            try run(outcome, [o.ticketID, o.resolution.rawValue, o.satisfaction, o.note,
                                            o.at?.seconds ?? resolvedAt[o.ticketID] ?? 0, o.agent])
        }
        for r in batch.recoveries {
            try run(recovery, [r.ticketID, r.customerID, r.state.rawValue, r.followUpOn?.seconds,
                                             r.updatedAt.seconds])
        }
    }
}
