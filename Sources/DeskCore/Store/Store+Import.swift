import Foundation
import GRDB

extension Store {
    /// Imports every row of `source` in one transaction: a row whose id exists updates it,
    /// a new id is inserted, a row equal to the stored one is left alone. On the first
    /// problem (or, for a dry run, after `maxErrors` problems or at the end) nothing is
    /// written and an `ImportFailure` says where and why. After orders, complaints whose
    /// customer ordered again after the resolution become recovered.
    public func importRows(from rows: any RowSource, options: ImportOptions,
                           progress: ((ImportProgress) -> Void)?) throws -> ImportSummary {
        if isReadOnly {
            // A dry run writes and rolls back: on a store this user may only read, it does so
            // in a private copy.
            guard options.dryRun else { throw StoreError.readOnly(path: path) }
            return try withScratchCopy { copy in try copy.importRows(from: rows, options: options, progress: progress) }
        }
        let started = Date()
        // The search words of the rows are gathered on the reading thread (`SearchTerms`).
        let words = try SearchTerms.Gatherer()
        let source = PrefetchingRowSource(rows, parser: RowParser(kind: rows.kind, file: rows.file, sla: options.sla,
                                                                      timeZone: options.timeZone)) { parsed in
            words.add(parsed.compactMap { row -> String? in
                switch row.record {
                case .success(.customer(let c)): SearchIndex.customer(name: c.name, email: c.email, phone: c.phone)
                case .success(.ticket(let t, _)): SearchIndex.folded(t.subject)
                case .success(.message(let m)): SearchIndex.folded(m.body)
                case .success(.order), .failure: nil
                }
            })
        }
        defer { source.cancel() }
        let limit = options.dryRun ? max(options.maxErrors, 1) : 1
        var summary = ImportSummary()
        var failure = ImportFailure(problems: [], truncated: false)
        var firstLines = FirstLines(file: rows.file)
        try pool.writeWithoutTransaction { db in
            // A big import touches every page of the ticket indexes; with SQLite's default
            // 2 MB cache it would spill dirty pages to the WAL over and over mid-transaction.
            // SQLite builds a temporary table for each `CHECK (x IN (...))` of each row it
            // inserts (a fifth of an import's time); every such column is written from a
            // Swift enum the row parser has already checked, so the checks are off while
            // the import runs.
            let saved = try ["cache_size", "ignore_check_constraints"].map { name in
                (name, try Int.fetchOne(db, sql: "PRAGMA \(name)") ?? 0)
            }
            try db.execute(sql: "PRAGMA cache_size = -262144; PRAGMA ignore_check_constraints = ON")
            defer {
                for (name, value) in saved { try? db.execute(sql: "PRAGMA \(name) = \(value)") }
            }
            try db.inTransaction(.immediate) {
                let writer = try ImportWriter(db, kind: source.kind, file: source.file, agent: options.agent, sla: options.sla,
                                              at: started)
                while failure.problems.count < limit {
                    let row: ParsedRow?
                    do throws(ImportProblem) {
                        row = try source.next()
                    } catch {
                        failure.problems.append(error)
                        continue
                    }
                    guard let row else { break }
                    summary.rows += 1
                    switch row.record {
                    case let .failure(bad):
                        failure.problems += bad.problems
                    case let .success(record):
                        if let repeated = firstLines.repeated(record, line: row.line) {
                            failure.problems.append(repeated)
                            continue
                        }
                        do {
                            switch try writer.upsert(record, line: row.line, present: row.present) {
                            case .inserted: summary.inserted += 1
                            case .updated: summary.updated += 1
                            case .unchanged: summary.unchanged += 1
                            }
                        } catch let problem as ImportProblem {
                            failure.problems.append(problem)
                        }
                    }
                    if let progress, summary.rows % 5_000 == 0 {
                        progress(ImportProgress(rows: summary.rows, bytes: source.bytesRead))
                    }
                }
                if failure.problems.count >= limit {
                    failure.truncated = (try? source.next()) != nil
                }
                summary.changes = writer.changes
                summary.kept = writer.kept
                // A file of a header alone changes nothing and leaves no trace in the audit log.
                guard failure.problems.isEmpty, !options.dryRun, summary.rows > 0 else { return .rollback }
                // Every row was read (the reading thread has ended): the words of its rows.
                try writer.indexNewTickets(words: words.take())
                if source.kind == .orders {
                    summary.recovered = try writer.markRecovered(agent: options.agent, windowDays: options.recoveryWindowDays)
                }
                try AuditLog.append(db, agent: options.agent, entity: "import", entityID: source.kind.rawValue,
                                    action: "imported", old: nil, new: [
                                        "file": source.file, "rows": String(summary.rows),
                                        "inserted": String(summary.inserted), "updated": String(summary.updated),
                                        "unchanged": String(summary.unchanged), "recovered": String(summary.recovered),
                                    ], at: started)
                return .commit
            }
        }
        if !failure.problems.isEmpty {
            if failure.problems.count > limit { failure.problems.removeLast(failure.problems.count - limit) }
            throw failure
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}

/// The line each id of a file was first on: a second row with the same id is an error that
/// names both lines (otherwise the last row would silently win and the summary would count
/// one record). Messages have no id of their own.
private struct FirstLines {
    let file: String
    private var lines: [String: Int] = [:]

    init(file: String) { self.file = file }

    mutating func repeated(_ record: ImportRecord, line: Int) -> ImportProblem? {
        let id: String
        switch record {
        case let .customer(c): id = c.id
        case let .order(o): id = o.id
        case let .ticket(t, _): id = t.id
        case .message: return nil
        }
        if let first = lines.updateValue(line, forKey: id) {
            lines[id] = first
            return ImportProblem(file: file, line: line, column: "id", reason: .repeatedID(id, firstLine: first))
        }
        return nil
    }
}

/// What one imported row did to the store.
enum RowChange { case inserted, updated, unchanged }

/// The prepared statements of an import, and the checks that need the store: that named
/// customers, orders and tickets exist. Keeps the search index in step with what it writes,
/// and tells what it changed, column by column.
///
/// A column the file does not have leaves what is stored alone: an orders file without
/// `delivered_at` must not blank every delivery date.
///
/// An import writes one kind of record, so what it looks up about the other kinds
/// (a customer's search text, an order's owner) cannot change under it and is remembered,
/// up to `cacheLimit` entries.
private final class ImportWriter {
    let db: Database
    let kind: ImportKind
    let file: String
    let sla: SLAPolicy
    /// The stored records' columns the file changed, in the order first met.
    private(set) var changes: [ColumnChange] = []
    /// Columns of stored tickets the file disagrees with and the desk keeps.
    private(set) var kept: [KeptColumn] = []
    /// Who imports, and when: the audit log's agent and time for each record changed.
    let agent: String
    let at: Date
    var now: Int64 { at.seconds }
    private static let cacheLimit = 200_000
    private var customerTexts: [String: String] = [:]
    private var knownCustomers: Set<String> = []
    /// Tickets carry their customer's tier (the VIP view reads it there).
    private var customerTiers: [String: String] = [:]
    private var orderOwners: [String: String] = [:]
    /// Customers whose orders this import inserted or changed.
    private var orderCustomers: Set<String> = []

    /// Tickets with a larger seq are new in this import; their search rows are written
    /// in one statement at the end (`indexNewTickets`).
    private let lastSeqBefore: Int64

    init(_ db: Database, kind: ImportKind, file: String, agent: String, sla: SLAPolicy, at: Date) throws {
        self.db = db
        self.kind = kind
        self.file = file
        self.sla = sla
        self.agent = agent
        self.at = at
        lastSeqBefore = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM ticket") ?? 0
    }

    /// Search rows for the tickets this import added: subject and the customer's name and
    /// contacts (as `SearchIndex.customer` joins them), no messages yet. One INSERT … SELECT costs
    /// much less than one INSERT a row.
    func indexNewTickets(words: [String]) throws {
        try SearchIndex.writingMany(db) {
            try db.execute(sql: """
                INSERT INTO ticket_search (rowid, subject, customer, body)
                SELECT t.seq, cdesk_search_fold(t.subject), cdesk_search_customer(c.name, c.email, c.phone), ''
                FROM ticket t JOIN customer c ON c.id = t.customer_id
                WHERE t.seq > ?
                """, arguments: [lastSeqBefore])
        }
        // The file's words, gathered as it was read. Every text this import writes into the
        // index is made of them and of stored values, whose words are kept already: a new
        // ticket's customer, a stored column the file leaves alone.
        try SearchTerms.write(words, db)
    }

    private func statement(_ sql: String) throws -> Statement { try db.cachedStatement(sql: sql) }

    private lazy var customerLookup = Result { try statement("SELECT name, email, phone FROM customer WHERE id = ?") }
    private lazy var orderOwnerLookup = Result { try statement(#"SELECT customer_id FROM "order" WHERE id = ?"#) }
    private lazy var ticketInsert = Result { try BulkStatement(db, """
        INSERT INTO ticket (customer_id, order_id, channel, reason, subject, status, priority, fault, created_at,
                            sla_due_at, first_due_at, updated_at, resolved_at, tier, resolved_at_assumed, version, id)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)
        ON CONFLICT (id) DO NOTHING
        """) }
    private lazy var customerTierLookup = Result { try statement("SELECT tier FROM customer WHERE id = ?") }

    func upsert(_ record: ImportRecord, line: Int, present: ColumnSet) throws -> RowChange {
        do {
            switch record {
            case let .customer(c): return try upsert(c, present: present)
            case let .order(o): return try upsert(o, line: line, present: present)
            case let .ticket(t, entry): return try upsert(t, entry, line: line, present: present)
            case let .message(m): return try insert(m, line: line)
            }
        } catch let error as DatabaseError {
            let reason: ImportProblem.Reason = error.resultCode == .SQLITE_CONSTRAINT ? .storeRefused : .store(StoreError.from(error))
            throw ImportProblem(file: file, line: line, column: nil, reason: reason)
        }
    }

    /// An audit event for a stored record the file changed: the columns that differ, old and
    /// new. (New records are counted in the import's own event; a nightly file adds thousands.)
    private func logUpdate(_ entity: String, _ id: String, columns: [String], old: [DatabaseValue], new: [DatabaseValue]) throws {
        var before: [String: String] = [:], after: [String: String] = [:]
        for (index, column) in columns.enumerated() where old[index] != new[index] {
            before[column] = Self.text(old[index])
            after[column] = Self.text(new[index])
            noteChange(id, column: column, old: old[index], new: new[index])
        }
        try AuditLog.append(db, agent: agent, entity: entity, entityID: id, action: "import-update", old: before,
                            new: after, at: at)
    }

    /// Counts a changed column and keeps its first examples, written as the file writes them.
    private func noteChange(_ id: String, column: String, old: DatabaseValue, new: DatabaseValue) {
        let name = column == "joined_at" ? "joined" : column
        let index = changes.firstIndex { $0.column == name } ?? {
            changes.append(ColumnChange(column: name))
            return changes.count - 1
        }()
        changes[index].rows += 1
        if changes[index].examples.count < ColumnChange.exampleLimit {
            changes[index].examples.append(.init(id: id, old: Self.shown(old, column: name), new: Self.shown(new, column: name)))
        }
    }

    private func noteKept(_ column: String) {
        if let index = kept.firstIndex(where: { $0.column == column }) {
            kept[index].rows += 1
        } else {
            kept.append(KeptColumn(column: column, rows: 1))
        }
    }

    /// A stored value as a file would write it: money as a decimal, times in ISO 8601.
    private static func shown(_ value: DatabaseValue, column: String) -> String? {
        guard let n = Int64.fromDatabaseValue(value) else { return value.isNull ? nil : text(value) }
        switch column {
        case "total", "delivery_fee": return Money(minor: n).decimal
        case "joined", "placed_at", "delivered_at", "created_at": return ISODate.string(n)
        default: return text(value)
        }
    }

    /// The file's value where the row has the column, the stored one where it does not.
    /// `columns` names the file column of each value.
    private func merged(_ new: [DatabaseValue], stored: [DatabaseValue], columns: [String], present: ColumnSet) -> [DatabaseValue] {
        zip(columns.indices, columns).map { i, column in
            kind.index(of: column).map(present.contains) ?? true ? new[i] : stored[i]
        }
    }

    private static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: ""
        case let .int64(n): String(n)
        case let .double(d): String(d)
        case let .string(s): s
        case let .blob(b): b.base64EncodedString()
        }
    }

    private func missing(_ line: Int, _ column: String, _ what: String, _ id: String) -> ImportProblem {
        ImportProblem(file: file, line: line, column: column, reason: .notInStore(what: what, id: id))
    }

    /// The search text of a stored customer, nil if there is none.
    private func customerText(_ id: String) throws -> String? {
        if let text = customerTexts[id] { return text }
        let lookup = try customerLookup.get()
        lookup.setUncheckedArguments([id])
        guard let row = try Row.fetchOne(lookup) else { return nil }
        if customerTexts.count >= Self.cacheLimit { customerTexts.removeAll(keepingCapacity: true) }
        let text = SearchIndex.customer(name: row[0], email: row[1], phone: row[2])
        customerTexts[id] = text
        return text
    }

    /// The customer who placed a stored order, nil if there is no such order.
    private func orderOwner(_ id: String) throws -> String? {
        if let owner = orderOwners[id] { return owner }
        let lookup = try orderOwnerLookup.get()
        lookup.setUncheckedArguments([id])
        guard let owner = try String.fetchOne(lookup) else { return nil }
        if orderOwners.count >= Self.cacheLimit { orderOwners.removeAll(keepingCapacity: true) }
        orderOwners[id] = owner
        return owner
    }

    private func upsert(_ c: Customer, present: ColumnSet) throws -> RowChange {
        var values: [DatabaseValue] = [c.name.databaseValue, c.email.databaseValue, c.phone.databaseValue,
                                       c.region.databaseValue, c.tier.rawValue.databaseValue,
                                       c.referrals.databaseValue, c.joinedAt.seconds.databaseValue]
        guard let old = try Row.fetchOne(try statement("""
            SELECT name, email, phone, region, tier, referrals, joined_at FROM customer WHERE id = ?
            """), arguments: [c.id]) else {
            try statement("""
                INSERT INTO customer (name, email, phone, region, tier, referrals, joined_at, id) VALUES (?,?,?,?,?,?,?,?)
                """).execute(arguments: StatementArguments(values + [c.id.databaseValue]))
            return .inserted
        }
        values = merged(values, stored: Array(old.databaseValues),
                        columns: ["name", "email", "phone", "region", "tier", "referrals", "joined"], present: present)
        guard Array(old.databaseValues) != values else { return .unchanged }
        try logUpdate("customer", c.id, columns: ["name", "email", "phone", "region", "tier", "referrals", "joined_at"],
                      old: Array(old.databaseValues), new: values)
        try statement("""
            UPDATE customer SET name = ?, email = ?, phone = ?, region = ?, tier = ?, referrals = ?, joined_at = ?
            WHERE id = ?
            """).execute(arguments: StatementArguments(values + [c.id.databaseValue]))
        if Array(old.databaseValues.prefix(3)) != Array(values.prefix(3)) {
            let text = SearchIndex.customer(name: String.fromDatabaseValue(values[0]) ?? c.name,
                                            email: String.fromDatabaseValue(values[1]), phone: String.fromDatabaseValue(values[2]))
            try statement("""
                UPDATE ticket_search SET customer = ? WHERE rowid IN (SELECT seq FROM ticket WHERE customer_id = ?)
                """).execute(arguments: [text, c.id])
            customerTexts[c.id] = nil
        }
        return .updated
    }

    private func upsert(_ o: Order, line: Int, present: ColumnSet) throws -> RowChange {
        if !knownCustomers.contains(o.customerID) {
            guard try Int.fetchOne(try statement("SELECT 1 FROM customer WHERE id = ?"), arguments: [o.customerID]) != nil else {
                throw missing(line, "customer_id", "customer", o.customerID)
            }
            if knownCustomers.count >= Self.cacheLimit { knownCustomers.removeAll(keepingCapacity: true) }
            knownCustomers.insert(o.customerID)
        }
        var values: [DatabaseValue] = [o.customerID.databaseValue, o.placedAt.seconds.databaseValue,
                                       o.total.minor.databaseValue, o.deliveryFee.minor.databaseValue,
                                       o.status.rawValue.databaseValue, o.deliveredAt?.seconds.databaseValue ?? .null]
        guard let old = try Row.fetchOne(try statement("""
            SELECT customer_id, placed_at, total, delivery_fee, status, delivered_at FROM "order" WHERE id = ?
            """), arguments: [o.id]) else {
            try statement("""
                INSERT INTO "order" (customer_id, placed_at, total, delivery_fee, status, delivered_at, id)
                VALUES (?,?,?,?,?,?,?)
                """).execute(arguments: StatementArguments(values + [o.id.databaseValue]))
            orderCustomers.insert(o.customerID)
            return .inserted
        }
        values = merged(values, stored: Array(old.databaseValues),
                        columns: ["customer_id", "placed_at", "total", "delivery_fee", "status", "delivered_at"], present: present)
        guard Array(old.databaseValues) != values else { return .unchanged }
        try logUpdate("order", o.id, columns: ["customer_id", "placed_at", "total", "delivery_fee", "status", "delivered_at"],
                      old: Array(old.databaseValues), new: values)
        try statement("""
            UPDATE "order" SET customer_id = ?, placed_at = ?, total = ?, delivery_fee = ?, status = ?, delivered_at = ?
            WHERE id = ?
            """).execute(arguments: StatementArguments(values + [o.id.databaseValue]))
        orderCustomers.insert(o.customerID)
        return .updated
    }

    private func upsert(_ t: Ticket, _ entry: ResolutionEntry?, line: Int, present: ColumnSet) throws -> RowChange {
        let tier: String
        if let known = customerTiers[t.customerID] {
            tier = known
        } else {
            let lookup = try customerTierLookup.get()
            lookup.setUncheckedArguments([t.customerID])
            guard let stored = try String.fetchOne(lookup) else { throw missing(line, "customer_id", "customer", t.customerID) }
            if customerTiers.count >= Self.cacheLimit { customerTiers.removeAll(keepingCapacity: true) }
            customerTiers[t.customerID] = stored
            tier = stored
        }
        if let orderID = t.orderID {
            guard let owner = try orderOwner(orderID) else {
                throw missing(line, "order_id", "order", orderID)
            }
            guard owner == t.customerID else {
                throw ImportProblem(file: file, line: line, column: "order_id",
                                    reason: .orderOfOtherCustomer(order: orderID, owner: owner, customer: t.customerID, stored: false))
            }
        }
        // Most rows of a big import are new: try the insert first, and look at the stored
        // ticket only when the id is taken.
        try ticketInsert.get().insert { row in
            row.add(t.customerID); row.add(t.orderID); row.add(t.channel.rawValue); row.add(t.reason.rawValue)
            row.add(t.subject); row.add(t.status.rawValue); row.add(t.priority.rawValue); row.add(t.fault.rawValue)
            row.add(t.createdAt.seconds); row.add(t.slaDueAt.seconds); row.add(t.firstResponseDueAt.seconds)
            row.add(t.updatedAt.seconds); row.add(t.resolvedAt?.seconds); row.add(tier)
            row.add(t.resolvedAtIsAssumed ? t.resolvedAt?.seconds : nil); row.add(t.id)
        }
        if db.changesCount > 0 {
            if let entry, let resolvedAt = t.resolvedAt {
                try record(entry, ticketID: t.id, customerID: t.customerID, resolvedAt: resolvedAt.seconds)
            }
            return .inserted
        }
        // Status and fault are the desk's once a ticket exists: the agents move them, and a
        // nightly re-import of the shop's file must not send a resolved ticket back to new.
        let columns = ["customer_id", "order_id", "channel", "reason", "subject", "priority", "created_at"]
        var values: [DatabaseValue] = [t.customerID.databaseValue, t.orderID.databaseValue, t.channel.rawValue.databaseValue,
                                       t.reason.rawValue.databaseValue, t.subject.databaseValue,
                                       t.priority.rawValue.databaseValue, t.createdAt.seconds.databaseValue]
        guard let old = try Row.fetchOne(try statement("""
            SELECT customer_id, order_id, channel, reason, subject, priority, created_at, seq, status, fault, resolved_at,
                   (SELECT min(x) FROM (SELECT first_response_at AS x UNION ALL SELECT resolved_at
                                        UNION ALL SELECT min(at) FROM message WHERE ticket_id = ticket.id)) AS answered
            FROM ticket WHERE id = ?
            """), arguments: [t.id]) else {
            throw ImportProblem(file: file, line: line, column: "id", reason: .ticketNotWritten(t.id))
        }
        let seq: Int64 = old["seq"]
        let oldValues = Array(old.databaseValues.prefix(columns.count))
        values = merged(values, stored: oldValues, columns: columns, present: present)
        func has(_ column: String) -> Bool { present.contains(kind.index(of: column)!) }
        if has("status"), old["status"] as String? != t.status.rawValue { noteKept("status") }
        if has("fault"), old["fault"] as String? != t.fault.rawValue { noteKept("fault") }
        if has("resolved_at"), old["resolved_at"] as Int64? != t.resolvedAt?.seconds { noteKept("resolved_at") }
        let resolutionAdded = try resolution(entry, of: t, stored: old)
        guard oldValues != values else { return resolutionAdded ? .updated : .unchanged }
        let customerID = String.fromDatabaseValue(values[0]) ?? t.customerID
        if !has("order_id"), customerID != old["customer_id"] as String?, let orderID = String.fromDatabaseValue(values[1]),
           let owner = try orderOwner(orderID), owner != customerID {
            throw ImportProblem(file: file, line: line, column: "customer_id",
                                reason: .orderOfOtherCustomer(order: orderID, owner: owner, customer: customerID, stored: true))
        }
        // The desk's times stay in order: a complaint is not moved to after its first message,
        // answer or resolution (a stored ticket already out of order may still change otherwise).
        if oldValues[6] != values[6], let answered = old["answered"] as Int64?, t.createdAt.seconds > answered {
            throw ImportProblem(file: file, line: line, column: "created_at",
                                reason: .afterFirstAnswer(at: ISODate.string(answered)))
        }
        try logUpdate("ticket", t.id, columns: ["customer_id", "order_id", "channel", "reason", "subject", "priority", "created_at"],
                      old: oldValues, new: values)
        // The SLA moves only when what it is computed from (created, priority) changed.
        let slaChanged = oldValues[5] != values[5] || oldValues[6] != values[6]
        let priority = String.fromDatabaseValue(values[5]).flatMap(Priority.init(rawValue:)) ?? t.priority
        try statement("""
            UPDATE ticket SET customer_id = ?1, order_id = ?2, channel = ?3, reason = ?4, subject = ?5,
                              priority = ?6, created_at = ?7,
                              sla_due_at = CASE WHEN ?8 THEN ?9 ELSE sla_due_at END,
                              first_due_at = CASE WHEN ?8 THEN ?10 ELSE first_due_at END,
                              updated_at = ?11, version = version + 1
            WHERE seq = ?12
            """).execute(arguments: StatementArguments(values + [slaChanged.databaseValue,
                                                                sla.resolutionDue(created: t.createdAt, priority: priority).seconds.databaseValue,
                                                                sla.firstResponseDue(created: t.createdAt, priority: priority).seconds.databaseValue,
                                                                now.databaseValue, seq.databaseValue]))
        try statement("UPDATE ticket_search SET subject = ?, customer = ? WHERE rowid = ?")
            .execute(arguments: [SearchIndex.folded(t.subject), try customerText(customerID) ?? "", seq])
        return .updated
    }

    /// How a stored done ticket was resolved, from the file: recorded when the desk has no
    /// outcome for it yet (with an audit event), else the desk's is kept and the columns that
    /// differ are counted. True when it was recorded.
    private func resolution(_ entry: ResolutionEntry?, of t: Ticket, stored old: Row) throws -> Bool {
        guard let entry else { return false }
        let outcome = try Row.fetchOne(try statement("SELECT resolution, satisfaction FROM outcome WHERE ticket_id = ?"),
                                       arguments: [t.id])
        guard let outcome else {
            // An open ticket's resolution is the desk's to make: a file does not close it.
            guard let resolvedAt = old["resolved_at"] as Int64? else { noteKept("resolution"); return false }
            try record(entry, ticketID: t.id, customerID: t.customerID, resolvedAt: resolvedAt)
            noteChange(t.id, column: "resolution", old: .null, new: entry.resolution.rawValue.databaseValue)
            try AuditLog.append(db, agent: agent, entity: "ticket", entityID: t.id, action: "import-resolution", old: nil, new: [
                "resolution": entry.resolution.rawValue, "satisfaction": entry.satisfaction.map(String.init) ?? "",
                "amount": entry.amount?.decimal ?? "",
            ], at: at)
            return true
        }
        if outcome["resolution"] as String? != entry.resolution.rawValue { noteKept("resolution") }
        if entry.satisfaction != nil, outcome["satisfaction"] as Int? != entry.satisfaction { noteKept("satisfaction") }
        return false
    }

    /// Writes a done ticket's outcome, and a refund's or replacement's amount as an accepted
    /// compensation of that kind (so that exports count it in `compensation_value`).
    private func record(_ entry: ResolutionEntry, ticketID: String, customerID: String, resolvedAt: Int64) throws {
        try statement("INSERT INTO outcome (ticket_id, resolution, satisfaction, at) VALUES (?,?,?,?)")
            .execute(arguments: [ticketID, entry.resolution.rawValue, entry.satisfaction, resolvedAt])
        if let amount = entry.amount, let kind = entry.compensationKind {
            try statement("""
                INSERT INTO compensation (ticket_id, customer_id, kind, value, agent, at, state) VALUES (?,?,?,?,?,?,'accepted')
                """).execute(arguments: [ticketID, customerID, kind.rawValue, amount.minor, agent, resolvedAt])
        }
    }

    /// Messages have no id of their own: one equal to a stored message of the same ticket
    /// (same author, time, text and visibility) is the same message, so a re-import adds nothing.
    private func insert(_ m: Message, line: Int) throws -> RowChange {
        guard let ticket = try Row.fetchOne(try statement("SELECT seq, created_at FROM ticket WHERE id = ?"),
                                            arguments: [m.ticketID]) else {
            throw missing(line, "ticket_id", "ticket", m.ticketID)
        }
        let seq: Int64 = ticket["seq"], created: Int64 = ticket["created_at"]
        let values: [DatabaseValue] = [m.ticketID.databaseValue, m.author.rawValue.databaseValue, m.body.databaseValue,
                                       m.isInternal.databaseValue, m.at.seconds.databaseValue]
        if try Int.fetchOne(try statement("""
            SELECT 1 FROM message WHERE ticket_id = ? AND author = ? AND body = ? AND internal = ? AND at = ?
            """), arguments: StatementArguments(values)) != nil {
            return .unchanged
        }
        // A new message comes after its complaint was made (one stored already is left be).
        guard m.at.seconds >= created else {
            throw ImportProblem(file: file, line: line, column: "at",
                                reason: .beforeTicket(m.ticketID, created: ISODate.string(created)))
        }
        try statement("INSERT INTO message (ticket_id, author, body, internal, at, agent) VALUES (?,?,?,?,?,?)")
            .execute(arguments: StatementArguments(values + [m.agent.databaseValue]))
        if m.author == .agent, !m.isInternal {
            // An agent's reply in the file moves the complaint as a reply from the console
            // does: it is the first answer if none came earlier, and a new ticket is open.
            try statement("""
                UPDATE ticket SET first_response_at = min(coalesce(first_response_at, ?1), ?1),
                                  status = CASE status WHEN 'new' THEN 'open' ELSE status END,
                                  version = version + 1, updated_at = ?3
                WHERE seq = ?2
                """).execute(arguments: [m.at.seconds, seq, now])
        }
        try statement("""
            UPDATE ticket_search SET body = CASE WHEN coalesce(body, '') = '' THEN ?1 ELSE body || char(10) || ?1 END
            WHERE rowid = ?2
            """).execute(arguments: [SearchIndex.folded(m.body), seq])
        return .inserted
    }

    /// Complaints being followed whose customer ordered again: they came back (the rule
    /// lives in RecoveryRules, shared with the console's sweep). Only the customers whose
    /// orders this import wrote: the summary's count is what the file did.
    func markRecovered(agent: String, windowDays: Int) throws -> Int {
        try RecoveryRules.markRecovered(db, agent: agent, now: now, windowDays: windowDays,
                                        scope: .customers(Array(orderCustomers)))
    }
}
