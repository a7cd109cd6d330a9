import ArgumentParser
import DeskCore
import DeskWorkbook
import Foundation

/// What `cdesk export` writes: the two exchange formats, or an xlsx workbook.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, jsonl, xlsx

    /// The format a file name implies (`.csv`, `.jsonl`, `.ndjson`, `.xlsx`), or nil.
    static func implied(by path: String) -> ExportFormat? {
        (path as NSString).pathExtension.lowercased() == "xlsx" ? .xlsx
            : ExchangeFormat.implied(by: path).flatMap { ExportFormat(rawValue: $0.rawValue) }
    }
}

struct ExportCommand: ParsableCommand {
    /// `--lang`: the language of its messages.
    @OptionGroup var languageOption: LanguageOption
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export resolved cases, one row per ticket, as CSV, JSON Lines or an xlsx workbook.",
        discussion: """
            Columns: \(ExportCase.columns.joined(separator: ","))

            xlsx (needs --output): typed cells (text stays text, amounts and ratings are numbers, times are \
            dates in the shop's time zone), a frozen header row; the report of the same period on a second sheet.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "csv, jsonl or xlsx (default: from --output's extension, else csv).")
    var format: ExportFormat?

    @Option(help: ArgumentHelp("Cases from this date or time on (ISO 8601; resolved or created, see --period-by). " + zoneHelp,
                               valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Cases up to the end of this date, or before this time (ISO 8601).", valueName: "date"))
    var until: String?

    @Option(name: .customLong("period-by"), help: periodByHelp)
    var periodBy: PeriodBasis = .standard

    @Option(help: ArgumentHelp("Write to this file instead of standard output (\"-\" is standard output).", valueName: "file"))
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    @Flag(help: "Mask e-mail addresses and phone numbers.")
    var redact = false

    @Flag(help: "CSV for Excel and LibreOffice under a Russian locale: a UTF-8 BOM, ';' between cells, CRLF, dates as ДД.ММ.ГГГГ ЧЧ:ММ in the shop's time zone, a decimal comma.")
    var excel = false

    func run() throws {
        let output = output == "-" ? nil : output
        try reportingUserErrors {
            let config = try loadConfig()
            let zone = config.shopTimeZone
            let (since, until) = try parsePeriod(since, until, zone: zone)
            let format = format ?? output.flatMap(ExportFormat.implied(by:)) ?? .csv
            if excel, format != .csv { throw UserError("--excel is a kind of CSV; it does not go with --format \(format.rawValue)") }
            if format == .xlsx, output == nil { throw UserError("--format xlsx writes a file: name it with --output FILE.xlsx") }
            let filter = ExportFilter(since: since, until: until, basis: periodBy, redact: redact, excel: excel, timeZone: zone)
            let store = try storeOptions.open(mustExist: true)
            if let output, store.isStore(output) {
                throw UserError(cliLanguage().pick("\(output) is the store itself; name another file", "\(output) — само хранилище; назовите другой файл"))
            }
            var file: ExportFile?
            if let output {
                do throws(ExportFile.Problem) {
                    file = try ExportFile(target: output, overwrite: force)
                } catch .exists(let path) {
                    throw UserError(cliLanguage().pick("\(path) exists; say --force to overwrite it", "\(path) уже есть; --force перезапишет его"))
                } catch {
                    throw UserError("\(error)")
                }
            }
            ExportSignals.removeOnSignal(file)
            defer { ExportSignals.removeOnSignal(nil) }
            let started = Date()
            let count: Int
            do {
                if let exchange = ExchangeFormat(rawValue: format.rawValue) {
                    count = try store.exportCases(filter, format: exchange, to: file?.handle ?? FileHandle.standardOutput)
                } else if let file {
                    let report = ReportOptions(since: since, until: until, basis: periodBy, now: started,
                                               recoveryWindowDays: config.policy.recoveryWindowDays, timeZone: zone)
                    count = try writeWorkbook(store, filter, report: report, currency: config.policy.currency, to: file.path)
                } else {
                    count = 0
                }
                try file?.commit()
            } catch {
                // A file cut short is worse than none.
                file?.discard()
                if let error = error as? StoreError { throw error }
                if case .exists(let path)? = error as? ExportFile.Problem {
                    throw UserError(cliLanguage().pick("\(path) appeared while exporting; nothing was written over it", "\(path) появился во время выгрузки; поверх него ничего не записано"))
                }
                if let error = error as? ExportFile.Problem { throw UserError("\(error)") }
                if let error = error as? CaseWorkbook.Problem { throw UserError("\(error)") }
                throw UserError("cannot write \(output ?? "standard output"): \(error.localizedDescription)")
            }
            if let output {
                let seconds = Date().timeIntervalSince(started)
                let rate = seconds > 0 ? Int(Double(count) / seconds) : count
                FileHandle.standardError.write(Data((cliLanguage().pick(
                    "exported \(count) cases to \(UntrustedText.line(output)) in \(String(format: "%.2f", seconds)) s (\(rate) rows/s)",
                    "выгружено обращений: \(count) в \(UntrustedText.line(output)) за \(String(format: "%.2f", seconds)) с (\(rate) строк/с)")
                    + "\n").utf8))
            }
        }
    }

    /// The cases and the period's report as a workbook at `path`; returns how many cases.
    private func writeWorkbook(_ store: any DeskStore, _ filter: ExportFilter, report: ReportOptions, currency: String,
                               to path: String) throws -> Int {
        let workbook = try CaseWorkbook(path: path, redact: filter.redact, timeZone: filter.timeZone, currency: currency)
        let count = try store.exportCases(filter) { try workbook.write($0) }
        try workbook.finish(report: try store.report(report))
        return count
    }
}

/// Removes an unfinished export's hidden file when a signal ends the process (as C text:
/// the handler may only call async-signal-safe functions; an unnamed file needs nothing).
/// A signal ignored on purpose (SIGHUP under nohup) stays ignored.
enum ExportSignals {
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?

    /// While `file` is written, a signal removes it; nil when it is done. (The old name is not
    /// freed: a handler may be reading it.)
    static func removeOnSignal(_ file: ExportFile?) {
        pending = file?.hiddenName.flatMap { strdup($0) }
        guard pending != nil else { return }
        func address(_ handler: __sighandler_t?) -> Int { handler.map { unsafeBitCast($0, to: Int.self) } ?? 0 }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(sig, SIG_IGN)
            if address(previous) == address(SIG_IGN) { continue }
            signal(sig) { number in
                if let pending = ExportSignals.pending { unlink(pending) }
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }
}

/// `--since` and `--until`, the first before the second when both are given. A date alone
/// in `--until` includes that whole day: `--until 2026-11-30` ends at midnight after it. A
/// date or time without a zone is in `zone`, the shop's.
func parsePeriod(_ since: String?, _ until: String?, zone: TimeZone) throws -> (Date?, Date?) {
    let start = try parseDate(since, option: "--since", zone: zone)
    var end = try parseDate(until, option: "--until", zone: zone)
    if let until, isDateAlone(until), let day = ISODate.seconds(until) {
        // The next day's midnight in the zone (a day of a summer-time change is not 24 h).
        end = Date(timeIntervalSince1970: TimeInterval(ISODate.seconds(ISODate.string(day + 86_400), in: zone) ?? day + 86_400))
    }
    if let start, let end, start >= end {
        throw UserError("--since \(UntrustedText.line(since ?? "")) is not before --until \(UntrustedText.line(until ?? "")): the period is empty")
    }
    return (start, end)
}

/// Whether `text` is a calendar day without a time (`2026-11-30`).
func isDateAlone(_ text: String) -> Bool {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return trimmed.utf8.count == 10 && ISODate.seconds(trimmed) != nil
}

func parseDate(_ text: String?, option: String, zone: TimeZone) throws -> Date? {
    guard let text else { return nil }
    guard let seconds = ISODate.seconds(text, in: zone) else {
        throw UserError("\(option): " + ImportProblem.Reason.badDate(UntrustedText.line(text)).text(cliLanguage()))
    }
    return Date(timeIntervalSince1970: TimeInterval(seconds))
}

/// What `--since` says of zones, in both commands' help.
let zoneHelp = "A date or time without a zone is in the shop's time zone (the config's timezone, else the system's)."
