import Foundation

/// An export's file, put in place only once complete: an export that fails, or is stopped,
/// or is killed, leaves no file cut short for a nightly job (or an accountant) to take for
/// whole. Made for its owner only: it holds customers' names and contacts. A target that is
/// not a regular file (`/dev/stdout`, a pipe) is written directly.
///
/// Where the file system allows (Linux's `O_TMPFILE`), the file is written with no name at
/// all and linked into place at the end: a `kill -9` leaves nothing. Elsewhere it is written
/// under a hidden name beside the target that carries the writer's process id, and every
/// export to that folder first removes such files whose writer has gone.
public final class ExportFile: @unchecked Sendable {
    public let target: String
    /// Where the cases are being written, for a writer that opens the file by name (the
    /// workbook): the hidden file, the unnamed file through `/proc`, or the target itself.
    public let path: String
    /// The hidden name the file has while it is written; nil when it has none (unnamed, or
    /// written directly).
    public let hiddenName: String?
    public let handle: FileHandle
    private let overwrite: Bool
    private let direct: Bool

    public enum Problem: Error, CustomStringConvertible {
        case exists(String)
        case cannotWrite(String, reason: String)

        public var description: String {
            switch self {
            case let .exists(path): "\(path) exists"
            case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
            }
        }
    }

    /// Refuses a target that exists unless `overwrite`. `unnamed: false` always uses a hidden
    /// named file (tests of the fallback).
    public init(target: String, overwrite: Bool, unnamed: Bool = true) throws(Problem) {
        self.target = target
        self.overwrite = overwrite
        var info = stat()
        let exists = stat(target, &info) == 0
        if exists, !overwrite { throw .exists(target) }
        direct = exists && (info.st_mode & S_IFMT) != S_IFREG
        if direct {
            path = target
            hiddenName = nil
            let fd = open(target, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .cannotWrite(target, reason: String(cString: strerror(errno))) }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            return
        }
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".partial-"
        if unnamed {
            let fd = open(folder, Self.tmpfile | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 {
                path = "/proc/self/fd/\(fd)"
                hiddenName = nil
                handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
                return
            }
        }
        Self.removeStale(in: folder, prefix: prefix)
        let hidden = folder + "/" + prefix + "\(getpid())-" + UUID().uuidString.prefix(8)
        let fd = open(hidden, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotWrite(target, reason: String(cString: strerror(errno))) }
        path = hidden
        hiddenName = hidden
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`; Swift does not import the macro).
    private static let tmpfile: Int32 = 0o20000000 | O_DIRECTORY

    /// Hidden files of exports to this target whose writer has gone: `PREFIX<pid>-<8 hex>`
    /// whose process no longer runs, and the older form `PREFIX<8 hex>` a day old.
    static func removeStale(in folder: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let parts = rest.split(separator: "-")
            let stale: Bool
            if parts.count == 2, let pid = pid_t(parts[0]), parts[1].count == 8 {
                stale = pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            } else if parts.count == 1, rest.count == 8, rest.allSatisfy(\.isHexDigit) {
                var info = stat()
                stale = stat(folder + "/" + name, &info) == 0 && time(nil) - info.st_mtim.tv_sec > 86_400
            } else {
                stale = false
            }
            if stale { unlink(folder + "/" + name) }
        }
    }

    /// Puts the finished file in place. Without `overwrite`, a file that appeared at the
    /// target meanwhile is left alone and `.exists` thrown (the export is discarded).
    public func commit() throws(Problem) {
        do {
            try handle.synchronize()
        } catch {
            discard()
            throw .cannotWrite(target, reason: error.localizedDescription)
        }
        guard !direct else { try? handle.close(); return }
        if hiddenName == nil {
            try linkUnnamed()
            return
        }
        try? handle.close()
        if overwrite {
            guard rename(path, target) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw .cannotWrite(target, reason: reason)
            }
            return
        }
        // link() never replaces a file: a target made since the start stays as it is.
        let linked = link(path, target) == 0
        let failure = errno
        unlink(path)
        guard linked else { throw failure == EEXIST ? .exists(target) : .cannotWrite(target, reason: String(cString: strerror(failure))) }
    }

    /// Gives the unnamed file its name. Over an existing target (`overwrite`) it gets a hidden
    /// name first and is renamed over it, whole.
    private func linkUnnamed() throws(Problem) {
        defer { try? handle.close() }
        func linked(to name: String) -> Bool {
            linkat(AT_FDCWD, path, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0
        }
        if linked(to: target) { return }
        let failure = errno
        guard failure == EEXIST, overwrite else {
            throw failure == EEXIST ? .exists(target) : .cannotWrite(target, reason: String(cString: strerror(failure)))
        }
        let url = URL(fileURLWithPath: target)
        let hidden = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial-\(getpid())-"
            + UUID().uuidString.prefix(8)
        guard linked(to: hidden) else { throw .cannotWrite(target, reason: String(cString: strerror(errno))) }
        guard rename(hidden, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(hidden)
            throw .cannotWrite(target, reason: reason)
        }
    }

    /// Removes what was written (never a target written directly; an unnamed file goes
    /// with its handle).
    public func discard() {
        try? handle.close()
        if let hiddenName { unlink(hiddenName) }
    }
}
