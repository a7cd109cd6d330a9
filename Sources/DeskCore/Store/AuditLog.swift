import Foundation
import GRDB

/// The append-only audit log: who did what to which record, when, with the values before
/// and after. Written in the same transaction as the change it describes: every write
/// transaction of the desk adds at least one event (a split export relies on it to know two
/// read transactions see the same store).
enum AuditLog {
    static func append(_ db: Database, agent: String, entity: String, entityID: String, action: String,
                       old: [String: String]?, new: [String: String]?, at: Date = Date()) throws {
        try db.execute(sql: """
            INSERT INTO event (at, agent, entity, entity_id, action, old_value, new_value) VALUES (?,?,?,?,?,?,?)
            """, arguments: [at.seconds, agent, entity, entityID, action, json(old), json(new)])
    }

    private static func json(_ values: [String: String]?) -> String? {
        guard let values else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(values)).flatMap { String(data: $0, encoding: .utf8) }
    }
}
