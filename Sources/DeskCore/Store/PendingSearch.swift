import GRDB

/// The search-index rows that received mail adds or lengthens, written together at the end
/// of the transaction, in rowid order.
///
/// Why not as each message is stored: FTS5 writes its pending terms out as a new segment
/// whenever a savepoint opens (each message of a group has one, and so has any
/// INSERT … SELECT) or a row goes in below one written before (a reply to an older
/// ticket). Written message by message, every message made a segment of its own, and
/// merging those into an index of a million tickets cost more than all the other writes
/// of the message together. Written here, a transaction makes one.
final class PendingSearch {
    private struct Row {
        /// A ticket opened in this transaction: its whole row is new.
        var new: (subject: String, customer: String)?
        var bodies: [String] = []
    }

    private var rows: [Int64: Row] = [:]

    var isEmpty: Bool { rows.isEmpty }

    /// A ticket opened now (`seq` is its rowid in the index).
    func open(seq: Int64, subject: String, customer: String) {
        rows[seq, default: Row()].new = (subject, customer)
    }

    /// A message's text, for the ticket's row.
    func add(seq: Int64, body: String) {
        rows[seq, default: Row()].bodies.append(body)
    }

    /// What another (a message's, once its savepoint is released) holds, added to this one.
    func merge(_ other: PendingSearch) {
        for (seq, row) in other.rows {
            if let new = row.new { rows[seq, default: Row()].new = new }
            rows[seq, default: Row()].bodies += row.bodies
        }
    }

    /// Writes every row, lowest rowid first, and forgets them.
    func write(_ db: Database) throws {
        let terms = try SearchTerms.Collector(db)
        for seq in rows.keys.sorted() {
            let row = rows[seq]!
            let body = SearchIndex.folded(row.bodies.joined(separator: "\n"))
            terms.add(body)
            if let new = row.new {
                let subject = SearchIndex.folded(new.subject)
                terms.add(subject)
                terms.add(new.customer)
                try db.cachedStatement(sql: "INSERT INTO ticket_search (rowid, subject, customer, body) VALUES (?,?,?,?)")
                    .execute(arguments: [seq, subject, new.customer, body])
            } else if !row.bodies.isEmpty {
                try db.cachedStatement(sql: """
                    UPDATE ticket_search SET body = CASE WHEN coalesce(body, '') = '' THEN ?1 ELSE body || char(10) || ?1 END
                    WHERE rowid = ?2
                    """).execute(arguments: [body, seq])
            }
        }
        try terms.write(db)
        rows = [:]
    }
}
