import DeskCore
import Foundation

/// What the console's behaviour depends on besides its state: the keymap, the shop's
/// policy and settings, and a way to read the queue and tickets.
public struct ConsoleEnvironment {
    public var keymap: Keymap
    public var policy: CompensationPolicy
    public var playbook: Playbook
    public var settings: ConsoleSettings
    /// Reads pages and tickets while an event is handled. Reads are answers, not effects:
    /// paging must draw at once. Tests give an in-memory reader.
    public var reader: any QueueReading

    public init(keymap: Keymap, policy: CompensationPolicy = .standard, playbook: Playbook = .standard,
                settings: ConsoleSettings = ConsoleSettings(), reader: any QueueReading) {
        self.keymap = keymap; self.policy = policy; self.playbook = playbook; self.settings = settings
        self.reader = reader
    }
}

/// The console's behaviour as a function: `update(state, event)` gives the next state and
/// the effects to run (store writes, work in the background). It never writes to the store,
/// starts a thread or draws; `Console` runs the effects and feeds their results back.
///
/// The extensions split it by concern: the queue and its counts, prompts, work on a ticket
/// (writes and their results), undo, background work.
public struct ConsoleStep {
    public internal(set) var state: ConsoleState
    let env: ConsoleEnvironment
    public internal(set) var effects: [ConsoleEffect] = []

    var keymap: Keymap { env.keymap }
    var policy: CompensationPolicy { env.policy }
    var settings: ConsoleSettings { env.settings }
    var reader: any QueueReading { env.reader }
    /// Every string shown, in the console's language.
    var t: L10n { state.text }

    public static func update(_ state: inout ConsoleState, _ event: ConsoleEvent, in env: ConsoleEnvironment) -> [ConsoleEffect] {
        var step = ConsoleStep(state: state, env: env)
        step.apply(event)
        state = step.state
        return step.effects
    }

    mutating func apply(_ event: ConsoleEvent) {
        let message = state.message
        defer {
            // A new message is timed from the next tick.
            if state.message != message { state.messageShownAt = nil }
            findMatches()
        }
        // The one way a failure reaches the status line: whatever an event's handling throws
        // (a store that is busy, a read that failed) is said there, never a crash.
        do {
            switch event {
            case .key(let key): try handle(key)
            case .action(let action): try perform(action)
            case .resized(let size):
                state.size = size
                try reloadQueue()
            case let .tick(now, stamp): try tick(now: now, stamp: stamp)
            case .searchPaused: try runPendingSearch()
            case .counted(let batch): counted(batch)
            case .exportStarted(let result): exportStarted(result)
            case .exportFinished(let outcome): exportFinished(outcome)
            case .reportFinished(let result): reportFinished(result)
            case .editorClosed(let text): finishEditing(text)
            case .mailSent(let result): try mailSent(result)
            case .attachmentSaved(.success(let path)): say(t.savedAttachment(path))
            case .attachmentSaved(.failure(let error)): fail(error)
            case let .wrote(write, result, stamp): try wrote(write, result, stamp: stamp)
            }
        } catch {
            fail(error)
        }
    }

    /// Says on the status line why something failed, as the error describes itself.
    mutating func fail(_ error: any Error) {
        state.message = StatusMessage(t.describe(error), isError: true)
    }

    mutating func say(_ text: String) { state.message = StatusMessage(text) }
    mutating func refuse(_ text: String) { state.message = StatusMessage(text, isError: true) }

    // MARK: Keys

    mutating func handle(_ key: Key) throws {
        if key == .resize { return }
        if state.showingHelp {
            // The help scrolls with the moving keys of its screen; any other key closes it.
            let step: Int? = switch keymap.lookup([key], in: state.helpContext) {
            case .action(.moveDown): 1
            case .action(.moveUp): -1
            case .action(.pageDown): HelpOverlay.rows(state.size) - 1
            case .action(.pageUp): -(HelpOverlay.rows(state.size) - 1)
            default: nil
            }
            guard let step else { state.showingHelp = false; return }
            state.helpScroll = min(max(0, state.helpScroll + step), HelpOverlay.maxScroll(state, keymap: keymap))
            return
        }
        state.message = nil
        let keys = state.pendingKeys + [key]
        switch keymap.lookup(keys, in: state.context) {
        case .action(let action):
            state.pendingKeys = []
            try perform(action)
        case .prefix:
            state.pendingKeys = keys
        case .none:
            state.pendingKeys = []
            if keys.count > 1 { return try handle(key) }
            if state.prompt != nil {
                // Unbound printable keys are typed into the prompt.
                if case .char(let c) = key { try typeIntoPrompt(c) }
                return
            }
            say(t.unboundKey(key.name, help: keymap.keys(for: .help, in: state.context).first?.map(\.name).joined() ?? "?"))
        }
    }

    /// Does what `action` means on this screen. Every action has its handler here (the
    /// switch has no default); what it needs is checked first, from the action table, and
    /// the status line says what is missing.
    mutating func perform(_ action: Action) throws {
        guard action.applies(in: state.context) else { return refuse(t.notOnThisScreen(action.rawValue)) }
        if let unmet = state.unmet(action, keymap: keymap) { return refuse(unmet) }
        let page = Layout.bodyRows(state.size) - 1
        switch action {
        case .quit: state.wantsQuit = true
        case .help:
            state.helpContext = state.context
            state.helpScroll = 0
            state.showingHelp = true
        case .moveDown: try move(by: 1)
        case .moveUp: try move(by: -1)
        case .pageDown: try move(by: page)
        case .pageUp: try move(by: -page)
        case .moveFirst: try move(by: Int.min / 2)
        case .moveLast: try move(by: Int.max / 2)
        case .openTicket: try openSelected()
        case .viewOpen, .viewMine, .viewUnassigned, .viewOverdue, .viewWaiting, .viewFollowUps, .viewVIP, .viewResolved, .viewAll,
             .viewRequests:
            if let view = action.queueView { try show(view) }
        case .approveRequest: try decideRequest(approve: true)
        case .declineRequest: try decideRequest(approve: false)
        case .viewNext: try switchView(by: 1)
        case .viewPrevious: try switchView(by: -1)
        case .sortNext: try cycleSort()
        case .search:
            state.prompt = PromptState(purpose: .search(previous: state.queue.query), label: t.searchPrompt,
                                       text: state.queue.query.view == .search ? state.queue.query.text : "",
                                       ticketID: "", version: 0)
        case .filter:
            state.prompt = PromptState(purpose: .filter, label: t.filterPrompt, text: state.queue.query.filter.text(state.language),
                                       ticketID: "", version: 0)
        case .exportCases:
            state.prompt = PromptState(purpose: .export, label: t.exportPrompt(state.queue.query.view),
                                       text: "cdesk-\(state.queue.query.view.rawValue)-\(L10n.isoDay(state.now)).csv",
                                       ticketID: "", version: 0)
        case .showReport: showReport()
        case .back:
            state.page = .queue
            state.ticket = nil
            state.report = nil
        case .saveAttachment: askForAttachment()
        case .reportPeriod:
            state.prompt = PromptState(purpose: .reportPeriod, label: t.reportPeriodPrompt, text: t.periodWord(state.reportPeriod),
                                       ticketID: "", version: 0)
            state.prompt?.prefilled = true
        case .reportBreakdown: cycleBreakdown()
        case .toggleHistory:
            state.ticket?.showingHistory.toggle()
            state.ticket?.historyScroll = 0
        case .compensateDiscount: try ask(.compensate(.discount))
        case .compensateFreeDelivery: try ask(.compensate(.freeDelivery))
        case .compensateBonus: try ask(.compensate(.bonus))
        case .compensateApology: try ask(.compensate(.apology))
        case .takeSuggestion: try takeSuggestion(confirmed: false)
        case .ticketResolve: try ask(.resolve)
        case .ticketTake: try takeTicket()
        case .ticketReopen: try reopenTicket()
        case .setFault: try ask(.fault)
        case .setRecovery: try ask(.recovery)
        case .undo: try undoLast()
        case .addNote: try startEditing(note: true)
        case .writeReply: try startEditing(note: false)
        case .promptAccept: try acceptPrompt()
        case .promptCancel: try cancelPrompt()
        case .promptErase: erasePrompt(all: false)
        case .promptClear: erasePrompt(all: true)
        case .promptComplete: completePrompt()
        }
    }

    /// Moves by `lines` on the screen shown: the queue's selection, the ticket's thread or
    /// history, the report. A huge step goes to the end.
    mutating func move(by lines: Int) throws {
        switch state.page {
        case .queue:
            switch lines {
            case Int.min / 2: try loadQueue(from: nil, direction: .forward)
            case Int.max / 2: try loadQueue(from: nil, direction: .backward)
            case 1: try moveDown()
            case -1: try moveUp()
            case 2...: try pageDown()
            default: try pageUp()
            }
        case .ticket: scrollTicket(by: lines)
        case .report: scrollReport(by: lines)
        }
    }

    // MARK: The clock and others' changes

    /// The clock moved on, and maybe the store: what is due changes with the minute, and
    /// what others changed (another agent, an import) is re-read and marked.
    /// In a search, why each row on screen matched: read once a row shows (its ticket's
    /// subject and messages), kept while the search does.
    mutating func findMatches() {
        guard state.queue.query.view == .search, state.page == .queue else { return }
        let query = state.queue.query.text
        let rows = state.queue.rows.filter { state.queue.matches[$0.seq] == nil }
        guard !rows.isEmpty else { return }
        // One read for the screen: a ticket's whole detail a row was most of a search's time.
        let threads = (try? reader.messages(ofTickets: rows.map(\.id))) ?? [:]
        for row in rows {
            state.queue.matches[row.seq] = .some(SearchMatch.find(query, subject: row.subject, messages: threads[row.id] ?? []))
        }
    }

    mutating func tick(now: Date, stamp: Int64?) throws {
        let minuteChanged = Int(now.timeIntervalSince1970 / 60) != Int(state.now.timeIntervalSince1970 / 60)
        state.now = now
        // Replies the mail server could not take yet are tried again a minute on.
        if state.background.mailQueued, now.timeIntervalSince(state.background.lastMailTry) >= 60 { sendMail() }
        // A message fades a few seconds after it was first drawn.
        if let message = state.message {
            if let shown = state.messageShownAt {
                if now.timeIntervalSince(shown) >= message.fadeSeconds { state.message = nil }
            } else {
                state.messageShownAt = now
            }
        }
        let view = state.queue.query.view
        if minuteChanged {
            // What is overdue or due changes with the clock, not only with the store.
            state.background.freshCounts.subtract([.overdue, .followUps])
        }
        // The query moves with the clock once a minute (a count made for it is matched
        // against the query, so it must not change in between).
        let clockView = view == .overdue || view == .followUps
        if clockView, minuteChanged {
            state.queue.query.now = now
            state.queue.query.dueBefore = QueueQuery.endOfToday(now: now)
        }
        guard let stamp, stamp != state.session.lastStamp else {
            if minuteChanged {
                // A reload asks for the counts itself.
                if clockView { try reloadQueue() } else { requestCounts() }
            }
            return
        }
        state.session.lastStamp = stamp
        countsAreStale()
        try reloadQueue(markingChanges: true)
        if let id = state.ticket?.detail.ticket.id {
            if let detail = try reader.ticketDetail(id: id) {
                showFresh(detail)
            } else {
                state.page = .queue; state.ticket = nil
                refuse(t.ticketGone)
            }
        }
    }
}
