import Foundation

/// An export's file, written under a hidden name beside it and put in place only once
/// complete: an export that fails, or is stopped, leaves no file cut short for a nightly job
/// (or an accountant) to take for whole. Made for its owner only: it holds customers' names
/// and contacts. A target that is not a regular file (`/dev/stdout`, a pipe) is written
/// directly.
public final class ExportFile: @unchecked Sendable {
    public let target: String
    /// Where the cases are being written: the hidden file, or the target itself.
    public let path: String
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

    /// Refuses a target that exists unless `overwrite`.
    public init(target: String, overwrite: Bool) throws(Problem) {
        self.target = target
        self.overwrite = overwrite
        var info = stat()
        let exists = stat(target, &info) == 0
        if exists, !overwrite { throw .exists(target) }
        direct = exists && (info.st_mode & S_IFMT) != S_IFREG
        if direct {
            path = target
            let fd = open(target, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .cannotWrite(target, reason: String(cString: strerror(errno))) }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            return
        }
        let url = URL(fileURLWithPath: target)
        path = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial-" + UUID().uuidString.prefix(8)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotWrite(target, reason: String(cString: strerror(errno))) }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Puts the finished file in place. Without `overwrite`, a file that appeared at the
    /// target meanwhile is left alone and `.exists` thrown (the export is discarded).
    public func commit() throws(Problem) {
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            discard()
            throw .cannotWrite(target, reason: error.localizedDescription)
        }
        guard !direct else { return }
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

    /// Removes what was written (never a target written directly).
    public func discard() {
        try? handle.close()
        if !direct { unlink(path) }
    }
}
