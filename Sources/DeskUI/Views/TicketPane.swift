import DeskCore
import Foundation

/// One complaint: a title, then the customer's history and the thread. On a wide terminal
/// the history stands beside the thread; from 80 columns it stacks above it.
enum TicketPane {
    struct Line {
        var text: String
        var style: Style
        init(_ text: String, _ style: Style = .normal) { self.text = text; self.style = style }
    }

    /// The history panel goes beside the thread from this width on.
    static let sideBySideWidth = 110
    static let sidePanelWidth = 42

    static func draw(_ state: ConsoleState, keymap: Keymap, into grid: inout Grid) {
        guard let ticketState = state.ticket else { return }
        let detail = ticketState.detail
        let t = detail.ticket
        let width = state.size.width
        grid.paint(y: 0, style: .title)
        grid.put(" #\(t.id) " + UntrustedText.line(t.subject), x: 0, y: 0, style: .title, width: width)
        grid.paint(y: 1, style: .header)
        var facts = [t.status.rawValue, t.priority.rawValue, t.reason.rawValue,
                     "\(L10n.Ticket.fault) \(t.fault.rawValue)", "\(L10n.Ticket.channel) \(t.channel.rawValue)",
                     t.assignee.map(UntrustedText.line) ?? L10n.Ticket.unassigned]
        if t.status.isActive {
            let left = Int64(t.dueAt.timeIntervalSince(state.now))
            facts.append((t.awaitsFirstAnswer ? L10n.Ticket.firstAnswer : L10n.Ticket.resolveBy) + " " + L10n.slaLeft(seconds: left))
        }
        grid.put(" " + facts.joined(separator: " · "), x: 0, y: 1, style: .header, width: width)

        var rows = Layout.bodyRows(state.size)
        // The playbook's suggestion stays in view above the scrolling body.
        if let suggestion = ticketState.suggestion, ticketState.detail.ticket.status.isActive {
            var text = " " + L10n.suggestion(suggestion)
            if let key = keymap.keys(for: .takeSuggestion, in: .ticket).first, !suggestion.gifts.isEmpty {
                text += " " + L10n.takeKey(key.map(\.name).joined())
            }
            grid.put(DisplayWidth.truncate(text, to: width), x: 0, y: Layout.headerRows + rows - 1, style: .good)
            rows -= 1
        }
        if width >= sideBySideWidth {
            let threadWidth = width - sidePanelWidth - 1
            let thread = threadLines(detail, width: threadWidth - 1)
            for (i, line) in thread.dropFirst(ticketState.scroll).prefix(rows).enumerated() {
                grid.put(line.text, x: 1, y: Layout.headerRows + i, style: line.style, width: threadWidth - 1)
            }
            let side = historyLines(detail, width: sidePanelWidth - 2, now: state.now)
            for i in 0..<rows {
                grid.put("│", x: threadWidth, y: Layout.headerRows + i, style: .dim)
            }
            for (i, line) in side.prefix(rows).enumerated() {
                grid.put(line.text, x: threadWidth + 2, y: Layout.headerRows + i, style: line.style, width: sidePanelWidth - 2)
            }
        } else {
            let lines = contentLines(detail, size: state.size, now: state.now)
            for (i, line) in lines.dropFirst(ticketState.scroll).prefix(rows).enumerated() {
                grid.put(line.text, x: 1, y: Layout.headerRows + i, style: line.style, width: width - 2)
            }
        }
    }

    /// How many lines scroll in the body at this size (for the console's scroll limits).
    static func lineCount(_ detail: TicketDetail, size: Size, now: Date) -> Int {
        contentLines(detail, size: size, now: now).count + (detail.ticket.status.isActive ? 1 : 0)
    }

    private static func contentLines(_ detail: TicketDetail, size: Size, now: Date) -> [Line] {
        if size.width >= sideBySideWidth {
            return threadLines(detail, width: size.width - sidePanelWidth - 2)
        }
        let width = size.width - 2
        return historyLines(detail, width: width, now: now) + [Line("")] + threadLines(detail, width: width)
    }

    static func historyLines(_ detail: TicketDetail, width: Int, now: Date) -> [Line] {
        let c = detail.customer
        var lines: [Line] = []
        var who = [UntrustedText.line(c.name)]
        if c.tier == .vip { who.append(L10n.Ticket.vip) } else if c.tier == .loyal { who.append(L10n.Ticket.loyal) }
        if c.referrals >= 3 { who.append(L10n.Ticket.advocate) }
        if let region = c.region { who.append(UntrustedText.line(region)) }
        lines.append(Line(who.joined(separator: " · "), c.tier == .vip ? .warning : .customer))
        let contacts = [c.email, c.phone].compactMap { $0 }.map(UntrustedText.line).joined(separator: " · ")
        if !contacts.isEmpty { lines.append(Line(contacts, .dim)) }
        var orders = "\(detail.orderCount) \(detail.orderCount == 1 ? L10n.Ticket.order : L10n.Ticket.orders) · \(L10n.Ticket.lifetimeValue) \(detail.lifetimeValue.display())"
        if let last = detail.lastOrderAt {
            orders += " · \(L10n.Ticket.lastOrder) \(Int(now.timeIntervalSince(last) / 86_400))\(L10n.Ticket.daysAgo)"
        }
        lines.append(Line(orders))
        for o in detail.recentOrders.prefix(3) {
            lines.append(Line("  \(o.id) \(L10n.day(o.placedAt)) \(o.total.display()) \(o.status.rawValue)", .dim))
        }
        let recent = detail.compensations.filter { now.timeIntervalSince($0.at) < 90 * 86_400 && $0.state != .revoked }
        if recent.count >= 2 {
            lines.append(Line(L10n.recentCompensationWarning(recent.count, days: 90), .danger))
        }
        if !detail.compensations.isEmpty {
            lines.append(Line(L10n.Ticket.compensations + ":", .header))
            for comp in detail.compensations.prefix(4) {
                var text = "  \(L10n.day(comp.at)) \(L10n.compensation(comp.kind, value: comp.value))"
                if let code = comp.promoCode { text += " \(code)" }
                text += " (\(comp.state.rawValue))"
                lines.append(Line(text, .dim))
            }
        }
        if !detail.earlierTickets.isEmpty {
            lines.append(Line(L10n.Ticket.earlier + ":", .header))
            for e in detail.earlierTickets.prefix(3) {
                lines.append(Line("  #\(e.id) \(L10n.day(e.createdAt)) \(e.reason.rawValue) → \(e.resolution?.rawValue ?? e.status.rawValue)", .dim))
            }
        }
        if let r = detail.recovery {
            var text = "\(L10n.Ticket.recovery): \(r.state.rawValue)"
            if let f = r.followUpOn { text += " · \(L10n.Ticket.followUp) \(L10n.day(f))" }
            lines.append(Line(text, r.state == .recovered ? .good : r.state == .lost ? .danger : .normal))
        }
        return lines.flatMap { line in
            DisplayWidth.wrap(line.text, to: width).map { Line($0, line.style) }
        }
    }

    /// How much of one message the thread shows, in characters.
    static let longestShown = 20_000

    static func threadLines(_ detail: TicketDetail, width: Int) -> [Line] {
        var lines = [Line("── \(L10n.Ticket.thread) " + String(repeating: "─", count: max(0, width - 12)), .dim)]
        for m in detail.messages {
            let style: Style = m.isInternal ? .note : m.author == .customer ? .customer : m.author == .agent ? .agent : .system
            var head = m.isInternal ? "▌\(L10n.Ticket.internalNote)" : "▌\(L10n.author(m.author))"
            if m.author == .customer { head += " " + UntrustedText.line(detail.customer.name) }
            head += " · " + L10n.dateTime(m.at)
            lines.append(Line(head, style))
            // An imported message can be megabytes long: the screen shows its beginning.
            let shown = m.body.prefix(Self.longestShown)
            let cut = shown.endIndex != m.body.endIndex
            for raw in UntrustedText.lines(cut ? String(shown) : m.body) {
                for piece in DisplayWidth.wrap(raw, to: width - 2) {
                    lines.append(Line("  " + piece, m.isInternal ? .note : .normal))
                }
            }
            if cut { lines.append(Line("  " + L10n.Ticket.messageCut(bytes: m.body.utf8.count), .dim)) }
            lines.append(Line(""))
        }
        return lines
    }
}
