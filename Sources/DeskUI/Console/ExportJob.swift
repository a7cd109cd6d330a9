import DeskCore
import Foundation

/// Writes resolved cases to a file on a thread of its own, so that the console stays
/// usable while a large export runs; the console looks at `outcome` to say how it went.
final class ExportJob: @unchecked Sendable {
    /// Where the cases go (an absolute path).
    let path: String
    private let lock = NSLock()
    private var result: Result<Int, any Error>?
    private let done = DispatchGroup()

    /// Starts writing; `handle` is the file, already created (and so not overwritten).
    init(store: Store, filter: ExportFilter, format: ExchangeFormat, handle: FileHandle, path: String) {
        self.path = path
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let outcome = Result { try store.exportCases(filter, format: format, to: handle) }
            try? handle.close()
            lock.withLock { result = outcome }
            done.leave()
        }
    }

    /// How many cases were written, or why it failed; nil while it runs.
    var outcome: Result<Int, any Error>? { lock.withLock { result } }

    /// Blocks until the export is done (tests).
    func wait() { done.wait() }
}
