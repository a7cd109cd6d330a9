import CXlsxWriter
import DeskCore
import Foundation

/// The report of the exported period as a sheet: one figure a row (its name, its value as
/// a number of the right kind, a note), then the compensation by kind, the breakdown and
/// the trend as small tables. Rows are written in order, as constant-memory mode needs.
struct ReportSheet {
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    let formats: CaseWorkbook.Formats
    let zone: TimeZone
    let currency: String

    /// A value of a figure: a count, a share, hours, money, or words.
    enum Value {
        case count(Int)
        case share(Double?)
        case hours(Int64?)
        case money(Money)
        case text(String)
    }

    func write(_ report: Report, text: (UnsafeMutablePointer<lxw_worksheet>, UInt32, UInt16, String) -> lxw_error) {
        var row: UInt32 = 0
        worksheet_set_column(sheet, 0, 0, 34, nil)
        worksheet_set_column(sheet, 1, 8, 14, nil)
        func put(_ column: UInt16, _ value: Value) {
            switch value {
            case let .count(n): worksheet_write_number(sheet, row, column, Double(n), formats.integer)
            case let .share(share?): worksheet_write_number(sheet, row, column, share, formats.percent)
            case let .hours(seconds?): worksheet_write_number(sheet, row, column, Double(seconds) / 3600, formats.decimal)
            case let .money(money): worksheet_write_number(sheet, row, column, Double(money.minor) / 100, formats.money)
            case let .text(words): _ = text(sheet, row, column, words)
            case .share(nil), .hours(nil): break
            }
        }
        func line(_ name: String, _ value: Value, _ note: String = "") {
            _ = text(sheet, row, 0, name)
            put(1, value)
            if !note.isEmpty { _ = text(sheet, row, 2, note) }
            row += 1
        }
        /// A table's header row, after a blank row unless it is the first.
        func header(_ names: [String]) {
            if row > 0 { row += 1 }
            for (index, name) in names.enumerated() { worksheet_write_string(sheet, row, UInt16(index), name, formats.header) }
            row += 1
        }
        header(["figure", "value", "note"])
        line("period", .text(report.period), "by \(report.basis.rawValue) date, time zone \(zone.identifier)")
        line("complaints", .count(report.complaints))
        line("recovery rate", .share(report.recoveryRate), "benchmark 60%")
        line("recovered", .count(report.recovered))
        line("lost", .count(report.lost))
        line("undecided", .count(report.undecided.total),
             "\(report.undecided.followed) followed within their window, \(report.undecided.open) not resolved yet")
        line("resolved and not followed", .count(report.notFollowed))
        line("recovery rate, closed cohorts", .share(report.closed.rate),
             "\(report.closed.complaints) complaints whose \(report.recoveryWindowDays)-day window has ended")
        line("satisfaction 4–5", .share(report.satisfactionShare), "\(report.satisfied) of \(report.rated) rated")
        line("first response, median hours", .hours(report.firstResponse.median), "\(report.firstResponse.count) answered")
        line("first response, p90 hours", .hours(report.firstResponse.p90))
        line("first response within SLA", .share(report.firstResponse.withinSLAShare))
        line("resolution, median hours", .hours(report.resolution.median), "\(report.resolution.count) resolved")
        line("resolution, p90 hours", .hours(report.resolution.p90))
        line("resolution within SLA", .share(report.resolution.withinSLAShare))
        line("resolution time unknown (left out)", .count(report.unknownResolutionTimes))
        line("reopen rate", .share(report.reopenRate), "\(report.reopened) of \(report.everResolved) resolved")
        line("failed e-mail replies", .count(report.failedReplies))
        line("SLA breaches, first answer", .count(report.breaches.firstAnswer))
        line("SLA breaches, resolution", .count(report.breaches.resolution))
        line("compensation cost", .money(report.compensationCost), currency)
        for age in report.backlog { line("open now, \(age.name)", .count(age.count)) }

        header(["compensation", "count", "money", "percent sum", "points"])
        for given in report.compensations {
            _ = text(sheet, row, 0, given.kind.rawValue)
            put(1, .count(given.count))
            if let money = given.money { put(2, .money(money)) }
            if let percent = given.percentSum { put(3, .count(Int(percent))) }
            if let points = given.points { put(4, .count(Int(points))) }
            row += 1
        }
        func slices(_ title: String, _ list: [Report.Slice]) {
            header([title, "complaints", "resolved", "recovered", "lost", "recovery rate", "rated", "satisfaction 4–5", "cost"])
            for slice in list {
                _ = text(sheet, row, 0, slice.name)
                put(1, .count(slice.complaints)); put(2, .count(slice.resolved)); put(3, .count(slice.recovered))
                put(4, .count(slice.lost)); put(5, .share(slice.recoveryRate)); put(6, .count(slice.rated))
                put(7, .share(slice.satisfactionShare)); put(8, .money(slice.cost))
                row += 1
            }
        }
        if let breakdown = report.breakdown { slices("by \(breakdown.rawValue)", report.slices) }
        if let every = report.every { slices("every \(every.rawValue)", report.trend) }
    }
}
