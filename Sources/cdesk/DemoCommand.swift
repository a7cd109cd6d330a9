import ArgumentParser
import DeskCore
import Foundation

struct DemoCommand: ParsableCommand {
    /// `--lang`: the language of its messages.
    @OptionGroup var languageOption: LanguageOption
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill a new store with a realistic, deterministic demo data set."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The seed: the same seed gives the same store.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "How many customers.")
    var customers: Int = DemoOptions().customers

    @Option(parsing: .unconditional, help: "How many tickets.")
    var tickets: Int = DemoOptions().tickets

    func validate() throws {
        guard customers >= 1 else { throw ValidationError("--customers must be at least 1") }
        guard tickets >= 0 else { throw ValidationError("--tickets must not be negative") }
    }

    func run() throws {
        try reportingUserErrors {
            let path = storeOptions.path(demo: storeOptions.store == nil)
            let options = DemoOptions(seed: seed, customers: customers, tickets: tickets, now: Self.startOfHour())
            let started = Date()
            if FileManager.default.fileExists(atPath: path) {
                // A store made for it (cdesk init): filled where it is, and a stopped run is
                // told apart by the demo's first audit event.
                try Self.fill(try storeOptions.open(demo: storeOptions.store == nil), options: options)
            } else {
                // A new one is built beside its place and appears there whole, or not at all.
                try DemoFile.build(at: path) { store in try Self.fill(store, options: options) }
            }
            let seconds = Date().timeIntervalSince(started)
            print(cliLanguage().pick("demo store \(path): \(customers) customers, \(tickets) tickets in \(String(format: "%.1f", seconds)) s",
                                     "демонстрационное хранилище \(path): покупателей \(customers), обращений \(tickets) за \(String(format: "%.1f", seconds)) с"))
        }
    }

    /// The start of the current hour: the same seed gives the same store all hour long, and
    /// the console opened on it a moment later shows the desk as the data set meant it,
    /// with the newest complaints minutes old and most open ones within their SLA.
    static func startOfHour() -> Date {
        let now = Date().timeIntervalSince1970
        return Date(timeIntervalSince1970: now - now.truncatingRemainder(dividingBy: 3600))
    }

    static func fill(_ store: any DeskStore, options: DemoOptions) throws {
        let showProgress = isatty(STDERR_FILENO) == 1
        let total = max(options.tickets, 1)
        let l = cliLanguage()
        try store.loadDemo(DemoGenerator(options: options), agent: namedAgent(nil)) { written in
            if showProgress {
                let line = l.pick("demo: \(written) of \(options.tickets) tickets", "демо: \(written) из \(options.tickets) обращений")
                FileHandle.standardError.write(Data("\r\(line) (\(written * 100 / total)%)".utf8))
            }
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        // The store starts settled: complaints whose customer already came back, or whose
        // window has passed, are marked as the console's start-of-shift sweep would.
        let windowDays = (try? loadConfig())?.policy.recoveryWindowDays ?? CompensationPolicy.standard.recoveryWindowDays
        try store.sweepRecovery(windowDays: windowDays, agent: namedAgent(nil), now: options.now)
        // A demo is for trying: anyone may act as any of its agents (--agent anna).
        // Not on a store that keeps a team (made by cdesk init): its identities stay its own.
        if try store.team().isEmpty { try store.allowAnyIdentity() }
    }
}
