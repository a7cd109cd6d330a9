import Foundation

/// Where a new demo store is built: in a hidden file beside its target, renamed into place
/// once it is whole. A demo killed half way leaves no half store where the console, a
/// report or the next demo would take it for a real one; the next demo to the same target
/// removes the hidden file it left.
public enum DemoFile {
    /// Builds a new store at `path` (which must not exist yet): `fill` fills it in the hidden
    /// file, which is then closed and linked into place.
    public static func build(at path: String, fill: (Store) throws -> Void) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent().path
        let prefix = "." + target.lastPathComponent + ".demo-"
        removeStale(in: folder, prefix: prefix)
        let hidden = folder + "/" + prefix + String(getpid()) + ".partial"
        removeFiles(of: hidden)
        do {
            let store = try Store(path: hidden)
            try fill(store)
            try store.closeFile()
            // The emptied log and its index are not part of the store.
            unlink(hidden + "-wal")
            unlink(hidden + "-shm")
        } catch {
            removeFiles(of: hidden)
            throw error
        }
        // A hard link never replaces a store that appeared at the target meanwhile; where the
        // file system has no hard links, a rename after a last look does.
        if link(hidden, path) != 0 {
            let failure = errno
            guard failure != EEXIST, !FileManager.default.fileExists(atPath: path), rename(hidden, path) == 0 else {
                removeFiles(of: hidden)
                throw StoreError.cannotPlaceDemo(path: path, reason: failure == EEXIST ? nil : String(cString: strerror(errno)))
            }
            return
        }
        unlink(hidden)
    }

    /// The hidden files of demos to this target whose process has gone (killed half way).
    /// A demo still running keeps its own.
    static func removeStale(in folder: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".partial") {
            let pid = name.dropFirst(prefix.count).dropLast(".partial".count)
            guard let pid = pid_t(pid), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            removeFiles(of: folder + "/" + name)
        }
    }

    private static func removeFiles(of store: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(store + suffix) }
    }
}
