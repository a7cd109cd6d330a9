import DeskCore
import Foundation

/// The console's behaviour: a key becomes an action through the keymap; an action changes
/// the state and the store, and never draws. `render()` turns the state into a frame.
public final class Console {
    public internal(set) var state: ConsoleState
    public let keymap: Keymap
    let store: Store
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

    public let policy: CompensationPolicy
    public let playbook: Playbook
    public let settings: ConsoleSettings

    public init(store: Store, keymap: Keymap, agent: String, size: Size, now: Date = Date(),
                policy: CompensationPolicy = .standard, playbook: Playbook = .standard,
                settings: ConsoleSettings = ConsoleSettings()) {
        self.store = store
        self.counter = QueueCounter(store: store)
        self.policy = policy
        self.playbook = playbook
        self.settings = settings
        self.keymap = keymap
        let name = URL(fileURLWithPath: store.path).lastPathComponent
        state = ConsoleState(size: size, agent: agent, storeName: name, now: now)
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
        case (_, .help):
            state.helpContext = state.context
            state.helpScroll = 0
            state.showingHelp = true
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
        case (.queue, .showReport): showReport()
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
        case (.ticket, .toggleHistory):
            state.ticket?.showingHistory.toggle()
            state.ticket?.historyScroll = 0
        case (.ticket, .moveFirst): scrollTicket(by: Int.min / 2)
        case (.ticket, .moveLast): scrollTicket(by: Int.max / 2)
        case (_, .compensateDiscount): attempt { try ask(.compensate(.discount)) }
        case (_, .compensateFreeDelivery): attempt { try ask(.compensate(.freeDelivery)) }
        case (_, .compensateBonus): attempt { try ask(.compensate(.bonus)) }
        case (_, .compensateApology): attempt { try ask(.compensate(.apology)) }
        case (_, .takeSuggestion): attempt { try takeSuggestion(confirmed: false) }
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
        case (_, .promptErase): erasePrompt(all: false)
        case (_, .promptClear): erasePrompt(all: true)
        case (_, .promptComplete): completePrompt()
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

    public init(currency: String = "₽", signature: String? = nil, apologyOpensReply: Bool = false) {
        self.currency = currency; self.signature = signature; self.apologyOpensReply = apologyOpensReply
    }
}
