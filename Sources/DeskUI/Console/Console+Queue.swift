import DeskCore
import Foundation

/// The queue: paging by keyset, views, sorts, search, and the counts made in the background.
extension Console {
    // MARK: The queue

    var pageSize: Int { Layout.bodyRows(state.size) }

    func loadQueue(from cursor: QueueCursor?, direction: PageDirection) throws {
        let q = state.queue.query
        state.queue.rows = try store.queuePage(q, from: cursor, direction: direction, limit: pageSize)
        state.queue.topPending = nil
        if direction == .forward {
            state.queue.top = 0
            state.queue.selected = 0
        } else {
            // At the end: the position follows from the count, once it is up to date.
            let rows = state.queue.rows.count
            state.queue.top = max(0, (state.queue.count ?? 0) - rows)
            state.queue.selected = max(0, rows - 1)
            let counted = q.view == .search ? state.queue.count != nil : freshCounts.contains(q.view)
            if !counted { state.queue.topPending = (.end(rows: rows), state.queue.top) }
        }
        requestCounts()
    }

    // MARK: Counts

    /// Asks for the counts the screen lacks: the current queue's, the position of its top
    /// row when that is not known, then every view's that is not up to date.
    func requestCounts() {
        let current = state.queue.query
        var jobs: [QueueCounter.Job] = []
        if current.view == .search {
            if state.queue.count == nil { jobs.append(.total(current)) }
        } else if !freshCounts.contains(current.view) {
            jobs.append(.total(current))
        }
        if case .row(let cursor)? = state.queue.topPending?.anchor { jobs.append(.before(current, cursor)) }
        for view in QueueView.standard where view != current.view && !freshCounts.contains(view) {
            var query = QueueQuery(view: view, agent: state.agent, now: state.now)
            query.filter = current.filter
            jobs.append(.total(query))
        }
        counter.request(jobs)
    }

    /// Every count is to be made again (the store changed); the old ones stay on screen
    /// until the new ones come.
    func countsAreStale() {
        freshCounts = []
        if state.queue.query.view == .search { state.queue.count = nil }
    }

    /// Whether counts are being made or an export runs (the run loop then looks for
    /// their results sooner).
    public var backgroundPending: Bool { counter.isBusy || exportJob != nil || reportTask != nil }

    /// Puts what background work finished since the last call on screen: counts, the end
    /// of an export. Returns whether anything came.
    @discardableResult
    public func collectBackground() -> Bool {
        let exported = collectExport() || collectReport()
        let (results, failed, failure) = counter.take()
        if let failure { state.message = StatusMessage(failure, isError: true) }
        // A count that failed will not come: the estimate stays, without the `~`.
        for job in failed {
            switch job {
            case .before(let query, let cursor) where query == state.queue.query:
                if state.queue.topPending?.anchor == .row(cursor) { state.queue.topPending = nil }
            case .total(let query) where query.view == state.queue.query.view:
                if case .end? = state.queue.topPending?.anchor { state.queue.topPending = nil }
            default: break
            }
        }
        guard !results.isEmpty else { return exported || failure != nil }
        let current = state.queue.query
        for (job, n) in results {
            switch job {
            case .total(let query) where query.view == .search:
                if query == current { countedCurrent(n) }
            case .total(let query):
                guard query.filter == current.filter else { continue }
                state.viewCounts[query.view] = n
                freshCounts.insert(query.view)
                if query.view == current.view { countedCurrent(n) }
            case .before(let query, let cursor):
                guard query == current, let pending = state.queue.topPending, pending.anchor == .row(cursor) else { continue }
                state.queue.top = max(0, n + state.queue.top - pending.estimate)
                state.queue.topPending = nil
            }
        }
        return true
    }

    /// The current queue's count came: a position measured from the end follows from it.
    func countedCurrent(_ count: Int) {
        state.queue.count = count
        guard let pending = state.queue.topPending, case .end(let rows) = pending.anchor else { return }
        state.queue.top = max(0, count - rows + state.queue.top - pending.estimate)
        state.queue.topPending = nil
    }

    /// Waits for the background work started so far and puts its results on screen.
    public func settle() {
        counter.wait()
        exportJob?.task.wait()
        reportTask?.wait()
        collectBackground()
    }

    /// Re-reads the window from its top row, keeping the selected ticket selected. With
    /// `markingChanges` (a change from elsewhere), rows whose version moved are marked.
    func reloadQueue(markingChanges: Bool = false) throws {
        let versions = Dictionary(state.queue.rows.map { ($0.seq, $0.version) }, uniquingKeysWith: { a, _ in a })
        defer {
            if markingChanges {
                for row in state.queue.rows where versions[row.seq].map({ $0 != row.version }) ?? false {
                    state.queue.changedByOthers.insert(row.seq)
                }
            }
        }
        let q = state.queue.query
        guard let anchor = state.queue.rows.first?.cursor else {
            return try loadQueue(from: nil, direction: .forward)
        }
        let selectedSeq = state.queue.selectedRow?.seq
        let selectedIndex = state.queue.selected
        var rows = try store.queuePage(q, from: anchor, direction: .forward, limit: pageSize, including: true)
        if rows.count < pageSize, let first = rows.first ?? state.queue.rows.first {
            // Near the end: fill the window from above.
            let above = try store.queuePage(q, from: first.cursor, direction: .backward, limit: pageSize - rows.count)
            rows = above + rows
        }
        let shift = rows.firstIndex { $0.seq == state.queue.rows.first?.seq } ?? 0
        state.queue.rows = rows
        state.queue.top = max(0, state.queue.top - shift)
        state.queue.topPending = rows.first.map { (.row($0.cursor), state.queue.top) }
        state.queue.selected = rows.firstIndex { $0.seq == selectedSeq } ?? min(selectedIndex, max(0, rows.count - 1))
        requestCounts()
    }

    func moveDown() throws {
        var queue = state.queue
        defer { state.queue = queue }
        if queue.selected + 1 < queue.rows.count { queue.selected += 1; return }
        guard let last = queue.rows.last,
              let next = try store.queuePage(queue.query, from: last.cursor, direction: .forward, limit: 1).first else { return }
        queue.rows.append(next)
        if queue.rows.count > pageSize { queue.rows.removeFirst(); queue.top += 1 }
        queue.selected = queue.rows.count - 1
    }

    func moveUp() throws {
        var queue = state.queue
        defer { state.queue = queue }
        if queue.selected > 0 { queue.selected -= 1; return }
        guard let first = queue.rows.first,
              let previous = try store.queuePage(queue.query, from: first.cursor, direction: .backward, limit: 1).first else { return }
        queue.rows.insert(previous, at: 0)
        queue.top = max(0, queue.top - 1)
        if queue.rows.count > pageSize { queue.rows.removeLast() }
        queue.selected = 0
    }

    func pageDown() throws {
        var queue = state.queue
        defer { state.queue = queue }
        guard let last = queue.rows.last else { return }
        let more = try store.queuePage(queue.query, from: last.cursor, direction: .forward, limit: pageSize)
        if more.isEmpty { queue.selected = queue.rows.count - 1; return }
        let all = queue.rows + more
        let dropped = max(0, all.count - pageSize)
        queue.rows = Array(all.suffix(pageSize))
        queue.top += dropped
        queue.selected = min(queue.selected, queue.rows.count - 1)
    }

    func pageUp() throws {
        var queue = state.queue
        defer { state.queue = queue }
        guard let first = queue.rows.first else { return }
        let before = try store.queuePage(queue.query, from: first.cursor, direction: .backward, limit: pageSize)
        if before.isEmpty { queue.selected = 0; return }
        queue.rows = Array((before + queue.rows).prefix(pageSize))
        queue.top = max(0, queue.top - before.count)
        queue.selected = min(queue.selected, queue.rows.count - 1)
    }

    func switchView(by step: Int) {
        let views = QueueView.standard
        let index = views.firstIndex(of: state.queue.query.view) ?? 0
        show(views[(index + step + views.count) % views.count])
    }

    func show(_ view: QueueView, text: String = "") {
        // A filter narrows every view until it is cleared.
        var query = QueueQuery(view: view, agent: state.agent, now: state.now, text: text)
        query.filter = state.queue.query.filter
        showQueue(query)
    }

    /// Shows the first page of `query`, with its count when one was made.
    func showQueue(_ query: QueueQuery) {
        if query.filter != state.queue.query.filter {
            state.viewCounts = [:]
            freshCounts = []
        }
        state.queue = QueueState(query: query)
        if query.view != .search { state.queue.count = state.viewCounts[query.view] }
        attempt { try loadQueue(from: nil, direction: .forward) }
    }

    func cycleSort() {
        let sorts = state.queue.query.view.sorts
        let index = sorts.firstIndex(of: state.queue.query.sort) ?? 0
        state.queue.query.sort = sorts[(index + 1) % sorts.count]
        attempt { try loadQueue(from: nil, direction: .forward) }
    }
}
