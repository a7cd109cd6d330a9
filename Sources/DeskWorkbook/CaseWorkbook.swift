import CXlsxWriter
import DeskCore
import Foundation

/// The export as an xlsx workbook for accounting (`cdesk export --format xlsx`): a sheet of
/// cases, one row each, and the report of the same period on a second sheet.
///
/// Every cell has its type, so a spreadsheet shows each value as it is: text is a string
/// cell (a name `2026-03-08` stays a name, a phone `89161234567` stays a phone, `=1+1` is
/// never a formula, and no `'` guard is needed), amounts and ratings are numbers, times are
/// real dates in the shop's zone. The header row is frozen and filters, columns have widths.
/// Customer text is made safe first (`UntrustedText.cell`): no control character gets in.
///
/// Written in libxlsxwriter's constant-memory mode: a row at a time goes to a temporary
/// file, so a million cases take no more memory than ten.
public final class CaseWorkbook {
    /// The most rows a sheet holds (Excel's limit), the header among them.
    public static let rowLimit = 1_048_576

    public enum Problem: Error, CustomStringConvertible {
        case cannotCreate(String)
        case tooManyCases
        case library(String)

        public var description: String {
            switch self {
            case let .cannotCreate(path): "cannot create the workbook \(path)"
            case .tooManyCases: "a sheet holds at most \(rowLimit - 1) cases; export a shorter period"
            case let .library(message): "writing the workbook: \(message)"
            }
        }
    }

    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private let cases: UnsafeMutablePointer<lxw_worksheet>
    private let formats: Formats
    private let redact: Bool
    private let zone: TimeZone
    private let currency: String
    private var row: UInt32 = 1
    private var closed = false

    /// The formats cells are written with.
    struct Formats {
        let header, date, money, integer, percent, decimal: UnsafeMutablePointer<lxw_format>
    }

    /// Column widths, in characters, by column name.
    private static let widths: [String: Double] = [
        "ticket_id": 12, "customer_id": 12, "customer_name": 26, "email": 28, "phone": 18, "channel": 12,
        "reason": 17, "fault": 10, "created_at": 17, "first_response_at": 17, "resolved_at": 17, "resolution": 13,
        "compensations": 32, "compensation_value": 18, "satisfaction": 12, "recovery": 11, "agent": 14,
    ]

    /// Starts a workbook at `path` (written when `finish` is called).
    public init(path: String, redact: Bool, timeZone: TimeZone, currency: String) throws(Problem) {
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 1)
        guard let workbook = workbook_new_opt(path, &options) else { throw .cannotCreate(path) }
        guard let cases = workbook_add_worksheet(workbook, "cases") else {
            workbook_close(workbook)
            throw .cannotCreate(path)
        }
        self.workbook = workbook
        self.cases = cases
        self.redact = redact
        self.zone = timeZone
        self.currency = currency
        func format(_ setUp: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
            let format = workbook_add_format(workbook)!
            setUp(format)
            return format
        }
        // A currency from the config goes into a number format between quotes: none of its own.
        let symbol = currency.filter { $0 != "\"" && $0 != "\\" }
        formats = Formats(
            header: format { format_set_bold($0) },
            date: format { format_set_num_format($0, "dd.mm.yyyy hh:mm") },
            money: format { format_set_num_format($0, "#,##0.00\\ \"\(symbol)\"") },
            integer: format { format_set_num_format($0, "0") },
            percent: format { format_set_num_format($0, "0.0%") },
            decimal: format { format_set_num_format($0, "0.0") })
        for (index, name) in ExportCase.columns.enumerated() {
            worksheet_set_column(cases, UInt16(index), UInt16(index), Self.widths[name] ?? 14, nil)
            worksheet_write_string(cases, 0, UInt16(index), name, formats.header)
        }
        worksheet_freeze_panes(cases, 1, 0)
    }

    deinit {
        if !closed { workbook_close(workbook) }
    }

    /// Adds one case as the next row.
    public func write(_ exported: ExportCase) throws(Problem) {
        guard Int(row) < Self.rowLimit else { throw .tooManyCases }
        var column: UInt16 = 0
        var failure: lxw_error = LXW_NO_ERROR
        exported.cells(redact: redact) { cell in
            let name = ExportCase.columns[Int(column)]
            let result: lxw_error
            switch cell {
            case let .text(text?): result = writeText(cases, row, column, text)
            case let .date(seconds?): result = writeDate(cases, row, column, seconds)
            case let .number(number?):
                result = worksheet_write_number(cases, row, column, Double(number) ?? 0,
                                                name == "compensation_value" ? formats.money : formats.integer)
            case .text(nil), .date(nil), .number(nil): result = LXW_NO_ERROR
            }
            if failure == LXW_NO_ERROR { failure = result }
            column += 1
        }
        guard failure == LXW_NO_ERROR else { throw .library(String(cString: lxw_strerror(failure))) }
        row += 1
    }

    /// Adds the report sheet (when there is one) and writes the file.
    public func finish(report: Report?) throws(Problem) {
        if row > 1 {
            worksheet_autofilter(cases, 0, 0, row - 1, UInt16(ExportCase.columns.count - 1))
        }
        if let report, let sheet = workbook_add_worksheet(workbook, "report") {
            ReportSheet(sheet: sheet, formats: formats, zone: zone, currency: currency).write(report) { [self] in
                writeText($0, $1, $2, $3)
            }
        }
        closed = true
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else { throw .library(String(cString: lxw_strerror(result))) }
    }

    /// A string cell of safe text, cut to the 32,767 characters a cell holds.
    private func writeText(_ sheet: UnsafeMutablePointer<lxw_worksheet>, _ row: UInt32, _ column: UInt16,
                           _ text: String) -> lxw_error {
        var safe = UntrustedText.cell(text)
        if safe.count > 32_000 { safe = String(safe.prefix(32_000)) + "…" }
        return worksheet_write_string(sheet, row, column, safe, nil)
    }

    /// A real date: the wall time of `seconds` in the shop's zone.
    private func writeDate(_ sheet: UnsafeMutablePointer<lxw_worksheet>, _ row: UInt32, _ column: UInt16,
                           _ seconds: Int64) -> lxw_error {
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let (day, rest) = ISODate.parts(seconds + offset)
        var datetime = lxw_datetime(year: Int32(day.year), month: Int32(day.month), day: Int32(day.day),
                                    hour: Int32(rest / 3600), min: Int32(rest / 60 % 60), sec: Double(rest % 60))
        return worksheet_write_datetime(sheet, row, column, &datetime, formats.date)
    }
}
