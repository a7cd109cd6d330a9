import GRDB
import GRDBSQLite

/// An INSERT run row after row (the demo's `BulkWriter`, an import's new tickets), its
/// values bound with SQLite's own functions.
///
/// GRDB's arguments box each value twice on the way to SQLite (an existential, then a
/// `DatabaseValue`) in an array made for each row. Binding in place (and making the search
/// rows on the generator's thread) made a 1M demo a fifth faster: 65 s where it took 81.
/// The statement is GRDB's, from its cache, and is reset after each row, so that GRDB
/// finds it as it left it.
struct BulkStatement {
    private let statement: Statement
    private let db: Database

    init(_ db: Database, _ sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds the row's values, left to right (`Values`), and runs the statement. A value
    /// SQLite refuses (a text longer than its limit) is an error, as a refused row is.
    func insert(_ bind: (inout Values) -> Void) throws {
        let handle = statement.sqliteStatement
        var values = Values(handle: handle)
        bind(&values)
        let code = values.refused == SQLITE_OK ? sqlite3_step(handle) : values.refused
        // The message is read before the reset, which may replace it.
        let message = code == SQLITE_DONE ? nil : String(cString: sqlite3_errmsg(db.sqliteConnection))
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        if let message {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// The next parameters of a statement; nil binds NULL.
    struct Values {
        let handle: SQLiteStatement
        private var index: Int32 = 0
        /// The first code other than SQLITE_OK a binding returned.
        private(set) var refused = SQLITE_OK

        init(handle: SQLiteStatement) { self.handle = handle }

        private mutating func note(_ code: Int32) {
            if refused == SQLITE_OK { refused = code }
        }

        mutating func add(_ value: String?) {
            index += 1
            guard var value else { note(sqlite3_bind_null(handle, index)); return }
            // The text's own bytes and length (it may hold NUL), copied by SQLite.
            let code = value.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    // A null pointer would bind NULL: an empty view without an address binds
                    // the empty static string's.
                    let start = chars.baseAddress
                        ?? UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
                    return sqlite3_bind_text64(handle, index, start, sqlite3_uint64(chars.count), Self.transient,
                                               UInt8(SQLITE_UTF8))
                }
            }
            note(code)
        }

        mutating func add(_ value: Int64?) {
            index += 1
            guard let value else { note(sqlite3_bind_null(handle, index)); return }
            note(sqlite3_bind_int64(handle, index, value))
        }

        mutating func add(_ value: Int?) { add(value.map(Int64.init)) }

        mutating func add(_ value: Bool) { add(Int64(value ? 1 : 0)) }

        /// SQLite's SQLITE_TRANSIENT: it copies the bytes before the call returns.
        private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }
}
