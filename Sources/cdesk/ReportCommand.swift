import ArgumentParser
import DeskCore
import Foundation

extension PeriodBasis: ExpressibleByArgument {}
extension Breakdown: ExpressibleByArgument {}
extension TrendStep: ExpressibleByArgument {}

/// What `--period-by` says in both commands' help: the one default, and why.
let periodByHelp = ArgumentHelp(
    "Which date puts a complaint in --since/--until: when it was created, or resolved. One default for report and "
        + "export, so that the two reconcile and a past period never changes.",
    valueName: "created|resolved")

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Recovery rate against the 60% benchmark with what is undecided, compensation and its cost, complaints by reason and channel, response and resolution times, SLA breaches, backlog.",
        discussion: """
            A period takes the complaints resolved in it (--period-by resolved, the default) or \
            created in it (--period-by created); `cdesk export` with the same options writes \
            exactly the period's resolved cases. Without a period every complaint counts. \
            The backlog is of now, whatever the period.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Complaints from this date or time on (ISO 8601; resolved or created, see --period-by). " + zoneHelp,
                               valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Complaints up to the end of this date, or before this time (ISO 8601).", valueName: "date"))
    var until: String?

    @Option(name: .customLong("period-by"), help: periodByHelp)
    var periodBy: PeriodBasis = .standard

    @Option(help: ArgumentHelp("Break the figures down by agent, reason, channel or tier (with satisfaction and cost).",
                               valueName: "agent|reason|channel|tier"))
    var by: Breakdown?

    @Option(help: ArgumentHelp("A trend: the figures of each week (from Monday) or month of the period.", valueName: "week|month"))
    var every: TrendStep?

    @Option(help: ArgumentHelp("How many SLA breaches to list, the longest overdue first (all are counted).", valueName: "n"))
    var breaches = 20

    @Option(help: "table or json.")
    var format: Format = .table

    @Option(help: ArgumentHelp("The table's language (default: language in the config, else from the locale's variables; JSON keys stay English).",
                               valueName: "en|ru"))
    var lang: String?

    func validate() throws {
        guard breaches >= 0 else { throw ValidationError("--breaches must be 0 or more") }
    }

    func run() throws {
        try reportingUserErrors {
            let config = try loadConfig()
            let (since, until) = try parsePeriod(since, until, zone: config.shopTimeZone)
            var options = ReportOptions(since: since, until: until, basis: periodBy, breakdown: by, every: every,
                                        recoveryWindowDays: config.policy.recoveryWindowDays, timeZone: config.shopTimeZone,
                                        breachLimit: breaches)
            let store = try storeOptions.open(mustExist: true)
            let governed = try governedConfig(store)
            try applySLA(governed, to: store, agent: loginName())
            // The target is the store's policy's, as the SLA deadlines are.
            options.slaTargetPercent = governed.sla.targetPercent
            let report = try store.report(options)
            let currency = config.policy.currency
            let language = try chosenLanguage(lang, config: config)
            print(format == .table ? report.table(currency: currency, language: language) : report.json(currency: currency),
                  terminator: "")
        }
    }
}
