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
    /// The history panel's width: 44 columns, and once the thread has about 93 (a comfortable
    /// line) it grows with the width up to 64, so that orders and compensations fit whole.
    static func sidePanelWidth(_ width: Int) -> Int { max(44, min(64, width - 96)) }

    /// Where the parts of the page go at a size: the pinned lines above the thread (the
    /// summary, when narrow), how many rows the scrolling part has, and its lines.
    struct Body {
        var pinned: [Line]
        var scrolling: [Line]
        var rows: Int
        var maxScroll: Int { max(0, scrolling.count - rows) }
    }

    /// `historyKey`: the key the summary names for the whole history (it changes no line's count).
    static func body(_ ticket: TicketState, size: Size, now: Date, currency: String, historyKey: String? = nil, _ t: L10n) -> Body {
        let detail = ticket.detail
        var rows = Layout.bodyRows(size) - (suggestionShown(ticket) ? 1 : 0)
        let width = size.width
        if ticket.showingHistory {
            return Body(pinned: [], scrolling: historyLines(detail, width: width - 2, now: now, currency: currency, whole: true, t),
                        rows: rows)
        }
        if width >= sideBySideWidth {
            // A column of space between the thread and the panel's rule.
            return Body(pinned: [], scrolling: threadLines(detail, width: width - sidePanelWidth(width) - 4, t), rows: rows)
        }
        let pinned = summaryLines(detail, width: width - 2, now: now, currency: currency, historyKey: historyKey, t)
        rows -= pinned.count
        return Body(pinned: pinned, scrolling: threadLines(detail, width: width - 2, t), rows: max(1, rows))
    }

    static func suggestionShown(_ ticket: TicketState) -> Bool {
        ticket.suggestion != nil && ticket.detail.ticket.status.isActive
    }

    /// Where the thread opens: at the customer's latest message, or the top.
    static func openingScroll(_ ticket: TicketState, size: Size, now: Date, currency: String, _ t: L10n) -> Int {
        let body = body(ticket, size: size, now: now, currency: currency, t)
        guard let index = body.scrolling.lastIndex(where: { $0.style == .customer }) else { return 0 }
        // The line before it (the previous message's blank, or the thread's rule) shows too.
        return min(max(0, index - 1), body.maxScroll)
    }

    static func draw(_ state: ConsoleState, keymap: Keymap, into grid: inout Grid) {
        guard let ticketState = state.ticket else { return }
        let detail = ticketState.detail
        let tk = detail.ticket
        let t = state.text
        let width = state.size.width
        grid.paint(y: 0, style: .title)
        grid.put(DisplayWidth.truncate(" #\(tk.id) " + UntrustedText.line(tk.subject), to: width), x: 0, y: 0, style: .title)
        grid.paint(y: 1, style: .header)
        // The facts, each in the header's style but the priority and the SLA, which carry
        // their own marks as in the queue.
        var x = grid.put(" ", x: 0, y: 1, style: .header)
        let factList = facts(tk, outcome: detail.outcome, now: state.now, t)
        let priorityIndex = detail.outcome != nil && !tk.status.isActive ? 2 : 1
        for (i, fact) in factList.enumerated() {
            var style = Style.header
            if i == priorityIndex, QueuePane.priorityStyle(tk.priority) != .normal { style = QueuePane.priorityStyle(tk.priority) }
            if tk.status.isActive, i == factList.count - 1 {
                let sla = QueuePane.slaStyle(createdAt: tk.createdAt, due: tk.dueAt, left: Int64(tk.dueAt.timeIntervalSince(state.now)))
                if sla != .normal { style = sla }
            }
            let piece = (i == 0 ? "" : " · ")
            x = grid.put(piece, x: x, y: 1, style: .header, width: max(0, width - x))
            x = grid.put(DisplayWidth.truncate(fact, to: max(0, width - x)), x: x, y: 1, style: style)
        }

        let body = body(ticketState, size: state.size, now: state.now, currency: state.currency,
                        historyKey: keymap.hintName(for: .toggleHistory, in: .ticket), t)
        var y = Layout.headerRows
        for line in body.pinned {
            grid.put(DisplayWidth.truncate(line.text, to: width - 2), x: 1, y: y, style: line.style)
            y += 1
        }
        let scroll = ticketState.showingHistory ? ticketState.historyScroll : ticketState.scroll
        let mainWidth = !ticketState.showingHistory && width >= sideBySideWidth ? width - sidePanelWidth(width) - 2 : width - 1
        for (i, line) in body.scrolling.dropFirst(scroll).prefix(body.rows).enumerated() {
            grid.put(DisplayWidth.truncate(line.text, to: mainWidth - 1), x: 1, y: y + i, style: line.style)
        }
        if !ticketState.showingHistory, width >= sideBySideWidth {
            drawSidePanel(detail, x: mainWidth, rows: Layout.bodyRows(state.size) - (suggestionShown(ticketState) ? 1 : 0),
                          now: state.now, currency: state.currency, keymap: keymap, t, into: &grid)
        }
        // The playbook's suggestion stays in view below the scrolling body.
        if let suggestion = ticketState.suggestion, tk.status.isActive {
            let onThis = detail.compensations.filter { $0.ticketID == tk.id }
            let given = !suggestion.gifts.isEmpty && suggestion.alreadyGiven(in: onThis).count == suggestion.gifts.count
            var text = " " + (given ? t.suggestionGiven(suggestion, currency: state.currency)
                                    : t.suggestion(suggestion, currency: state.currency))
            if !given, let key = keymap.hintKey(for: .takeSuggestion, in: .ticket), !suggestion.gifts.isEmpty {
                text += " " + t.takeKey(key.map(\.name).joined())
            }
            grid.put(DisplayWidth.truncate(text, to: width - 1), x: 0, y: Layout.headerRows + Layout.bodyRows(state.size) - 1,
                     style: given ? .dim : .good)
        }
    }

    /// The history beside the thread: as much as fits, and a last line saying how much more
    /// `h` shows.
    private static func drawSidePanel(_ detail: TicketDetail, x: Int, rows: Int, now: Date, currency: String, keymap: Keymap,
                                      _ t: L10n, into grid: inout Grid) {
        // One column of margin at the right edge, as at the left.
        let panelWidth = grid.size.width - x - 3
        let side = historyLines(detail, width: panelWidth, now: now, currency: currency, whole: true, t)
        for i in 0..<rows {
            grid.put("│", x: x, y: Layout.headerRows + i, style: .dim)
        }
        let fits = side.count <= rows ? side.count : rows - 1
        for (i, line) in side.prefix(fits).enumerated() {
            grid.put(DisplayWidth.truncate(line.text, to: panelWidth), x: x + 2, y: Layout.headerRows + i, style: line.style)
        }
        if fits < side.count {
            let key = keymap.hintName(for: .toggleHistory, in: .ticket) ?? "?"
            grid.put(DisplayWidth.truncate(t.ticket.moreLines(side.count - fits, key: key), to: panelWidth),
                     x: x + 2, y: Layout.headerRows + fits, style: .hint)
        }
    }

    /// The second line: status, priority, reason, fault, channel, who has it, and the SLA
    /// time left; for a resolved complaint its outcome instead of the SLA.
    static func facts(_ ticket: Ticket, outcome: Outcome?, now: Date, _ t: L10n) -> [String] {
        var facts = [t.name(ticket.status)]
        if let outcome, !ticket.status.isActive { facts.append(t.ticket.outcome(outcome)) }
        facts += [t.name(ticket.priority), t.name(ticket.reason), "\(t.ticket.fault) \(t.name(ticket.fault))",
                  "\(t.ticket.channel) \(t.name(ticket.channel))", ticket.assignee.map(UntrustedText.line) ?? t.ticket.unassigned]
        if ticket.status.isActive {
            let left = Int64(ticket.dueAt.timeIntervalSince(now))
            facts.append((ticket.awaitsFirstAnswer ? t.ticket.firstAnswer : t.ticket.resolveBy) + " " + t.slaLeft(seconds: left))
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
    static func summaryLines(_ detail: TicketDetail, width: Int, now: Date, currency: String, historyKey: String? = nil,
                             _ t: L10n) -> [Line] {
        let c = detail.customer
        var lines = [Line(wholePieces(whoPieces(c, t) + contactPieces(c), width: width), c.tier == .vip ? .vip : .customer)]
        lines.append(Line(pieces(ordersPieces(detail, now: now, currency: currency, t), width: width)))
        if let warning = recentWarning(detail, now: now, t) { lines.append(Line(warning, .danger)) }
        let comps = ordered(detail.compensations)
        if !comps.isEmpty {
            let standing = comps.filter { $0.state == .offered || $0.state == .accepted }
            var given = standing.prefix(2).map { c in
                t.compensationShort(c.kind, value: c.value) + (c.promoCode.map { " " + $0 } ?? "")
            }
            let rest = comps.count - given.count
            if given.isEmpty { given = [t.ticket.noneStanding] }
            let more = rest > 0 ? " · " + t.ticket.moreCompensations(rest, key: historyKey) : ""
            lines.append(Line(DisplayWidth.truncate(t.ticket.given + ": " + given.joined(separator: " · "),
                                                    to: width - DisplayWidth.of(more)) + more, .header))
        }
        if let outcome = detail.outcome, !detail.ticket.status.isActive {
            lines.append(Line(t.ticket.resolvedLine(outcome, at: detail.ticket.resolvedAt), .good))
        } else if let r = detail.recovery {
            lines.append(Line(recoveryText(r, t), recoveryStyle(r)))
        }
        if let request = detail.pendingRequest { lines.append(Line(t.requestLine(request), .header)) }
        return lines
    }

    /// The whole history: who, contacts, orders, every compensation, other complaints and
    /// the win-back state; nothing is cut but each line's end.
    static func historyLines(_ detail: TicketDetail, width: Int, now: Date, currency: String, whole: Bool, _ t: L10n) -> [Line] {
        let c = detail.customer
        var lines: [Line] = [Line(pieces(whoPieces(c, t), width: width), c.tier == .vip ? .vip : .customer)]
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
        lines.append(Line(pieces(ordersPieces(detail, now: now, currency: currency, t), width: width)))
        for o in detail.recentOrders.prefix(whole ? 5 : 3) {
            lines.append(Line("  \(o.id) \(t.day(o.placedAt)) \(t.money(o.total, currency: currency)) \(t.name(o.status))", .dim))
        }
        if let warning = recentWarning(detail, now: now, t) { lines.append(Line(warning, .danger)) }
        if let outcome = detail.outcome, !detail.ticket.status.isActive {
            lines.append(Line(t.ticket.resolvedLine(outcome, at: detail.ticket.resolvedAt), .good))
        }
        if !detail.compensations.isEmpty {
            lines.append(Line(t.ticket.compensations + " (\(detail.compensations.count)):", .header))
            for comp in ordered(detail.compensations) {
                let standing = comp.state == .offered || comp.state == .accepted
                lines.append(Line("  " + compensationText(comp, currency: currency, withDate: true, t), standing ? .normal : .dim))
            }
        }
        if !detail.earlierTickets.isEmpty {
            lines.append(Line(t.ticket.earlier + ":", .header))
            for e in detail.earlierTickets {
                lines.append(Line("  #\(e.id) \(t.day(e.createdAt)) \(t.name(e.reason)) → \(e.resolution.map(t.name) ?? t.name(e.status))", .dim))
            }
        }
        if let r = detail.recovery { lines.append(Line(recoveryText(r, t), recoveryStyle(r))) }
        if let request = detail.pendingRequest { lines.append(Line(t.requestLine(request), .header)) }
        return lines
    }

    private static func whoPieces(_ c: Customer, _ t: L10n) -> [String] {
        var who = [UntrustedText.line(c.name)]
        if c.tier == .vip { who.append(t.ticket.vip) } else if c.tier == .loyal { who.append(t.ticket.loyal) }
        if c.referrals >= 3 { who.append(t.ticket.advocate) }
        if let region = c.region { who.append(UntrustedText.line(region)) }
        return who
    }

    private static func contactPieces(_ c: Customer) -> [String] {
        [c.email, c.phone].compactMap { $0 }.map(UntrustedText.line)
    }

    private static func ordersPieces(_ detail: TicketDetail, now: Date, currency: String, _ t: L10n) -> [String] {
        var orders = [t.ticket.orderCount(detail.orderCount), "\(t.ticket.lifetimeValue) \(t.money(detail.lifetimeValue, currency: currency))"]
        if let last = detail.lastOrderAt {
            orders.append("\(t.ticket.lastOrder) " + t.ticket.daysAgo(Int(now.timeIntervalSince(last) / 86_400)))
        }
        return orders
    }

    private static func recentWarning(_ detail: TicketDetail, now: Date, _ t: L10n) -> String? {
        let recent = detail.compensations.filter { now.timeIntervalSince($0.at) < 90 * 86_400 && $0.state != .revoked }
        return recent.count >= 2 ? t.recentCompensationWarning(recent.count, days: 90) : nil
    }

    private static func compensationText(_ comp: Compensation, currency: String, withDate: Bool, _ t: L10n) -> String {
        var text = (withDate ? "\(t.day(comp.at)) " : "") + t.compensation(comp.kind, value: comp.value, currency: currency)
        if let code = comp.promoCode { text += " \(code)" }
        return text + " (\(t.name(comp.state)))"
    }

    private static func recoveryText(_ r: Recovery, _ t: L10n) -> String {
        var text = "\(t.ticket.recovery): \(t.name(r.state))"
        if let f = r.followUpOn { text += " · \(t.ticket.followUp) \(t.day(f))" }
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

    static func threadLines(_ detail: TicketDetail, width: Int, _ t: L10n, saveKey: String? = nil) -> [Line] {
        var lines = [Line("── \(t.ticket.thread) " + String(repeating: "─", count: max(0, width - 4 - DisplayWidth.of(t.ticket.thread))),
                          .dim)]
        for m in detail.messages {
            let style: Style = m.isInternal ? .note : m.author == .customer ? .customer : m.author == .agent ? .agent : .system
            let head = "▌" + t.ticket.author(of: m, customer: UntrustedText.line(detail.customer.name)) + " · " + t.dateTime(m.at)
            if let delivery = m.delivery {
                // A reply sent as mail says where it stands; a failed one stands out.
                if case .failed = delivery {
                    lines.append(Line(head, style))
                    lines.append(Line("  " + t.ticket.delivery(delivery), .danger))
                } else {
                    lines.append(Line(head + " · " + t.ticket.delivery(delivery), style))
                }
            } else {
                lines.append(Line(head, style))
            }
            // An imported message can be megabytes long: the screen shows its beginning.
            let text = t.body(of: m)
            let shown = text.prefix(Self.longestShown)
            let cut = shown.endIndex != text.endIndex
            for raw in UntrustedText.lines(cut ? String(shown) : text) {
                for piece in DisplayWidth.wrap(raw, to: width - 2) {
                    lines.append(Line("  " + piece, m.isInternal ? .note : .normal))
                }
            }
            if cut { lines.append(Line("  " + t.ticket.messageCut(bytes: text.utf8.count), .dim)) }
            if let quoted = m.quoted, !quoted.isEmpty {
                lines.append(Line("  " + t.ticket.quotedFolded(quoted.split(separator: "\n").count), .dim))
            }
            lines.append(Line(""))
        }
        if !detail.attachments.isEmpty {
            lines.append(Line("── " + t.attachmentsTitle(key: saveKey), .dim))
            for (i, attachment) in detail.attachments.enumerated() {
                lines.append(Line("  " + t.attachmentLine(i + 1, attachment), attachment.isKept ? .normal : .dim))
            }
        }
        return lines
    }
}
