import Foundation
import GRDB

/// Full-text search: the FTS5 index over subjects, customer names and contacts, and
/// messages (unicode61 with diacritics removed, so Cyrillic and mixed case match), plus
/// ticket and order ids typed exactly. Results come newest ticket first, keyset-paginated
/// on the ticket's sequence number, and no page ever reads the whole result.
extension Store {
    static let searchCountCap = QueueQuery.searchCountCap

    /// The FTS5 query for what an agent typed: every word must match, each as a prefix
    /// (from two characters on); a phone number, typed any usual way, matches the digits the
    /// index holds for it. Nil when nothing searchable was typed. The index holds ё as е
    /// (`SearchIndex`), so the query does too.
    ///
    /// `widen` may name the words a beginning stands for (`SearchTerms`): the query then
    /// names them one by one, which FTS5 reads in step instead of merging all their tickets
    /// before the first.
    static func ftsQuery(_ text: String) -> String? { ftsQuery(text, widen: { _ in nil }) }

    static func ftsQuery(_ text: String, widen: (Substring) throws -> [String]?) rethrows -> String? {
        let words = SearchIndex.folded(text.lowercased()).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard !words.isEmpty else { return nil }
        let terms = try words.map { word -> String in
            guard word.count >= 2 else { return "\"\(word)\"" }
            guard let widened = try widen(word) else { return "\"\(word)\"*" }
            let named = widened.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            return named.count == 1 ? named[0] : "(" + named.joined(separator: " OR ") + ")"
        }
        guard var phone = SearchIndex.phoneQuery(text).map({ $0.map { "\"\($0)\"*" } }) else {
            return terms.joined(separator: " AND ")
        }
        // Digits in one piece may also be written so in a message (a tracking number).
        if terms.count == 1, !phone.contains(terms[0]) { phone.append(terms[0]) }
        return phone.count == 1 ? phone[0] : "(" + phone.joined(separator: " OR ") + ")"
    }

    /// A filter on search results: the matches are joined to their tickets only when there is one.
    private static func searchNarrowing(_ filter: QueueFilter)
        -> (join: String, clauses: String, arguments: [any DatabaseValueConvertible & Sendable]) {
        let sql = filter.sql
        guard !sql.clauses.isEmpty else { return ("", "", []) }
        // `+`: the full-text match leads, the ticket is read by its seq and tested.
        return ("JOIN ticket t ON t.seq = s.rowid", sql.clauses.map { "AND +" + $0 }.joined(separator: " "), sql.arguments)
    }

    /// A query of ticket seqs, with its arguments.
    typealias Part = (sql: String, arguments: [any DatabaseValueConvertible & Sendable])

    /// The two halves of a search, each a query of ticket seqs: the full-text matches (ending
    /// in `s.rowid`, so that the caller may order and limit them) and the ticket or order id
    /// typed exactly. `seq` adds a condition on the seq (`op` and the bound).
    /// With `db`, a word's beginning is widened to the words it begins (`SearchTerms`), for a
    /// page or a count that stops early; without, FTS5 widens it (every match is read anyway).
    private static func searchParts(_ query: QueueQuery, seq: (op: String, bound: Int64)? = nil,
                                    widenIn db: Database? = nil) throws -> (fts: Part?, exact: Part?) {
        let narrowing = searchNarrowing(query.filter)
        let exact = query.text.trimmingCharacters(in: .whitespaces)
        let bound: [any DatabaseValueConvertible & Sendable] = seq.map { [$0.bound] } ?? []
        let text = try ftsQuery(query.text, widen: { word in try db.flatMap { try SearchTerms.widened(word, $0) } })
        let fts = text.map { text -> Part in
            ("SELECT s.rowid FROM ticket_search s \(narrowing.join) WHERE ticket_search MATCH ? "
                + (seq.map { "AND s.rowid \($0.op) ? " } ?? "") + narrowing.clauses,
             [text] + bound + narrowing.arguments)
        }
        let id: Part? = exact.isEmpty ? nil
            : ("SELECT t.seq FROM ticket t WHERE (t.id = ? OR t.order_id = ?) "
                + (seq.map { "AND t.seq \($0.op) ? " } ?? "") + narrowing.clauses,
               [exact, exact] + bound + narrowing.arguments)
        return (fts, id)
    }

    /// Every ticket a search matches, uncapped, as a query of their `seq`.
    func searchMembers(_ query: QueueQuery) -> Part {
        // Without a database to widen in, nothing throws.
        guard let halves = try? Self.searchParts(query) else { return ("SELECT 0 WHERE 0", []) }
        let parts = [halves.fts, halves.exact].compactMap { $0 }
        return parts.isEmpty ? ("SELECT 0 WHERE 0", []) : (parts.map(\.sql).joined(separator: " UNION "), parts.flatMap(\.arguments))
    }

    func searchPage(_ query: QueueQuery, from cursor: QueueCursor?, direction: PageDirection, limit: Int,
                    including: Bool) throws -> [QueueRow] {
        let forward = direction == .forward
        let op = (forward ? "<" : ">") + (including ? "=" : "")
        let bound = cursor?.seq ?? (forward ? Int64.max : Int64.min)
        return try pool.read { db in
            let parts = try Self.searchParts(query, seq: (op, bound), widenIn: db)
            var seqs: [Int64] = []
            if let fts = parts.fts {
                seqs += try Int64.fetchAll(db, sql: fts.sql + " ORDER BY s.rowid \(forward ? "DESC" : "ASC") LIMIT ?",
                                           arguments: StatementArguments(fts.arguments + [limit]))
            }
            if let exact = parts.exact {
                seqs += try Int64.fetchAll(db, sql: exact.sql, arguments: StatementArguments(exact.arguments))
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
        return try pool.read { db in
            let parts = try Self.searchParts(query, seq: (">", cursor?.seq ?? Int64.min), widenIn: db)
            var seqs = Set<Int64>()
            if let fts = parts.fts {
                seqs.formUnion(try Int64.fetchAll(db, sql: fts.sql + " LIMIT ?",
                                                  arguments: StatementArguments(fts.arguments + [Self.searchCountCap])))
            }
            if let exact = parts.exact {
                seqs.formUnion(try Int64.fetchAll(db, sql: exact.sql, arguments: StatementArguments(exact.arguments)))
            }
            return min(seqs.count, Self.searchCountCap)
        }
    }
}
