import Foundation
import GRDB

/// The local store: one SQLite file in WAL mode, shared by every agent's process on the
/// host. All SQL of cdesk lives in this folder; the console and the commands use only the
/// methods below.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool
    /// Opened only to read: the user may not write the file (or its folder). Reports,
    /// exports and dry runs work; a change fails with `StoreError.readOnly`.
    public let isReadOnly: Bool

    /// Stops whatever this handle is reading or writing at its earliest opportunity: the
    /// operation fails with an interruption (see `isInterruption`).
    public func interrupt() { pool.interrupt() }

    /// Whether `error` says an operation was stopped by `interrupt()`.
    public static func isInterruption(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.isInterruptionError ?? false
    }

    /// Opens the store at `path`, creating it (folder 0700, file 0600) and migrating the schema.
    /// `upgrading` is called first when a store made by an earlier version is to be brought
    /// up to date (on a large store that takes a while).
    ///
    /// A write waits up to `waiting` seconds while another process writes (an agent's key
    /// a few seconds; a batch job, such as an import, its turn); `onWait` is called once a
    /// wait has gone on for a second, so that a terminal can say so.
    ///
    /// `readOnly` opens an existing store only to read (see `mayWrite`): nothing is created
    /// or migrated, and a store that needs bringing up to date is refused.
    public convenience init(path: String, upgrading: (() -> Void)? = nil, waiting: TimeInterval = 5,
                            onWait: (@Sendable () -> Void)? = nil, readOnly: Bool = false) throws {
        try self.init(path: path, migratingUpTo: nil, waiting: waiting, onWait: onWait, upgrading: upgrading,
                      readOnly: readOnly)
    }

    /// Whether this user may write the store at `path` (its file, and the folder where its
    /// log is kept beside it); true for a store not made yet.
    public static func mayWrite(_ path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return true }
        let folder = (path as NSString).deletingLastPathComponent
        return access(path, W_OK) == 0 && access(folder.isEmpty ? "." : folder, W_OK) == 0
    }

    /// A store whose schema stops at `migration` (tests of an upgrade start from an old store).
    init(path: String, migratingUpTo migration: String?, waiting: TimeInterval = 5, onWait: (@Sendable () -> Void)? = nil,
         upgrading: (() -> Void)? = nil, readOnly: Bool = false) throws {
        self.path = path
        isReadOnly = readOnly
        if !readOnly { try Self.prepareFile(at: path) }
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        let wait = BusyWait(limit: waiting, onWait: onWait)
        config.busyMode = .callback { tries in wait.again(tries) }
        config.label = "cdesk"
        config.prepareDatabase { db in
            for function in SearchIndex.functions { db.add(function: function) }
        }
        do {
            pool = try DatabasePool(path: readOnly ? Self.readOnlyLocation(path) : path, configuration: config)
            // A newer cdesk's store is refused before anything is written to it.
            guard try !pool.read({ db in try Schema.migrator.hasBeenSuperseded(db) }) else {
                throw StoreError.newerStore(path: path)
            }
            if readOnly {
                guard try pool.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) else {
                    throw StoreError.cannotOpen(path: path, reason: "it was written by an earlier cdesk and is read-only for you; "
                                                + "someone who may write it must open it once to bring it up to date")
                }
                return
            }
            if let upgrading, try pool.read({ db in
                let applied = try Schema.migrator.appliedMigrations(db)
                let complete = try Schema.migrator.hasCompletedMigrations(db)
                return !applied.isEmpty && !complete
            }) {
                upgrading()
            }
            if let migration {
                try Schema.migrator.migrate(pool, upTo: migration)
            } else if try !pool.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) {
                // Only a store that needs it is written to on opening: one that is up to date
                // opens while another process (an import) holds the write lock.
                try Schema.migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: "\(StoreError.from(error))")
        }
    }

    /// Where SQLite opens a store only to read. A store in WAL mode needs its shared-memory
    /// file beside it, which a user who may not write the folder cannot create: when no one
    /// has the store open (no log beside it) it is opened as immutable instead. (A writer
    /// that starts meanwhile is not seen; the report or export shows the store as it was.)
    private static func readOnlyLocation(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        guard !FileManager.default.fileExists(atPath: path + "-wal"), access(folder.isEmpty ? "." : folder, W_OK) != 0 else {
            return path
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))) ?? absolute
        return "file:" + escaped + "?immutable=1"
    }

    private static func prepareFile(at path: String) throws {
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !fm.fileExists(atPath: folder) {
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                       attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreateFolder(path: folder, reason: error.localizedDescription)
            }
        }
        if !fm.fileExists(atPath: path) {
            // Created here rather than by SQLite so that it is private from the first byte;
            // SQLite gives the -wal and -shm files the same mode.
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            guard fd >= 0 else {
                throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
            close(fd)
        }
    }

    /// Closes the store, its write-ahead log copied back into the file and removed: the file
    /// alone is then the whole store (it may be renamed). Any later use fails.
    public func closeFile() throws {
        _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try pool.close()
        let log = path + "-wal"
        if let size = (try? FileManager.default.attributesOfItem(atPath: log))?[.size] as? Int, size > 0 {
            throw StoreError.invalid("the store \(path) kept its write-ahead log \(log) when closed")
        }
    }

    /// A number that grows whenever anyone (this agent, another one, an import) changes
    /// the store: every change appends to the audit log, so its last id is the stamp.
    /// One index lookup; cheap enough to poll several times a second.
    public func changeStamp() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM event") ?? 0 }
    }
}

// MARK: - Conversions shared by the store's files

extension Date {
    init(seconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(seconds)) }
    var seconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
}

extension Row {
    func date(_ column: String) -> Date { Date(seconds: self[column]) }
    func optionalDate(_ column: String) -> Date? { (self[column] as Int64?).map(Date.init(seconds:)) }
    func value<T: RawRepresentable>(_ column: String, as: T.Type) throws -> T where T.RawValue == String {
        let raw: String = self[column]
        guard let value = T(rawValue: raw) else {
            throw StoreError.invalid("unexpected \(column) '\(raw)' in the store")
        }
        return value
    }
}

/// Waiting for another writer: SQLite calls `again` while the store is locked, with the
/// number of tries of this wait; false gives up (the write fails as busy).
private final class BusyWait: @unchecked Sendable {
    let limit: TimeInterval
    let onWait: (@Sendable () -> Void)?
    /// When this wait began, and whether it was said; under `lock`.
    private let lock = NSLock()
    private var state = (started: Date(), announced: false)

    init(limit: TimeInterval, onWait: (@Sendable () -> Void)?) {
        self.limit = limit; self.onWait = onWait
    }

    func again(_ tries: Int) -> Bool {
        let now = Date()
        let (started, announce) = lock.withLock { () -> (Date, Bool) in
            if tries == 0 { state = (now, false) }
            let announce = !state.announced && now.timeIntervalSince(state.started) >= 1
            if announce { state.announced = true }
            return (state.started, announce)
        }
        guard now.timeIntervalSince(started) < limit else { return false }
        if announce { onWait?() }
        // Short sleeps first (most waits are a key's write), then longer ones.
        usleep(tries < 20 ? 5_000 : 50_000)
        return true
    }
}
