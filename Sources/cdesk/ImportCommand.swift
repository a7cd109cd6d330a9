import ArgumentParser
import DeskCore
import Foundation

extension ImportKind: ExpressibleByArgument {}
extension ExchangeFormat: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    /// `--lang`: the language of its messages.
    @OptionGroup var languageOption: LanguageOption
    // The discussion is wrapped by ArgumentParser at the terminal's width; the column lists
    // stay aligned because each of their lines fits in 80 columns.
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import customers, orders, tickets or messages from a CSV or JSON Lines file.",
        discussion: """
            All or nothing: a bad row aborts the import with FILE:LINE: column: reason and the store \
            is unchanged. A row whose id exists updates it.

            Columns (CSV header names, JSON keys):
              customers  id,name,email,phone,region,tier,referrals,joined
              orders     id,customer_id,placed_at,total,delivery_fee,status,delivered_at
              tickets    id,customer_id,order_id,channel,reason,subject,status,priority,
                         fault,created_at,resolved_at,resolution,resolution_amount,
                         satisfaction
              messages   ticket_id,author,body,internal,at,agent

            A column the file does not have leaves stored values as they are; an empty cell clears one; a column \
            the desk does not know is an error. A ticket's status, fault and resolution time are the desk's once \
            it is stored: a re-import keeps them and says how many rows differed. A ticket imported as resolved or \
            closed without resolved_at counts as resolved when created, its resolution time unknown (the report leaves \
            it out of time figures). A done ticket may carry its resolution, a refund's or replacement's amount \
            (resolution_amount, exported in compensation_value) and a satisfaction 1-5. Dates and times without \
            a zone (2026-11-30, 2026-11-30 14:05) are in the shop's time zone: the config's timezone, else the \
            system's. A CSV file's separator (comma, semicolon or \
            tab) is told from its header; --dry-run shows what the file would change, column by column.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "What the file holds: customers, orders, tickets or messages.")
    var kind: ImportKind

    @Argument(help: ArgumentHelp("The file; - reads standard input.", valueName: "file"))
    var file: String

    @Option(help: "csv or jsonl (default: from the file's extension).")
    var format: ExchangeFormat?

    @Option(help: ArgumentHelp("The CSV separator: , ; | or tab (default: told from the header).", valueName: "char"))
    var delimiter: String?

    @Option(help: ArgumentHelp("The file's character set: utf-8 or windows-1251.", valueName: "name"))
    var encoding = "utf-8"

    @Flag(help: "Check the whole file and report every problem and what it would change, writing nothing.")
    var dryRun = false

    @Option(parsing: .unconditional, help: "How many problems a dry run reports at most.")
    var maxErrors = 20

    @Option(help: ArgumentHelp("How long to wait for another writer (an import, an agent) to finish, in seconds.",
                               valueName: "seconds"))
    var wait = 600

    @Option(help: "The agent the audit log names (default: $CDESK_AGENT, else your login name).")
    var agent: String?

    func validate() throws {
        guard maxErrors >= 1 else { throw ValidationError("--max-errors must be at least 1") }
        guard wait >= 0 else { throw ValidationError("--wait must be 0 or more seconds") }
        _ = try readOptions()
    }

    /// The separator and character set asked for.
    private func readOptions() throws -> ReadOptions {
        guard let charset = InputEncoding(name: encoding) else {
            throw ValidationError("--encoding must be utf-8 or windows-1251")
        }
        guard let delimiter else { return ReadOptions(encoding: charset) }
        let scalar: Unicode.Scalar? = switch delimiter.lowercased() {
        case "tab", "\\t", "\t": "\t"
        default: delimiter.unicodeScalars.count == 1 ? delimiter.unicodeScalars.first : nil
        }
        guard let scalar, scalar.isASCII, !"\"\r\n".unicodeScalars.contains(scalar),
              !CharacterSet.alphanumerics.contains(scalar) else {
            throw ValidationError("--delimiter must be one character such as , ; | or the word tab")
        }
        return ReadOptions(delimiter: scalar, encoding: charset)
    }

    func run() throws {
        // What is printed, in the config's language or the locale's.
        let l = cliLanguage()
        try reportingUserErrors {
            var isDirectory: ObjCBool = false
            if file != "-", FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
                throw UserError(l.pick("\(file) is a directory; name a CSV or JSON Lines file", "\(file) — папка; укажите файл CSV или JSON Lines"))
            }
            guard let format = format ?? ExchangeFormat.implied(by: file) else {
                throw UserError(l.pick("cannot tell the format of \(file == "-" ? "standard input" : file); say --format csv or --format jsonl",
                                       "не понять формат \(file == "-" ? "стандартного ввода" : file); укажите --format csv или --format jsonl"))
            }
            // A dry run writes nothing, not even a new empty store.
            let store = try storeOptions.open(mustExist: dryRun, waiting: TimeInterval(wait))
            let agentName = try actingAgent(agent, on: store)
            let progress = ProgressLine(total: file == "-" ? nil : Self.size(of: file))
            do {
                let source = try RowSources.open(path: file, kind: kind, format: format, options: readOptions())
                let config = try governedConfig(store)
                // New tickets get the config's targets: the open ones follow them first.
                if !dryRun { try applySLA(config, to: store, agent: agentName) }
                let options = ImportOptions(dryRun: dryRun, maxErrors: maxErrors, agent: agentName,
                                            recoveryWindowDays: config.policy.recoveryWindowDays, sla: config.sla,
                                            timeZone: config.shopTimeZone)
                let summary = try store.importRows(from: source, options: options,
                                                   progress: progress.isShown ? progress.show : nil)
                progress.finish()
                if summary.rows == 0 {
                    print(l.pick("nothing to import: \(UntrustedText.line(file == "-" ? "standard input" : file)) has no rows",
                                 "загружать нечего: в \(UntrustedText.line(file == "-" ? "стандартном вводе" : file)) нет строк"))
                    return
                }
                print(dryRun ? l.pick("dry run, nothing written: \(counted(summary.rows, "row")), no problems; it would make "
                                      + "\(summary.inserted) inserted, \(summary.updated) updated, \(summary.unchanged) unchanged",
                                      "пробный прогон, ничего не записано: строк \(summary.rows), ошибок нет; было бы добавлено "
                                      + "\(summary.inserted), обновлено \(summary.updated), без изменений \(summary.unchanged)")
                      : l.pick("imported \(kind.rawValue): ", "загружено (\(kind.rawValue)): ") + summary.line(l))
                let details = summary.changes.map({ $0.line(l) }) + summary.kept.map({ $0.line(l) })
                for line in details { print("  " + line) }
            } catch let failure as ImportFailure {
                progress.finish()
                if dryRun {
                    for problem in failure.problems {
                        FileHandle.standardError.write(Data((UntrustedText.line(problem.text(l)) + "\n").utf8))
                    }
                    let more = failure.truncated ? l.pick(" (stopped at --max-errors \(maxErrors))", " (остановлено на --max-errors \(maxErrors))") : ""
                    throw UserError(l.pick("\(counted(failure.problems.count, "problem"))\(more); nothing written",
                                           "ошибок: \(failure.problems.count)\(more); ничего не записано"))
                }
                throw UserError((failure.problems.first?.text(l) ?? l.pick("import failed", "загрузка не удалась"))
                                + l.pick("; nothing imported", "; ничего не загружено"))
            }
        }
    }

    private static func size(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    }
}

/// The progress of a long import on stderr, redrawn in place; only when stderr is a terminal.
final class ProgressLine {
    let total: Int?
    let isShown = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private var drawn = false
    private let language = cliLanguage()

    init(total: Int?) { self.total = total }

    func show(_ progress: ImportProgress) {
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let rate = Int(Double(progress.rows) / seconds)
        var text = "\r" + language.pick("\(progress.rows) rows, \(rate) rows/s", "строк: \(progress.rows), \(rate) в секунду")
        if let total, total > 0 { text += ", \(min(progress.bytes * 100 / total, 100))%" }
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }
}
