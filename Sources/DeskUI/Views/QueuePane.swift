import DeskCore
import Foundation

/// The queue: a title with the view and its count, column headings, one row a ticket.
enum QueuePane {
    struct Column {
        var title: String
        var width: Int
        var alignRight = false
    }

    /// Column widths for a screen width; the customer column takes what is left.
    static func columns(width: Int) -> [Column] {
        var cols = [
            Column(title: L10n.Column.id, width: 7),
            Column(title: L10n.Column.age, width: 4, alignRight: true),
            Column(title: L10n.Column.customer, width: 0),
            Column(title: L10n.Column.reason, width: 16),
            Column(title: L10n.Column.priority, width: 6),
            Column(title: L10n.Column.status, width: 8),
            Column(title: L10n.Column.sla, width: 5, alignRight: true),
        ]
        if width >= 96 { cols.append(Column(title: L10n.Column.assignee, width: 10)) }
        let fixed = cols.reduce(0) { $0 + $1.width } + cols.count  // one space before each column
        cols[2].width = max(8, width - fixed)
        return cols
    }

    static func draw(_ state: ConsoleState, into grid: inout Grid) {
        let width = state.size.width
        let queue = state.queue
        // Title: the current view with its count, the other views while they fit, the order.
        grid.paint(y: 0, style: .title)
        var x = grid.put(" \(L10n.appName) ", x: 0, y: 0, style: .title)
        let filter = queue.query.filter.isEmpty ? "" : " · " + queue.query.filter.text
        let isSearch = queue.query.view == .search
        let total = L10n.total(queue.count, capped: isSearch)
        let current = isSearch
            ? "[\(L10n.viewName(.search)): \(UntrustedText.line(queue.query.text)) \(total)\(filter)]"
            : "[\(L10n.viewName(queue.query.view)) \(total)\(filter)]"
        x = grid.put(current, x: x, y: 0, style: .selected)
        let sort = " " + L10n.sortName(queue.query.sort) + " "
        let sortWidth = DisplayWidth.of(sort)
        // The other views with their counts, next ones first, while they fit.
        let views = QueueView.standard
        let start = (views.firstIndex(of: queue.query.view) ?? -1) + 1
        for i in 0..<views.count {
            let view = views[(start + i) % views.count]
            guard view != queue.query.view else { continue }
            let label = " \(L10n.viewName(view)) \(L10n.compact(state.viewCounts[view]))"
            if x + DisplayWidth.of(label) + sortWidth + 1 > width { break }
            x = grid.put(label, x: x, y: 0, style: .title)
        }
        if x + sortWidth <= width {
            grid.put(sort, x: width - sortWidth, y: 0, style: .title)
        }

        let cols = columns(width: width)
        var col = 1
        for c in cols {
            grid.put(DisplayWidth.fit(c.title, to: c.width, alignRight: c.alignRight), x: col, y: 1, style: .header)
            col += c.width + 1
        }
        grid.paint(y: 1, style: .header)

        if queue.rows.isEmpty {
            grid.put(" " + L10n.emptyQueue, x: 0, y: Layout.headerRows + 1, style: .dim)
            return
        }
        let now = state.now.timeIntervalSince1970
        for (i, row) in queue.rows.enumerated() {
            let y = Layout.headerRows + i
            let selected = i == queue.selected
            let due = row.dueAt
            let slaSeconds = Int64(due.timeIntervalSince1970 - now)
            let done = !row.status.isActive
            let cells: [(String, Style)] = [
                (row.id, .normal),
                (L10n.span(seconds: Int64(now - row.createdAt.timeIntervalSince1970)), .dim),
                (UntrustedText.line(row.customerName), .normal),
                (row.reason.rawValue, .normal),
                (row.priority.rawValue, row.priority == .urgent ? .danger : row.priority == .high ? .warning : .normal),
                (row.status.rawValue, done ? .dim : .normal),
                (done ? L10n.slaDone : L10n.slaLeft(seconds: slaSeconds), done ? .dim : slaStyle(row, due: due, left: slaSeconds)),
                (row.assignee.map(UntrustedText.line) ?? "", .dim),
            ]
            var col = 1
            for (c, cell) in zip(cols, cells) {
                grid.put(DisplayWidth.fit(cell.0, to: c.width, alignRight: c.alignRight), x: col, y: y,
                         style: selected ? .selected : cell.1)
                col += c.width + 1
            }
            if selected {
                grid.put("▶", x: 0, y: y, style: .selected)
                grid.paint(y: y, style: .selected)
            } else if queue.changedByOthers.contains(row.seq) {
                grid.put("•", x: 0, y: y, style: .warning)  // changed by someone else since drawn
            }
        }
    }

    /// Red once breached (the `!` marks it without colour too), yellow under a quarter of the
    /// time left.
    static func slaStyle(_ row: QueueRow, due: Date, left: Int64) -> Style {
        if left < 0 { return .danger }
        let total = max(1, Int64(due.timeIntervalSince(row.createdAt)))
        return left * 4 < total ? .warning : .normal
    }
}
