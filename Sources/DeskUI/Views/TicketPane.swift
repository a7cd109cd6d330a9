import DeskCore
import Foundation

/// One complaint: a title and its facts, then the complaint first. Below 110 columns a
/// summary of the customer (three or four lines) stays above the thread; from 110 the
/// history stands beside it. Either way, `h` shows the whole history, and the thread opens
/// at the customer's latest message.
enum TicketPane {
    struct Line: Equatable {
        var text: String
        var style: Style
        init(_ text: String, _ style: Style = .normal) { self.text = text; self.style = style }
    }

    /// The history panel goes beside the thread from this width on.
    static let sideBySideWidth = 110
    static let sidePanelWidth = 44

    /// Where the parts of the page go at a size: the pinned lines above the thread (the
    /// summary, when narrow), how many rows the scrolling part has, and its lines.
    struct Body {
        var pinned: [Line]
        var scrolling: [Line]
        var rows: Int
        var maxScroll: Int { max(0, scrolling.count - rows) }
    }

    static func body(_ ticket: TicketState, size: Size, now: Date, currency: String) -> Body {
        let detail = ticket.detail
        var rows = Layout.bodyRows(size) - (suggestionShown(ticket) ? 1 : 0)
        let width = size.width
        if ticket.showingHistory {
            return Body(pinned: [], scrolling: historyLines(detail, width: width - 2, now: now, currency: currency, whole: true),
                        rows: rows)
        }
        if width >= sideBySideWidth {
            return Body(pinned: [], scrolling: threadLines(detail, width: width - sidePanelWidth - 3), rows: rows)
        }
        let pinned = summaryLines(detail, width: width - 2, now: now, currency: currency)
        rows -= pinned.count
        return Body(pinned: pinned, scrolling: threadLines(detail, width: width - 2), rows: max(1, rows))
    }

    static func suggestionShown(_ ticket: TicketState) -> Bool {
        ticket.suggestion != nil && ticket.detail.ticket.status.isActive
    }

    /// Where the thread opens: at the customer's latest message, or the top.
    static func openingScroll(_ ticket: TicketState, size: Size, now: Date, currency: String) -> Int {
        let body = body(ticket, size: size, now: now, currency: currency)
        guard let index = body.scrolling.lastIndex(where: { $0.style == .customer }) else { return 0 }
        // The line before it (the previous message's blank, or the thread's rule) shows too.
        return min(max(0, index - 1), body.maxScroll)
    }

    static func draw(_ state: ConsoleState, keymap: Keymap, into grid: inout Grid) {
        guard let ticketState = state.ticket else { return }
        let detail = ticketState.detail
        let t = detail.ticket
        let width = state.size.width
        grid.paint(y: 0, style: .title)
        grid.put(DisplayWidth.truncate(" #\(t.id) " + UntrustedText.line(t.subject), to: width), x: 0, y: 0, style: .title)
        grid.paint(y: 1, style: .header)
        grid.put(DisplayWidth.truncate(" " + facts(t, outcome: detail.outcome, now: state.now).joined(separator: " · "), to: width),
                 x: 0, y: 1, style: .header)

        let body = body(ticketState, size: state.size, now: state.now, currency: state.currency)
        var y = Layout.headerRows
        for line in body.pinned {
            grid.put(DisplayWidth.truncate(line.text, to: width - 2), x: 1, y: y, style: line.style)
            y += 1
        }
        let scroll = ticketState.showingHistory ? ticketState.historyScroll : ticketState.scroll
        let mainWidth = !ticketState.showingHistory && width >= sideBySideWidth ? width - sidePanelWidth - 2 : width - 1
        for (i, line) in body.scrolling.dropFirst(scroll).prefix(body.rows).enumerated() {
            grid.put(DisplayWidth.truncate(line.text, to: mainWidth - 1), x: 1, y: y + i, style: line.style)
        }
        if !ticketState.showingHistory, width >= sideBySideWidth {
            drawSidePanel(detail, x: mainWidth, rows: Layout.bodyRows(state.size) - (suggestionShown(ticketState) ? 1 : 0),
                          now: state.now, currency: state.currency, keymap: keymap, into: &grid)
        }
        // The playbook's suggestion stays in view below the scrolling body.
        if let suggestion = ticketState.suggestion, t.status.isActive {
            let onThis = detail.compensations.filter { $0.ticketID == t.id }
            let given = !suggestion.gifts.isEmpty && suggestion.alreadyGiven(in: onThis).count == suggestion.gifts.count
            var text = " " + (given ? L10n.suggestionGiven(suggestion, currency: state.currency)
                                    : L10n.suggestion(suggestion, currency: state.currency))
            if !given, let key = keymap.keys(for: .takeSuggestion, in: .ticket).first, !suggestion.gifts.isEmpty {
                text += " " + L10n.takeKey(key.map(\.name).joined())
            }
            grid.put(DisplayWidth.truncate(text, to: width), x: 0, y: Layout.headerRows + Layout.bodyRows(state.size) - 1,
                     style: given ? .dim : .good)
        }
    }

    /// The history beside the thread: as much as fits, and a last line saying how much more
    /// `h` shows.
    private static func drawSidePanel(_ detail: TicketDetail, x: Int, rows: Int, now: Date, currency: String, keymap: Keymap,
                                      into grid: inout Grid) {
        let panelWidth = grid.size.width - x - 2
        let side = historyLines(detail, width: panelWidth, now: now, currency: currency, whole: true)
        for i in 0..<rows {
            grid.put("│", x: x, y: Layout.headerRows + i, style: .dim)
        }
        let fits = side.count <= rows ? side.count : rows - 1
        for (i, line) in side.prefix(fits).enumerated() {
            grid.put(DisplayWidth.truncate(line.text, to: panelWidth), x: x + 2, y: Layout.headerRows + i, style: line.style)
        }
        if fits < side.count {
            let key = keymap.keys(for: .toggleHistory, in: .ticket).first?.map(\.name).joined() ?? "h"
            grid.put(DisplayWidth.truncate(L10n.Ticket.moreLines(side.count - fits, key: key), to: panelWidth),
                     x: x + 2, y: Layout.headerRows + fits, style: .warning)
        }
    }

    /// The second line: status, priority, reason, fault, channel, who has it, and the SLA
    /// time left; for a resolved complaint its outcome instead of the SLA.
    static func facts(_ t: Ticket, outcome: Outcome?, now: Date) -> [String] {
        var facts = [t.status.rawValue]
        if let outcome, !t.status.isActive { facts.append(L10n.Ticket.outcome(outcome)) }
        facts += [t.priority.rawValue, t.reason.rawValue, "\(L10n.Ticket.fault) \(t.fault.rawValue)",
                  "\(L10n.Ticket.channel) \(t.channel.rawValue)", t.assignee.map(UntrustedText.line) ?? L10n.Ticket.unassigned]
        if t.status.isActive {
            let left = Int64(t.dueAt.timeIntervalSince(now))
            facts.append((t.awaitsFirstAnswer ? L10n.Ticket.firstAnswer : L10n.Ticket.resolveBy) + " " + L10n.slaLeft(seconds: left))
        }
        return facts
    }

    /// Compensations in the order an agent needs them: those still standing (offered,
    /// accepted) first, then declined and revoked; newest first within each.
    static func ordered(_ compensations: [Compensation]) -> [Compensation] {
        func rank(_ c: Compensation) -> Int {
            switch c.state { case .offered, .accepted: 0; case .declined: 1; case .revoked: 2 }
        }
        return compensations.enumerated().sorted { a, b in
            rank(a.element) != rank(b.element) ? rank(a.element) < rank(b.element) : a.offset < b.offset
        }.map(\.element)
    }

    /// The customer in three or four lines above the thread: who, their orders, what they
    /// were given (the standing compensation, and how many more `h` shows), the outcome.
    static func summaryLines(_ detail: TicketDetail, width: Int, now: Date, currency: String) -> [Line] {
        let c = detail.customer
        var lines = [Line(wholePieces(whoPieces(c) + contactPieces(c), width: width), c.tier == .vip ? .warning : .customer)]
        lines.append(Line(pieces(ordersPieces(detail, now: now, currency: currency), width: width)))
        if let warning = recentWarning(detail, now: now) { lines.append(Line(warning, .danger)) }
        let comps = ordered(detail.compensations)
        if !comps.isEmpty {
            let standing = comps.filter { $0.state == .offered || $0.state == .accepted }
            var given = standing.prefix(2).map { c in
                L10n.compensationShort(c.kind, value: c.value) + (c.promoCode.map { " " + $0 } ?? "")
            }
            let rest = comps.count - given.count
            if given.isEmpty { given = [L10n.Ticket.noneStanding] }
            let more = rest > 0 ? " · " + L10n.Ticket.moreCompensations(rest) : ""
            lines.append(Line(DisplayWidth.truncate(L10n.Ticket.given + ": " + given.joined(separator: " · "),
                                                    to: width - DisplayWidth.of(more)) + more, .header))
        }
        if let outcome = detail.outcome, !detail.ticket.status.isActive {
            lines.append(Line(L10n.Ticket.resolvedLine(outcome, at: detail.ticket.resolvedAt), .good))
        } else if let r = detail.recovery {
            lines.append(Line(recoveryText(r), recoveryStyle(r)))
        }
        return lines
    }

    /// The whole history: who, contacts, orders, every compensation, other complaints and
    /// the win-back state; nothing is cut but each line's end.
    static func historyLines(_ detail: TicketDetail, width: Int, now: Date, currency: String, whole: Bool) -> [Line] {
        let c = detail.customer
        var lines: [Line] = [Line(pieces(whoPieces(c), width: width), c.tier == .vip ? .warning : .customer)]
        // Contacts are never split across lines: each goes whole on a line of its own when
        // they do not fit together.
        let contacts = contactPieces(c)
        if !contacts.isEmpty {
            if DisplayWidth.of(contacts.joined(separator: " · ")) <= width {
                lines.append(Line(contacts.joined(separator: " · "), .dim))
            } else {
                lines += contacts.map { Line($0, .dim) }
            }
        }
        lines.append(Line(pieces(ordersPieces(detail, now: now, currency: currency), width: width)))
        for o in detail.recentOrders.prefix(whole ? 5 : 3) {
            lines.append(Line("  \(o.id) \(L10n.day(o.placedAt)) \(o.total.display(currency: currency)) \(o.status.rawValue)", .dim))
        }
        if let warning = recentWarning(detail, now: now) { lines.append(Line(warning, .danger)) }
        if let outcome = detail.outcome, !detail.ticket.status.isActive {
            lines.append(Line(L10n.Ticket.resolvedLine(outcome, at: detail.ticket.resolvedAt), .good))
        }
        if !detail.compensations.isEmpty {
            lines.append(Line(L10n.Ticket.compensations + " (\(detail.compensations.count)):", .header))
            for comp in ordered(detail.compensations) {
                let standing = comp.state == .offered || comp.state == .accepted
                lines.append(Line("  " + compensationText(comp, currency: currency, withDate: true), standing ? .normal : .dim))
            }
        }
        if !detail.earlierTickets.isEmpty {
            lines.append(Line(L10n.Ticket.earlier + ":", .header))
            for e in detail.earlierTickets {
                lines.append(Line("  #\(e.id) \(L10n.day(e.createdAt)) \(e.reason.rawValue) → \(e.resolution?.rawValue ?? e.status.rawValue)", .dim))
            }
        }
        if let r = detail.recovery { lines.append(Line(recoveryText(r), recoveryStyle(r))) }
        return lines
    }

    private static func whoPieces(_ c: Customer) -> [String] {
        var who = [UntrustedText.line(c.name)]
        if c.tier == .vip { who.append(L10n.Ticket.vip) } else if c.tier == .loyal { who.append(L10n.Ticket.loyal) }
        if c.referrals >= 3 { who.append(L10n.Ticket.advocate) }
        if let region = c.region { who.append(UntrustedText.line(region)) }
        return who
    }

    private static func contactPieces(_ c: Customer) -> [String] {
        [c.email, c.phone].compactMap { $0 }.map(UntrustedText.line)
    }

    private static func ordersPieces(_ detail: TicketDetail, now: Date, currency: String) -> [String] {
        var orders = [L10n.Ticket.orderCount(detail.orderCount), "\(L10n.Ticket.lifetimeValue) \(detail.lifetimeValue.display(currency: currency))"]
        if let last = detail.lastOrderAt {
            orders.append("\(L10n.Ticket.lastOrder) \(Int(now.timeIntervalSince(last) / 86_400))\(L10n.Ticket.daysAgo)")
        }
        return orders
    }

    private static func recentWarning(_ detail: TicketDetail, now: Date) -> String? {
        let recent = detail.compensations.filter { now.timeIntervalSince($0.at) < 90 * 86_400 && $0.state != .revoked }
        return recent.count >= 2 ? L10n.recentCompensationWarning(recent.count, days: 90) : nil
    }

    private static func compensationText(_ comp: Compensation, currency: String, withDate: Bool) -> String {
        var text = (withDate ? "\(L10n.day(comp.at)) " : "") + L10n.compensation(comp.kind, value: comp.value, currency: currency)
        if let code = comp.promoCode { text += " \(code)" }
        return text + " (\(comp.state.rawValue))"
    }

    private static func recoveryText(_ r: Recovery) -> String {
        var text = "\(L10n.Ticket.recovery): \(r.state.rawValue)"
        if let f = r.followUpOn { text += " · \(L10n.Ticket.followUp) \(L10n.day(f))" }
        return text
    }

    private static func recoveryStyle(_ r: Recovery) -> Style {
        r.state == .recovered ? .good : r.state == .lost ? .danger : .normal
    }

    /// Pieces joined with ` · ` while they fit; the rest is cut with `…`.
    private static func pieces(_ pieces: [String], width: Int) -> String {
        DisplayWidth.truncate(pieces.joined(separator: " · "), to: width)
    }

    /// Pieces joined with ` · ` while each fits whole (a phone number is never cut); the
    /// first is cut with `…` if even it does not fit. `h` shows what is left out.
    private static func wholePieces(_ pieces: [String], width: Int) -> String {
        var line = DisplayWidth.truncate(pieces.first ?? "", to: width)
        for piece in pieces.dropFirst() {
            let longer = line + " · " + piece
            guard DisplayWidth.of(longer) <= width else { break }
            line = longer
        }
        return line
    }

    /// How much of one message the thread shows, in characters.
    static let longestShown = 20_000

    static func threadLines(_ detail: TicketDetail, width: Int) -> [Line] {
        var lines = [Line("── \(L10n.Ticket.thread) " + String(repeating: "─", count: max(0, width - 4 - DisplayWidth.of(L10n.Ticket.thread))),
                          .dim)]
        for m in detail.messages {
            let style: Style = m.isInternal ? .note : m.author == .customer ? .customer : m.author == .agent ? .agent : .system
            let head = "▌" + L10n.Ticket.author(of: m, customer: UntrustedText.line(detail.customer.name)) + " · " + L10n.dateTime(m.at)
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
            if let quoted = m.quoted, !quoted.isEmpty {
                lines.append(Line("  … quoted text folded (\(quoted.split(separator: "\n").count) lines)", .dim))
            }
            lines.append(Line(""))
        }
        return lines
    }
}
