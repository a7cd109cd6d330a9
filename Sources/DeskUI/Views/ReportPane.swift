import DeskCore

/// The team lead's report as a screen: the recovery rate against the 60% benchmark, and
/// bar charts (block characters) of reasons, channels and compensation.
enum ReportPane {
    typealias Line = TicketPane.Line

    static func draw(_ state: ConsoleState, into grid: inout Grid) {
        guard let report = state.report else { return }
        let width = state.size.width
        let t = state.text
        grid.paint(y: 0, style: .title)
        grid.put(" \(t.appName) · \(t.report.title)", x: 0, y: 0, style: .title)
        grid.paint(y: 1, style: .header)
        grid.put(" " + t.report.complaints(report.complaints, since: report.since, until: report.until)
                 + (report.breakdown.map { " · " + t.breakdownTitle($0) } ?? ""), x: 0, y: 1, style: .header)
        for (i, line) in lines(report, width: width, currency: state.currency, t).dropFirst(state.reportScroll).prefix(Layout.bodyRows(state.size)).enumerated() {
            grid.put(line.text, x: 1, y: Layout.headerRows + i, style: line.style, width: width - 2)
        }
    }

    /// A bar of `share` (0…1) in `width` cells, eighths of a cell included.
    static func bar(_ share: Double, width: Int) -> String {
        let eighths = Int((max(0, min(1, share)) * Double(width * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let full = String(repeating: "█", count: eighths / 8) + partial
        return full + String(repeating: " ", count: max(0, width - DisplayWidth.of(full)))
    }

    static func lines(_ report: Report, width: Int, currency: String = "₽", _ t: L10n) -> [Line] {
        let barWidth = max(10, min(40, width - 40))
        var out: [Line] = []
        let rate = report.recoveryRate
        // The benchmark is marked in the bar itself, so the comparison reads without colour.
        var recoveryBar = Array(bar(rate ?? 0, width: barWidth))
        let mark = Int(Report.recoveryBenchmark * Double(barWidth))
        if mark < recoveryBar.count, recoveryBar[mark] == " " { recoveryBar[mark] = "│" }
        out.append(Line(t.report.recovery, .header))
        out.append(Line("  " + String(recoveryBar) + " " + t.report.percent(rate) + " (" + t.report.benchmark + ")",
                        (rate ?? 0) >= Report.recoveryBenchmark ? .good : .danger))
        out.append(Line("  " + t.report.recoveredLost(report.recovered, report.lost), .dim))
        // Lost can't happen before the window ends: what is still undecided stands beside the rate.
        out.append(Line("  " + t.report.undecided(report.undecided), .dim))
        out.append(Line("  " + t.report.closedCohorts(report.closed, days: report.recoveryWindowDays), .dim))
        out.append(Line(t.report.satisfaction + "  " + t.report.percent(report.satisfactionShare)))
        out.append(Line(t.report.firstResponse + "  " + t.report.timing(
            median: t.duration(seconds: report.firstResponse.median), p90: t.duration(seconds: report.firstResponse.p90),
            n: report.firstResponse.count) + " · " + t.report.withinSLA(t.report.percent(report.firstResponse.withinSLAShare))))
        out.append(Line(t.report.resolution + "  " + t.report.timing(
            median: t.duration(seconds: report.resolution.median), p90: t.duration(seconds: report.resolution.p90),
            n: report.resolution.count) + " · " + t.report.withinSLA(t.report.percent(report.resolution.withinSLAShare))))
        if report.unknownResolutionTimes > 0 { out.append(Line("  " + t.report.unknownTimes(report.unknownResolutionTimes), .dim)) }
        out.append(Line(t.report.cost(t.money(report.compensationCost, currency: currency))))
        out.append(Line(t.report.reopened(report.reopened, of: report.everResolved)))
        out.append(Line(t.report.failedReplies(report.failedReplies), report.failedReplies > 0 ? .danger : .normal))
        func chart(_ title: String, _ items: [(String, Int, String)]) {
            out.append(Line(""))
            out.append(Line(title, .header))
            let most = max(1, items.map(\.1).max() ?? 1)
            let nameWidth = min(18, items.map { DisplayWidth.of($0.0) }.max() ?? 8)
            // The bars give way to the widest figure and its note, down to 10 cells.
            let tail = items.map { String($0.1).count + ($0.2.isEmpty ? 0 : 2 + DisplayWidth.of($0.2)) }.max() ?? 0
            let fitting = max(10, min(barWidth, width - 2 - 2 - nameWidth - 1 - 1 - tail))
            for (name, count, extra) in items {
                out.append(Line("  " + DisplayWidth.fit(name, to: nameWidth) + " " + bar(Double(count) / Double(most), width: fitting)
                                + " " + String(count) + (extra.isEmpty ? "" : "  " + extra)))
            }
        }
        chart(t.report.byReason, report.byReason.map { (t.report.countName($0.name), $0.count, "") })
        chart(t.report.byChannel, report.byChannel.map { (t.report.countName($0.name), $0.count, "") })
        chart(t.report.compensation, report.compensations.map { ($0.kind.name(t.language), $0.count, t.report.given($0, currency: currency)) })
        if let breakdown = report.breakdown, !report.slices.isEmpty {
            out.append(Line(""))
            out.append(Line(t.breakdownTitle(breakdown), .header))
            let nameWidth = min(18, report.slices.map { DisplayWidth.of(t.report.countName($0.name)) }.max() ?? 8)
            for slice in report.slices {
                out.append(Line("  " + t.sliceLine(slice, nameWidth: nameWidth, currency: currency)))
            }
        }
        return out
    }
}
