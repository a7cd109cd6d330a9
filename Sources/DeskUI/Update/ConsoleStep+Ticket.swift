import DeskCore
import Foundation

/// The ticket page and the report page: opening, scrolling, what the playbook suggests.
extension ConsoleStep {
    /// The ticket an action works on, with its customer's history: the open one, else the
    /// selected row's, read once.
    func targetDetail() throws -> TicketDetail? {
        if state.page == .ticket, let detail = state.ticket?.detail { return detail }
        guard let row = state.queue.selectedRow, var detail = try reader.ticketDetail(id: row.id) else { return nil }
        // The version the agent saw drawn: a change made since is refused, not overwritten.
        detail.ticket.version = row.version
        return detail
    }

    func suggestion(for ticket: Ticket, tier: Tier) -> Playbook.Suggestion {
        env.playbook.suggest(reason: ticket.reason, fault: ticket.fault, tier: tier, policy: policy)
    }

    mutating func openSelected() throws {
        guard let row = state.queue.selectedRow else { return }
        state.queue.changedByOthers.remove(row.seq)
        guard let detail = try reader.ticketDetail(id: row.id) else { return refuse(t.ticketGone) }
        var ticket = TicketState(detail: detail, suggestion: suggestion(for: detail.ticket, tier: detail.customer.tier))
        ticket.scroll = TicketPane.openingScroll(ticket, size: state.size, now: state.now, currency: state.currency, t)
        state.ticket = ticket
        state.page = .ticket
    }

    mutating func scrollTicket(by lines: Int) {
        guard var ticket = state.ticket else { return }
        let body = TicketPane.body(ticket, size: state.size, now: state.now, currency: state.currency, t)
        func moved(_ scroll: Int) -> Int { min(max(0, scroll.addingReportingOverflow(lines).partialValue), body.maxScroll) }
        if ticket.showingHistory { ticket.historyScroll = moved(ticket.historyScroll) } else { ticket.scroll = moved(ticket.scroll) }
        state.ticket = ticket
    }

    mutating func scrollReport(by lines: Int) {
        guard let report = state.report else { return }
        let maxScroll = max(0, ReportPane.lines(report, width: state.size.width, t).count - Layout.bodyRows(state.size))
        state.reportScroll = min(max(0, state.reportScroll.addingReportingOverflow(lines).partialValue), maxScroll)
    }

    /// Re-reads what is on screen after a write (ours, or a refused one after a conflict).
    mutating func refreshAfterWrite(stamp: Int64?) throws {
        if let stamp { state.session.lastStamp = stamp }
        countsAreStale()
        try reloadQueue()
        if let id = state.ticket?.detail.ticket.id, let detail = try reader.ticketDetail(id: id) {
            showFresh(detail)
        }
    }

    /// The open ticket as the store has it now.
    mutating func showFresh(_ detail: TicketDetail) {
        let suggested = suggestion(for: detail.ticket, tier: detail.customer.tier)
        state.ticket?.detail = detail
        state.ticket?.suggestion = suggested
    }
}
