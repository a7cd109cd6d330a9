import GRDB

/// What went wrong with the store, in words an agent can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotCreateFolder(path: String, reason: String)
    case cannotOpen(path: String, reason: String)
    /// The store was written by a newer cdesk: it has schema changes this one does not know.
    case newerStore(path: String)
    case notFound(what: String, id: String)
    /// Another agent changed the ticket since it was read.
    case conflict(ticketID: String, by: String, what: String)
    case invalid(String)
    /// A change to a store this user may only read (the path when it is known).
    case readOnly(path: String?)
    /// Another process kept the store locked for longer than a write waits; `tries` writes
    /// were tried.
    case busy(tries: Int)
    /// The file is not a whole SQLite database (damaged, or not a store at all).
    case damaged
    /// The disk the store is on is full.
    case diskFull
    /// The operating system could not read or write the file.
    case unreadable
    /// Any other failure of the database, by its result code.
    case failed(code: Int32)

    public var description: String {
        switch self {
        case let .cannotCreateFolder(path, reason): "cannot create the store folder \(path): \(reason)"
        case let .cannotOpen(path, reason): "cannot open the store \(path): \(reason)"
        case let .newerStore(path):
            "the store \(path) was written by a newer cdesk (its schema has changes this one does not know); use that version"
        case let .notFound(what, id): "no \(what) \(id)"
        case let .conflict(ticketID, by, what): "ticket \(ticketID) was changed by \(by) meanwhile (\(what)); reloaded"
        case let .invalid(reason): reason
        case let .readOnly(path):
            "the store\(path.map { " " + $0 } ?? "") is read-only for you (no permission to write it or its folder): "
                + "reports, exports and import --dry-run work; changes need someone who may write it"
        case let .busy(tries):
            "the store is busy: another process kept it locked"
                + (tries > 1 ? " through \(tries) tries" : "") + "; nothing was changed, try again in a moment"
        case .damaged: "the store is damaged (its file is not a whole database); restore it from a backup"
        case .diskFull: "the disk holding the store is full; nothing was changed, free some space and try again"
        case .unreadable: "the store's file could not be read or written (an input/output error); check the disk"
        case let .failed(code): "the store could not do that (database error \(code)); nothing was changed"
        }
    }

    /// The one place a database failure becomes words: GRDB's and SQLite's errors as a
    /// `StoreError` (no SQLite text reaches a person), any other error as it is.
    public static func explaining(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        return from(error)
    }

    static func from(_ error: DatabaseError) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy(tries: 1)
        case .SQLITE_READONLY: .readOnly(path: nil)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: .damaged
        case .SQLITE_FULL: .diskFull
        case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: .unreadable
        default: .failed(code: error.resultCode.rawValue)
        }
    }

    /// Whether `error` says the store was busy (a write may be tried again).
    public static func isBusy(_ error: any Error) -> Bool {
        if case .busy? = error as? StoreError { return true }
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }
}
