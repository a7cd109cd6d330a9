import DeskCore
import Foundation

/// Work the console hands to a thread of its own so that the screen stays usable: a large
/// export, the report over a million tickets. The console looks at `outcome` to say how
/// it went.
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?
    private let done = DispatchGroup()

    init(_ work: @escaping @Sendable () throws -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let outcome = Result { try work() }
            lock.withLock { result = outcome }
            done.leave()
        }
    }

    /// The value, or why it failed; nil while the work runs.
    var outcome: Result<Value, any Error>? { lock.withLock { result } }

    /// Blocks until the work is done (tests).
    func wait() { done.wait() }

    /// Blocks until the work is done or `seconds` have passed; whether it is done.
    func wait(seconds: Double) -> Bool { done.wait(timeout: .now() + seconds) == .success }
}

/// Resolved cases being written to a file (with no name, or a hidden one, until collected).
/// The export reads through a store handle of its own, so that cancelling it interrupts
/// nothing else.
struct ExportJob {
    let file: ExportFile
    /// How many cases were written.
    let task: BackgroundTask<Int>
    private let reader: any DeskStore

    init(store: any DeskStore, filter: ExportFilter, format: ExchangeFormat, file: ExportFile) throws {
        self.file = file
        let reader = try store.independentReader()
        self.reader = reader
        task = BackgroundTask { try reader.exportCases(filter, format: format, to: file.handle) }
    }

    /// Stops the export and waits for its thread to end: after this, nothing writes to the
    /// file, and it may be closed. (An interruption stops only a statement running when it
    /// comes, so it is repeated until the thread is done.)
    func cancel() {
        while task.outcome == nil {
            reader.interrupt()
            _ = task.wait(seconds: 0.05)
        }
    }
}

extension ExportJob {
    /// Puts a finished export's file in place; one that found no case, or failed, leaves
    /// no file.
    func finish(_ outcome: Result<Int, any Error>) -> ExportOutcome {
        switch outcome {
        case .success(0):
            file.discard()
            return .empty
        case .success(let count):
            do throws(ExportFile.Problem) {
                try file.commit()
                return .written(count: count, path: file.target)
            } catch .exists(let path) {
                return .exists(path)
            } catch {
                return .failed(error)
            }
        case .failure(let error):
            file.discard()
            return .failed(error)
        }
    }
}
