import DeskCore
import Foundation

/// Counts queues on a thread of its own. At a million tickets a count walks an index for
/// tens of milliseconds, and the screen never waits for one: rows are drawn at once and
/// the counts fill in when they are ready.
///
/// Each `request` replaces what was asked before; the jobs of an older request that have
/// not started are dropped, and their results are never reported.
final class QueueCounter: @unchecked Sendable {
    typealias Job = CountJob

    /// A handle of its own, so that stopping a count never stops what the screen reads.
    private let store: any DeskStore
    private let interruptible: Bool
    private let work = DispatchQueue(label: "cdesk.queue-counts", qos: .userInitiated)
    private let lock = NSLock()
    private var generation = 0
    private var pending = 0
    private var results: [Job: Int] = [:]
    private var failure: String?
    /// Jobs of the last request that failed: their counts will not come.
    private var failed: Set<Job> = []

    init(store: any DeskStore) {
        if let own = try? store.independentReader() {
            self.store = own
            interruptible = true
        } else {
            self.store = store
            interruptible = false
        }
    }

    /// Counts `jobs` in order, dropping whatever an earlier request still had to do (a
    /// count under way is stopped).
    func request(_ jobs: [Job]) {
        let (mine, busy): (Int, Bool) = lock.withLock {
            generation += 1
            defer { pending = jobs.count; results = [:]; failure = nil; failed = [] }
            return (generation, pending > 0)
        }
        if busy && interruptible { store.interrupt() }
        guard !jobs.isEmpty else { return }
        let store = self.store
        work.async { [self] in
            for job in jobs {
                guard lock.withLock({ generation == mine }) else { return }
                var outcome = Result { try Self.count(job, in: store) }
                if case .failure(let error) = outcome, store.isInterruption(error) {
                    // Stopped for an earlier request's sake just as this one began: once more.
                    guard lock.withLock({ generation == mine }) else { return }
                    outcome = Result { try Self.count(job, in: store) }
                }
                lock.withLock {
                    guard generation == mine else { return }
                    pending -= 1
                    switch outcome {
                    case .success(let n): results[job] = n
                    case .failure(let error): failure = "\(error)"; failed.insert(job)
                    }
                }
            }
        }
    }

    /// Whether counts of the last request are still to come or not yet taken.
    var isBusy: Bool { lock.withLock { pending > 0 || !results.isEmpty || failure != nil } }

    /// The counts finished since the last call, and the jobs that failed with why.
    func take() -> CountBatch {
        lock.withLock {
            defer { results = [:]; failure = nil; failed = [] }
            return CountBatch(results: results, failed: failed, failure: failure)
        }
    }

    /// Blocks until the last request is done (tests; a settled screen).
    func wait() {
        work.sync {}
    }

    private static func count(_ job: Job, in store: any DeskStore) throws -> Int {
        switch job {
        case .total(let query): try store.queueCount(query)
        case .before(let query, let cursor): try store.queuePosition(query, of: cursor)
        }
    }
}
