import DeskCore
import Foundation

/// The team lead's report as a screen: meters like htop's for the shares that have a target
/// (the recovery rate against the 60% benchmark, answers and resolutions within their SLA),
/// coloured by whether it is met and marked at the target, so that it reads without colour
/// too; then bar charts of reasons, channels and compensation. Every meter, bar and figure
/// starts at the same column, and they grow with the width; from `twoColumnWidth` the
/// charts stand beside the figures.
enum ReportPane {
    /// A piece of a row in one style.
    struct Span: Equatable {
        var text: String
        var style: Style
        init(_ text: String, _ style: Style = .normal) { self.text = text; self.style = style }
    }

    /// One row of the report: its pieces left to right.
    struct Row: Equatable {
        var spans: [Span]
        init(_ spans: [Span]) { self.spans = spans }
        init(_ text: String, _ style: Style = .normal) { spans = [Span(text, style)] }
        var text: String { spans.map(\.text).joined() }
    }

    /// From this width the charts stand beside the figures.
    static let twoColumnWidth = 140

    static func draw(_ state: ConsoleState, into grid: inout Grid) {
        guard let report = state.report else { return }
        let width = state.size.width
        let t = state.text
        grid.paint(y: 0, style: .title)
        grid.put(" \(t.appName) · \(t.report.title)", x: 0, y: 0, style: .title)
        grid.paint(y: 1, style: .header)
        grid.put(" " + t.report.complaints(report.complaints, since: report.since, until: report.until)
                 + (report.breakdown.map { " · " + t.breakdownTitle($0) } ?? ""), x: 0, y: 1, style: .header)
        let rows = lines(report, width: width, currency: state.currency, t)
        for (i, row) in rows.dropFirst(state.reportScroll).prefix(Layout.bodyRows(state.size)).enumerated() {
            var x = 1
            for span in row.spans {
                x = grid.put(span.text, x: x, y: Layout.headerRows + i, style: span.style, width: max(0, width - 1 - x))
            }
        }
    }

    /// A bar of `share` (0…1) in `width` cells, eighths of a cell included. Whole cells are
    /// `▇`, seven eighths high: rxvt-unicode draws `█` the cell's full height, and a chart's
    /// rows then merge into one staircase.
    static func bar(_ share: Double, width: Int) -> String {
        let eighths = Int((max(0, min(1, share)) * Double(width * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let full = String(repeating: "▇", count: eighths / 8) + partial
        return full + String(repeating: " ", count: max(0, width - DisplayWidth.of(full)))
    }

    /// A meter of `width` cells, brackets included: `[██████████████▌│    ]`. The fill is cut
    /// down to the eighth, so that a share just under the target never fills the target's
    /// cell; the target's cell shows `│` whether filled or not. Filled in `.met` when the
    /// target is met, `.missed` when not, `.bar` when there is none.
    static func meter(_ share: Double?, width: Int, target: Double?) -> [Span] {
        let inner = max(1, width - 2)
        // The tiny nudge keeps a share at its exact target (0.6 × 160 eighths) on it.
        let eighths = Int((max(0, min(1, share ?? 0)) * Double(inner * 8) + 1e-9).rounded(.down))
        let style: Style = target.map { (share ?? 0) >= $0 ? .met : .missed } ?? .bar
        var cells = Array(repeating: " ", count: inner)
        for i in 0..<min(inner, eighths / 8) { cells[i] = "█" }
        if eighths % 8 > 0, eighths / 8 < inner { cells[eighths / 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8] }
        let mark = target.map { min(inner - 1, Int((Double(inner) * $0).rounded(.down))) }
        var spans = [Span("[", .track)]
        var run = "", runStyle = style
        func flush() { if !run.isEmpty { spans.append(Span(run, runStyle)); run = "" } }
        for (i, cell) in cells.enumerated() {
            let (text, cellStyle): (String, Style) = i == mark ? ("│", .header) : (cell, cell == " " ? .track : style)
            if cellStyle != runStyle { flush(); runStyle = cellStyle }
            run += text
        }
        flush()
        spans.append(Span("]", .track))
        return spans
    }

    /// The report's rows at a width: in one column, or from `twoColumnWidth` the figures on
    /// the left and the charts on the right.
    static func lines(_ report: Report, width: Int, currency: String = "₽", _ t: L10n) -> [Row] {
        let labels = [t.report.recovery, t.report.satisfaction, t.report.firstResponse, t.report.resolution]
            + report.byReason.map { t.report.countName($0.name) } + report.byChannel.map { t.report.countName($0.name) }
            + report.compensations.map { $0.kind.name(t.language) }
        let labelWidth = min(20, labels.map { DisplayWidth.of($0) }.max() ?? 10)
        guard width >= twoColumnWidth else {
            let layout = Columns(label: labelWidth, width: width - 2)
            return figures(report, layout, currency: currency, t) + [Row("")] + charts(report, layout, currency: currency, t)
        }
        let half = (width - 2 - 3) / 2
        let layout = Columns(label: labelWidth, width: half)
        let left = figures(report, layout, currency: currency, t), right = charts(report, layout, currency: currency, t)
        return (0..<max(left.count, right.count)).map { i in
            // The left column's pieces cut at its width, then padded to it.
            var spans: [Span] = [], used = 0
            for span in i < left.count ? left[i].spans : [] where used < half {
                let piece = DisplayWidth.truncate(span.text, to: half - used)
                spans.append(Span(piece, span.style))
                used += DisplayWidth.of(piece)
            }
            spans.append(Span(String(repeating: " ", count: max(0, half - used) + 3)))
            return Row(spans + (i < right.count ? right[i].spans : []))
        }
    }

    /// Where things go in a column of the report: the labels, then the meters and bars from
    /// one column, the figures right-aligned after them, then notes.
    struct Columns {
        var label: Int
        var width: Int
        /// A figure after a meter, right-aligned: "100.0%", "100,0 %".
        static let figure = 8
        /// What a note after a figure may take before the meters give way: "  within SLA · below 90.0%".
        static let note = 26
        var meter: Int { max(12, min(60, width - label - 1 - Self.figure - 2 - Self.note)) }
        /// Where the meters start, and where a line under them does.
        var indent: String { String(repeating: " ", count: label + 1) }
    }

    static func figures(_ report: Report, _ c: Columns, currency: String, _ t: L10n) -> [Row] {
        var out: [Row] = []
        func meterRow(_ label: String, _ share: Double?, target: Double?, note: [Span]) {
            var spans = [Span(DisplayWidth.fit(label, to: c.label) + " ", .header)]
            spans += meter(share, width: c.meter, target: target)
            let missed = share.flatMap { s in target.map { s < $0 } } ?? false
            // The figure right-aligned, its padding plain: a colour marks the value, not its column.
            let figure = t.report.percent(share)
            spans.append(Span(String(repeating: " ", count: max(0, Columns.figure - DisplayWidth.of(figure)))))
            spans.append(Span(figure, share == nil ? .dim : missed ? .danger : .normal))
            out.append(Row(spans + note))
        }
        /// " · below 90.0%": the separator plain, the words marked.
        func below(_ text: String) -> [Span] {
            text.hasPrefix(" · ") ? [Span(" · ", .dim), Span(String(text.dropFirst(3)), .danger)] : [Span(text, .danger)]
        }
        let rate = report.recoveryRate
        let belowBenchmark = rate.map { $0 < Report.recoveryBenchmark } ?? false
        meterRow(t.report.recovery, rate, target: Report.recoveryBenchmark,
                 note: [Span("  " + t.report.benchmark, .dim)] + (belowBenchmark ? below(t.report.belowTarget("")) : []))
        out.append(Row(c.indent + t.report.recoveredLost(report.recovered, report.lost), .dim))
        // Lost can't happen before the window ends: what is still undecided stands beside the rate.
        out.append(Row(c.indent + t.report.undecided(report.undecided), .dim))
        out.append(Row(c.indent + t.report.closedCohorts(report.closed, days: report.recoveryWindowDays), .dim))
        meterRow(t.report.satisfaction, report.satisfactionShare, target: nil, note: [])
        for (label, timing) in [(t.report.firstResponse, report.firstResponse), (t.report.resolution, report.resolution)] {
            let share = timing.withinSLAShare
            // The policy's target (`[sla] target_percent`); below it the figure is marked.
            let missed = share.map { $0 < report.slaTarget } ?? false
            meterRow(label, share, target: report.slaTarget,
                     note: [Span("  " + t.report.withinSLALabel, .dim)]
                        + (missed ? below(t.report.belowTarget(t.report.percent(report.slaTarget))) : []))
            out.append(Row(c.indent + t.report.timing(median: t.duration(seconds: timing.median), p90: t.duration(seconds: timing.p90),
                                                       n: timing.count), .dim))
        }
        if report.unknownResolutionTimes > 0 { out.append(Row(c.indent + t.report.unknownTimes(report.unknownResolutionTimes), .dim)) }
        out.append(Row(""))
        out.append(Row(t.report.cost(t.money(report.compensationCost, currency: currency))))
        out.append(Row(t.report.reopened(report.reopened, of: report.everResolved)))
        out.append(Row(t.report.failedReplies(report.failedReplies), report.failedReplies > 0 ? .danger : .normal))
        return out
    }

    static func charts(_ report: Report, _ c: Columns, currency: String, _ t: L10n) -> [Row] {
        var out: [Row] = []
        func chart(_ title: String, _ items: [(String, Int, String)]) {
            if !out.isEmpty { out.append(Row("")) }
            out.append(Row(title, .header))
            let most = max(1, items.map(\.1).max() ?? 1)
            for (name, count, extra) in items {
                // The bar sits where a meter's fill does, after the bracket's column.
                out.append(Row([Span(DisplayWidth.fit(name, to: c.label) + "  "),
                                Span(bar(Double(count) / Double(most), width: c.meter - 2), .bar),
                                Span(DisplayWidth.fit(t.report.number(count), to: Columns.figure + 1, alignRight: true)
                                     + (extra.isEmpty ? "" : "  " + extra))]))
            }
        }
        chart(t.report.byReason, report.byReason.map { (t.report.countName($0.name), $0.count, "") })
        chart(t.report.byChannel, report.byChannel.map { (t.report.countName($0.name), $0.count, "") })
        chart(t.report.compensation, report.compensations.map { ($0.kind.name(t.language), $0.count, t.report.given($0, currency: currency)) })
        if let breakdown = report.breakdown, !report.slices.isEmpty {
            out.append(Row(""))
            out.append(Row(t.breakdownTitle(breakdown), .header))
            let nameWidth = min(18, report.slices.map { DisplayWidth.of(t.report.countName($0.name)) }.max() ?? 8)
            for slice in report.slices {
                out.append(Row("  " + t.sliceLine(slice, nameWidth: nameWidth, currency: currency)))
            }
        }
        return out
    }
}
