import Foundation

/// A hand-over between two threads that holds at most `capacity` elements: `put` waits for
/// room, `take` for an element. The producer says `finish()` at its end; the consumer says
/// `cancel()` when it stops early, and a waiting or later `put` then returns false. The one
/// queue of the core (the demo's batches, an import's parsed rows), on one lock.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var elements: [Element] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room; false once the consumer has gone (the element is dropped).
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while elements.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        elements.append(element)
        condition.broadcast()
        return true
    }

    /// The next element, nil once the producer has finished and all were taken.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while elements.isEmpty && !finished { condition.wait() }
        guard !elements.isEmpty else { return nil }
        condition.broadcast()
        // The queue is short (a few elements): taking from the front costs nothing.
        return elements.removeFirst()
    }

    /// The producer is done: `take` returns nil once the queue is empty.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops: a waiting or later `put` returns false.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
