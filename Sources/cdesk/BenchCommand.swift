import ArgumentParser
import DeskCore
import Foundation

/// `cdesk bench`: the figures of the README's speed table, measured in one run on a store of
/// a given size and seed (made once, then reused): the import and the export beside sqlite3
/// doing the same work on the same schema, the demo, the first frame, every console action's
/// latency, the console's CPU time over its first seconds and its memory.
struct BenchCommand: ParsableCommand {
    /// `--lang`: the language of its messages.
    @OptionGroup var languageOption: LanguageOption
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure import, export, the demo and the console on a store of a given size, beside sqlite3.",
        discussion: """
            Makes the store with `cdesk demo` the first time (and times it), then reuses it. The \
            import writes new tickets into a copy of it; sqlite3 writes the same rows from the same \
            file into another copy (same indexes and search index). Each runs `--exchange-rounds` \
            times, taking turns with sqlite3, and each side's fastest run counts. The machine is \
            what it is: compare ratios measured in one run. Needs sqlite3 and tmux on the PATH.
            """
    )

    @Option(help: "How many tickets the store holds.")
    var tickets = 100_000

    @Option(help: "The demo seed.")
    var seed: UInt64 = 1

    @Option(help: "How many customers (default: a fifth of the tickets, at least 400).")
    var customers: Int?

    @Option(help: "How many new tickets to import (default: half the tickets, at most 500,000).")
    var importRows: Int?

    @Option(help: ArgumentHelp("The store to make or reuse (default: cdesk-bench-<tickets>-<seed>.sqlite in the temporary folder).",
                               valueName: "path"))
    var store: String?

    @Option(help: "How long to watch a starting console's CPU time, in seconds.")
    var cpuSeconds = 15.0

    @Option(help: "How many times each console action is measured at each position.")
    var rounds = 5

    @Option(help: "How many times the import and the export each run, taking turns with sqlite3's.")
    var exchangeRounds = 2

    @Flag(help: "Measure the console alone: no import or export (a quicker run while working on keys).")
    var consoleOnly = false

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func validate() throws {
        guard tickets >= 100 else { throw ValidationError("--tickets must be at least 100") }
        guard (customers ?? 400) >= 1 else { throw ValidationError("--customers must be at least 1") }
        guard (importRows ?? 1) >= 1 else { throw ValidationError("--import-rows must be at least 1") }
        guard cpuSeconds > 0, rounds >= 1, exchangeRounds >= 1 else {
            throw ValidationError("--cpu-seconds, --rounds and --exchange-rounds must be positive")
        }
    }

    func run() throws {
        try reportingUserErrors {
            let bench = Bench(
                tickets: tickets, seed: seed, customers: customers ?? max(400, tickets / 5),
                importRows: importRows ?? min(500_000, max(tickets / 2, 1)),
                store: store ?? NSTemporaryDirectory() + "/cdesk-bench-\(tickets)-\(seed).sqlite",
                cpuSeconds: cpuSeconds, rounds: rounds, exchangeRounds: exchangeRounds, consoleOnly: consoleOnly,
                say: { line in FileHandle.standardError.write(Data("bench: \(line)\n".utf8)) })
            let figures = try bench.run()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                print(String(decoding: try encoder.encode(figures), as: UTF8.self))
            } else {
                print(figures.table)
            }
        }
    }
}

/// Everything one bench run measured. Times in seconds, latencies in milliseconds.
struct BenchFigures: Encodable {
    struct Latency: Encodable {
        var action: String
        var samples: Int
        var p50Ms: Double
        var p99Ms: Double
        var maxMs: Double

        init(action: String, samples: [Double]) {
            let sorted = samples.sorted()
            self.action = action
            self.samples = sorted.count
            p50Ms = sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
            p99Ms = sorted.isEmpty ? 0 : sorted[max(0, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
            maxMs = sorted.last ?? 0
        }
    }

    var date: String
    var machine: String
    var store: String
    var tickets: Int
    var customers: Int
    var seed: UInt64
    var storeBytes: Int64
    /// Whether this run made the store (and timed the demo); a reused store has no demo time.
    var storeMade: Bool
    var demoSeconds: Double?
    /// How many runs of the import and the export each side had; its fastest counts.
    var exchangeRounds: Int
    var importRows: Int
    var importSeconds: Double?
    var importSqliteSeconds: Double?
    /// cdesk's time over sqlite3's.
    var importRatio: Double?
    var exportRows: Int?
    var exportSeconds: Double?
    var exportSqliteSeconds: Double?
    var exportRatio: Double?
    var firstFrameMs: Double
    var firstFrameTmuxMs: Double
    var keys: [Latency]
    /// The same keys sent to the real binary in tmux, timed to the first capture that shows them.
    var tmuxKeys: [Latency]
    var startCpuSeconds: Double
    var startWindowSeconds: Double
    var consolePeakMib: Double
    var benchPeakMib: Double

    /// The figures as the README's speed table.
    var table: String {
        func s(_ x: Double) -> String { String(format: "%.1f s", x) }
        func ms(_ x: Double) -> String { String(format: x < 10 ? "%.1f" : "%.0f", x) }
        func rate(_ rows: Int, _ seconds: Double) -> String { "\(Int(Double(rows) / max(seconds, 1e-9))) rows/s" }
        var exchange = "| import and export | not measured (--console-only) | | |"
        if let importSeconds, let importSqliteSeconds, let importRatio, let exportRows, let exportSeconds,
           let exportSqliteSeconds, let exportRatio {
            let fastest = exchangeRounds > 1 ? ", fastest of \(exchangeRounds)" : ""
            exchange = """
                | import of \(importRows) new tickets\(fastest) | \(s(importSeconds)), \(rate(importRows, importSeconds)) | \(s(importSqliteSeconds)) | \(String(format: "%.2f×", importRatio)) |
                | export of \(exportRows) resolved cases (CSV\(fastest)) | \(s(exportSeconds)), \(rate(exportRows, exportSeconds)) | \(s(exportSqliteSeconds)) | \(String(format: "%.2f×", exportRatio)) |
                """
        }
        var lines = [
            "cdesk bench, \(date), \(machine)",
            "store \(store): \(tickets) tickets, \(customers) customers, seed \(seed), \(storeBytes / 1_048_576) MiB",
            "",
            "| what | cdesk | sqlite3 | ratio |",
            "|---|---|---|---|",
            "| demo store (cdesk demo) | \(demoSeconds.map(s) ?? "reused, not measured") | | |",
            exchange,
            "| first frame, in process | \(ms(firstFrameMs)) ms | | |",
            "| first frame, through tmux | \(ms(firstFrameTmuxMs)) ms | | |",
            "| console CPU over its first \(Int(startWindowSeconds)) s | \(String(format: "%.2f", startCpuSeconds)) s | | |",
            "| console peak memory (in tmux, after keys) | \(String(format: "%.0f", consolePeakMib)) MiB | | |",
            "| bench process peak memory | \(String(format: "%.0f", benchPeakMib)) MiB | | |",
            "",
            "| action (in process, key to frame) | samples | p50 ms | p99 ms | max ms |",
            "|---|---|---|---|---|",
        ]
        for key in keys {
            lines.append("| \(key.action) | \(key.samples) | \(ms(key.p50Ms)) | \(ms(key.p99Ms)) | \(ms(key.maxMs)) |")
        }
        lines += ["", "| key (through tmux, send-keys to the screen showing it) | samples | p50 ms | p99 ms | max ms |",
                  "|---|---|---|---|---|"]
        for key in tmuxKeys {
            lines.append("| \(key.action) | \(key.samples) | \(ms(key.p50Ms)) | \(ms(key.p99Ms)) | \(ms(key.maxMs)) |")
        }
        return lines.joined(separator: "\n")
    }
}
