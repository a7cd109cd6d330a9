import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import DeskCore

/// The demo's writer binds its values with SQLite's own functions (`BulkStatement`): each
/// kind of value arrives as GRDB would have written it, and a refused row is an error that
/// leaves the statement ready for the next.
@Suite struct BulkStatementTests {
    @Test func valuesArriveAsWrittenAndARefusedRowIsAnError() throws {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b TEXT, c TEXT UNIQUE, n INTEGER, f INTEGER, m INTEGER)")
            let insert = try BulkStatement(db, "INSERT INTO t (a, b, c, n, f, m) VALUES (?,?,?,?,?,?)")
            try insert.insert { row in
                row.add(""); row.add(nil as String?); row.add("a\u{0}b ёжик 👍🏽"); row.add(Int64.min); row.add(true)
                row.add(nil as Int?)
            }
            let stored = try #require(try Row.fetchOne(db, sql: """
                SELECT typeof(a), a, typeof(b), hex(c), length(CAST(c AS BLOB)), n, f, typeof(m) FROM t
                """))
            #expect(stored[0] == "text" && stored[1] == "", "an empty text is a text, not NULL")
            #expect(stored[2] == "null")
            let bytes = Array("a\u{0}b ёжик 👍🏽".utf8)
            #expect(stored[3] == bytes.map { String(format: "%02X", $0) }.joined() && stored[4] == bytes.count,
                    "every byte, NUL included")
            #expect(stored[5] == Int64.min && stored[6] == 1)
            #expect(stored[7] == "null")

            let refused = #expect(throws: DatabaseError.self) {
                try insert.insert { row in
                    row.add("x"); row.add("y"); row.add("a\u{0}b ёжик 👍🏽"); row.add(1); row.add(false); row.add(2)
                }
            }
            #expect(refused?.resultCode == .SQLITE_CONSTRAINT)
            #expect(refused?.message?.contains("UNIQUE") == true, "\(String(describing: refused))")
            try insert.insert { row in
                row.add("x"); row.add("y"); row.add("z"); row.add(1); row.add(false); row.add(2)
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 2)
        }
    }

    /// A text longer than SQLite takes is refused at its binding, not written as NULL.
    @Test func aTextTooLongForSQLiteIsAnError() throws {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT, b TEXT)")
            sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, 16)
            let insert = try BulkStatement(db, "INSERT INTO t (a, b) VALUES (?,?)")
            let refused = #expect(throws: DatabaseError.self) {
                try insert.insert { row in row.add("short"); row.add(String(repeating: "ж", count: 20)) }
            }
            #expect(refused?.resultCode == .SQLITE_TOOBIG, "\(String(describing: refused))")
            try insert.insert { row in row.add("short"); row.add("fits") }
            #expect(try String.fetchAll(db, sql: "SELECT b FROM t") == ["fits"])
        }
    }
}
