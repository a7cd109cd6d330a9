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
                try Self.fill(try storeOptions.open(demo: storeOptions.store == nil), options: options, indexesLast: false)
            } else {
                // A new one is built beside its place and appears there whole, or not at all.
                try DemoFile.build(at: path) { store in try Self.fill(store, options: options, indexesLast: true) }
            }
            let seconds = Date().timeIntervalSince(started)
            let l = cliLanguage()
            let size = Self.sizeOnDisk(path).map { ", " + l.pick("\($0) on disk", "\($0) на диске") } ?? ""
            print(l.pick("demo store \(path): \(customers) customers, \(tickets) tickets in \(String(format: "%.1f", seconds)) s\(size)",
                         "демонстрационное хранилище \(path): покупателей \(customers), обращений \(tickets) за \(String(format: "%.1f", seconds).replacingOccurrences(of: ".", with: ",")) с\(size)"))
        }
    }

    /// The store's size on disk (its file and its write-ahead log), in MiB or GiB.
    static func sizeOnDisk(_ path: String) -> String? {
        var bytes: Int64 = 0
        for file in [path, path + "-wal"] {
            var info = stat()
            if stat(file, &info) == 0 { bytes += Int64(info.st_blocks) * 512 }
        }
        guard bytes > 0 else { return nil }
        let l = cliLanguage()
        let mib = Double(bytes) / 1_048_576
        let text = mib >= 1024 ? String(format: "%.1f", mib / 1024) + l.pick(" GiB", " ГиБ")
            : String(format: "%.0f", mib) + l.pick(" MiB", " МиБ")
        return l == .ru ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// The start of the current hour: the same seed gives the same store all hour long, and
    /// the console opened on it a moment later shows the desk as the data set meant it,
    /// with the newest complaints minutes old and most open ones within their SLA.
    static func startOfHour() -> Date {
        let now = Date().timeIntervalSince1970
        return Date(timeIntervalSince1970: now - now.truncatingRemainder(dividingBy: 3600))
    }

    static func fill(_ store: any DeskStore, options: DemoOptions, indexesLast: Bool) throws {
        // The store starts settled: complaints whose customer already came back, or whose
        // window has passed, are marked as the console's start-of-shift sweep would mark them.
        var options = options
        options.recoveryWindowDays = (try? loadConfig())?.policy.recoveryWindowDays ?? CompensationPolicy.standard.recoveryWindowDays
        let showProgress = isatty(STDERR_FILENO) == 1
        let total = max(options.tickets, 1)
        let l = cliLanguage()
        try store.loadDemo(DemoGenerator(options: options), agent: namedAgent(nil), indexesLast: indexesLast) { written in
            if showProgress {
                let line = l.pick("demo: \(written) of \(options.tickets) tickets", "демо: \(written) из \(options.tickets) обращений")
                // The indexes are made after the last batch, which takes a while at millions.
                let then = indexesLast && written >= options.tickets ? l.pick("; making the indexes…", "; строю индексы…") : ""
                FileHandle.standardError.write(Data("\r\(line) (\(written * 100 / total)%)\(then)".utf8))
            }
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        // A demo is for trying: anyone may act as any of its agents (--agent anna).
        // Not on a store that keeps a team (made by cdesk init): its identities stay its own.
        if try store.team().isEmpty { try store.allowAnyIdentity() }
    }
}
