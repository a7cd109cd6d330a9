import DeskCore
import Foundation

/// The queue: paging by keyset, views, sorts, search, and the counts made in the background.
extension ConsoleStep {
    // MARK: The queue

    var pageSize: Int { Layout.bodyRows(state.size) }

    mutating func loadQueue(from cursor: QueueCursor?, direction: PageDirection) throws {
        let q = state.queue.query
        state.queue.rows = try reader.queuePage(q, from: cursor, direction: direction, limit: pageSize)
        state.queue.topPending = nil
        if direction == .forward {
            state.queue.top = 0
            state.queue.selected = 0
        } else {
            // At the end: the position follows from the count, once it is up to date.
            let rows = state.queue.rows.count
            state.queue.top = max(0, (state.queue.count ?? 0) - rows)
            state.queue.selected = max(0, rows - 1)
            let counted = q.view == .search ? state.queue.count != nil : state.background.freshCounts.contains(q.view)
            if !counted { state.queue.topPending = (.end(rows: rows), state.queue.top) }
        }
        requestCounts()
    }

    // MARK: Counts

    /// Asks for the counts the screen lacks: the current queue's, the position of its top
    /// row when that is not known, then every view's that is not up to date.
    mutating func requestCounts() {
        let current = state.queue.query
        var jobs: [CountJob] = []
        if current.view == .search {
            if state.queue.count == nil { jobs.append(.total(current)) }
        } else if !state.background.freshCounts.contains(current.view) {
            jobs.append(.total(current))
        }
        if case .row(let cursor)? = state.queue.topPending?.anchor { jobs.append(.before(current, cursor)) }
        for view in QueueView.standard where view != current.view && !state.background.freshCounts.contains(view) {
            var query = QueueQuery(view: view, agent: state.agent, now: state.now)
            query.filter = current.filter
            jobs.append(.total(query))
        }
        // Only the latest request counts: the counter drops what an earlier one has not done.
        effects.removeAll { if case .count = $0 { true } else { false } }
        effects.append(.count(jobs))
    }

    /// Every count is to be made again (the store changed); the old ones stay on screen
    /// until the new ones come.
    mutating func countsAreStale() {
        state.background.freshCounts = []
        if state.queue.query.view == .search { state.queue.count = nil }
    }

    /// Counts came from the background: each view's on the header, the current queue's and
    /// the position of its top row on the status line.
    mutating func counted(_ batch: CountBatch) {
        if let failure = batch.failure { refuse(failure) }
        // A count that failed will not come: the estimate stays, without the `~`.
        for job in batch.failed {
            switch job {
            case .before(let query, let cursor) where query == state.queue.query:
                if state.queue.topPending?.anchor == .row(cursor) { state.queue.topPending = nil }
            case .total(let query) where query.view == state.queue.query.view:
                if case .end? = state.queue.topPending?.anchor { state.queue.topPending = nil }
            default: break
            }
        }
        let current = state.queue.query
        for (job, n) in batch.results {
            switch job {
            case .total(let query) where query.view == .search:
                if query == current { countedCurrent(n) }
            case .total(let query):
                guard query.filter == current.filter else { continue }
                state.viewCounts[query.view] = n
                state.background.freshCounts.insert(query.view)
                if query.view == current.view { countedCurrent(n) }
            case .before(let query, let cursor):
                guard query == current, let pending = state.queue.topPending, pending.anchor == .row(cursor) else { continue }
                state.queue.top = max(0, n + state.queue.top - pending.estimate)
                state.queue.topPending = nil
            }
        }
    }

    /// The current queue's count came: a position measured from the end follows from it.
    mutating func countedCurrent(_ count: Int) {
        state.queue.count = count
        guard let pending = state.queue.topPending, case .end(let rows) = pending.anchor else { return }
        state.queue.top = max(0, count - rows + state.queue.top - pending.estimate)
        state.queue.topPending = nil
    }

    /// Re-reads the window from its top row, keeping the selected ticket selected. With
    /// `markingChanges` (a change from elsewhere), rows whose version moved are marked.
    mutating func reloadQueue(markingChanges: Bool = false) throws {
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
        var rows = try reader.queuePage(q, from: anchor, direction: .forward, limit: pageSize, including: true)
        if rows.count < pageSize, let first = rows.first ?? state.queue.rows.first {
            // Near the end: fill the window from above.
            let above = try reader.queuePage(q, from: first.cursor, direction: .backward, limit: pageSize - rows.count)
            rows = above + rows
        }
        let shift = rows.firstIndex { $0.seq == state.queue.rows.first?.seq } ?? 0
        state.queue.rows = rows
        state.queue.top = max(0, state.queue.top - shift)
        state.queue.topPending = rows.first.map { (.row($0.cursor), state.queue.top) }
        state.queue.selected = rows.firstIndex { $0.seq == selectedSeq } ?? min(selectedIndex, max(0, rows.count - 1))
        requestCounts()
    }

    mutating func moveDown() throws {
        var queue = state.queue
        defer { state.queue = queue }
        if queue.selected + 1 < queue.rows.count { queue.selected += 1; return }
        guard let last = queue.rows.last,
              let next = try reader.queuePage(queue.query, from: last.cursor, direction: .forward, limit: 1).first else { return }
        queue.rows.append(next)
        if queue.rows.count > pageSize { queue.rows.removeFirst(); queue.top += 1 }
        queue.selected = queue.rows.count - 1
    }

    mutating func moveUp() throws {
        var queue = state.queue
        defer { state.queue = queue }
        if queue.selected > 0 { queue.selected -= 1; return }
        guard let first = queue.rows.first,
              let previous = try reader.queuePage(queue.query, from: first.cursor, direction: .backward, limit: 1).first else { return }
        queue.rows.insert(previous, at: 0)
        queue.top = max(0, queue.top - 1)
        if queue.rows.count > pageSize { queue.rows.removeLast() }
        queue.selected = 0
    }

    mutating func pageDown() throws {
        var queue = state.queue
        defer { state.queue = queue }
        guard let last = queue.rows.last else { return }
        let more = try reader.queuePage(queue.query, from: last.cursor, direction: .forward, limit: pageSize)
        if more.isEmpty { queue.selected = queue.rows.count - 1; return }
        let all = queue.rows + more
        let dropped = max(0, all.count - pageSize)
        queue.rows = Array(all.suffix(pageSize))
        queue.top += dropped
        queue.selected = min(queue.selected, queue.rows.count - 1)
    }

    mutating func pageUp() throws {
        var queue = state.queue
        defer { state.queue = queue }
        guard let first = queue.rows.first else { return }
        let before = try reader.queuePage(queue.query, from: first.cursor, direction: .backward, limit: pageSize)
        if before.isEmpty { queue.selected = 0; return }
        queue.rows = Array((before + queue.rows).prefix(pageSize))
        queue.top = max(0, queue.top - before.count)
        queue.selected = min(queue.selected, queue.rows.count - 1)
    }

    mutating func switchView(by step: Int) throws {
        let views = QueueView.standard
        let index = views.firstIndex(of: state.queue.query.view) ?? 0
        try show(views[(index + step + views.count) % views.count])
    }

    mutating func show(_ view: QueueView, text: String = "") throws {
        // A filter narrows every view until it is cleared.
        var query = QueueQuery(view: view, agent: state.agent, now: state.now, text: text)
        query.filter = state.queue.query.filter
        try showQueue(query)
    }

    /// Shows the first page of `query`, with its count when one was made.
    mutating func showQueue(_ query: QueueQuery) throws {
        if query.filter != state.queue.query.filter {
            state.viewCounts = [:]
            state.background.freshCounts = []
        }
        state.queue = QueueState(query: query)
        if query.view != .search { state.queue.count = state.viewCounts[query.view] }
        try loadQueue(from: nil, direction: .forward)
    }

    mutating func cycleSort() throws {
        let sorts = state.queue.query.view.sorts
        let index = sorts.firstIndex(of: state.queue.query.sort) ?? 0
        state.queue.query.sort = sorts[(index + 1) % sorts.count]
        try loadQueue(from: nil, direction: .forward)
    }

    /// Shows the results for what is typed so far (the run loop asks once typing pauses).
    mutating func runPendingSearch() throws {
        guard state.searchPending, let prompt = state.prompt, case .search(let previous) = prompt.purpose else { return }
        state.searchPending = false
        if prompt.text.trimmingCharacters(in: .whitespaces).isEmpty {
            try showQueue(previous)
        } else {
            var query = QueueQuery(view: .search, agent: state.agent, now: state.now, text: prompt.text)
            query.filter = previous.filter
            try showQueue(query)
        }
    }
}
