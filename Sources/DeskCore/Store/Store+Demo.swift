import Foundation
import GRDB

extension Store {
    /// Whether the store holds no tickets yet.
    public func isEmpty() throws -> Bool {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM ticket LIMIT 1)") == 0 }
    }

    /// Adds new records in one transaction, with one audit event.
    public func add(_ batch: RecordBatch, agent: String, note: String = "records-added") throws {
        try pool.write { db in
            try BulkWriter(db).write(batch)
            try AuditLog.append(db, agent: agent, entity: "store", entityID: "batch", action: note, old: nil,
                                new: ["tickets": String(batch.tickets.count), "customers": String(batch.customers.count)])
        }
    }

    /// Fills an empty store with a demo data set. `progress` is called after each batch
    /// with the number of tickets written so far.
    public func loadDemo(_ generator: DemoGenerator, agent: String,
                         progress: (Int) -> Void = { _ in }) throws {
        guard try isEmpty() else {
            throw StoreError.invalid("the store \(path) already holds tickets; a demo needs a new store (--store PATH)")
        }
        var written = 0
        try generator.generate { batch in
            try pool.write { db in try BulkWriter(db).write(batch) }
            written += batch.tickets.count
            progress(written)
        }
        try pool.write { db in
            try AuditLog.append(db, agent: agent, entity: "store", entityID: "demo", action: "demo-generated",
                                old: nil, new: ["seed": String(generator.options.seed), "tickets": String(written)])
        }
    }
}

/// Prepared statements for writing many rows at once (the demo, imports).
struct BulkWriter {
    let db: Database
    let customer, order, ticket, message, compensation, outcome, recovery, search: Statement

    init(_ db: Database) throws {
        self.db = db
        customer = try db.cachedStatement(sql: """
            INSERT INTO customer (id, name, email, phone, region, tier, referrals, joined_at) VALUES (?,?,?,?,?,?,?,?)
            """)
        order = try db.cachedStatement(sql: """
            INSERT INTO "order" (id, customer_id, placed_at, total, delivery_fee, status, delivered_at) VALUES (?,?,?,?,?,?,?)
            """)
        ticket = try db.cachedStatement(sql: """
            INSERT INTO ticket (id, customer_id, order_id, channel, reason, subject, status, priority, fault, assignee,
                                created_at, first_response_at, resolved_at, sla_due_at, updated_at, version)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        message = try db.cachedStatement(sql: "INSERT INTO message (ticket_id, author, body, internal, at) VALUES (?,?,?,?,?)")
        compensation = try db.cachedStatement(sql: """
            INSERT INTO compensation (ticket_id, customer_id, kind, value, promo_code, agent, at, state) VALUES (?,?,?,?,?,?,?,?)
            """)
        outcome = try db.cachedStatement(sql: "INSERT INTO outcome (ticket_id, resolution, satisfaction, note, at) VALUES (?,?,?,?,?)")
        recovery = try db.cachedStatement(sql: """
            INSERT INTO recovery (ticket_id, customer_id, state, follow_up_on, updated_at) VALUES (?,?,?,?,?)
            """)
        search = try db.cachedStatement(sql: "INSERT INTO ticket_search (rowid, subject, customer, body) VALUES (?,?,?,?)")
    }

    func write(_ batch: RecordBatch) throws {
        var names: [String: String] = [:]
        for c in batch.customers {
            names[c.id] = [c.name, c.email ?? "", c.phone ?? ""].joined(separator: " ")
            try customer.execute(arguments: [c.id, c.name, c.email, c.phone, c.region, c.tier.rawValue, c.referrals,
                                             c.joinedAt.seconds])
        }
        for o in batch.orders {
            try order.execute(arguments: [o.id, o.customerID, o.placedAt.seconds, o.total.minor, o.deliveryFee.minor,
                                          o.status.rawValue, o.deliveredAt?.seconds])
        }
        var bodies: [String: [String]] = [:]
        for m in batch.messages { bodies[m.ticketID, default: []].append(m.body) }
        var resolvedAt: [String: Int64] = [:]
        for t in batch.tickets {
            resolvedAt[t.id] = t.resolvedAt?.seconds
            try ticket.execute(arguments: [t.id, t.customerID, t.orderID, t.channel.rawValue, t.reason.rawValue, t.subject,
                                           t.status.rawValue, t.priority.rawValue, t.fault.rawValue, t.assignee,
                                           t.createdAt.seconds, t.firstResponseAt?.seconds, t.resolvedAt?.seconds,
                                           t.slaDueAt.seconds, t.updatedAt.seconds, t.version])
            try search.execute(arguments: [db.lastInsertedRowID, t.subject, names[t.customerID] ?? "",
                                           (bodies[t.id] ?? []).joined(separator: "\n")])
        }
        for m in batch.messages {
            try message.execute(arguments: [m.ticketID, m.author.rawValue, m.body, m.isInternal, m.at.seconds])
        }
        for c in batch.compensations {
            try compensation.execute(arguments: [c.ticketID, c.customerID, c.kind.rawValue, c.value, c.promoCode, c.agent,
                                                 c.at.seconds, c.state.rawValue])
        }
        for o in batch.outcomes {
            try outcome.execute(arguments: [o.ticketID, o.resolution.rawValue, o.satisfaction, o.note,
                                            resolvedAt[o.ticketID] ?? 0])
        }
        for r in batch.recoveries {
            try recovery.execute(arguments: [r.ticketID, r.customerID, r.state.rawValue, r.followUpOn?.seconds,
                                             r.updatedAt.seconds])
        }
    }
}
