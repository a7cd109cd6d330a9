import Foundation
import GRDB

extension Store {
    /// Writes the resolved cases (status resolved or closed) that `filter` selects to
    /// `handle`, oldest resolution first, and returns how many. Streams through a database
    /// cursor: memory stays flat however many cases there are.
    @discardableResult
    public func exportCases(_ filter: ExportFilter, format: ExchangeFormat, to handle: FileHandle) throws -> Int {
        let writer = try CaseWriters.make(format, to: handle, redact: filter.redact)
        let count = try exportCases(filter) { try writer.write($0) }
        try writer.finish()
        return count
    }

    /// Calls `body` with each resolved case that `filter` selects, oldest resolution first.
    @discardableResult
    public func exportCases(_ filter: ExportFilter, _ body: (ExportCase) throws -> Void) throws -> Int {
        // Compensations given (offered or accepted), oldest first, as `kind value;kind value`.
        // NOT INDEXED: reading tickets in table order and sorting at the end keeps the
        // lookups into customer, outcome and recovery near each other on disk; going
        // through the resolved_at index makes each one a random read (4x slower on a
        // million tickets). A narrow date range still costs only one table scan.
        let view = filter.view.map(queueMembers)
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
            WHERE t.status IN ('resolved', 'closed') AND t.resolved_at >= ? AND t.resolved_at < ?
                  \(view.map { "AND t.seq IN (\($0.sql))" } ?? "")
            ORDER BY t.resolved_at, t.seq
            """
        let since = filter.since?.seconds ?? Int64.min
        let until = filter.until?.seconds ?? Int64.max
        return try pool.read { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(
                [since, until] + (view?.arguments ?? [])))
            var count = 0
            while let row = try rows.next() {
                try body(Self.exportCase(row))
                count += 1
            }
            return count
        }
    }

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
