import Foundation
import GRDB

extension Store {
    /// Writes the resolved cases (status resolved or closed) that `filter` selects to
    /// `handle`, oldest resolution first, and returns how many. A period picks cases by
    /// `filter.basis`, as the report does, so that the two reconcile. Streams through database
    /// cursors: memory stays flat however many cases there are.
    ///
    /// More than `splitAbove` cases of a period by resolution are written in two halves at
    /// once, one per core (see `exportInTwo`); the file is the same byte for byte.
    @discardableResult
    public func exportCases(_ filter: ExportFilter, format: ExchangeFormat, to handle: FileHandle,
                            splitAbove: Int) throws -> Int {
        if filter.view == nil, filter.basis == .resolved, let count = try exportInTwo(filter, format: format, to: handle, splitAbove: splitAbove) {
            return count
        }
        let writer = try CaseWriters.make(format, to: handle, filter: filter)
        let count = try exportCases(filter) { try writer.write($0) }
        try writer.finish()
        return count
    }

    /// Calls `body` with each resolved case that `filter` selects, oldest resolution first.
    @discardableResult
    public func exportCases(_ filter: ExportFilter, _ body: (ExportCase) throws -> Void) throws -> Int {
        try pool.read { db in try cases(db, filter, part: nil, body) }
    }

    private func cases(_ db: Database, _ filter: ExportFilter, part: ExportPart?,
                       _ body: (ExportCase) throws -> Void) throws -> Int {
        // Compensations given (offered or accepted), oldest first, as `kind value;kind value`.
        // NOT INDEXED: reading tickets in table order and sorting at the end keeps the
        // lookups into customer, outcome and recovery near each other on disk; going
        // through the resolved_at index makes each one a random read (4x slower on a
        // million tickets). A narrow date range still costs only one table scan.
        let view = filter.view.map(queueMembers)
        var arguments: [any DatabaseValueConvertible & Sendable] = [filter.since?.seconds ?? Int64.min,
                                                                     filter.until?.seconds ?? Int64.max]
        var partSQL = ""
        switch part {
        case nil: break
        case let .before(resolvedAt, seq)?:
            partSQL = "AND (t.resolved_at < ?1 OR (t.resolved_at = ?1 AND t.seq < ?2))"
            arguments = [resolvedAt, seq] + arguments
        case let .from(resolvedAt, seq)?:
            partSQL = "AND (t.resolved_at > ?1 OR (t.resolved_at = ?1 AND t.seq >= ?2))"
            arguments = [resolvedAt, seq] + arguments
        }
        let first = part == nil ? 1 : 3
        let sql = """
            SELECT t.id, t.customer_id, c.name, c.email, c.phone, t.channel, t.reason, t.fault, t.created_at,
                   t.first_response_at, t.resolved_at, o.resolution, o.satisfaction, r.state,
                   coalesce(o.agent, t.assignee),
                   (SELECT group_concat(kind || ' ' || value, ';') FROM (
                        SELECT kind, value FROM compensation
                        WHERE ticket_id = t.id AND state IN ('offered', 'accepted') ORDER BY at, id))
            FROM ticket t NOT INDEXED
            JOIN customer c ON c.id = t.customer_id
            LEFT JOIN outcome o ON o.ticket_id = t.id
            LEFT JOIN recovery r ON r.ticket_id = t.id
            WHERE t.status IN ('resolved', 'closed') AND t.resolved_at IS NOT NULL
                  AND t.\(filter.basis.column) >= ?\(first) AND t.\(filter.basis.column) < ?\(first + 1)
                  \(partSQL)
                  \(view.map { "AND t.seq IN (\($0.sql))" } ?? "")
            ORDER BY t.resolved_at, t.seq
            """
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments + (view?.arguments ?? [])))
        var count = 0
        while let row = try rows.next() {
            try body(Self.exportCase(row))
            count += 1
        }
        return count
    }

    /// Writes a large export as two halves at once, on two read transactions: the first half
    /// straight to `handle`, the second to an unlinked temporary file appended after it.
    /// Nil, with nothing written, when there are too few cases to be worth it, when no
    /// temporary file can be made, or when the two transactions do not see the same store (a
    /// change came between their starts): then the caller writes it in one pass.
    ///
    /// "The same store" is checked by the newest audit event and ticket: every change the
    /// desk commits writes an event (see `AuditLog`), an import also tickets.
    func exportInTwo(_ filter: ExportFilter, format: ExchangeFormat, to handle: FileHandle,
                     splitAbove: Int) throws -> Int? {
        let range: StatementArguments = [filter.since?.seconds ?? Int64.min, filter.until?.seconds ?? Int64.max]
        let fingerprint = "SELECT (SELECT max(id) FROM event) || ' ' || (SELECT max(seq) FROM ticket)"
        return try pool.read { db -> Int? in
            let total = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM ticket WHERE status IN ('resolved', 'closed') AND resolved_at >= ? AND resolved_at < ?
                """, arguments: range) ?? 0
            guard total > max(splitAbove, 1) else { return nil }
            // The middle of the resolved cases, or of the closed ones where those are more, read
            // off the resolution index (one status at a time keeps it an index walk).
            let resolved = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM ticket WHERE status = 'resolved' AND resolved_at >= ? AND resolved_at < ?
                """, arguments: range) ?? 0
            let status = resolved * 2 >= total ? "resolved" : "closed"
            guard let middle = try Row.fetchOne(db, sql: """
                SELECT resolved_at, seq FROM ticket WHERE status = ? AND resolved_at >= ? AND resolved_at < ?
                ORDER BY resolved_at, seq LIMIT 1 OFFSET ?
                """, arguments: [status] + range + [(status == "resolved" ? resolved : total - resolved) / 2])
            else { return nil }
            let split: (resolvedAt: Int64, seq: Int64) = (middle[0], middle[1])
            let seen = try String.fetchOne(db, sql: fingerprint)

            guard let spare = try? TemporaryFile() else { return nil }
            // Stopping the second half stops every read of this handle: a split export is a
            // command's only work (the console exports views, which are never split).
            let second = SecondHalf(interrupt: { [pool] in pool.interrupt() })
            let filterCopy = filter
            Thread.detachNewThread { [self] in
                second.finish(Result {
                    try pool.read { db -> Int in
                        let agrees = try String.fetchOne(db, sql: fingerprint) == seen
                        guard second.started(agreeing: agrees) else { return 0 }
                        let writer = try CaseWriters.make(format, to: spare.handle, filter: filterCopy, header: false)
                        let count = try cases(db, filterCopy, part: .from(resolvedAt: split.resolvedAt, seq: split.seq)) {
                            if second.isCancelled { throw CancellationError() }
                            try writer.write($0)
                        }
                        try writer.finish()
                        return count
                    }
                }.mapError { error in
                    // Said as the second half's, not as the output's (the caller names the output).
                    error is CancellationError || (error as? DatabaseError)?.resultCode == .SQLITE_INTERRUPT
                        ? error : StoreError.invalid("the export's second half, in a temporary file: \(error)")
                })
            }
            defer { second.waitUntilFinished() }
            guard second.waitUntilStarted() else { return nil }
            let firstCount: Int
            do {
                let writer = try CaseWriters.make(format, to: handle, filter: filter)
                firstCount = try cases(db, filter, part: .before(resolvedAt: split.resolvedAt, seq: split.seq)) {
                    // The second half failed: no use writing on.
                    if let failure = second.failure { throw failure }
                    try writer.write($0)
                }
                try writer.finish()
            } catch {
                second.cancel()
                throw second.failure ?? error
            }
            second.waitUntilFinished()
            let secondCount = try second.result()
            try spare.copy(to: handle)
            return firstCount + secondCount
        }
    }
}

/// The cases before a resolution time and seq, or from it on: the two halves of a split export.
private enum ExportPart {
    case before(resolvedAt: Int64, seq: Int64)
    case from(resolvedAt: Int64, seq: Int64)
}

/// The second half of a split export, as its thread tells the first: whether its read
/// transaction sees the same store, when it is done, and how it went.
private final class SecondHalf: @unchecked Sendable {
    private let condition = NSCondition()
    private var agreed: Bool?
    private var outcome: Result<Int, any Error>?
    private var cancelled = false
    /// Whether the second half is reading: a query still sorting is interrupted on cancel.
    private var reading = false
    private let interrupt: @Sendable () -> Void

    init(interrupt: @escaping @Sendable () -> Void) { self.interrupt = interrupt }

    /// Says whether the second transaction sees the same store; true if it is to go on.
    func started(agreeing: Bool) -> Bool {
        condition.lock(); defer { condition.unlock() }
        agreed = agreeing
        reading = agreeing && !cancelled
        condition.broadcast()
        return agreeing && !cancelled
    }

    func finish(_ result: Result<Int, any Error>) {
        condition.lock(); defer { condition.unlock() }
        if agreed == nil { agreed = false }
        reading = false
        outcome = result
        condition.broadcast()
    }

    /// Whether the second half is under way (false: it will write nothing).
    func waitUntilStarted() -> Bool {
        condition.lock(); defer { condition.unlock() }
        while agreed == nil { condition.wait() }
        return agreed == true
    }

    func waitUntilFinished() {
        condition.lock(); defer { condition.unlock() }
        while outcome == nil { condition.wait() }
    }

    func result() throws -> Int {
        condition.lock(); defer { condition.unlock() }
        return try outcome?.get() ?? 0
    }

    /// The second half's error as soon as it has one.
    var failure: (any Error)? {
        condition.lock(); defer { condition.unlock() }
        if case let .failure(error)? = outcome { return error }
        return nil
    }

    func cancel() {
        condition.lock(); defer { condition.unlock() }
        cancelled = true
        if reading { interrupt() }
    }

    var isCancelled: Bool {
        condition.lock(); defer { condition.unlock() }
        return cancelled
    }
}

/// A file for the owner only, unlinked as soon as it is made: nothing of it is left on disk
/// however the export ends.
private final class TemporaryFile: @unchecked Sendable {
    let handle: FileHandle

    init() throws {
        let path = NSTemporaryDirectory() + "cdesk-export-\(UUID().uuidString)"
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        unlink(path)
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Appends the whole file to `output`, a MiB at a time.
    func copy(to output: FileHandle) throws {
        try handle.seek(toOffset: 0)
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try output.write(contentsOf: chunk)
        }
    }
}

extension Store {
    private static func exportCase(_ row: Row) -> ExportCase {
        var given: [GivenCompensation] = []
        if let list = row[15] as String? {
            for item in list.split(separator: ";") {
                let parts = item.split(separator: " ")
                guard parts.count == 2, let kind = CompensationKind(rawValue: String(parts[0])),
                      let value = Int64(parts[1]) else { continue }
                given.append(GivenCompensation(kind: kind, value: value))
            }
        }
        return ExportCase(ticketID: row[0], customerID: row[1], customerName: row[2], email: row[3], phone: row[4],
                          channel: row[5], reason: row[6], fault: row[7], createdAt: row[8], firstResponseAt: row[9],
                          resolvedAt: row[10], resolution: row[11], compensations: given, satisfaction: row[12],
                          recovery: row[13], agent: row[14])
    }
}
