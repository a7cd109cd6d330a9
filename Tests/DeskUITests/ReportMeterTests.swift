import DeskCore
@testable import DeskUI
import DeskTestSupport
import Testing

/// The report's meters, pinned where it matters: empty, just under the 60% benchmark, on it,
/// full; and in colour by whether the target is met.
@Suite struct ReportMeterTests {
    static func text(_ spans: [ReportPane.Span]) -> String { spans.map(\.text).joined() }
    static func fill(_ spans: [ReportPane.Span]) -> Set<Style> {
        Set(spans.filter { $0.text.contains("█") || $0.text.contains("▉") }.map(\.style))
    }

    @Test func metersArePinnedAtTheBenchmark() {
        let zero = ReportPane.meter(0, width: 22, target: 0.6)
        #expect(Self.text(zero) == "[            │       ]")
        #expect(Self.fill(zero).isEmpty)
        let under = ReportPane.meter(0.599, width: 22, target: 0.6)
        #expect(Self.text(under) == "[███████████▉│       ]", "59.9% never fills the benchmark's cell")
        #expect(Self.fill(under) == [.missed])
        let on = ReportPane.meter(0.6, width: 22, target: 0.6)
        #expect(Self.text(on) == "[████████████│       ]")
        #expect(Self.fill(on) == [.met])
        let full = ReportPane.meter(1, width: 22, target: 0.6)
        #expect(Self.text(full) == "[████████████│███████]", "the mark shows in the fill too")
        #expect(Self.fill(full) == [.met])
        #expect(full.first?.style == .track && full.last?.style == .track)
        #expect(full.first { $0.text == "│" }?.style == .header)
        #expect(Self.text(ReportPane.meter(0.5, width: 12, target: nil)) == "[█████     ]", "no target, no mark")
        #expect(Self.fill(ReportPane.meter(0.5, width: 12, target: nil)) == [.bar])
    }

    /// Meters, bars and figures start at one column in every section, and grow with the width.
    @Test func barsAndFiguresLineUpAndUseTheWidth() throws {
        let report = try Fixtures.desk().report()
        for width in [80, 120] {
            let rows = ReportPane.lines(report, width: width, L10n.english)
            let meters = rows.map(\.text).filter { $0.contains("[") && $0.contains("]") && $0.contains("%") }
            let bars = rows.map(\.text).filter { !$0.contains("[") && $0.contains("▇") }
            #expect(bars.allSatisfy { !$0.contains("█") }, "a chart's rows never touch (rxvt-unicode draws █ the full height)")
            #expect(meters.count == 4 && !bars.isEmpty)
            let meterStarts = Set(meters.map { DisplayWidth.of(String($0[..<$0.firstIndex(of: "[")!])) + 1 })
            let barStarts = Set(bars.map { DisplayWidth.of(String($0[..<$0.firstIndex(of: "▇")!])) })
            #expect(meterStarts.count == 1 && meterStarts == barStarts, "at \(width): \(meterStarts) \(barStarts)")
            // Figures end at the same column: after a meter's % and a bar's count.
            func end(_ row: String, after start: String.Index) -> Int {
                let digits = row[start...].drop { !$0.isNumber }
                let figure = digits.prefix { $0.isNumber || $0 == "." || $0 == "%" }
                return DisplayWidth.of(String(row[..<figure.endIndex]))
            }
            let figureEnds = Set(meters.map { end($0, after: $0.firstIndex(of: "]")!) }
                                 + bars.map { end($0, after: $0.lastIndex { "▇▏▎▍▌▋▊▉".contains($0) }!) })
            #expect(figureEnds.count == 1, "at \(width): \(figureEnds)")
        }
        let narrow = ReportPane.Columns(label: 15, width: 78).meter, wide = ReportPane.Columns(label: 15, width: 118).meter
        #expect(wide > narrow, "the meters grow with the width")
    }

    @Test func fromAHundredAndFortyColumnsTheChartsStandBesideTheFigures() throws {
        let report = try Fixtures.desk().report()
        let one = ReportPane.lines(report, width: 120, L10n.english), two = ReportPane.lines(report, width: 160, L10n.english)
        #expect(two.count < one.count)
        #expect(two[0].text.contains("Recovery rate") && two[0].text.contains("Complaints by reason"))
        #expect(two.allSatisfy { DisplayWidth.of($0.text) <= 158 })
    }

    @Test func aFigureBelowItsTargetIsMarked() throws {
        var report = try Fixtures.desk().report()
        report.firstResponse.withinSLA = 1
        let rows = ReportPane.lines(report, width: 80, L10n.english)
        let row = try #require(rows.first { $0.text.hasPrefix("First response") })
        #expect(row.text.contains("below 90.0%"))
        #expect(row.spans.contains { $0.text.contains("%") && $0.style == .danger })
        let ru = ReportPane.lines(report, width: 80, L10n.russian)
        #expect(ru.contains { $0.text.contains("ниже 90,0 %") })
        #expect(!rows[0].text.contains("below"), "100% recovered is above the benchmark")
        report.recovered = 1
        report.lost = 3
        let recovery = ReportPane.lines(report, width: 80, L10n.english)[0]
        #expect(recovery.text.contains("25.0%  benchmark 60% · below"), "\(recovery.text)")
        #expect(recovery.spans.filter { $0.text.contains("█") || $0.text.contains("▌") }.allSatisfy { $0.style == .missed })
        #expect(recovery.spans.contains { $0.text == "below" && $0.style == .danger }, "the words marked, not the separator")
        #expect(recovery.spans.contains { $0.text == "25.0%" && $0.style == .danger }, "the figure marked, not its padding")
    }

    /// The SLA target is the policy's (`[sla] target_percent`): a figure under it is marked
    /// on the screen and in `cdesk report`, one at or above it is not.
    @Test func theSLATargetIsThePolicys() throws {
        let store = try Fixtures.desk()
        var options = ReportOptions()
        options.slaTargetPercent = 95
        var report = try store.report(options)
        #expect(report.slaTargetPercent == 95 && report.slaTarget == 0.95)
        report.firstResponse.count = 40
        report.firstResponse.withinSLA = 37  // 92.5%: over the old 90%, under 95%
        let rows = ReportPane.lines(report, width: 80, L10n.english)
        let first = try #require(rows.first { $0.text.hasPrefix("First response") })
        #expect(first.text.contains("92.5%  within SLA · below 95.0%"), "\(first.text)")
        #expect(first.spans.filter { $0.text.contains("█") }.allSatisfy { $0.style == .missed })
        #expect(report.table(language: .en).contains("92.5% within SLA, below the 95% target)"))
        #expect(report.table(language: .ru).contains("ниже цели 95 %"))
        #expect(report.json().contains("\"target\" : 0.95"))
        report.slaTargetPercent = 90
        let met = try #require(ReportPane.lines(report, width: 80, L10n.english).first { $0.text.hasPrefix("First response") })
        #expect(!met.text.contains("below") && met.spans.filter { $0.text.contains("█") }.allSatisfy { $0.style == .met })
        #expect(!report.table(language: .en).contains("target"))
    }

    @Test func pointsAreGroupedAndCarryTheirCurrency() {
        let given = Report.Given(kind: .bonus, count: 3, total: 191_300)
        #expect(L10n.english.report.given(given, currency: "₽") == "191,300 pts = 191,300 ₽")
        #expect(L10n.russian.report.given(given, currency: "₽") .replacingOccurrences(of: "\u{A0}", with: " ") == "191 300 баллов = 191 300 ₽", "grouped with a no-break space")
    }
}
