import DeskCore
import Foundation

/// The queue: a title with the view and its count, column headings, one row a ticket.
enum QueuePane {
    /// What a column shows.
    enum Field {
        case id, age, customer, subject, match, reason, priority, status, sla, assignee, outcome, winBack, followUp
    }

    struct Column {
        var field: Field
        var title: String
        var width: Int
        var alignRight = false
    }

    /// The columns of a view at a screen width. Open work shows the SLA; Resolved shows the
    /// outcome; Follow-ups the win-back state and the follow-up day. The customer takes what
    /// is left, up to a point; from there a subject column takes the rest.
    static func columns(width: Int, view: QueueView = .open, _ t: L10n) -> [Column] {
        /// As wide as the longest word of the language that a column shows.
        func widest<T: Named>(_ type: T.Type, _ title: String, extra: Int = 0, atLeast: Int) -> Int {
            max(atLeast, DisplayWidth.of(title), (T.allCases.map { DisplayWidth.of(t.name($0)) }.max() ?? 0) + extra)
        }
        var cols = [Column(field: .id, title: t.column.id, width: 7),
                    Column(field: .age, title: t.column.age, width: 4, alignRight: true),
                    Column(field: .customer, title: t.column.customer, width: 0),
                    Column(field: .reason, title: t.column.reason, width: 16)]
        switch view {
        case .resolved:
            cols += [Column(field: .outcome, title: t.column.outcome, width: widest(Resolution.self, t.column.outcome, extra: 3, atLeast: 14)),
                     Column(field: .status, title: t.column.status, width: widest(TicketStatus.self, t.column.status, atLeast: 8))]
        case .followUps:
            cols += [Column(field: .winBack, title: t.column.winBack, width: widest(RecoveryState.self, t.column.winBack, atLeast: 9)),
                     Column(field: .followUp, title: t.column.followUp, width: max(10, DisplayWidth.of(t.column.followUp),
                                                                                     DisplayWidth.of(t.day(Date(timeIntervalSince1970: 1_796_000_000)))))]
        default:
            cols += [Column(field: .priority, title: t.column.priority, width: widest(Priority.self, t.column.priority, atLeast: 6)),
                     Column(field: .status, title: t.column.status, width: widest(TicketStatus.self, t.column.status, atLeast: 8)),
                     Column(field: .sla, title: t.column.sla, width: max(5, DisplayWidth.of(t.column.sla)), alignRight: true)]
            if width >= 96 { cols.append(Column(field: .assignee, title: t.column.assignee, width: 10)) }
        }
        if view == .search {
            // A search shows why each row matched in place of the reason: the words found.
            cols.remove(at: 3)
        }
        // One space before each column, and one at the right edge.
        let fixed = cols.reduce(0) { $0 + $1.width } + cols.count + 1
        let left = max(8, width - fixed)
        if view == .search {
            cols[2].width = max(8, min(customerWidth, left * 2 / 5))
            cols.insert(Column(field: .match, title: t.column.match, width: max(1, left - cols[2].width - 1)), at: 3)
        } else if left > customerWidth + 12 {
            cols[2].width = customerWidth
            cols.insert(Column(field: .subject, title: t.column.subject, width: left - customerWidth - 1), at: 3)
        } else {
            cols[2].width = left
        }
        return cols
    }

    /// The customer column's width once a subject column shows beside it.
    static let customerWidth = 24

    static func draw(_ state: ConsoleState, into grid: inout Grid) {
        let width = state.size.width
        let queue = state.queue
        let t = state.text
        // Title: the current view with its count, the other views while they fit, the order.
        grid.paint(y: 0, style: .title)
        var x = grid.put(" \(t.appName) ", x: 0, y: 0, style: .title)
        let filter = queue.query.filter.isEmpty ? "" : " · " + queue.query.filter.text(state.language)
        let isSearch = queue.query.view == .search
        let total = t.total(queue.count, capped: isSearch)
        let current = isSearch
            ? "[\(t.viewName(.search)): \(UntrustedText.line(queue.query.text)) \(total)\(filter)]"
            : "[\(t.viewName(queue.query.view)) \(total)\(filter)]"
        x = grid.put(current, x: x, y: 0, style: .chip)
        let sort = " " + t.sortName(queue.query.sort) + " "
        let sortWidth = DisplayWidth.of(sort)
        // The other views with their counts, next ones first, while they fit.
        let views = QueueView.standard
        let start = (views.firstIndex(of: queue.query.view) ?? -1) + 1
        for i in 0..<views.count {
            let view = views[(start + i) % views.count]
            guard view != queue.query.view else { continue }
            let label = " \(t.viewName(view)) \(t.compact(state.viewCounts[view]))"
            if x + DisplayWidth.of(label) + sortWidth + 1 > width { break }
            x = grid.put(label, x: x, y: 0, style: .title)
        }
        if x + sortWidth <= width {
            grid.put(sort, x: width - sortWidth, y: 0, style: .title)
        }

        let cols = columns(width: width, view: queue.query.view, t)
        var col = 1
        for c in cols {
            grid.put(DisplayWidth.fit(c.title, to: c.width, alignRight: c.alignRight), x: col, y: 1, style: .header)
            col += c.width + 1
        }
        grid.paint(y: 1, style: .header)

        if queue.rows.isEmpty {
            grid.put(" " + t.emptyQueue, x: 0, y: Layout.headerRows + 1, style: .dim)
            return
        }
        for (i, row) in queue.rows.enumerated() {
            let y = Layout.headerRows + i
            let selected = i == queue.selected
            var col = 1
            for c in cols {
                if c.field == .match {
                    putFound(queue.matches[row.seq] ?? nil, query: queue.query.text, x: col, y: y, width: c.width, style: .dim, into: &grid)
                } else if isSearch, c.field == .customer {
                    putFound(SearchMatch(text: UntrustedText.line(row.customerName), first: 0), query: queue.query.text,
                             x: col, y: y, width: c.width, style: .normal, into: &grid)
                } else {
                    let (text, style) = cell(c.field, row, now: state.now, t)
                    put(text, x: col, y: y, width: c.width, alignRight: c.alignRight, style: style, into: &grid)
                }
                col += c.width + 1
            }
            if selected {
                // The bar changes the background only: the row keeps its own marks (urgent, !3w).
                grid.put("▶", x: 0, y: y, style: .normal)
                grid.select(y: y)
            } else if row.replyFailed {
                grid.put("✗", x: 0, y: y, style: .danger)  // a reply sent as mail failed
            } else if queue.changedByOthers.contains(row.seq) {
                grid.put("•", x: 0, y: y, style: .hint)  // changed by someone else since drawn
            }
        }
    }

    /// A column's text in its style, and the padding plain: an underline or a background
    /// marks the value, not the width of its column.
    static func put(_ text: String, x: Int, y: Int, width: Int, alignRight: Bool, style: Style, into grid: inout Grid) {
        let shown = DisplayWidth.truncate(text, to: width)
        grid.put(String(repeating: " ", count: width), x: x, y: y)
        grid.put(shown, x: alignRight ? x + width - DisplayWidth.of(shown) : x, y: y, style: style)
    }

    /// A search's match in a column: the words found highlighted, the rest in `style`.
    static func putFound(_ match: SearchMatch?, query: String, x: Int, y: Int, width: Int, style: Style, into grid: inout Grid) {
        grid.put(String(repeating: " ", count: width), x: x, y: y)
        var at = x
        for piece in match?.pieces(width: width, query: query) ?? [] {
            at = grid.put(piece.text, x: at, y: y, style: piece.found ? .match : style, width: x + width - at)
        }
    }

    /// What a row shows in one column, and how.
    static func cell(_ field: Field, _ row: QueueRow, now: Date, _ t: L10n) -> (String, Style) {
        let done = !row.status.isActive
        switch field {
        case .id: return (row.id, .normal)
        case .age: return (t.span(seconds: Int64(now.timeIntervalSince(row.createdAt))), .dim)
        case .customer: return (UntrustedText.line(row.customerName), .normal)
        case .subject: return (UntrustedText.line(row.subject), .dim)
        case .match: return ("", .dim)
        case .reason: return (t.name(row.reason), .normal)
        case .priority: return (t.name(row.priority), priorityStyle(row.priority))
        case .status: return (t.name(row.status), done ? .dim : .normal)
        case .sla:
            let left = Int64(row.dueAt.timeIntervalSince(now))
            return done ? (t.slaDone, .dim) : (t.slaLeft(seconds: left), slaStyle(createdAt: row.createdAt, due: row.dueAt, left: left))
        case .assignee: return (row.assignee.map(UntrustedText.line) ?? "", .dim)
        case .outcome:
            guard let resolution = row.resolution else { return (t.slaDone, .dim) }
            return (t.name(resolution) + (row.satisfaction.map { " ★\($0)" } ?? ""), .normal)
        case .winBack:
            guard let state = row.recovery else { return (t.slaDone, .dim) }
            return (t.name(state), state == .recovered ? .good : state == .lost ? .danger : .normal)
        case .followUp:
            guard let day = row.followUpOn else { return (t.slaDone, .dim) }
            // Overdue: a follow-up day before today.
            let overdue = day < Calendar.current.startOfDay(for: now)
            return (t.day(day), overdue ? .danger : .normal)
        }
    }

    /// Priority has marks of its own, apart from the SLA's: urgent and high.
    static func priorityStyle(_ priority: Priority) -> Style {
        switch priority {
        case .urgent: .urgent
        case .high: .high
        default: .normal
        }
    }

    /// Late (red) once breached — the `!` marks it without colour too —, due soon (amber)
    /// under a quarter of the time left (`slaWarningShare`, told in `?`).
    static func slaStyle(createdAt: Date, due: Date, left: Int64) -> Style {
        if left < 0 { return .danger }
        let total = max(1, Int64(due.timeIntervalSince(createdAt)))
        return Double(left) < Double(total) * slaWarningShare ? .warning : .normal
    }

    /// Under this share of its time left, an SLA shows as due soon.
    static let slaWarningShare = 0.25
}
