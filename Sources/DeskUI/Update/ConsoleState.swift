import DeskCore
import Foundation

/// Everything the console shows, and nothing it does: views render from this alone.
public struct ConsoleState {
    public enum Page: Equatable { case queue, ticket, report }

    public var page: Page = .queue
    public var size: Size
    public var agent: String
    public var storeName: String
    /// The store may only be read by this user: the status line says so, and every action
    /// that would change it is refused.
    public var readOnly = false
    public var queue: QueueState
    public var ticket: TicketState?
    public var showingHelp = false
    /// How far the help is scrolled, and the context whose keys it lists.
    public var helpScroll = 0
    public var helpContext: KeyContext = .queue
    public var message: StatusMessage?
    /// When the clock first saw the message: it fades `StatusMessage.fadeSeconds` after.
    public var messageShownAt: Date?
    /// The one-line prompt being typed in, if any; keys then go to the `prompt` context.
    public var prompt: PromptState?
    /// Text the agent is to write in the editor; the run loop hands over the terminal.
    public var editing: EditRequest?
    /// The search text changed and its results are not shown yet.
    public var searchPending = false
    /// Keys typed so far of a multi-key binding (`g` of `gg`).
    public var pendingKeys: [Key] = []
    public var wantsQuit = false
    /// The moment the screen is drawn for; ages and SLA are relative to it.
    public var now: Date
    /// The shop's currency, for every amount shown.
    public var currency = "₽"
    /// The language everything is shown in.
    public var language: Language = .en
    /// Every string shown, in `language`.
    public var text: L10n { L10n(language) }

    public init(size: Size, agent: String, storeName: String, view: QueueView = .open, now: Date = Date()) {
        self.size = size
        self.agent = agent
        self.storeName = storeName
        self.queue = QueueState(query: QueueQuery(view: view, agent: agent))
        self.now = now
    }

    /// The keymap context the next key is read in.
    public var context: KeyContext {
        if prompt != nil { return .prompt }
        switch page {
        case .queue: return .queue
        case .ticket: return .ticket
        case .report: return .report
        }
    }
    /// How many tickets each standard view holds under the current filter, as last counted
    /// (counts are made in the background and may lag a change by a moment).
    public var viewCounts: [QueueView: Int] = [:]
    /// The report page's figures and how far it is scrolled.
    public var report: Report?
    public var reportScroll = 0
    /// The report's period and breakdown, as the lead last chose them (`p`, `b` on the report).
    public var reportPeriod: TypedPeriod = .all
    public var reportBreakdown: Breakdown?
    /// What this session did and may take back, and what it remembers between keys.
    public var session = SessionState()
    /// Work running in the background, as the state knows it (the runner holds the work).
    public var background = BackgroundState()
}

/// What one agent's session remembers between keys.
public struct SessionState {
    /// The change stamp the screen was last read at: a higher one means others changed things.
    public var lastStamp: Int64 = 0
    /// This session's own changes, newest last, each with how to take it back.
    public var undoStack: [Undo] = []
    /// The version each ticket had after this session's last change to it: an undo is
    /// refused, like any change, if someone else changed the ticket since.
    public var ownVersion: [String: Int] = [:]
    /// A reply the agent wrote and did not send, by ticket: the next reply starts from it.
    public var unsentDrafts: [String: String] = [:]
    /// Whether a reply has said that mail is not set up (the first one does).
    public var saidNoMail = false
}

/// Background work the console started and has not heard back from.
public struct BackgroundState {
    /// Views whose count in `viewCounts` is up to date with the store and the clock.
    public var freshCounts: Set<QueueView> = []
    public var exportRunning = false
    public var reportRunning = false
    /// The period or breakdown changed while the report ran: it is run again once it is done.
    public var reportRerun = false
    /// A report that finished while the agent was elsewhere: the report key shows it.
    public var readyReport: Report?
    /// Replies are being handed to the mail server.
    public var mailRunning = false
    /// A reply was queued while a send ran: one more send follows it.
    public var mailAgain = false
    /// The outbox holds queued replies (left by the last try, or from before this session):
    /// tried again a minute on.
    public var mailQueued = false
    public var lastMailTry = Date.distantPast
}

extension ConsoleState {
    /// The ticket an action works on: the one open, else the queue's selected row.
    public var target: (id: String, status: TicketStatus)? {
        switch page {
        case .ticket: ticket.map { ($0.detail.ticket.id, $0.detail.ticket.status) }
        case .queue: queue.selectedRow.map { ($0.id, $0.status) }
        case .report: nil
        }
    }

    /// Why `action` can do nothing now, nil when what it needs holds; the keys it names are
    /// the keymap's.
    public func unmet(_ action: Action, keymap: Keymap? = nil) -> String? {
        let t = text
        if readOnly, action.changesStore { return t.readOnlyRefusal }
        switch action.info.needs {
        case .none:
            return nil
        case .selectedTicket:
            return target == nil ? t.noTicketSelected : nil
        case .activeTicket:
            guard let target else { return t.noTicketSelected }
            return target.status.isActive ? nil : t.alreadyResolved(target.id, reopenKey: keymap?.hintName(for: .ticketReopen, in: page == .ticket ? .ticket : .queue))
        case .attachment:
            guard let target else { return t.noTicketSelected }
            return ticket?.detail.attachments.contains(where: \.isKept) == true ? nil : t.noAttachment(target.id)
        case .pendingRequest:
            guard let target else { return t.noTicketSelected }
            guard page == .ticket else { return nil }
            return ticket?.detail.pendingRequest == nil ? t.noRequest(target.id) : nil
        case .resolvedTicket:
            guard let target else { return t.noTicketSelected }
            guard target.status.isActive else { return nil }
            return action == .setRecovery ? t.recoveryNeedsResolved(target.id, resolveKey: keymap?.hintName(for: .ticketResolve, in: page == .ticket ? .ticket : .queue)) : t.alreadyOpen(target.id, target.status)
        }
    }
}

public struct StatusMessage: Equatable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }

    /// How long a message stays once shown, in seconds: an error longer.
    public var fadeSeconds: Double { isError ? 10 : 5 }
}

/// The queue as drawn: the window of rows on screen and where it sits in the whole list.
public struct QueueState {
    public var query: QueueQuery
    /// The rows on screen, at most `Layout.bodyRows` of them.
    public var rows: [QueueRow] = []
    /// Index of the selected row within `rows`.
    public var selected = 0
    /// Position of `rows[0]` in the whole queue (0-based). While `topPending` is set this
    /// is an estimate that a count in the background is correcting.
    public var top = 0
    /// What the position of `rows[0]` is being worked out from, and `top` when it was asked for.
    public var topPending: (anchor: TopAnchor, estimate: Int)?
    /// How many tickets the queue holds; nil until counted.
    public var count: Int?
    /// Tickets someone else changed since they were drawn (marked until opened).
    public var changedByOthers: Set<Int64> = []
    /// In a search: why each row on screen matched, by its sequence number (none: the
    /// words are in its name, contacts or id).
    public var matches: [Int64: SearchMatch?] = [:]

    public init(query: QueueQuery) { self.query = query }

    public var selectedRow: QueueRow? { rows.indices.contains(selected) ? rows[selected] : nil }
    /// 1-based position of the selection in the whole queue.
    public var position: Int { rows.isEmpty ? 0 : top + selected + 1 }
    /// Whether the position and the count are counted, not estimated.
    public var isCounted: Bool { count != nil && topPending == nil }
}

/// Where the position of the top row comes from while it is being counted.
public enum TopAnchor: Equatable {
    /// The count of the rows before this one.
    case row(QueueCursor)
    /// The queue's count, less the rows that were on screen when it jumped to the end.
    case end(rows: Int)
}

/// An open ticket and how far its page is scrolled.
public struct TicketState {
    public var detail: TicketDetail
    /// What the playbook suggests for this complaint.
    public var suggestion: Playbook.Suggestion?
    /// How far the thread is scrolled.
    public var scroll = 0
    /// The customer's whole history shows instead of the thread (`h`), scrolled this far.
    public var showingHistory = false
    public var historyScroll = 0
    public init(detail: TicketDetail, suggestion: Playbook.Suggestion? = nil) {
        self.detail = detail; self.suggestion = suggestion
    }
}

/// A one-line prompt: what it asks, what has been typed, and what Enter will do.
public struct PromptState: Equatable {
    public enum Purpose: Equatable {
        case compensate(CompensationKind)
        case resolve
        case fault
        case recovery
        /// Results follow the typing; Esc goes back to this query.
        case search(previous: QueueQuery)
        case export
        case filter
        /// The undo would revoke a promo code a sent reply gave: revoke anyway?
        case confirmUndo
        /// The complaint already has as much of the suggestion: give it again?
        case confirmSuggestion
        /// The reply still holds the template's placeholder: edit it again?
        case placeholderLeft(String)
        /// Over the agent's limit: the reason to ask a lead for this.
        case askLead(Playbook.Gift)
        /// Which attachment, and the folder to save it in.
        case saveAttachment
        /// The report's period.
        case reportPeriod

        /// Answered with one key, y or n (д or н).
        public var isYesNo: Bool {
            switch self {
            case .confirmUndo, .confirmSuggestion, .placeholderLeft: true
            default: false
            }
        }
    }
    public var purpose: Purpose
    public var label: String
    public var text: String
    public var ticketID: String
    public var version: Int
    /// The words Tab completes and the line below the prompt lists.
    public var choices: [String] = []
    /// The text is a proposal: the first character typed replaces it.
    public var prefilled = false
    /// What a question is about, shown on the line below it.
    public var detail: String?

    public init(purpose: Purpose, label: String, text: String, ticketID: String, version: Int) {
        self.purpose = purpose; self.label = label; self.text = text; self.ticketID = ticketID; self.version = version
    }
}

/// A reply or note to be written in the editor.
public struct EditRequest: Equatable {
    public var isNote: Bool
    public var ticketID: String
    public var version: Int
    public var draft: String
}
