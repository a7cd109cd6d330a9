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
    }

    public var info: Info {
        switch self {
        case .quit: Info([.global], L10n.Help.quit, hint: Hint(90, L10n.Hint.quit, in: [.queue, .report]))
        case .help: Info([.global], L10n.Help.help, hint: Hint(80, L10n.Hint.help, in: [.queue, .ticket, .report]))
        case .moveDown: Info([.queue, .ticket, .report], L10n.Help.moveDown, hint: Hint(70, L10n.Hint.scroll, in: [.ticket, .report]))
        case .moveUp: Info([.queue, .ticket, .report], L10n.Help.moveUp)
        case .pageDown: Info([.queue, .ticket, .report], L10n.Help.pageDown)
        case .pageUp: Info([.queue, .ticket, .report], L10n.Help.pageUp)
        case .moveFirst: Info([.queue, .ticket], L10n.Help.moveFirst)
        case .moveLast: Info([.queue, .ticket], L10n.Help.moveLast)
        case .openTicket: Info([.queue], L10n.Help.openTicket, needs: .selectedTicket, hint: Hint(10, L10n.Hint.open))
        case .viewOpen, .viewMine, .viewUnassigned, .viewOverdue, .viewWaiting, .viewFollowUps, .viewVIP, .viewResolved, .viewAll:
            Info([.queue], L10n.Help.showView(queueView!))
        case .exportCases: Info([.queue], L10n.Help.exportCases)
        case .showReport: Info([.queue], L10n.Help.showReport)
        case .filter: Info([.queue], L10n.Help.filter)
        case .search: Info([.queue], L10n.Help.search, hint: Hint(20, L10n.Hint.search))
        case .sortNext: Info([.queue], L10n.Help.sortNext)
        case .viewNext: Info([.queue], L10n.Help.viewNext, hint: Hint(75, L10n.Hint.view))
        case .viewPrevious: Info([.queue], L10n.Help.viewPrevious)
        case .back: Info([.ticket, .report], L10n.Help.back, hint: Hint(10, L10n.Hint.back))
        case .compensateDiscount:
            Info([.queue, .ticket], L10n.Help.compensateDiscount, needs: .selectedTicket, hint: Hint(30, L10n.Hint.discount))
        case .compensateFreeDelivery:
            Info([.queue, .ticket], L10n.Help.compensateFreeDelivery, needs: .selectedTicket, hint: Hint(31, L10n.Hint.freeDelivery))
        case .compensateBonus: Info([.queue, .ticket], L10n.Help.compensateBonus, needs: .selectedTicket, hint: Hint(32, L10n.Hint.bonus))
        case .compensateApology:
            Info([.queue, .ticket], L10n.Help.compensateApology, needs: .selectedTicket, hint: Hint(33, L10n.Hint.apology))
        case .takeSuggestion:
            Info([.queue, .ticket], L10n.Help.takeSuggestion, needs: .activeTicket, hint: Hint(20, L10n.Hint.suggestion, in: [.ticket]))
        case .ticketResolve: Info([.queue, .ticket], L10n.Help.ticketResolve, needs: .activeTicket, hint: Hint(40, L10n.Hint.resolve))
        case .ticketTake: Info([.queue, .ticket], L10n.Help.ticketTake, needs: .activeTicket, hint: Hint(50, L10n.Hint.take))
        case .ticketReopen: Info([.queue, .ticket], L10n.Help.ticketReopen, needs: .resolvedTicket, hint: Hint(41, L10n.Hint.reopen, in: [.ticket]))
        case .setFault: Info([.queue, .ticket], L10n.Help.setFault, needs: .selectedTicket)
        case .setRecovery: Info([.queue, .ticket], L10n.Help.setRecovery, needs: .resolvedTicket, hint: Hint(15, L10n.Hint.winBack))
        case .toggleHistory: Info([.ticket], L10n.Help.toggleHistory, hint: Hint(60, L10n.Hint.history))
        case .addNote: Info([.queue, .ticket], L10n.Help.addNote, needs: .selectedTicket)
        case .writeReply: Info([.queue, .ticket], L10n.Help.writeReply, needs: .selectedTicket, hint: Hint(45, L10n.Hint.reply, in: [.ticket]))
        case .undo: Info([.queue, .ticket], L10n.Help.undo)
        case .promptAccept: Info([.prompt], L10n.Help.promptAccept, hint: Hint(10, L10n.Hint.accept))
        case .promptCancel: Info([.prompt], L10n.Help.promptCancel, hint: Hint(11, L10n.Hint.cancel))
        case .promptErase: Info([.prompt], L10n.Help.promptErase, hint: Hint(12, L10n.Hint.erase))
        case .promptClear: Info([.prompt], L10n.Help.promptClear)
        case .promptComplete: Info([.prompt], L10n.Help.promptComplete)
        }
    }

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
        default: nil
        }
    }

    /// Whether a binding of this action in `context` makes sense.
    public func applies(in context: KeyContext) -> Bool {
        let contexts = info.contexts
        return contexts.contains(context) || (contexts.contains(.global) && context != .prompt)
    }
}
