import ArgumentParser
import DeskCore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export resolved cases, one row per ticket, as CSV or JSON Lines.",
        discussion: "Columns: \(ExportCase.columns.joined(separator: ","))"
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "csv or jsonl (default: from --output's extension, else csv).")
    var format: ExchangeFormat?

    @Option(help: ArgumentHelp("Cases resolved at or after this date or time (ISO 8601).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Cases resolved before this date or time (ISO 8601, exclusive).", valueName: "date"))
    var until: String?

    @Option(help: ArgumentHelp("Write to this file instead of standard output (\"-\" is standard output).", valueName: "file"))
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    @Flag(help: "Mask e-mail addresses and phone numbers.")
    var redact = false

    func run() throws {
        let output = output == "-" ? nil : output
        try reportingUserErrors {
            let (since, until) = try parsePeriod(since, until)
            let filter = ExportFilter(since: since, until: until, redact: redact)
            let format = format ?? output.flatMap(ExchangeFormat.implied(by:)) ?? .csv
            let store = try storeOptions.open(mustExist: true)
            if let output, Self.sameFile(output, asStore: store.path) {
                throw UserError("\(output) is the store itself; name another file")
            }
            let file = try output.map { try PartialFile(target: $0, overwrite: force) }
            let started = Date()
            let count: Int
            do {
                count = try store.exportCases(filter, format: format, to: file?.handle ?? FileHandle.standardOutput)
                try file?.commit()
            } catch {
                // A file cut short is worse than none.
                file?.discard()
                if let error = error as? StoreError { throw error }
                if let error = error as? UserError { throw error }
                throw UserError("cannot write \(output ?? "standard output"): \(error.localizedDescription)")
            }
            if let output {
                let seconds = Date().timeIntervalSince(started)
                let rate = seconds > 0 ? Int(Double(count) / seconds) : count
                FileHandle.standardError.write(Data("exported \(count) cases to \(output) in \(String(format: "%.2f", seconds)) s (\(rate) rows/s)\n".utf8))
            }
        }
    }

}

/// An export's file, written under a hidden name beside it and renamed into place once
/// complete: an export that fails, or is stopped with Ctrl-C, leaves no file cut short for a
/// nightly job to take for whole. Made for its owner only (customers' names and contacts).
final class PartialFile {
    let target: String
    let path: String
    let handle: FileHandle

    init(target: String, overwrite: Bool) throws {
        if FileManager.default.fileExists(atPath: target), !overwrite {
            throw UserError("\(target) exists; say --force to overwrite it")
        }
        let url = URL(fileURLWithPath: target)
        path = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial-\(getpid())"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw UserError("cannot write \(target): \(String(cString: strerror(errno)))") }
        self.target = target
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        Self.removeOnInterrupt(path)
    }

    /// Puts the finished file in place (over an old one only when that was allowed).
    func commit() throws {
        try handle.synchronize()
        try handle.close()
        guard rename(path, target) == 0 else {
            throw UserError("cannot write \(target): \(String(cString: strerror(errno)))")
        }
        Self.removeOnInterrupt(nil)
    }

    func discard() {
        try? handle.close()
        unlink(path)
        Self.removeOnInterrupt(nil)
    }

    /// The partial file a signal handler removes before the process ends (as C text: the
    /// handler may only call async-signal-safe functions).
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?

    private static func removeOnInterrupt(_ path: String?) {
        let old = pending
        pending = path.map { strdup($0) }
        free(old)
        guard path != nil else { return }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { number in
                if let pending = PartialFile.pending { unlink(pending) }
                _exit(128 + number)
            }
        }
    }
}

extension ExportCommand {
    /// Whether `path` is the store's file (or its WAL or shared-memory file), by inode where
    /// it exists: `--force` must never turn the store into a CSV.
    static func sameFile(_ path: String, asStore store: String) -> Bool {
        [store, store + "-wal", store + "-shm"].contains { candidate in
            var a = stat(), b = stat()
            if stat(path, &a) == 0, stat(candidate, &b) == 0 { return a.st_dev == b.st_dev && a.st_ino == b.st_ino }
            return URL(fileURLWithPath: path).standardizedFileURL.path == URL(fileURLWithPath: candidate).standardizedFileURL.path
        }
    }
}

/// `--since` and `--until`, the first before the second when both are given.
func parsePeriod(_ since: String?, _ until: String?) throws -> (Date?, Date?) {
    let start = try parseDate(since, option: "--since"), end = try parseDate(until, option: "--until")
    if let start, let end, start >= end {
        throw UserError("--since \(since ?? "") is not before --until \(until ?? ""): the period is empty")
    }
    return (start, end)
}

func parseDate(_ text: String?, option: String) throws -> Date? {
    guard let text else { return nil }
    guard let seconds = ISODate.seconds(text) else {
        throw UserError("\(option): bad date '\(text)' (expected ISO 8601, e.g. 2024-03-01 or 2024-03-01T14:05:00Z)")
    }
    return Date(timeIntervalSince1970: TimeInterval(seconds))
}
