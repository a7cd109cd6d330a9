import Foundation
import GRDB

/// A view's count kept in the store beside the change stamp it was made at (`setting`,
/// `count.…`), so that a console starting on a store nobody changed since — twenty agents at
/// nine o'clock — reads nine numbers instead of walking a million index entries per view.
///
/// A count is good while the change stamp has not moved: every change to a ticket appends
/// to the audit log. Overdue moves with the clock as well: a count made at another time is
/// brought to this one by counting only the deadlines that passed in between. Follow-ups
/// due are counted up to the end of the day, which is part of the key.
struct CountCache {
    /// The setting's key; nil for a query not kept (a search).
    let key: String?
    private let query: QueueQuery

    init(_ query: QueueQuery) {
        self.query = query
        guard query.view != .search else { key = nil; return }
        var key = "count.\(query.view.rawValue)"
        if query.view == .mine { key += " agent=\(query.agent)" }
        if query.view == .followUps { key += " before=\(query.dueBefore.seconds)" }
        if !query.filter.isEmpty { key += " " + query.filter.text() }
        self.key = key
    }

    /// What is kept: the stamp, the time the count was made for (overdue), the count.
    struct Entry: Equatable {
        var stamp: Int64
        var at: Int64
        var count: Int

        var text: String { "\(stamp) \(at) \(count)" }

        init(stamp: Int64, at: Int64, count: Int) {
            self.stamp = stamp; self.at = at; self.count = count
        }

        init?(_ text: String) {
            let parts = text.split(separator: " ").compactMap { Int64($0) }
            guard parts.count == 3 else { return nil }
            stamp = parts[0]; at = parts[1]; count = Int(parts[2])
        }
    }

    /// The count for `query` from what is kept at `stamp`, nil when nothing good is kept.
    func lookup(_ db: Database, stamp: Int64) throws -> Int? {
        guard let key, let kept = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
            .flatMap(Entry.init), kept.stamp == stamp else { return nil }
        let now = query.now.seconds
        guard query.view == .overdue, kept.at != now else { return kept.count }
        // Only the deadlines between then and now: one range of the deadline index.
        var later = query
        later.now = Date(seconds: max(now, kept.at))
        let (sql, arguments) = Store.queueCountSQL(later)
        let passed = try Int.fetchOne(db, sql: sql + " AND t.due_at >= ?",
                                      arguments: arguments + [min(now, kept.at)]) ?? 0
        return now > kept.at ? kept.count + passed : kept.count - passed
    }

    func save(_ db: Database, _ entry: Entry) throws {
        guard let key else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", arguments: [key, entry.text])
    }
}
