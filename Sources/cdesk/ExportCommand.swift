import ArgumentParser
import DeskCore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export resolved cases, one row per ticket, as CSV or JSON Lines.",
        discussion: "Columns: \(ExportCase.columns.joined(separator: ","))"
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "csv or jsonl (default: from --output's extension, else csv).")
    var format: ExchangeFormat?

    @Option(help: ArgumentHelp("Cases resolved at or after this date or time (ISO 8601).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Cases resolved before this date or time (ISO 8601, exclusive).", valueName: "date"))
    var until: String?

    @Option(help: ArgumentHelp("Write to this file instead of standard output (\"-\" is standard output).", valueName: "file"))
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    @Flag(help: "Mask e-mail addresses and phone numbers.")
    var redact = false

    func run() throws {
        let output = output == "-" ? nil : output
        try reportingUserErrors {
            let filter = ExportFilter(since: try parseDate(since, option: "--since"),
                                      until: try parseDate(until, option: "--until"), redact: redact)
            let format = format ?? output.flatMap(ExchangeFormat.implied(by:)) ?? .csv
            let store = try storeOptions.open(mustExist: true)
            let handle = try openOutput(output)
            defer { if output != nil { try? handle.close() } }
            let started = Date()
            let count: Int
            do {
                count = try store.exportCases(filter, format: format, to: handle)
            } catch {
                // A file cut short is worse than none.
                if let output { try? FileManager.default.removeItem(atPath: output) }
                if let error = error as? StoreError { throw error }
                throw UserError("cannot write \(output ?? "standard output"): \(error.localizedDescription)")
            }
            if let output {
                let seconds = Date().timeIntervalSince(started)
                let rate = seconds > 0 ? Int(Double(count) / seconds) : count
                FileHandle.standardError.write(Data("exported \(count) cases to \(output) in \(String(format: "%.2f", seconds)) s (\(rate) rows/s)\n".utf8))
            }
        }
    }

    private func openOutput(_ output: String?) throws -> FileHandle {
        guard let output else { return FileHandle.standardOutput }
        let fm = FileManager.default
        if fm.fileExists(atPath: output), !force {
            throw UserError("\(output) exists; say --force to overwrite it")
        }
        // Customers' names and contacts: readable by the owner only, as the store is.
        guard fm.createFile(atPath: output, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: output) else {
            throw UserError("cannot write \(output)")
        }
        return handle
    }
}

func parseDate(_ text: String?, option: String) throws -> Date? {
    guard let text else { return nil }
    guard let seconds = ISODate.seconds(text) else {
        throw UserError("\(option): bad date '\(text)' (expected ISO 8601, e.g. 2024-03-01 or 2024-03-01T14:05:00Z)")
    }
    return Date(timeIntervalSince1970: TimeInterval(seconds))
}
