import DeskCore
import Foundation

/// The console's behaviour: a key becomes an action through the keymap; an action changes
/// the state and the store, and never draws. `render()` turns the state into a frame.
public final class Console {
    public internal(set) var state: ConsoleState
    public let keymap: Keymap
    let store: any DeskStore
    var lastStamp: Int64 = 0
    let counter: QueueCounter
    /// The export running in the background, if any.
    var exportJob: ExportJob?
    /// The report being computed in the background, if any.
    var reportTask: BackgroundTask<Report>?
    /// A report that finished while the agent was elsewhere: the report key shows it.
    var readyReport: Report?
    /// Views whose count in `state.viewCounts` is up to date with the store and the clock.
    var freshCounts: Set<QueueView> = []
    /// This session's own changes, newest last, each with how to take it back.
    var undoStack: [Undo] = []
    /// The version each ticket had after this session's last change to it: an undo is
    /// refused, like any change, if someone else changed the ticket since.
    var ownVersion: [String: Int] = [:]
    /// A reply the agent wrote and did not send, by ticket: the next reply starts from it.
    var unsentDrafts: [String: String] = [:]
    /// Whether a reply has said that mail is not set up (the first one does).
    var saidNoMail = false

    public let policy: CompensationPolicy
    public let playbook: Playbook
    public let settings: ConsoleSettings

    public init(store: any DeskStore, keymap: Keymap, agent: String, size: Size, now: Date = Date(),
                policy: CompensationPolicy = .standard, playbook: Playbook = .standard,
                settings: ConsoleSettings = ConsoleSettings()) {
        self.store = store
        self.counter = QueueCounter(store: store)
        self.policy = policy
        self.playbook = playbook
        self.settings = settings
        self.keymap = keymap
        state = ConsoleState(size: size, agent: agent, storeName: store.displayName, now: now)
        state.currency = settings.currency
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
            perform(action)
        case .prefix:
            state.pendingKeys = keys
        case .none:
            state.pendingKeys = []
            if keys.count > 1 { return handle(key) }
            if state.prompt != nil {
                // Unbound printable keys are typed into the prompt.
                if case .char(let c) = key { typeIntoPrompt(c) }
                return
            }
            state.message = StatusMessage(L10n.unboundKey(key.name, help: keymap.keys(for: .help, in: state.context).first?.map(\.name).joined() ?? "?"))
        }
    }

    /// Does what `action` means on this screen. Every action has its handler here (the
    /// switch has no default); what it needs is checked first, from the action table, and
    /// the status line says what is missing.
    public func perform(_ action: Action) {
        guard action.applies(in: state.context) else {
            state.message = StatusMessage(L10n.notOnThisScreen(action.rawValue), isError: true)
            return
        }
        if let unmet = state.unmet(action) {
            state.message = StatusMessage(unmet, isError: true)
            return
        }
        let page = Layout.bodyRows(state.size) - 1
        switch action {
        case .quit: state.wantsQuit = true
        case .help:
            state.helpContext = state.context
            state.helpScroll = 0
            state.showingHelp = true
        case .moveDown: move(by: 1)
        case .moveUp: move(by: -1)
        case .pageDown: move(by: page)
        case .pageUp: move(by: -page)
        case .moveFirst: move(by: Int.min / 2)
        case .moveLast: move(by: Int.max / 2)
        case .openTicket: attempt { try openSelected() }
        case .viewOpen, .viewMine, .viewUnassigned, .viewOverdue, .viewWaiting, .viewFollowUps, .viewVIP, .viewResolved, .viewAll:
            if let view = action.queueView { show(view) }
        case .viewNext: switchView(by: 1)
        case .viewPrevious: switchView(by: -1)
        case .sortNext: cycleSort()
        case .search:
            state.prompt = PromptState(purpose: .search(previous: state.queue.query), label: L10n.searchPrompt,
                                       text: state.queue.query.view == .search ? state.queue.query.text : "",
                                       ticketID: "", version: 0)
        case .filter:
            state.prompt = PromptState(purpose: .filter, label: L10n.filterPrompt, text: state.queue.query.filter.text,
                                       ticketID: "", version: 0)
        case .exportCases:
            state.prompt = PromptState(purpose: .export, label: L10n.exportPrompt(state.queue.query.view),
                                       text: "cdesk-\(state.queue.query.view.rawValue)-\(L10n.day(state.now)).csv",
                                       ticketID: "", version: 0)
        case .showReport: showReport()
        case .back:
            state.page = .queue
            state.ticket = nil
            state.report = nil
        case .toggleHistory:
            state.ticket?.showingHistory.toggle()
            state.ticket?.historyScroll = 0
        case .compensateDiscount: attempt { try ask(.compensate(.discount)) }
        case .compensateFreeDelivery: attempt { try ask(.compensate(.freeDelivery)) }
        case .compensateBonus: attempt { try ask(.compensate(.bonus)) }
        case .compensateApology: attempt { try ask(.compensate(.apology)) }
        case .takeSuggestion: attempt { try takeSuggestion(confirmed: false) }
        case .ticketResolve: attempt { try ask(.resolve) }
        case .ticketTake: attempt { try takeTicket() }
        case .ticketReopen: attempt { try reopenTicket() }
        case .setFault: attempt { try ask(.fault) }
        case .setRecovery: attempt { try ask(.recovery) }
        case .undo: attempt { try undoLast() }
        case .addNote: attempt { try startEditing(note: true) }
        case .writeReply: attempt { try startEditing(note: false) }
        case .promptAccept: attempt { try acceptPrompt() }
        case .promptCancel: cancelPrompt()
        case .promptErase: erasePrompt(all: false)
        case .promptClear: erasePrompt(all: true)
        case .promptComplete: completePrompt()
        }
    }

    /// Moves by `lines` on the screen shown: the queue's selection, the ticket's thread or
    /// history, the report. A huge step goes to the end.
    private func move(by lines: Int) {
        switch state.page {
        case .queue:
            attempt {
                switch lines {
                case Int.min / 2: try loadQueue(from: nil, direction: .forward)
                case Int.max / 2: try loadQueue(from: nil, direction: .backward)
                case 1: try moveDown()
                case -1: try moveUp()
                case 2...: try pageDown()
                default: try pageUp()
                }
            }
        case .ticket: scrollTicket(by: lines)
        case .report: scrollReport(by: lines)
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
        // The query moves with the clock once a minute (a count made for it is matched
        // against the query, so it must not change in between).
        let clockView = view == .overdue || view == .followUps
        if clockView, minuteChanged {
            state.queue.query.now = now
            state.queue.query.dueBefore = QueueQuery.endOfToday(now: now)
        }
        guard let stamp = try? store.changeStamp(), stamp != lastStamp else {
            if minuteChanged {
                // A reload asks for the counts itself.
                if clockView { attempt { try reloadQueue() } } else { requestCounts() }
            }
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

    /// Runs a store operation; a failure becomes a message on the status line, never a crash.
    func attempt(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            state.message = StatusMessage("\(error)", isError: true)
        }
    }
}

/// What the shop's configuration says about the console's behaviour.
public struct ConsoleSettings: Sendable, Equatable {
    /// The currency money is shown in.
    public var currency: String
    /// The signature replies end with (`{agent}` stands for the agent's name); nil: the
    /// language's default.
    public var signature: String?
    /// Whether recording an apology opens the reply editor right after (off by default).
    public var apologyOpensReply: Bool
    /// Where replies are queued to be sent as mail; nil: mail is not set up (`[mail] from`).
    public var outbox: Outbox?

    public init(currency: String = "₽", signature: String? = nil, apologyOpensReply: Bool = false, outbox: Outbox? = nil) {
        self.currency = currency; self.signature = signature; self.apologyOpensReply = apologyOpensReply
        self.outbox = outbox
    }
}
