import DeskCore
import DeskUI
import Foundation

/// One run of `cdesk bench`. The import, the export and the demo run as this binary's own
/// commands in child processes, as a person runs them, and sqlite3 as another child on the
/// same files; the console is driven in this process and, for the first frame and its
/// memory, through tmux.
struct Bench {
    let tickets: Int
    let seed: UInt64
    let customers: Int
    let importRows: Int
    let store: String
    let cpuSeconds: Double
    let rounds: Int
    /// How many times the import and the export each run beside sqlite3's, in turns.
    let exchangeRounds: Int
    let consoleOnly: Bool
    let say: (String) -> Void

    /// The demo's agent the console acts as (Mine holds some of its tickets).
    static let agent = "anna.k"

    func run() throws -> BenchFigures {
        for tool in ["sqlite3", "tmux"] where which(tool) == nil {
            throw UserError("bench needs \(tool) on the PATH")
        }
        let work = NSTemporaryDirectory() + "/cdesk-bench-work-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }

        let demoSeconds = try makeStoreIfNeeded()
        let opened = try Store(path: store)
        try checkpoint(store)

        var importSeconds, sqliteImportSeconds, exportSeconds, sqliteExportSeconds: Double?
        var exportRows: Int?
        if !consoleOnly {
            say("import: \(importRows) new tickets, cdesk and sqlite3")
            (importSeconds, sqliteImportSeconds) = try measureImport(work: work)
            say("export: cdesk and sqlite3 -csv")
            (exportRows, exportSeconds, sqliteExportSeconds) = try measureExport(work: work, store: opened)
        }
        func ratio(_ a: Double?, _ b: Double?) -> Double? { a.flatMap { a in b.map { a / $0 } } }

        say("console: first frame and key latencies")
        let firstFrame = try ConsoleBench.firstFrame(path: store, agent: Self.agent, times: 5)
        let keys = try ConsoleBench(path: store, agent: Self.agent, rounds: rounds).latencies()
        say("console: CPU over its first \(Int(cpuSeconds)) s")
        let cpu = try ConsoleBench.startCPU(path: store, agent: Self.agent, seconds: cpuSeconds)
        say("console: first frame, keys and memory through tmux")
        let tmux = try TmuxBench(binary: Self.binary, store: store, agent: Self.agent).run(rounds: rounds, commonWord: "заказ")

        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let size = ((try? FileManager.default.attributesOfItem(atPath: store)[.size] as? Int64) ?? nil) ?? 0
        return BenchFigures(
            date: ISO8601DateFormatter().string(from: Date()), machine: Self.machine(), store: store, tickets: tickets,
            customers: customers, seed: seed, storeBytes: size, storeMade: demoSeconds != nil, demoSeconds: demoSeconds,
            exchangeRounds: exchangeRounds, importRows: importRows, importSeconds: importSeconds, importSqliteSeconds: sqliteImportSeconds,
            importRatio: ratio(importSeconds, sqliteImportSeconds), exportRows: exportRows, exportSeconds: exportSeconds,
            exportSqliteSeconds: sqliteExportSeconds, exportRatio: ratio(exportSeconds, sqliteExportSeconds),
            firstFrameMs: firstFrame, firstFrameTmuxMs: tmux.firstFrameMs, keys: keys, tmuxKeys: tmux.keys,
            startCpuSeconds: cpu, startWindowSeconds: cpuSeconds, consolePeakMib: tmux.peakMiB,
            benchPeakMib: Double(usage.ru_maxrss) / 1024)
    }

    // MARK: The store

    /// Makes the store with `cdesk demo` unless a whole one of this size and seed is there;
    /// the demo's time, or nil when reused. A store that is not that (another seed or size,
    /// empty, a demo stopped half way) is made again, unless it holds tickets no demo made.
    private func makeStoreIfNeeded() throws -> Double? {
        if FileManager.default.fileExists(atPath: store) {
            guard let why = try whyNotReusable() else {
                say("reusing \(store)")
                return nil
            }
            say("making \(store) again: \(why)")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        }
        say("making \(store) with cdesk demo (\(tickets) tickets)")
        let seconds = try Self.timed(Self.binary, ["demo", "--store", store, "--seed", String(seed),
                                                   "--customers", String(customers), "--tickets", String(tickets)])
        return seconds
    }

    /// Why the store there is not the one this run measures; nil when it is.
    private func whyNotReusable() throws -> String? {
        let existing = try Store(path: store)
        guard let demo = try existing.finishedDemo() else {
            guard try existing.isEmpty() || existing.holdsIncompleteDemo() else {
                throw UserError("\(store) holds tickets no demo made: name another store with --store")
            }
            return "it holds no finished demo"
        }
        let wanted = "seed \(seed), \(customers) customers, \(tickets) tickets"
        let found = "seed \(demo.seed), \(demo.holds.customers) customers, \(demo.holds.tickets) tickets"
        guard demo.seed == seed, demo.tickets == tickets, demo.holds.tickets == tickets,
              demo.holds.customers == customers else { return "it holds \(found), not \(wanted)" }
        return nil
    }

    /// Moves the WAL into the main file, so that a copy of the file alone is the whole store.
    private func checkpoint(_ path: String) throws {
        _ = try Self.timed("sqlite3", [path, "PRAGMA wal_checkpoint(TRUNCATE);"])
    }

    private func copy(_ path: String, to target: String) throws {
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: path, toPath: target)
    }

    // MARK: Import and export

    /// cdesk's and sqlite3's seconds for the same new tickets, each into a copy of the store,
    /// the fastest of `exchangeRounds` runs each, in turns (`fastest`).
    private func measureImport(work: String) throws -> (Double, Double) {
        let csv = work + "/tickets.csv"
        try BenchTickets.write(count: importRows, customers: customers, seed: seed, to: csv)
        let mine = work + "/import-cdesk.sqlite", theirs = work + "/import-sqlite3.sqlite"
        let script = work + "/import.sql"
        try BenchSQL.importScript(csv: csv).write(toFile: script, atomically: true, encoding: .utf8)
        // One copy at a time: at ten million tickets the store is tens of gigabytes.
        func into(_ copyPath: String, _ body: () throws -> Double) throws -> Double {
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copyPath + suffix) } }
            try copy(store, to: copyPath)
            let seconds = try body()
            // Both wrote the same tickets and search rows, or the comparison means nothing.
            let written = try Self.query(copyPath, work: work, BenchSQL.newTickets)
            guard written == "\(importRows)|\(importRows)" else {
                throw UserError("\(copyPath) holds \(written) new tickets|search rows after the import, not \(importRows)")
            }
            return seconds
        }
        return try fastest(
            { try into(mine) { try Self.timed(Self.binary, ["import", "tickets", csv, "--store", mine, "--agent", Self.agent]) } },
            { try into(theirs) { try Self.timed("sqlite3", [theirs, ".read " + BenchSQL.quoted(script)]) } })
    }

    /// The fastest of `exchangeRounds` runs of each, taking turns (cdesk, sqlite3, cdesk…):
    /// a machine that slows down for a while slows both, and the fastest run is the one
    /// least disturbed.
    private func fastest(_ mine: () throws -> Double, _ theirs: () throws -> Double) throws -> (Double, Double) {
        var best = (Double.infinity, Double.infinity)
        for _ in 0..<exchangeRounds {
            best.0 = min(best.0, try mine())
            best.1 = min(best.1, try theirs())
        }
        return best
    }

    /// What sqlite3 prints for `sql` on the store at `path`, trimmed.
    private static func query(_ path: String, work: String, _ sql: String) throws -> String {
        let out = work + "/query.out"
        try timed("sqlite3", [path, sql], stdout: out)
        return ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// cdesk's and `sqlite3 -csv`'s seconds for every resolved case, and how many there are.
    private func measureExport(work: String, store opened: Store) throws -> (Int, Double, Double) {
        let rows = try opened.queueCount(QueueQuery(view: .resolved, sort: .resolvedRecent, agent: Self.agent, now: Date()))
        let mine = work + "/cases-cdesk.csv", theirs = work + "/cases-sqlite3.csv"
        // Each file is removed after its run: gigabytes at ten million.
        let (cdesk, sqlite) = try fastest({
            defer { try? FileManager.default.removeItem(atPath: mine) }
            return try Self.timed(Self.binary, ["export", "--store", store, "--output", mine])
        }, {
            defer { try? FileManager.default.removeItem(atPath: theirs) }
            return try Self.timed("sqlite3", ["-csv", "-header", store, BenchSQL.export], stdout: theirs)
        })
        return (rows, cdesk, sqlite)
    }

    // MARK: Processes

    /// This binary.
    static var binary: String { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path }

    /// Runs `tool` to its end; its wall-clock seconds. Its output goes to `stdout` (a file)
    /// or nowhere; a failure says what it printed on stderr. posix_spawn and waitpid, and
    /// files, never pipes: Foundation's Process can miss the exit of a child whose grandchild
    /// (the tmux server) lives on, and that server would hold a pipe open.
    @discardableResult
    static func timed(_ tool: String, _ arguments: [String], stdout: String? = nil) throws -> Double {
        let path = tool.hasPrefix("/") ? tool : which(tool) ?? tool
        let errorsPath = NSTemporaryDirectory() + "/cdesk-bench-\(getpid())-\(UUID().uuidString).err"
        defer { try? FileManager.default.removeItem(atPath: errorsPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorsPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else is handed on: a tmux server started here outlives its command, and would
        // keep whatever this process holds open (a lock file a build script waits on) with it.
        closeFrom(3, &actions)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["CDESK_AGENT"] = agent
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        let started = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, env)
        guard rc == 0 else { throw UserError("cannot run \(path): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        guard status == 0 else {
            let name = URL(fileURLWithPath: tool).lastPathComponent
            let said = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
            throw UserError("\(name) \(arguments.prefix(3).joined(separator: " ")) failed: \(said)")
        }
        return seconds
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34), which Swift's Glibc module
    /// does not declare; looked up when it runs, and left out where the C library lacks it.
    private static func closeFrom(_ fd: Int32, _ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, fd)
    }

    /// Cores, memory and load: the note beside the figures.
    static func machine() -> String {
        var load = [Double](repeating: 0, count: 3)
        getloadavg(&load, 3)
        let memory = ProcessInfo.processInfo.physicalMemory / 1_073_741_824
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) GiB, load \(String(format: "%.1f", load[0])) at the end"
    }
}

/// The full path of `tool` on the PATH, nil if there is none.
func which(_ tool: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// New complaints as a tickets CSV, deterministic for a seed: the file both importers read
/// (the rows of `scripts/make-tickets-csv.py`, made here so the bench needs no Python; ids
/// X5000000… so that they never meet a demo ticket's, even at ten million).
enum BenchTickets {
    static func write(count: Int, customers: Int, seed: UInt64, to path: String) throws {
        var rng = SeededRandom(seed: seed ^ 0xB3_4C_00)
        let reasons = ["product-quality", "wrong-item", "delivery-delay", "delivery-cost", "competitor-price",
                       "service", "moved-region", "misuse", "other"]
        let channels = ["email", "chat", "phone", "marketplace", "review", "sms"]
        let priorities = ["low", "normal", "normal", "normal", "high", "urgent"]
        let words = ["Заказ", "задерживается", "курьер", "не", "приехал", "товар", "сломан", "цвет", "другой",
                     "доставка", "дорогая", "вернуть", "деньги", "order", "late", "wrong", "size", "ещё", "жду"]
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let out = FileHandle(forWritingAtPath: path) else { throw UserError("cannot write \(path)") }
        defer { try? out.close() }
        var text = "id,customer_id,order_id,channel,reason,subject,status,priority,created_at\n"
        for i in 0..<count {
            var subject = (0..<Int.random(in: 3...7, using: &rng)).map { _ in words.randomElement(using: &rng)! }
                .joined(separator: " ")
            if Double.random(in: 0..<1, using: &rng) < 0.1 {
                subject = "\"" + (subject + ", \"срочно\"").replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            let number = String(Int.random(in: 1...customers, using: &rng))
            let customer = "C" + String(repeating: "0", count: max(0, 6 - number.count)) + number
            let day = Int.random(in: 1...28, using: &rng), hour = Int.random(in: 0...23, using: &rng)
            text += "X\(5_000_000 + i),\(customer),,\(channels.randomElement(using: &rng)!),\(reasons.randomElement(using: &rng)!),"
                + "\(subject),new,\(priorities.randomElement(using: &rng)!),2026-11-\(day < 10 ? "0" : "")\(day)T"
                + "\(hour < 10 ? "0" : "")\(hour):15:00Z\n"
            if text.utf8.count > 1 << 20 {
                out.write(Data(text.utf8))
                text = ""
            }
        }
        out.write(Data(text.utf8))
    }
}

/// What sqlite3 runs: the same rows into the same schema as `cdesk import`, and the same
/// cases out as `cdesk export`.
enum BenchSQL {
    static func quoted(_ path: String) -> String { "'" + path.replacingOccurrences(of: "'", with: "''") + "'" }

    /// As `Store.importRows` writes a new ticket (`ImportWriter`): the same columns and
    /// deadlines (the standard SLA), the customer's tier, its search row (subject and the
    /// customer's name and contacts, the folding done by SQLite's replace where cdesk has its
    /// own function), the import's one audit event, in one transaction, check constraints
    /// off and the same cache. The file is read with `.import` into a temporary table.
    static func importScript(csv: String) -> String {
        """
        PRAGMA cache_size = -262144;
        PRAGMA ignore_check_constraints = ON;
        PRAGMA busy_timeout = 600000;
        CREATE TEMP TABLE incoming (id TEXT, customer_id TEXT, order_id TEXT, channel TEXT, reason TEXT, subject TEXT,
                                    status TEXT, priority TEXT, created_at TEXT);
        .mode csv
        .import --skip 1 \(quoted(csv)) incoming
        BEGIN IMMEDIATE;
        CREATE TEMP TABLE before AS SELECT coalesce(max(seq), 0) AS seq FROM ticket;
        WITH r AS (SELECT *, CAST(strftime('%s', created_at) AS INTEGER) AS at FROM incoming)
        INSERT INTO ticket (customer_id, order_id, channel, reason, subject, status, priority, fault, created_at,
                            sla_due_at, first_due_at, updated_at, resolved_at, tier, resolved_at_assumed, version, id)
        SELECT r.customer_id, nullif(r.order_id, ''), r.channel, r.reason, r.subject, r.status, r.priority, 'unknown', r.at,
               r.at + 3600 * (CASE r.priority WHEN 'urgent' THEN 8 WHEN 'high' THEN 24 WHEN 'normal' THEN 48 ELSE 96 END),
               r.at + 3600 * (CASE r.priority WHEN 'urgent' THEN 1 WHEN 'high' THEN 4 WHEN 'normal' THEN 8 ELSE 24 END),
               r.at, NULL, c.tier, NULL, 1, r.id
        FROM r JOIN customer c ON c.id = r.customer_id
        WHERE 1
        ON CONFLICT (id) DO NOTHING;
        INSERT INTO ticket_search (rowid, subject, customer, body)
        SELECT t.seq, replace(replace(t.subject, 'ё', 'е'), 'Ё', 'Е'),
               c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.phone, ''), ''
        FROM ticket t JOIN customer c ON c.id = t.customer_id
        WHERE t.seq > (SELECT seq FROM before);
        INSERT INTO event (at, agent, entity, entity_id, action, old_value, new_value)
        VALUES (CAST(strftime('%s', 'now') AS INTEGER), 'bench', 'import', 'tickets', 'imported', NULL, '{}');
        COMMIT;

        """
    }

    /// How many tickets and search rows the import added (the generator's ids begin with X,
    /// which no demo ticket's does).
    static let newTickets = """
        SELECT count(*), (SELECT count(*) FROM ticket_search WHERE rowid IN (SELECT seq FROM ticket WHERE id GLOB 'X*'))
        FROM ticket WHERE id GLOB 'X*';
        """

    /// Every done case as `Store.exportCases` reads them (the same joins and order), times
    /// written as ISO 8601 by SQLite.
    static let export = """
        SELECT t.id, t.customer_id, c.name, c.email, c.phone, t.channel, t.reason, t.fault,
               strftime('%Y-%m-%dT%H:%M:%SZ', t.created_at, 'unixepoch'),
               strftime('%Y-%m-%dT%H:%M:%SZ', t.first_response_at, 'unixepoch'),
               strftime('%Y-%m-%dT%H:%M:%SZ', t.resolved_at, 'unixepoch'),
               o.resolution, o.satisfaction, r.state, coalesce(o.agent, t.assignee),
               (SELECT group_concat(kind || ' ' || value, ';') FROM (
                    SELECT kind, value FROM compensation
                    WHERE ticket_id = t.id AND state IN ('offered', 'accepted') ORDER BY at, id))
        FROM ticket t NOT INDEXED
        JOIN customer c ON c.id = t.customer_id
        LEFT JOIN outcome o ON o.ticket_id = t.id
        LEFT JOIN recovery r ON r.ticket_id = t.id
        WHERE t.status IN ('resolved', 'closed') AND t.resolved_at IS NOT NULL
        ORDER BY t.resolved_at, t.seq;
        """
}
