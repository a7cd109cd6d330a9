import DeskCore

/// Where a binding applies. Keys of `global` work in `queue`, `ticket` and `report` unless those
/// bind the key themselves; `prompt` stands alone (typing goes into the prompt).
public enum KeyContext: String, CaseIterable, Sendable {
    case global, queue, ticket, report, prompt
}

/// Every action the console can do: its name in a keymap, where it applies, what it does.
/// The keymap parser, the `?` screen, `cdesk keys` and the README's key table all read
/// this one table. Preconditions (what an action needs) live here too.
public enum Action: String, CaseIterable, Sendable {
    case quit
    case help
    case moveDown = "move-down"
    case moveUp = "move-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case moveFirst = "move-first"
    case moveLast = "move-last"
    case openTicket = "open-ticket"
    case viewOpen = "view-open"
    case viewMine = "view-mine"
    case viewUnassigned = "view-unassigned"
    case viewOverdue = "view-overdue"
    case viewWaiting = "view-waiting"
    case viewFollowUps = "view-follow-ups"
    case viewVIP = "view-vip"
    case viewResolved = "view-resolved"
    case viewAll = "view-all"
    case viewRequests = "view-requests"
    case approveRequest = "approve-request"
    case declineRequest = "decline-request"
    case sortNext = "sort-next"
    case search
    case filter
    case exportCases = "export"
    case showReport = "report"
    case viewNext = "view-next"
    case viewPrevious = "view-previous"
    case back
    case compensateDiscount = "compensate-discount"
    case compensateFreeDelivery = "compensate-free-delivery"
    case compensateBonus = "compensate-bonus"
    case compensateApology = "compensate-apology"
    case takeSuggestion = "take-suggestion"
    case ticketResolve = "ticket-resolve"
    case ticketTake = "ticket-take"
    case ticketReopen = "ticket-reopen"
    case setFault = "set-fault"
    case undo
    case setRecovery = "set-recovery"
    case addNote = "add-note"
    case writeReply = "write-reply"
    case toggleHistory = "toggle-history"
    case saveAttachment = "save-attachment"
    case reportPeriod = "report-period"
    case reportBreakdown = "report-breakdown"
    case promptAccept = "prompt-accept"
    case promptCancel = "prompt-cancel"
    case promptErase = "prompt-erase"
    case promptClear = "prompt-clear"
    case promptComplete = "prompt-complete"

    public struct Info: Sendable {
        public let contexts: [KeyContext]
        public let help: String
        public let needs: Precondition
        /// Where the action stands on the bottom line's key hints, if it does.
        public let hint: Hint?

        init(_ contexts: [KeyContext], _ help: String, needs: Precondition = .none, hint: Hint? = nil) {
            self.contexts = contexts; self.help = help; self.needs = needs; self.hint = hint
        }
    }

    /// A place on the hint line: the short label, the order (lower first), and the
    /// contexts it shows in (all of the action's when nil). An action whose precondition
    /// does not hold is left off, so a resolved ticket's line offers `w` and `E`, an open
    /// one's `c` and `e`.
    public struct Hint: Sendable {
        public let rank: Int
        public let label: String
        public let contexts: Set<KeyContext>?

        init(_ rank: Int, _ label: String, in contexts: Set<KeyContext>? = nil) {
            self.rank = rank; self.label = label; self.contexts = contexts
        }
    }

    /// What must hold for an action to do anything; the status line says which failed.
    public enum Precondition: Sendable, Equatable {
        case none
        /// A ticket: the one open, or the queue's selected row.
        case selectedTicket
        /// That ticket is open work (new, open or waiting).
        case activeTicket
        /// That ticket is done (resolved or closed).
        case resolvedTicket
        /// The open ticket has a file the customer's mail carried.
        case attachment
        /// That ticket has a compensation waiting for a lead (known on the ticket page; from
        /// the queue the store is asked).
        case pendingRequest
    }

    /// The action's entry, with its help and hint label in `t`'s language.
    public func info(in t: L10n) -> Info {
        switch self {
        case .quit: Info([.global], t.help.quit, hint: Hint(90, t.hint.quit, in: [.queue, .report]))
        case .help: Info([.global], t.help.help, hint: Hint(80, t.hint.help, in: [.queue, .ticket, .report]))
        case .moveDown: Info([.queue, .ticket, .report], t.help.moveDown, hint: Hint(70, t.hint.scroll, in: [.ticket, .report]))
        case .moveUp: Info([.queue, .ticket, .report], t.help.moveUp)
        case .pageDown: Info([.queue, .ticket, .report], t.help.pageDown)
        case .pageUp: Info([.queue, .ticket, .report], t.help.pageUp)
        case .moveFirst: Info([.queue, .ticket], t.help.moveFirst)
        case .moveLast: Info([.queue, .ticket], t.help.moveLast)
        case .openTicket: Info([.queue], t.help.openTicket, needs: .selectedTicket, hint: Hint(10, t.hint.open))
        case .viewOpen, .viewMine, .viewUnassigned, .viewOverdue, .viewWaiting, .viewFollowUps, .viewVIP, .viewResolved, .viewAll,
             .viewRequests:
            Info([.queue], t.help.showView(queueView!))
        case .approveRequest:
            Info([.queue, .ticket], t.help.approveRequest, needs: .pendingRequest, hint: Hint(5, t.hint.approve, in: [.ticket]))
        case .declineRequest:
            Info([.queue, .ticket], t.help.declineRequest, needs: .pendingRequest, hint: Hint(6, t.hint.decline, in: [.ticket]))
        case .exportCases: Info([.queue], t.help.exportCases)
        case .showReport: Info([.queue], t.help.showReport)
        case .filter: Info([.queue], t.help.filter)
        case .search: Info([.queue], t.help.search, hint: Hint(20, t.hint.search))
        case .sortNext: Info([.queue], t.help.sortNext)
        case .viewNext: Info([.queue], t.help.viewNext, hint: Hint(75, t.hint.view))
        case .viewPrevious: Info([.queue], t.help.viewPrevious)
        case .back: Info([.ticket, .report], t.help.back, hint: Hint(10, t.hint.back))
        case .compensateDiscount:
            Info([.queue, .ticket], t.help.compensateDiscount, needs: .selectedTicket, hint: Hint(30, t.hint.discount))
        case .compensateFreeDelivery:
            Info([.queue, .ticket], t.help.compensateFreeDelivery, needs: .selectedTicket, hint: Hint(31, t.hint.freeDelivery))
        case .compensateBonus: Info([.queue, .ticket], t.help.compensateBonus, needs: .selectedTicket, hint: Hint(32, t.hint.bonus))
        case .compensateApology:
            Info([.queue, .ticket], t.help.compensateApology, needs: .selectedTicket, hint: Hint(33, t.hint.apology))
        case .takeSuggestion:
            Info([.queue, .ticket], t.help.takeSuggestion, needs: .activeTicket, hint: Hint(20, t.hint.suggestion, in: [.ticket]))
        case .ticketResolve: Info([.queue, .ticket], t.help.ticketResolve, needs: .activeTicket, hint: Hint(40, t.hint.resolve))
        case .ticketTake: Info([.queue, .ticket], t.help.ticketTake, needs: .activeTicket, hint: Hint(50, t.hint.take))
        case .ticketReopen: Info([.queue, .ticket], t.help.ticketReopen, needs: .resolvedTicket, hint: Hint(41, t.hint.reopen, in: [.ticket]))
        case .setFault: Info([.queue, .ticket], t.help.setFault, needs: .selectedTicket)
        case .setRecovery: Info([.queue, .ticket], t.help.setRecovery, needs: .resolvedTicket, hint: Hint(15, t.hint.winBack))
        case .toggleHistory: Info([.ticket], t.help.toggleHistory, hint: Hint(60, t.hint.history))
        case .saveAttachment: Info([.ticket], t.help.saveAttachment, needs: .attachment, hint: Hint(62, t.hint.save))
        case .reportPeriod: Info([.report], t.help.reportPeriod, hint: Hint(20, t.hint.period))
        case .reportBreakdown: Info([.report], t.help.reportBreakdown, hint: Hint(21, t.hint.breakdown))
        case .addNote: Info([.queue, .ticket], t.help.addNote, needs: .selectedTicket)
        case .writeReply: Info([.queue, .ticket], t.help.writeReply, needs: .selectedTicket, hint: Hint(45, t.hint.reply, in: [.ticket]))
        case .undo: Info([.queue, .ticket], t.help.undo)
        case .promptAccept: Info([.prompt], t.help.promptAccept, hint: Hint(10, t.hint.accept))
        case .promptCancel: Info([.prompt], t.help.promptCancel, hint: Hint(11, t.hint.cancel))
        case .promptErase: Info([.prompt], t.help.promptErase, hint: Hint(12, t.hint.erase))
        case .promptClear: Info([.prompt], t.help.promptClear)
        case .promptComplete: Info([.prompt], t.help.promptComplete)
        }
    }

    /// The action's entry for what is the same in every language: contexts, needs, hint
    /// places. (Its texts are English: show `info(in:)`'s.)
    public var info: Info { info(in: .english) }

    /// The queue view a view action shows.
    public var queueView: QueueView? {
        switch self {
        case .viewOpen: .open
        case .viewMine: .mine
        case .viewUnassigned: .unassigned
        case .viewOverdue: .overdue
        case .viewWaiting: .waiting
        case .viewFollowUps: .followUps
        case .viewVIP: .vip
        case .viewResolved: .resolved
        case .viewAll: .all
        case .viewRequests: .requests
        default: nil
        }
    }

    /// Whether the action changes the store (refused on a store the user may only read).
    public var changesStore: Bool {
        switch self {
        case .approveRequest, .declineRequest, .compensateDiscount, .compensateFreeDelivery, .compensateBonus,
             .compensateApology, .takeSuggestion, .ticketResolve, .ticketTake, .ticketReopen, .setFault, .undo,
             .setRecovery, .addNote, .writeReply:
            true
        default:
            false
        }
    }

    /// Whether a binding of this action in `context` makes sense.
    public func applies(in context: KeyContext) -> Bool {
        let contexts = info.contexts
        return contexts.contains(context) || (contexts.contains(.global) && context != .prompt)
    }
}
