import Foundation
import GRDB

/// The SQLite store as a `DeskStore`: what of it is a file stays here.
extension Store: DeskStore {
    /// The file's name.
    public var displayName: String { URL(fileURLWithPath: path).lastPathComponent }

    /// Whether `other` is the store's file or its WAL or shared-memory file, by inode where
    /// it exists, else by path.
    public func isStore(_ other: String) -> Bool {
        [path, path + "-wal", path + "-shm"].contains { candidate in
            var a = stat(), b = stat()
            if stat(other, &a) == 0, stat(candidate, &b) == 0 { return a.st_dev == b.st_dev && a.st_ino == b.st_ino }
            return URL(fileURLWithPath: other).standardizedFileURL.path == URL(fileURLWithPath: candidate).standardizedFileURL.path
        }
    }

    /// A handle of its own on the same file: its reads run beside this one's, and an
    /// interruption stops only them.
    /// Its writes (the counts it keeps, `CountCache`) give up at once while another process
    /// writes, so that a count never waits behind an import.
    public func independentReader() throws -> any DeskStore { try Store(path: path, waiting: 0.2, readOnly: isReadOnly) }

    public func isInterruption(_ error: any Error) -> Bool { Self.isInterruption(error) }
}

extension Store {
    /// Holds the write lock for `seconds` (tests of waiting writers); `locked` runs once it is held.
    func holdWriteLock(seconds: TimeInterval, locked: () -> Void) throws {
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                locked()
                Thread.sleep(forTimeInterval: seconds)
                return .rollback
            }
        }
    }
}

extension Store {
    public var quarantineFolder: String {
        let folder = (path as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/quarantine"
    }

    public func isBusy(_ error: any Error) -> Bool { Self.isBusy(error) }
}
