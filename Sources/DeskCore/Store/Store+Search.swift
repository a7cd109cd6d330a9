import Foundation
import GRDB

/// Full-text search: the FTS5 index over subjects, customer names and contacts, and
/// messages (unicode61 with diacritics removed, so Cyrillic and mixed case match), plus
/// ticket and order ids typed exactly. Results come newest ticket first, keyset-paginated
/// on the ticket's sequence number, and no page ever reads the whole result.
extension Store {
    /// Counting stops here: a word in every other ticket should not cost a full scan.
    public static let searchCountCap = 10_000

    /// The FTS5 query for what an agent typed: every word must match, each as a prefix
    /// (from two characters on). Nil when nothing searchable was typed. The tokenizer does
    /// not fold ё into е, and people type either: a word with one of them matches both.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard !words.isEmpty else { return nil }
        return words.map { word in
            let star = word.count >= 2 ? "*" : ""
            var variants = [word]
            for v in [word.replacingOccurrences(of: "ё", with: "е"), word.replacingOccurrences(of: "е", with: "ё")]
            where !variants.contains(v) { variants.append(v) }
            let terms = variants.map { "\"\($0)\"" + star }
            return terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }

    /// A filter on search results: the matches are joined to their tickets only when there is one.
    private static func searchNarrowing(_ filter: QueueFilter)
        -> (join: String, clauses: String, arguments: [any DatabaseValueConvertible & Sendable]) {
        let sql = filter.sql
        guard !sql.clauses.isEmpty else { return ("", "", []) }
        // `+`: the full-text match leads, the ticket is read by its seq and tested.
        return ("JOIN ticket t ON t.seq = s.rowid", sql.clauses.map { "AND +" + $0 }.joined(separator: " "), sql.arguments)
    }

    /// Every ticket a search matches, as a query of their `seq`.
    func searchMembers(_ query: QueueQuery) -> (sql: String, arguments: [any DatabaseValueConvertible & Sendable]) {
        let narrowing = Self.searchNarrowing(query.filter)
        let exact = query.text.trimmingCharacters(in: .whitespaces)
        var parts: [String] = []
        var arguments: [any DatabaseValueConvertible & Sendable] = []
        if let fts = Self.ftsQuery(query.text) {
            parts.append("SELECT s.rowid FROM ticket_search s \(narrowing.join) WHERE ticket_search MATCH ? \(narrowing.clauses)")
            arguments += [fts] + narrowing.arguments
        }
        if !exact.isEmpty {
            parts.append("SELECT t.seq FROM ticket t WHERE (t.id = ? OR t.order_id = ?) \(narrowing.clauses)")
            arguments += [exact, exact] + narrowing.arguments
        }
        return parts.isEmpty ? ("SELECT 0 WHERE 0", []) : (parts.joined(separator: " UNION "), arguments)
    }

    func searchPage(_ query: QueueQuery, from cursor: QueueCursor?, direction: PageDirection, limit: Int,
                    including: Bool) throws -> [QueueRow] {
        let fts = Self.ftsQuery(query.text)
        let exact = query.text.trimmingCharacters(in: .whitespaces)
        let forward = direction == .forward
        let op = (forward ? "<" : ">") + (including ? "=" : "")
        let bound = cursor?.seq ?? (forward ? Int64.max : Int64.min)
        let order = forward ? "DESC" : "ASC"
        return try pool.read { db in
            var seqs: [Int64] = []
            let narrowing = Self.searchNarrowing(query.filter)
            if let fts {
                seqs += try Int64.fetchAll(db, sql: """
                    SELECT s.rowid FROM ticket_search s \(narrowing.join)
                    WHERE ticket_search MATCH ? AND s.rowid \(op) ? \(narrowing.clauses) ORDER BY s.rowid \(order) LIMIT ?
                    """, arguments: StatementArguments([fts, bound] + narrowing.arguments + [limit]))
            }
            if !exact.isEmpty {
                seqs += try Int64.fetchAll(db, sql: """
                    SELECT t.seq FROM ticket t WHERE (t.id = ? OR t.order_id = ?) AND t.seq \(op) ? \(narrowing.clauses)
                    """, arguments: StatementArguments([exact, exact, bound] + narrowing.arguments))
            }
            let wanted = Array(Set(seqs)).sorted(by: forward ? (>) : (<)).prefix(limit)
            guard !wanted.isEmpty else { return [] }
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Self.queueColumns), t.seq AS sort_key
                FROM ticket t JOIN customer c ON c.id = t.customer_id
                WHERE t.seq IN (\(wanted.map(String.init).joined(separator: ",")))
                ORDER BY t.seq DESC
                """).map(Self.queueRow)
            return rows
        }
    }

    /// How many tickets match (up to `searchCountCap`), and how many of them come before
    /// `cursor` when one is given.
    func searchCount(_ query: QueueQuery, before cursor: QueueCursor? = nil) throws -> Int {
        let fts = Self.ftsQuery(query.text)
        let exact = query.text.trimmingCharacters(in: .whitespaces)
        let bound = cursor?.seq ?? Int64.min
        return try pool.read { db in
            var seqs = Set<Int64>()
            let narrowing = Self.searchNarrowing(query.filter)
            if let fts {
                seqs.formUnion(try Int64.fetchAll(db, sql: """
                    SELECT s.rowid FROM ticket_search s \(narrowing.join)
                    WHERE ticket_search MATCH ? AND s.rowid > ? \(narrowing.clauses) LIMIT ?
                    """, arguments: StatementArguments([fts, bound] + narrowing.arguments + [Self.searchCountCap])))
            }
            if !exact.isEmpty {
                seqs.formUnion(try Int64.fetchAll(db, sql: """
                    SELECT t.seq FROM ticket t WHERE (t.id = ? OR t.order_id = ?) AND t.seq > ? \(narrowing.clauses)
                    """, arguments: StatementArguments([exact, exact, bound] + narrowing.arguments)))
            }
            return min(seqs.count, Self.searchCountCap)
        }
    }
}
