import DeskCore
import Foundation

/// The console's behaviour: a key becomes an action through the keymap; an action changes
/// the state and the store, and never draws. `render()` turns the state into a frame.
public final class Console {
    public private(set) var state: ConsoleState
    public let keymap: Keymap
    let store: Store
    private var lastStamp: Int64 = 0
    private let counter: QueueCounter
    /// The export running in the background, if any.
    private var exportJob: ExportJob?
    /// Views whose count in `state.viewCounts` is up to date with the store and the clock.
    private var freshCounts: Set<QueueView> = []
    /// This session's own changes, newest last, each with how to take it back.
    private var undoStack: [Undo] = []
    /// The version each ticket had after this session's last change to it: an undo is
    /// refused, like any change, if someone else changed the ticket since.
    private var ownVersion: [String: Int] = [:]

    private func remember(_ undo: Undo, version: Int) {
        undoStack.append(undo)
        ownVersion[undo.ticketID] = version
    }

    enum Undo {
        case compensations(ticketID: String, ids: [Int64], label: String)
        case resolve(ticketID: String, previous: TicketStatus)
        case take(ticketID: String, previous: String?)
        case fault(ticketID: String, previous: Fault)
        case reopen(ticketID: String, resolution: Resolution, satisfaction: Int?)

        var ticketID: String {
            switch self {
            case let .compensations(id, _, _), let .resolve(id, _), let .take(id, _), let .fault(id, _), let .reopen(id, _, _): id
            }
        }
    }

    public let policy: CompensationPolicy
    public let playbook: Playbook

    public init(store: Store, keymap: Keymap, agent: String, size: Size, now: Date = Date(),
                policy: CompensationPolicy = .standard, playbook: Playbook = .standard) {
        self.store = store
        self.counter = QueueCounter(store: store)
        self.policy = policy
        self.playbook = playbook
        self.keymap = keymap
        let name = URL(fileURLWithPath: store.path).lastPathComponent
        state = ConsoleState(size: size, agent: agent, storeName: name, now: now)
    }

    /// Reads the first page of the queue.
    public func start() {
        lastStamp = (try? store.changeStamp()) ?? 0
        attempt { try loadQueue(from: nil, direction: .forward) }
    }

    public func render() -> Grid { Renderer.render(state, keymap: keymap) }

    // MARK: Keys

    public func handle(_ key: Key) {
        if key == .resize { return }
        if state.showingHelp {
            state.showingHelp = false
            return
        }
        state.message = nil
        let keys = state.pendingKeys + [key]
        switch keymap.lookup(keys, in: state.context) {
        case .action(let action):
            state.pendingKeys = []
            perform(action)
        case .prefix:
            state.pendingKeys = keys
        case .none:
            state.pendingKeys = []
            if keys.count > 1 { return handle(key) }
            if state.prompt != nil {
                // Unbound printable keys are typed into the prompt.
                if case .char(let c) = key { state.prompt?.text.append(c); promptEdited() }
                return
            }
            state.message = StatusMessage(L10n.unboundKey(key.name, help: keymap.keys(for: .help, in: state.context).first?.map(\.name).joined() ?? "?"))
        }
    }

    public func perform(_ action: Action) {
        if action.info.needs == .selectedTicket, state.page == .queue, state.queue.selectedRow == nil {
            state.message = StatusMessage(L10n.noTicketSelected, isError: true)
            return
        }
        if let view = action.queueView, state.page == .queue {
            return show(view)
        }
        switch (state.page, action) {
        case (_, .quit): state.wantsQuit = true
        case (_, .help): state.showingHelp = true
        case (.queue, .moveDown): attempt { try moveDown() }
        case (.queue, .moveUp): attempt { try moveUp() }
        case (.queue, .pageDown): attempt { try pageDown() }
        case (.queue, .pageUp): attempt { try pageUp() }
        case (.queue, .moveFirst): attempt { try loadQueue(from: nil, direction: .forward) }
        case (.queue, .moveLast): attempt { try loadQueue(from: nil, direction: .backward) }
        case (.queue, .openTicket): attempt { try openSelected() }
        case (.queue, .viewNext): switchView(by: 1)
        case (.queue, .sortNext): cycleSort()
        case (.queue, .viewPrevious): switchView(by: -1)
        case (.ticket, .back): state.page = .queue; state.ticket = nil
        case (.report, .back): state.page = .queue; state.report = nil
        case (.report, .moveDown): scrollReport(by: 1)
        case (.report, .moveUp): scrollReport(by: -1)
        case (.report, .pageDown): scrollReport(by: Layout.bodyRows(state.size) - 1)
        case (.report, .pageUp): scrollReport(by: -(Layout.bodyRows(state.size) - 1))
        case (.queue, .showReport): attempt { state.report = try store.report(); state.reportScroll = 0; state.page = .report }
        case (.queue, .filter):
            state.prompt = PromptState(purpose: .filter, label: L10n.filterPrompt, text: state.queue.query.filter.text,
                                       ticketID: "", version: 0)
        case (.queue, .exportCases):
            state.prompt = PromptState(purpose: .export, label: L10n.exportPrompt(state.queue.query.view),
                                       text: "cdesk-\(state.queue.query.view.rawValue)-\(L10n.day(state.now)).csv",
                                       ticketID: "", version: 0)
        case (.ticket, .moveDown): scrollTicket(by: 1)
        case (.ticket, .moveUp): scrollTicket(by: -1)
        case (.ticket, .pageDown): scrollTicket(by: Layout.bodyRows(state.size) - 1)
        case (.ticket, .pageUp): scrollTicket(by: -(Layout.bodyRows(state.size) - 1))
        case (.ticket, .moveFirst): scrollTicket(by: Int.min / 2)
        case (.ticket, .moveLast): scrollTicket(by: Int.max / 2)
        case (_, .compensateDiscount): attempt { try ask(.compensate(.discount)) }
        case (_, .compensateFreeDelivery): attempt { try ask(.compensate(.freeDelivery)) }
        case (_, .compensateBonus): attempt { try ask(.compensate(.bonus)) }
        case (_, .compensateApology): attempt { try ask(.compensate(.apology)) }
        case (_, .takeSuggestion): attempt { try takeSuggestion() }
        case (_, .ticketResolve): attempt { try ask(.resolve) }
        case (_, .ticketTake): attempt { try takeTicket() }
        case (_, .setFault): attempt { try ask(.fault) }
        case (_, .ticketReopen): attempt { try reopenTicket() }
        case (_, .undo): attempt { try undoLast() }
        case (_, .setRecovery): attempt { try ask(.recovery) }
        case (_, .addNote): attempt { try startEditing(note: true) }
        case (_, .writeReply): attempt { try startEditing(note: false) }
        case (_, .promptAccept): attempt { try acceptPrompt() }
        case (_, .promptCancel): cancelPrompt()
        case (_, .promptErase): if state.prompt?.text.isEmpty == false { state.prompt?.text.removeLast(); promptEdited() }
        case (_, .promptClear): state.prompt?.text = ""; promptEdited()
        case (.queue, .search):
            state.prompt = PromptState(purpose: .search(previous: state.queue.query), label: L10n.searchPrompt,
                                       text: state.queue.query.view == .search ? state.queue.query.text : "",
                                       ticketID: "", version: 0)
        default: break
        }
    }

    // MARK: Outside events

    public func resize(to size: Size) {
        state.size = size
        attempt { try reloadQueue() }
    }

    /// Notices changes other processes made (another agent, an import) and refreshes what
    /// is visible. Returns whether anything changed.
    @discardableResult
    public func poll(now: Date = Date()) -> Bool {
        let minuteChanged = Int(now.timeIntervalSince1970 / 60) != Int(state.now.timeIntervalSince1970 / 60)
        state.now = now
        let view = state.queue.query.view
        if minuteChanged {
            // What is overdue or due changes with the clock, not only with the store.
            freshCounts.subtract([.overdue, .followUps])
        }
        if view == .overdue || view == .followUps {
            state.queue.query.now = now
            state.queue.query.dueBefore = QueueQuery.endOfToday(now: now)
            if minuteChanged { attempt { try reloadQueue() } }
        }
        guard let stamp = try? store.changeStamp(), stamp != lastStamp else {
            if minuteChanged { requestCounts() }
            return minuteChanged
        }
        lastStamp = stamp
        countsAreStale()
        attempt {
            try reloadQueue(markingChanges: true)
            if let id = state.ticket?.detail.ticket.id {
                if let detail = try store.ticketDetail(id: id) {
                    state.ticket?.detail = detail
                    state.ticket?.suggestion = suggestion(for: detail.ticket, tier: detail.customer.tier)
                } else {
                    state.page = .queue; state.ticket = nil
                    state.message = StatusMessage(L10n.ticketGone, isError: true)
                }
            }
        }
        return true
    }

    // MARK: The queue

    private var pageSize: Int { Layout.bodyRows(state.size) }

    private func loadQueue(from cursor: QueueCursor?, direction: PageDirection) throws {
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
    private func requestCounts() {
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
    private func countsAreStale() {
        freshCounts = []
        if state.queue.query.view == .search { state.queue.count = nil }
    }

    /// Whether counts are being made or an export runs (the run loop then looks for
    /// their results sooner).
    public var backgroundPending: Bool { counter.isBusy || exportJob != nil }

    /// Puts what background work finished since the last call on screen: counts, the end
    /// of an export. Returns whether anything came.
    @discardableResult
    public func collectBackground() -> Bool {
        let exported = collectExport()
        let (results, failure) = counter.take()
        if let failure { state.message = StatusMessage(failure, isError: true) }
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
    private func countedCurrent(_ count: Int) {
        state.queue.count = count
        guard let pending = state.queue.topPending, case .end(let rows) = pending.anchor else { return }
        state.queue.top = max(0, count - rows + state.queue.top - pending.estimate)
        state.queue.topPending = nil
    }

    /// Waits for the background work started so far and puts its results on screen.
    public func settle() {
        counter.wait()
        exportJob?.wait()
        collectBackground()
    }

    /// Re-reads the window from its top row, keeping the selected ticket selected. With
    /// `markingChanges` (a change from elsewhere), rows whose version moved are marked.
    private func reloadQueue(markingChanges: Bool = false) throws {
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

    private func moveDown() throws {
        var queue = state.queue
        defer { state.queue = queue }
        if queue.selected + 1 < queue.rows.count { queue.selected += 1; return }
        guard let last = queue.rows.last,
              let next = try store.queuePage(queue.query, from: last.cursor, direction: .forward, limit: 1).first else { return }
        queue.rows.append(next)
        if queue.rows.count > pageSize { queue.rows.removeFirst(); queue.top += 1 }
        queue.selected = queue.rows.count - 1
    }

    private func moveUp() throws {
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

    private func pageDown() throws {
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

    private func pageUp() throws {
        var queue = state.queue
        defer { state.queue = queue }
        guard let first = queue.rows.first else { return }
        let before = try store.queuePage(queue.query, from: first.cursor, direction: .backward, limit: pageSize)
        if before.isEmpty { queue.selected = 0; return }
        queue.rows = Array((before + queue.rows).prefix(pageSize))
        queue.top = max(0, queue.top - before.count)
        queue.selected = min(queue.selected, queue.rows.count - 1)
    }

    private func switchView(by step: Int) {
        let views = QueueView.standard
        let index = views.firstIndex(of: state.queue.query.view) ?? 0
        show(views[(index + step + views.count) % views.count])
    }

    private func show(_ view: QueueView, text: String = "") {
        // A filter narrows every view until it is cleared.
        var query = QueueQuery(view: view, agent: state.agent, now: state.now, text: text)
        query.filter = state.queue.query.filter
        showQueue(query)
    }

    /// Shows the first page of `query`, with its count when one was made.
    private func showQueue(_ query: QueueQuery) {
        if query.filter != state.queue.query.filter {
            state.viewCounts = [:]
            freshCounts = []
        }
        state.queue = QueueState(query: query)
        if query.view != .search { state.queue.count = state.viewCounts[query.view] }
        attempt { try loadQueue(from: nil, direction: .forward) }
    }

    private func cycleSort() {
        let sorts = state.queue.query.view.sorts
        let index = sorts.firstIndex(of: state.queue.query.sort) ?? 0
        state.queue.query.sort = sorts[(index + 1) % sorts.count]
        attempt { try loadQueue(from: nil, direction: .forward) }
    }

    // MARK: Work on a ticket

    /// The ticket an action works on, with its customer's history: the open one, else the
    /// selected row's, read once.
    private func targetDetail() throws -> TicketDetail? {
        if state.page == .ticket, let detail = state.ticket?.detail { return detail }
        guard let row = state.queue.selectedRow, var detail = try store.ticketDetail(id: row.id) else { return nil }
        // The version the agent saw drawn: a change made since is refused, not overwritten.
        detail.ticket.version = row.version
        return detail
    }

    private func ask(_ purpose: PromptState.Purpose) throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        let label: String
        var text = ""
        switch purpose {
        case .compensate(let kind):
            let limits = policy.limits[kind]
            label = L10n.Prompt.compensation(kind, ticket: ticket.id,
                                             limit: CompensationPolicy.hasValue(kind) ? limits?.agentLimit : nil)
            if CompensationPolicy.hasValue(kind), let value = limits?.defaultValue { text = String(value) }
        case .recovery:
            label = L10n.recoveryPrompt(ticket: ticket.id)
            let recovery = detail.recovery
            text = (recovery?.state ?? .contacted).rawValue + (recovery?.followUpOn.map { " " + L10n.day($0) } ?? " +7d")
        case .fault:
            label = L10n.faultPrompt(ticket: ticket.id)
            text = ticket.fault.rawValue
        case .resolve:
            label = L10n.Prompt.resolve(ticket: ticket.id)
            let given = detail.compensations.contains {
                $0.ticketID == ticket.id && $0.kind != .apology && $0.state != .revoked
            }
            text = given ? Resolution.compensated.rawValue : Resolution.explained.rawValue
        case .confirmReply, .search, .export, .filter:
            return  // asked by finishEditing or their own keys, never here
        }
        state.prompt = PromptState(purpose: purpose, label: label, text: text, ticketID: ticket.id, version: ticket.version)
    }

    private func promptEdited() {
        if case .search = state.prompt?.purpose { state.searchPending = true }
    }

    /// Shows the results for what is typed so far (the run loop calls it once typing pauses).
    public func runPendingSearch() {
        guard state.searchPending, let prompt = state.prompt, case .search(let previous) = prompt.purpose else { return }
        state.searchPending = false
        if prompt.text.trimmingCharacters(in: .whitespaces).isEmpty {
            showQueue(previous)
        } else {
            var query = QueueQuery(view: .search, agent: state.agent, now: state.now, text: prompt.text)
            query.filter = previous.filter
            showQueue(query)
        }
    }

    private func scrollReport(by lines: Int) {
        guard let report = state.report else { return }
        let maxScroll = max(0, ReportPane.lines(report, width: state.size.width).count - Layout.bodyRows(state.size))
        state.reportScroll = min(max(0, state.reportScroll.addingReportingOverflow(lines).partialValue), maxScroll)
    }

    /// Starts writing the resolved cases of the current view (with its filter, or a
    /// search's matches) to `path`, in the format its extension names; never overwrites.
    private func exportView(to path: String) {
        guard exportJob == nil else { state.message = StatusMessage(L10n.exportRunning, isError: true); return }
        guard let format = ExchangeFormat.implied(by: path) else {
            state.message = StatusMessage(L10n.exportFormat(path), isError: true); return
        }
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        let fd = open(full, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            state.message = StatusMessage(errno == EEXIST ? L10n.exportExists(full) : "\(full): \(String(cString: strerror(errno)))",
                                          isError: true)
            return
        }
        let view = state.queue.query
        exportJob = ExportJob(store: store, filter: ExportFilter(view: view), format: format,
                              handle: FileHandle(fileDescriptor: fd, closeOnDealloc: false), path: full)
        state.message = StatusMessage(L10n.exporting(view.view, to: full))
    }

    /// Says how a finished export went; an export that found no case leaves no file.
    private func collectExport() -> Bool {
        guard let job = exportJob, let outcome = job.outcome else { return false }
        exportJob = nil
        switch outcome {
        case .success(0):
            try? FileManager.default.removeItem(atPath: job.path)
            state.message = StatusMessage(L10n.nothingToExport, isError: true)
        case .success(let count):
            state.message = StatusMessage(L10n.exported(count, to: job.path))
        case .failure(let error):
            try? FileManager.default.removeItem(atPath: job.path)
            state.message = StatusMessage("\(error)", isError: true)
        }
        return true
    }

    private func cancelPrompt() {
        guard let prompt = state.prompt else { return }
        state.prompt = nil
        state.searchPending = false
        if case .search(let previous) = prompt.purpose {
            showQueue(previous)
        } else {
            state.message = StatusMessage(L10n.Prompt.cancelled)
        }
    }

    private func acceptPrompt() throws {
        guard let prompt = state.prompt else { return }
        if case .search = prompt.purpose {
            // The results stay as a temporary view.
            runPendingSearch()
            state.prompt = nil
            return
        }
        do {
            switch prompt.purpose {
            case .compensate(let kind):
                let value: Int64
                do {
                    value = try policy.check(kind, typed: prompt.text)
                } catch {
                    // The prompt stays open so the agent can correct the value.
                    state.message = StatusMessage(error.description, isError: true)
                    return
                }
                let given = try store.giveCompensation(ticketID: prompt.ticketID, expectedVersion: prompt.version,
                                                       kind: kind, value: value, agent: state.agent, at: state.now)
                state.message = StatusMessage(L10n.gave(kind, value: value, code: given.promoCode, ticket: prompt.ticketID))
                remember(.compensations(ticketID: prompt.ticketID, ids: given.id.map { [$0] } ?? [], label: kind.rawValue), version: prompt.version + 1)
                if kind == .apology {
                    // An apology is words: the reply draft opens right away.
                    state.prompt = nil
                    try afterOwnWrite()
                    if let detail = try store.ticketDetail(id: prompt.ticketID) {
                        state.editing = EditRequest(isNote: false, ticketID: prompt.ticketID, version: detail.ticket.version,
                                                    draft: ReplyTemplates.draft(for: detail))
                    }
                    return
                }
            case .search:
                break  // handled above
            case .filter:
                switch QueueFilter.parse(prompt.text) {
                case .failure(let error):
                    state.message = StatusMessage(L10n.badFilter(error.word), isError: true)
                    return
                case .success(let filter):
                    var query = state.queue.query
                    query.filter = filter
                    state.prompt = nil
                    showQueue(query)
                    return  // nothing was written
                }
            case .export:
                exportView(to: prompt.text.trimmingCharacters(in: .whitespaces))
                if state.message?.isError == false { state.prompt = nil }  // else it stays to fix the name
                return  // written in the background
            case .confirmReply(let text):
                guard prompt.text.lowercased().hasPrefix("y") else {
                    state.prompt = nil
                    state.message = StatusMessage(L10n.notSent)
                    return
                }
                let version = try store.ticketDetail(id: prompt.ticketID)?.ticket.version ?? prompt.version
                try store.addMessage(ticketID: prompt.ticketID, expectedVersion: version, body: text,
                                     isInternal: false, agent: state.agent, at: state.now)
                if ownVersion[prompt.ticketID] == version { ownVersion[prompt.ticketID] = version + 1 }
                state.message = StatusMessage(L10n.replied(prompt.ticketID))
            case .recovery:
                guard let (recovery, followUp) = Self.parseRecovery(prompt.text, now: state.now) else {
                    state.message = StatusMessage(L10n.badRecovery(prompt.text), isError: true)
                    return
                }
                try store.setRecovery(ticketID: prompt.ticketID, expectedVersion: prompt.version, state: recovery,
                                      followUpOn: followUp, agent: state.agent, at: state.now)
                state.message = StatusMessage(L10n.recoverySet(prompt.ticketID, recovery, followUp))
            case .fault:
                guard let fault = Fault(rawValue: prompt.text.trimmingCharacters(in: .whitespaces)) else {
                    state.message = StatusMessage(L10n.badFault(prompt.text), isError: true)
                    return
                }
                let previous = try store.ticketDetail(id: prompt.ticketID)?.ticket.fault ?? .unknown
                try store.setFault(ticketID: prompt.ticketID, expectedVersion: prompt.version, fault: fault, agent: state.agent, at: state.now)
                state.message = StatusMessage(L10n.faultSet(prompt.ticketID, fault))
                remember(.fault(ticketID: prompt.ticketID, previous: previous), version: prompt.version + 1)
            case .resolve:
                let words = prompt.text.split(separator: " ").map(String.init)
                guard let first = words.first, let resolution = Resolution(rawValue: first), words.count <= 2,
                      words.count == 1 || (Int(words[1]).map { (1...5).contains($0) } ?? false) else {
                    state.message = StatusMessage(L10n.badResolution(prompt.text), isError: true)
                    return
                }
                let previous = try store.ticketDetail(id: prompt.ticketID)?.ticket.status ?? .open
                try store.resolve(ticketID: prompt.ticketID, expectedVersion: prompt.version, resolution: resolution,
                                  satisfaction: words.count == 2 ? Int(words[1]) : nil, agent: state.agent, at: state.now)
                remember(.resolve(ticketID: prompt.ticketID, previous: previous), version: prompt.version + 1)
                state.message = StatusMessage(L10n.resolved(prompt.ticketID, resolution))
            }
            state.prompt = nil
            try afterOwnWrite()
        } catch let error as StoreError {
            state.prompt = nil
            try afterOwnWrite()
            state.message = StatusMessage(error.description, isError: true)
        }
    }

    func suggestion(for ticket: Ticket, tier: Tier) -> Playbook.Suggestion {
        playbook.suggest(reason: ticket.reason, fault: ticket.fault, tier: tier, policy: policy)
    }

    private func takeSuggestion() throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        let suggestion = suggestion(for: detail.ticket, tier: detail.customer.tier)
        guard !suggestion.gifts.isEmpty else {
            state.message = StatusMessage(L10n.nothingToGive)
            return
        }
        try guarded {
            let given = try store.giveCompensations(ticketID: ticket.id, expectedVersion: ticket.version,
                                                    gifts: suggestion.gifts, agent: state.agent, at: state.now)
            remember(.compensations(ticketID: ticket.id, ids: given.compactMap(\.id), label: L10n.Hint.suggestion), version: ticket.version + 1)
            state.message = StatusMessage(L10n.gaveSuggestion(given, ticket: ticket.id))
        }
    }

    private func takeTicket() throws {
        guard let ticket = try targetDetail()?.ticket else { return }
        try guarded {
            try store.take(ticketID: ticket.id, expectedVersion: ticket.version, agent: state.agent, at: state.now)
            remember(.take(ticketID: ticket.id, previous: ticket.assignee), version: ticket.version + 1)
            state.message = StatusMessage(L10n.took(ticket.id))
        }
    }

    /// "contacted", "offered +7d", "at-risk 2026-12-01": a state and an optional follow-up day.
    static func parseRecovery(_ text: String, now: Date) -> (RecoveryState, Date?)? {
        let words = text.split(separator: " ").map(String.init)
        guard (1...2).contains(words.count), let state = RecoveryState(rawValue: words[0]) else { return nil }
        guard words.count == 2 else { return (state, nil) }
        let calendar = Calendar.current
        let word = words[1]
        if word.hasPrefix("+"), word.hasSuffix("d"), let days = Int(word.dropFirst().dropLast()), (0...3650).contains(days) {
            return (state, calendar.date(byAdding: .day, value: days, to: calendar.startOfDay(for: now)))
        }
        let parts = word.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              calendar.component(.day, from: date) == parts[2] else { return nil }
        return (state, date)
    }

    private func startEditing(note: Bool) throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        state.editing = EditRequest(isNote: note, ticketID: ticket.id, version: ticket.version,
                                    draft: note ? "" : ReplyTemplates.draft(for: detail))
    }

    /// The editor is done: `text` is what was saved (nil when it failed).
    public func finishEditing(_ text: String?) {
        guard let request = state.editing else { return }
        state.editing = nil
        guard let text else { state.message = StatusMessage(L10n.editorFailed, isError: true); return }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { state.message = StatusMessage(L10n.emptyMessage); return }
        if !request.isNote, body == request.draft.trimmingCharacters(in: .whitespacesAndNewlines) {
            // The shop's rule: no robot replies. A template sent unchanged needs a yes.
            state.prompt = PromptState(purpose: .confirmReply(body), label: L10n.sendAsIs(ticket: request.ticketID),
                                       text: "", ticketID: request.ticketID, version: request.version)
            return
        }
        attempt {
            try guarded {
                // A message overwrites nothing, so another agent's change meanwhile does not
                // refuse it: the text written in the editor is never lost to a conflict.
                let version = try store.ticketDetail(id: request.ticketID)?.ticket.version ?? request.version
                try store.addMessage(ticketID: request.ticketID, expectedVersion: version, body: body,
                                     isInternal: request.isNote, agent: state.agent, at: state.now)
                if ownVersion[request.ticketID] == version { ownVersion[request.ticketID] = version + 1 }
                state.message = StatusMessage(request.isNote ? L10n.noted(request.ticketID) : L10n.replied(request.ticketID))
            }
        }
    }

    private func reopenTicket() throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        try guarded {
            let outcome = detail.outcome
            try store.reopen(ticketID: ticket.id, expectedVersion: ticket.version, agent: state.agent, at: state.now)
            if let outcome {
                remember(.reopen(ticketID: ticket.id, resolution: outcome.resolution, satisfaction: outcome.satisfaction), version: ticket.version + 1)
            }
            state.message = StatusMessage(L10n.reopened(ticket.id))
        }
    }

    /// Takes back this session's last change by recording the opposite change.
    private func undoLast() throws {
        guard let last = undoStack.popLast() else {
            state.message = StatusMessage(L10n.nothingToUndo)
            return
        }
        try guarded {
            let agent = state.agent, now = state.now
            let expected = ownVersion[last.ticketID] ?? 0
            switch last {
            case let .compensations(id, ids, label):
                try store.revokeCompensations(ids: ids, ticketID: id, expectedVersion: expected, agent: agent, at: now)
                state.message = StatusMessage(L10n.undone(label, ticket: id))
            case let .resolve(id, previous):
                try store.reopen(ticketID: id, expectedVersion: expected, to: previous, agent: agent, at: now)
                state.message = StatusMessage(L10n.undone(L10n.Undo.resolve, ticket: id))
            case let .take(id, previous):
                try store.assign(ticketID: id, expectedVersion: expected, to: previous, agent: agent, at: now)
                state.message = StatusMessage(L10n.undone(L10n.Undo.take, ticket: id))
            case let .fault(id, previous):
                try store.setFault(ticketID: id, expectedVersion: expected, fault: previous, agent: agent, at: now)
                state.message = StatusMessage(L10n.undone(L10n.Undo.fault, ticket: id))
            case let .reopen(id, resolution, satisfaction):
                try store.resolve(ticketID: id, expectedVersion: expected, resolution: resolution,
                                  satisfaction: satisfaction, agent: agent, at: now)
                state.message = StatusMessage(L10n.undone(L10n.Undo.reopen, ticket: id))
            }
            ownVersion[last.ticketID] = expected + 1
        }
    }

    /// Runs a write; whatever happens, the screen is re-read, and a refusal (a conflict, a
    /// ticket in the wrong state) is said on the status line.
    private func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
            try afterOwnWrite()
        } catch let error as StoreError {
            try afterOwnWrite()
            state.message = StatusMessage(error.description, isError: true)
        }
    }

    /// Re-reads what is on screen after a write (ours, or a refused one after a conflict).
    private func afterOwnWrite() throws {
        lastStamp = try store.changeStamp()
        countsAreStale()
        try reloadQueue()
        if let id = state.ticket?.detail.ticket.id, let detail = try store.ticketDetail(id: id) {
            state.ticket?.detail = detail
            state.ticket?.suggestion = suggestion(for: detail.ticket, tier: detail.customer.tier)
        }
    }

    // MARK: The ticket

    private func openSelected() throws {
        guard let row = state.queue.selectedRow else { return }
        state.queue.changedByOthers.remove(row.seq)
        guard let detail = try store.ticketDetail(id: row.id) else {
            state.message = StatusMessage(L10n.ticketGone, isError: true)
            return
        }
        state.ticket = TicketState(detail: detail, suggestion: suggestion(for: detail.ticket, tier: detail.customer.tier))
        state.page = .ticket
    }

    private func scrollTicket(by lines: Int) {
        guard var ticket = state.ticket else { return }
        let maxScroll = max(0, TicketPane.lineCount(ticket.detail, size: state.size, now: state.now) - Layout.bodyRows(state.size))
        ticket.scroll = min(max(0, ticket.scroll.addingReportingOverflow(lines).partialValue), maxScroll)
        state.ticket = ticket
    }

    /// Runs a store operation; a failure becomes a message on the status line, never a crash.
    private func attempt(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            state.message = StatusMessage("\(error)", isError: true)
        }
    }
}
