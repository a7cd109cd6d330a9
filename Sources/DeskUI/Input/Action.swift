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
    }

    /// What must hold for an action to do anything; the status line says which failed.
    public enum Precondition: Sendable {
        case none
        case selectedTicket
    }

    public var info: Info {
        switch self {
        case .quit: Info(contexts: [.global], help: L10n.Help.quit, needs: .none)
        case .help: Info(contexts: [.global], help: L10n.Help.help, needs: .none)
        case .moveDown: Info(contexts: [.queue, .ticket, .report], help: L10n.Help.moveDown, needs: .none)
        case .moveUp: Info(contexts: [.queue, .ticket, .report], help: L10n.Help.moveUp, needs: .none)
        case .pageDown: Info(contexts: [.queue, .ticket, .report], help: L10n.Help.pageDown, needs: .none)
        case .pageUp: Info(contexts: [.queue, .ticket, .report], help: L10n.Help.pageUp, needs: .none)
        case .moveFirst: Info(contexts: [.queue, .ticket], help: L10n.Help.moveFirst, needs: .none)
        case .moveLast: Info(contexts: [.queue, .ticket], help: L10n.Help.moveLast, needs: .none)
        case .openTicket: Info(contexts: [.queue], help: L10n.Help.openTicket, needs: .selectedTicket)
        case .viewOpen, .viewMine, .viewUnassigned, .viewOverdue, .viewWaiting, .viewFollowUps, .viewVIP, .viewResolved, .viewAll:
            Info(contexts: [.queue], help: L10n.Help.showView(queueView!), needs: .none)
        case .exportCases: Info(contexts: [.queue], help: L10n.Help.exportCases, needs: .none)
        case .showReport: Info(contexts: [.queue], help: L10n.Help.showReport, needs: .none)
        case .filter: Info(contexts: [.queue], help: L10n.Help.filter, needs: .none)
        case .search: Info(contexts: [.queue], help: L10n.Help.search, needs: .none)
        case .sortNext: Info(contexts: [.queue], help: L10n.Help.sortNext, needs: .none)
        case .viewNext: Info(contexts: [.queue], help: L10n.Help.viewNext, needs: .none)
        case .viewPrevious: Info(contexts: [.queue], help: L10n.Help.viewPrevious, needs: .none)
        case .back: Info(contexts: [.ticket, .report], help: L10n.Help.back, needs: .none)
        case .compensateDiscount: Info(contexts: [.queue, .ticket], help: L10n.Help.compensateDiscount, needs: .selectedTicket)
        case .compensateFreeDelivery: Info(contexts: [.queue, .ticket], help: L10n.Help.compensateFreeDelivery, needs: .selectedTicket)
        case .compensateBonus: Info(contexts: [.queue, .ticket], help: L10n.Help.compensateBonus, needs: .selectedTicket)
        case .compensateApology: Info(contexts: [.queue, .ticket], help: L10n.Help.compensateApology, needs: .selectedTicket)
        case .takeSuggestion: Info(contexts: [.queue, .ticket], help: L10n.Help.takeSuggestion, needs: .selectedTicket)
        case .ticketResolve: Info(contexts: [.queue, .ticket], help: L10n.Help.ticketResolve, needs: .selectedTicket)
        case .ticketTake: Info(contexts: [.queue, .ticket], help: L10n.Help.ticketTake, needs: .selectedTicket)
        case .ticketReopen: Info(contexts: [.queue, .ticket], help: L10n.Help.ticketReopen, needs: .selectedTicket)
        case .setFault: Info(contexts: [.queue, .ticket], help: L10n.Help.setFault, needs: .selectedTicket)
        case .setRecovery: Info(contexts: [.queue, .ticket], help: L10n.Help.setRecovery, needs: .selectedTicket)
        case .toggleHistory: Info(contexts: [.ticket], help: L10n.Help.toggleHistory, needs: .none)
        case .addNote: Info(contexts: [.queue, .ticket], help: L10n.Help.addNote, needs: .selectedTicket)
        case .writeReply: Info(contexts: [.queue, .ticket], help: L10n.Help.writeReply, needs: .selectedTicket)
        case .undo: Info(contexts: [.queue, .ticket], help: L10n.Help.undo, needs: .none)
        case .promptAccept: Info(contexts: [.prompt], help: L10n.Help.promptAccept, needs: .none)
        case .promptCancel: Info(contexts: [.prompt], help: L10n.Help.promptCancel, needs: .none)
        case .promptErase: Info(contexts: [.prompt], help: L10n.Help.promptErase, needs: .none)
        case .promptClear: Info(contexts: [.prompt], help: L10n.Help.promptClear, needs: .none)
        case .promptComplete: Info(contexts: [.prompt], help: L10n.Help.promptComplete, needs: .none)
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
