import DeskCore
import Foundation

/// Every string the console shows a person, in one place, so that a translation can follow.
/// Customer-written text never comes from here; it goes through `UntrustedText`.
public enum L10n {
    public enum Help {
        public static let quit = "Quit cdesk"
        public static let help = "Show the keys of this screen"
        public static let moveDown = "Next ticket / scroll down"
        public static let moveUp = "Previous ticket / scroll up"
        public static let pageDown = "One page down"
        public static let pageUp = "One page up"
        public static let moveFirst = "To the first ticket / top"
        public static let moveLast = "To the last ticket / bottom"
        public static let openTicket = "Open the selected ticket"
        public static let viewNext = "Next queue view"
        public static let exportCases = "Export the resolved cases to a file (CSV or JSON Lines by its name)"
        public static let showReport = "The report: recovery rate against 60%, compensation, reasons, times"
        public static let filter = "Filter the view by reason, channel, priority or tier"
        public static let search = "Search subjects, messages, names, e-mail, phone; ticket or order id"
        public static let sortNext = "Next sort order of the view"
        public static func showView(_ view: QueueView) -> String {
            switch view {
            case .open: "View: all open tickets"
            case .mine: "View: my open tickets"
            case .unassigned: "View: open tickets nobody has taken"
            case .overdue: "View: open tickets past their SLA"
            case .waiting: "View: waiting on the customer"
            case .followUps: "View: win-back follow-ups due today or overdue"
            case .vip: "View: open tickets of VIP customers"
            case .resolved: "View: resolved tickets"
            case .all: "View: every ticket"
            case .search: "View: search results"
            }
        }
        public static let viewPrevious = "Previous queue view"
        public static let back = "Back to the queue"
        public static let compensateDiscount = "Give a discount (percent) with a promo code"
        public static let compensateFreeDelivery = "Give free delivery on the next order"
        public static let compensateBonus = "Give bonus points"
        public static let compensateApology = "Record an apology"
        public static let takeSuggestion = "Give what the playbook suggests for this complaint"
        public static let ticketResolve = "Resolve with an outcome (and satisfaction 1–5)"
        public static let ticketTake = "Take the ticket (assign it to me)"
        public static let ticketReopen = "Reopen a resolved ticket"
        public static let setFault = "Set whose fault it was (shop, carrier, customer, unknown)"
        public static let setRecovery = "Set the win-back status and follow-up date"
        public static let addNote = "Add an internal note (in $EDITOR)"
        public static let writeReply = "Write a reply to the customer (in $EDITOR, from a template)"
        public static let toggleHistory = "The customer's whole history: orders, compensation, complaints"
        public static let undo = "Undo my last change in this session (recorded, never erased)"
        public static let promptAccept = "Accept the prompt"
        public static let promptCancel = "Cancel the prompt"
        public static let promptErase = "Erase the character before the cursor"
        public static let promptClear = "Clear the prompt"
        public static let promptComplete = "Complete the word typed (a filter's values)"
    }

    public static let appName = "cdesk"
    public static let helpTitle = "Keys"
    public static let helpClose = "any key closes this help"
    public static func helpMore(_ n: Int) -> String { "↓ \(n) more: j or <Down> scrolls, any other key closes this help" }
    public static let emptyQueue = "No tickets in this view."
    public static let noTicketSelected = "no ticket selected"
    public static func notOnThisScreen(_ action: String) -> String { "\(action) does nothing on this screen" }
    public static let ticketGone = "that ticket is no longer in the store"

    public static func viewName(_ view: QueueView) -> String {
        switch view {
        case .open: "Open"
        case .mine: "Mine"
        case .unassigned: "Unassigned"
        case .waiting: "Waiting"
        case .followUps: "Follow-ups"
        case .overdue: "Overdue"
        case .vip: "VIP"
        case .search: "Search"
        case .resolved: "Resolved"
        case .all: "All"
        }
    }

    public static func sortName(_ sort: QueueSort) -> String {
        switch sort {
        case .slaDue: "by SLA due"
        case .newest: "newest first"
        case .resolvedRecent: "recently resolved first"
        case .followUp: "follow-up due first"
        case .priority: "by priority"
        case .oldest: "oldest first"
        case .updated: "recently changed first"
        case .match: "newest match first"
        }
    }

    public enum Column {
        public static let id = "ID"
        public static let age = "AGE"
        public static let customer = "CUSTOMER"
        public static let reason = "REASON"
        public static let priority = "PRIO"
        public static let status = "STATUS"
        public static let sla = "SLA"
        public static let assignee = "ASSIGNEE"
        public static let subject = "SUBJECT"
        public static let outcome = "OUTCOME"
        public static let winBack = "WIN-BACK"
        public static let followUp = "FOLLOW-UP"
    }

    public enum Ticket {
        public static let thread = "Thread"
        public static func messageCut(bytes: Int) -> String {
            "… (the message goes on: \(bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(bytes / 1024) KB") in all; this is its beginning)"
        }
        public static let order = "order"
        public static let orders = "orders"
        public static let lifetimeValue = "lifetime"
        public static let lastOrder = "last order"
        public static let daysAgo = "d ago"
        public static let earlier = "Other complaints"
        public static let compensations = "Compensation given"
        public static let recovery = "recovery"
        public static let internalNote = "internal note"
        public static let unassigned = "unassigned"
        public static let vip = "VIP"
        public static let loyal = "loyal"
        /// Before the SLA time left: of the first answer, or of the resolution.
        public static let firstAnswer = "answer"
        public static let resolveBy = "resolve"
        public static let followUp = "follow-up"
        public static let advocate = "brand advocate"
        public static let fault = "fault"
        public static let channel = "via"
        /// What the customer holds now, from any of their complaints.
        public static let given = "Holds"
        public static let noneStanding = "nothing standing"
        public static func moreCompensations(_ n: Int) -> String { "+\(n) more (h)" }
        public static func moreLines(_ n: Int, key: String) -> String { "+\(n) more — \(key) shows the whole history" }
        public static func orderCount(_ n: Int) -> String { n == 1 ? "1 order" : "\(n) orders" }
        /// `compensated ★5`: the outcome on the facts line.
        public static func outcome(_ o: Outcome) -> String {
            o.resolution.rawValue + (o.satisfaction.map { " ★\($0)" } ?? "")
        }
        /// `Resolved: compensated · satisfaction 5/5 · by olga · 2026-11-18 14:02`.
        public static func resolvedLine(_ o: Outcome, at: Date?) -> String {
            var parts = ["Resolved: \(o.resolution.rawValue)"]
            parts.append(o.satisfaction.map { "satisfaction \($0)/5" } ?? "satisfaction not known")
            if let agent = o.agent { parts.append("by " + UntrustedText.line(agent)) }
            if let at = at ?? o.at { parts.append(L10n.dateTime(at)) }
            return parts.joined(separator: " · ")
        }
        /// Who wrote a message: the customer's name, the agent's (`olga`), or what it was.
        public static func author(of m: Message, customer: String) -> String {
            switch (m.author, m.isInternal) {
            case (.customer, _): customer
            case (.agent, false): (m.agent.map(UntrustedText.line) ?? "agent") + " (reply)"
            case (_, true): (m.agent.map(UntrustedText.line) ?? "agent") + " · internal note"
            case (.system, false): "system"
            }
        }
    }

    /// "12/3406"; "12/…" while the count is being made; "~12/3406" while the position is
    /// an estimate.
    public static func position(_ index: Int, of count: Int?, exact: Bool, capped: Bool) -> String {
        guard let count else { return "\(index)/…" }
        return count == 0 ? "0/0" : (exact ? "" : "~") + "\(index)/\(total(count, capped: capped))"
    }

    /// A queue's count in full; "…" while it is being made; a search's count, which stops
    /// at `QueueQuery.searchCountCap`, with "+" when it stopped.
    public static func total(_ count: Int?, capped: Bool) -> String {
        guard let count else { return "…" }
        return capped && count >= QueueQuery.searchCountCap ? "\(count)+" : "\(count)"
    }

    /// A count in at most four columns, rounded down: 987, 3.4k, 219k, 1.2M, 12M.
    public static func compact(_ count: Int?) -> String {
        guard let count else { return "…" }
        switch count {
        case ..<1000: return "\(count)"
        case ..<10_000: return "\(count / 1000).\(count % 1000 / 100)k"
        case ..<1_000_000: return "\(count / 1000)k"
        case ..<10_000_000: return "\(count / 1_000_000).\(count % 1_000_000 / 100_000)M"
        default: return "\(count / 1_000_000)M"
        }
    }

    /// "3m", "5h", "2d", "6w", "1y": an age or a time left, in at most four columns.
    public static func span(seconds: Int64) -> String {
        let s = abs(seconds)
        let text = s < 3600 ? "\(max(s / 60, 0))m" : s < 86_400 ? "\(s / 3600)h"
            : s < 14 * 86_400 ? "\(s / 86_400)d" : s < 365 * 86_400 ? "\(s / (7 * 86_400))w" : "\(s / (365 * 86_400))y"
        return text
    }

    /// The SLA column: time left, or `!` and how long ago it was breached.
    public static func slaLeft(seconds: Int64) -> String {
        seconds < 0 ? "!" + span(seconds: seconds) : span(seconds: seconds)
    }

    public static let slaDone = "—"
    public static let terminalTooSmall = "The terminal is too small: cdesk needs at least 40×10."
}

extension L10n {
    public static func unboundKey(_ key: String, help: String) -> String {
        "\(key) does nothing here — \(help) shows the keys"
    }
}

extension L10n {
    /// "2026-11-20 14:03" in the agent's time zone.
    public static func dateTime(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// "2026-11-20".
    public static func day(_ date: Date) -> String {
        String(dateTime(date).prefix(10))
    }

    public static func compensation(_ kind: CompensationKind, value: Int64, currency: String = "₽") -> String {
        switch kind {
        case .discount: "discount \(value)%"
        case .freeDelivery: value > 0 ? "free delivery (\(Money(minor: value).display(currency: currency)))" : "free delivery"
        case .bonus: "bonus \(value) pts"
        case .apology: "apology"
        case .refund: "refund \(Money(minor: value).display(currency: currency))"
        case .replacement: "replacement"
        }
    }

    /// A compensation in few words, for the ticket's summary line (a free delivery without
    /// its fee).
    public static func compensationShort(_ kind: CompensationKind, value: Int64) -> String {
        kind == .freeDelivery ? "free delivery" : compensation(kind, value: value)
    }

    public static func recentCompensationWarning(_ count: Int, days: Int) -> String {
        "⚠ \(count) compensations in the last \(days) days"
    }
}

extension L10n {
    public enum Prompt {
        public static func compensation(_ kind: CompensationKind, ticket: String, limit: Int64?) -> String {
            switch kind {
            case .discount: "Discount % for #\(ticket)" + (limit.map { " (your limit \($0))" } ?? "") + ": "
            case .bonus: "Bonus points for #\(ticket)" + (limit.map { " (your limit \($0))" } ?? "") + ": "
            case .freeDelivery: "Free delivery on the next order for #\(ticket)? Enter gives, Esc cancels "
            case .apology: "Record an apology on #\(ticket)? Enter records, Esc cancels "
            default: "\(kind.rawValue) for #\(ticket): "
            }
        }
        public static func resolve(ticket: String) -> String {
            "Resolve #\(ticket) — outcome [satisfaction 1–5]: "
        }
        public static let cancelled = "cancelled"
    }

    public static func gave(_ kind: CompensationKind, value: Int64, code: String?, ticket: String, currency: String = "₽") -> String {
        "#\(ticket): gave \(compensation(kind, value: value, currency: currency))" + (code.map { " — promo code \($0)" } ?? "")
    }
    public static func resolved(_ ticket: String, _ resolution: Resolution) -> String {
        "#\(ticket) resolved: \(resolution.rawValue)"
    }
    public static func took(_ ticket: String) -> String { "#\(ticket) is yours now" }
    public static func badResolution(_ word: String) -> String {
        "'\(word)' is not an outcome: " + Resolution.allCases.map(\.rawValue).joined(separator: ", ") + " (Tab completes)"
    }
    public static func badSatisfaction(_ word: String) -> String {
        "satisfaction is a number 1–5, not '\(word)' (e.g. compensated 5)"
    }
    public static func tooManyWords(_ text: String) -> String {
        "'\(text)': one word and an optional second one, e.g. compensated 5 or offered +7d"
    }
    public static func alreadyResolved(_ ticket: String) -> String { "#\(ticket) is resolved already (E reopens it)" }
    public static func alreadyOpen(_ ticket: String, _ status: TicketStatus) -> String { "#\(ticket) is \(status.rawValue): nothing to reopen" }
}

extension L10n {
    /// Short labels of the key hints on the bottom line.
    public enum Hint {
        public static let open = "open"
        public static let back = "back"
        public static let discount = "disc"
        public static let freeDelivery = "free-dlv"
        public static let bonus = "bonus"
        public static let apology = "sorry"
        public static let resolve = "resolve"
        public static let suggestion = "suggested"
        public static let take = "take"
        public static let view = "view"
        public static let search = "search"
        public static let scroll = "scroll"
        public static let help = "help"
        public static let quit = "quit"
        public static let accept = "accept"
        public static let cancel = "cancel"
        public static let erase = "erase"
        public static let winBack = "win-back"
        public static let reply = "reply"
        public static let reopen = "reopen"
        public static let history = "history"
        public static let undo = "undo"
    }
}

extension L10n {
    public static func suggestion(_ s: Playbook.Suggestion, currency: String = "₽") -> String {
        let gifts = s.gifts.isEmpty ? "nothing" : s.gifts.map { compensation($0.kind, value: $0.value, currency: currency) }.joined(separator: " + ")
        return "Suggested: \(gifts) — \(s.why)"
    }
    public static func suggestionGiven(_ s: Playbook.Suggestion, currency: String = "₽") -> String {
        "Given as suggested: " + s.gifts.map { compensation($0.kind, value: $0.value, currency: currency) }.joined(separator: " + ")
    }
    public static func takeKey(_ key: String) -> String { "(\(key) gives it)" }
    public static let nothingToGive = "the playbook suggests no compensation here; record the outcome with resolve"
    public static func gaveSuggestion(_ given: [Compensation], ticket: String, currency: String = "₽") -> String {
        "#\(ticket): gave " + given.map { c in compensation(c.kind, value: c.value, currency: currency) + (c.promoCode.map { " \($0)" } ?? "") }
            .joined(separator: ", ")
    }
    public static func suggestionAgain(ticket: String) -> String { "Give the suggestion on #\(ticket) again? \(yesNoKeys)" }
    public static func suggestionGivenAlready(_ given: [Compensation]) -> String {
        "already given on this complaint: " + given.map { compensationShort($0.kind, value: $0.value) }.joined(separator: ", ")
    }
}

extension L10n {
    public static func faultPrompt(ticket: String) -> String { "Fault of #\(ticket): " }
    public static func badFault(_ text: String) -> String {
        "'\(text)' is not a fault: " + Fault.allCases.map(\.rawValue).joined(separator: ", ") + " (Tab completes)"
    }
    public static func faultSet(_ ticket: String, _ fault: Fault) -> String { "#\(ticket): fault \(fault.rawValue)" }
    public static func reopened(_ ticket: String) -> String { "#\(ticket) reopened" }
    public static let nothingToUndo = "nothing of yours to undo in this session"
    public static func undone(_ what: String, ticket: String) -> String { "#\(ticket): undid \(what)" }
    public static func undoRevokeAnyway(ticket: String) -> String { "Undo revokes a code the customer has: revoke on #\(ticket)? \(yesNoKeys)" }
    public static func undoQuotedCode(_ codes: [String], at: Date) -> String {
        "your reply of \(dateTime(at)) gave the customer \(codes.joined(separator: ", "))"
    }
    public static let undoKept = "kept: the customer keeps what the reply gave (u now undoes the change before it)"
    public static func notSentBecause(_ why: String) -> String { "not sent (\(why)); r opens it again" }
}

extension L10n {
    public static let editorFailed = "the editor did not finish; nothing was saved"
    public static let emptyMessage = "empty — nothing was saved"
    public static func placeholderLeft(ticket: String) -> String {
        "The reply to #\(ticket) still has the [placeholder]. Edit it? \(yesNoKeys)"
    }
    /// How a yes/no question is answered, on either keyboard layout; Enter is no.
    public static let yesNoKeys = "y/n (д/н) "
    public static let yesNoHint = "y yes  n no  (д да, н нет)  <Enter> or <Esc>: no"
    public static let yesOrNo = "answer y or n (д or н on a Russian layout); Esc is no"
    public static func replied(_ ticket: String) -> String { "#\(ticket): reply queued to send" }
    public static func repliedNoMailFirst(_ ticket: String) -> String { "#\(ticket): reply recorded, not sent: no mail set up" }
    public static func repliedNoMail(_ ticket: String) -> String { "#\(ticket): reply recorded" }
    public static func noted(_ ticket: String) -> String { "#\(ticket): note added" }
    public static let notSent = "not sent; r opens it again"
}

extension L10n {
    public static func recoveryPrompt(ticket: String) -> String { "Win-back #\(ticket) — state [+7d | YYYY-MM-DD]: " }
    public static func badRecovery(_ word: String) -> String {
        "'\(word)' is not a win-back state: " + RecoveryState.allCases.map(\.rawValue).joined(separator: ", ") + " (Tab completes)"
    }
    public static func badFollowUp(_ word: String) -> String { "'\(word)' is not a follow-up: +7d or a date like 2026-12-01" }
    public static func pastFollowUp(_ word: String) -> String { "\(word) is past: a follow-up is today or later" }
    public static func finalTakesNoDate(_ state: RecoveryState) -> String { "\(state.rawValue) ends the follow-up: no date after it" }
    public static func recoveryNeedsResolved(_ ticket: String) -> String {
        "#\(ticket) is still open: win-back follows a resolved complaint (e resolves it)"
    }
    public static func recoverySet(_ ticket: String, _ state: RecoveryState, _ followUp: Date?) -> String {
        "#\(ticket): recovery \(state.rawValue)" + (followUp.map { ", follow-up \(day($0))" } ?? "")
    }
}

extension L10n {
    public static let searchPrompt = "Search: "
}

extension L10n {
    public static func exportPrompt(_ view: QueueView) -> String {
        "Export resolved cases of \(viewName(view)) to: "
    }
    /// An export's messages name the file with its folder (from `~` or `/`), so that the
    /// agent knows where it went whatever the working directory was.
    public static func exporting(_ view: QueueView, to path: String) -> String {
        "exporting \(viewName(view)) to \(shortPath(path, width: 44, directory: "/"))…"
    }
    public static let reportRunning = "computing the report…"
    public static func reportReady(key: String) -> String { "the report is ready: \(key) shows it" }
    public static let exportRunning = "an export is still running; wait for it to finish"
    public static let nothingToExport = "this view holds no resolved cases: nothing written (try Resolved, All or a search)"
    public static func exported(_ count: Int, to path: String) -> String {
        "exported \(count) \(count == 1 ? "case" : "cases") to \(shortPath(path, width: 44, directory: "/"))"
    }
    public static func exportExists(_ path: String) -> String { "\(shortPath(path)) exists; give another name" }
    public static func exportFormat(_ path: String) -> String { "\(shortPath(path)): name it .csv or .jsonl" }

    /// A file's path as the agent would type it, short enough for the status line: relative to
    /// the working directory when inside it, `~` for the home folder, and a long one
    /// shortened in the middle, so that the file's name always shows.
    public static func shortPath(_ path: String, width: Int = 48,
                                 directory: String = FileManager.default.currentDirectoryPath,
                                 home: String? = ProcessInfo.processInfo.environment["HOME"]) -> String {
        var short = path
        if directory != "/", path.hasPrefix(directory + "/") {
            short = String(path.dropFirst(directory.count + 1))
        } else if let home, home != "/", path.hasPrefix(home + "/") {
            short = "~" + path.dropFirst(home.count)
        }
        guard DisplayWidth.of(short) > width else { return short }
        let name = (short as NSString).lastPathComponent
        guard DisplayWidth.of(name) + 6 <= width, name != short else {
            // The name alone is too long: its beginning and its end (the extension) show.
            var tail = "", used = 0
            for ch in name.reversed() {
                let w = DisplayWidth.of(ch)
                if used + w > (width - 1) / 2 { break }
                tail.insert(ch, at: tail.startIndex); used += w
            }
            return DisplayWidth.truncate(name, to: width - used) + tail
        }
        let head = DisplayWidth.truncate(short, to: width - DisplayWidth.of(name) - 2)
        return (head.hasSuffix("…") ? String(head.dropLast()) : head) + "…/" + name
    }

    public enum ReportText {
        public static let title = "Report"
        public static let recovery = "Recovery rate"
        public static let benchmark = "benchmark 60%"
        public static let satisfaction = "Satisfied (4–5)"
        public static let firstResponse = "First response"
        public static let resolution = "Resolution"
        public static let byReason = "Complaints by reason"
        public static let byChannel = "Complaints by channel"
        public static let compensation = "Compensation given"
        public static func complaints(_ n: Int, _ period: String) -> String { "\(n) complaints, \(period)" }
        public static func recoveredLost(_ r: Int, _ l: Int) -> String { "\(r) recovered, \(l) lost" }
        public static func timing(median: String, p90: String, n: Int) -> String { "median \(median) · p90 \(p90) · \(n) tickets" }
        public static func withinSLA(_ share: String) -> String { "\(share) within SLA" }
    }
}

extension L10n {
    public static let filterPrompt = "Filter (Tab completes; empty clears): "
    public static let filterMenuTitle = "Filter by any of these; typed words narrow every view"
    public static func filterKey(_ key: String) -> String { key.uppercased() }
    public static func badFilter(_ word: String) -> String {
        "'\(word)' is not a reason, channel, priority or tier (e.g. reason=delivery-delay tier=vip)"
    }
}

extension L10n {
    /// What an undo took back, for the status line.
    public enum Undo {
        public static let resolve = "resolve"
        public static let take = "take"
        public static let fault = "fault"
        public static let reopen = "reopen"
        public static let recovery = "win-back change"
    }
}
