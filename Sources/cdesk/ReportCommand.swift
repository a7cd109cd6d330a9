import ArgumentParser
import DeskCore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Recovery rate against the 60% benchmark, compensation by kind, complaints by reason and channel, response and resolution times."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Complaints created at or after this date or time (ISO 8601).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Complaints created up to the end of this date, or before this time (ISO 8601).", valueName: "date"))
    var until: String?

    @Option(help: "table or json.")
    var format: Format = .table

    func run() throws {
        try reportingUserErrors {
            let (since, until) = try parsePeriod(since, until)
            let report = try storeOptions.open(mustExist: true).report(since: since, until: until)
            print(format == .table ? report.table(currency: try loadConfig().policy.currency) : report.json(), terminator: "")
        }
    }
}
