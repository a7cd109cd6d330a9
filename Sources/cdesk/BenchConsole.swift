import DeskCore
import DeskUI
import Foundation

/// The console driven in this process, as `ConsoleLoop` drives it: an action, then the frame.
/// Counts made in the background are waited for between samples (they run on a thread of
/// their own and never hold a key up), so that one sample's counts do not fall in the next.
final class ConsoleBench {
    static let size = Size(width: 120, height: 40)
    let console: Console
    let store: Store
    let rounds: Int
    private var samples: [String: [Double]] = [:]
    private var order: [String] = []

    init(path: String, agent: String, rounds: Int) throws {
        store = try Store(path: path)
        console = Console(store: store, keymap: try Self.keymap(), agent: agent, size: Self.size)
        console.start()
        console.settle()
        self.rounds = rounds
    }

    static func keymap() throws -> Keymap {
        var keymap = Keymap()
        _ = keymap.apply(BuiltInKeymap.text, file: "default")
        return keymap
    }

    static func milliseconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    /// The median time from opening the store to the first frame, in milliseconds.
    static func firstFrame(path: String, agent: String, times: Int) throws -> Double {
        var times = (0..<times).map { _ -> Double in
            let started = DispatchTime.now().uptimeNanoseconds
            guard let store = try? Store(path: path) else { return .infinity }
            let console = Console(store: store, keymap: (try? keymap()) ?? Keymap(), agent: agent, size: size)
            console.start()
            _ = console.render()
            let ms = milliseconds(since: started)
            console.settle()
            return ms
        }
        times.sort()
        guard times.last?.isFinite == true else { throw UserError("cannot open \(path)") }
        return times[times.count / 2]
    }

    /// CPU seconds this process spends over the first `seconds` of a console started as
    /// `cdesk` starts one (the background sweep and counts included), idle on an empty terminal.
    static func startCPU(path: String, agent: String, seconds: Double) throws -> Double {
        let before = cpuSeconds()
        let store = try Store(path: path)
        let console = Console(store: store, keymap: try keymap(), agent: agent, size: size)
        console.start()
        let sweep = ConsoleCommand.sweepInBackground(store, windowDays: CompensationPolicy.standard.recoveryWindowDays,
                                                     agent: agent)
        let screen = IdleScreen(size: size, seconds: seconds)
        ConsoleLoop.run(console, on: screen)
        let spent = cpuSeconds() - before
        // The sweep, when it outlasts the window, finishes before anything else is measured.
        sweep.wait()
        console.settle()
        return spent
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }

    // MARK: Latencies

    private func time(_ name: String, _ body: () -> Void) {
        let started = DispatchTime.now().uptimeNanoseconds
        body()
        _ = console.render()
        let ms = Self.milliseconds(since: started)
        if samples[name] == nil { order.append(name) }
        samples[name, default: []].append(ms)
        console.settle()
    }

    private func press(_ action: Action) {
        console.perform(action)
        console.settle()
    }

    private func type(_ text: String) {
        for c in text { console.handle(.char(c)) }
    }

    /// p50, p99 and max of each action, each measured `rounds` times at different places.
    func latencies() throws -> [BenchFigures.Latency] {
        let rare = try rareWord(), common = "заказ"
        for round in 0..<rounds {
            moves(round)
            views()
            openAndBack(round)
            search(rare: rare, common: common)
            work(round)
        }
        return order.map { BenchFigures.Latency(action: $0, samples: samples[$0, default: []]) }
    }

    /// One customer's phone: a word only a few tickets hold.
    private func rareWord() throws -> String {
        press(.viewAll)
        guard let row = console.state.queue.rows.first, let detail = try store.ticketDetail(id: row.id) else {
            throw UserError("the store has no tickets to search for")
        }
        return detail.customer.phone ?? detail.customer.name
    }

    /// Moves and pages in Open, from a place further down each round, and back up from its end.
    private func moves(_ round: Int) {
        press(.viewOpen)
        press(.moveFirst)
        for _ in 0..<(round * 7) { console.perform(.pageDown) }
        console.settle()
        for _ in 0..<5 { time("move down") { console.perform(.moveDown) } }
        for _ in 0..<3 { time("page down") { console.perform(.pageDown) } }
        for _ in 0..<2 { time("page up") { console.perform(.pageUp) } }
        press(.moveLast)
        for _ in 0..<3 { time("move up") { console.perform(.moveUp) } }
        time("page up") { console.perform(.pageUp) }
    }

    /// Every view, and in each every order it has, with its end and start.
    private func views() {
        let views: [(Action, QueueView)] = [
            (.viewOpen, .open), (.viewMine, .mine), (.viewUnassigned, .unassigned), (.viewOverdue, .overdue),
            (.viewWaiting, .waiting), (.viewFollowUps, .followUps), (.viewVIP, .vip), (.viewResolved, .resolved),
            (.viewAll, .all), (.viewRequests, .requests),
        ]
        for (action, view) in views {
            time("view \(view.rawValue)") { console.perform(action) }
            for _ in view.sorts.indices {
                time("end: \(view.rawValue)") { console.perform(.moveLast) }
                time("start: \(view.rawValue)") { console.perform(.moveFirst) }
                time("sort: \(view.rawValue)") { console.perform(.sortNext) }
            }
        }
    }

    private func openAndBack(_ round: Int) {
        press(.viewOpen)
        for _ in 0..<(round * 3) { console.perform(.moveDown) }
        console.settle()
        time("open ticket") { console.perform(.openTicket) }
        time("back") { console.perform(.back) }
    }

    private func search(rare: String, common: String) {
        for (name, word) in [("search: rare word", rare), ("search: common word", common)] {
            press(.viewOpen)
            time(name) {
                console.perform(.search)
                type(word)
                console.perform(.promptAccept)
            }
        }
        press(.viewOpen)
    }

    /// On a different open ticket each round: a discount and its commit, resolve, undo.
    private func work(_ round: Int) {
        press(.viewOpen)
        press(.moveFirst)
        for _ in 0..<(round * 2 + 1) { console.perform(.moveDown) }
        press(.openTicket)
        time("compensate + commit") {
            console.perform(.compensateDiscount)
            console.perform(.promptAccept)
        }
        time("resolve") {
            console.perform(.ticketResolve)
            console.perform(.promptAccept)
        }
        time("undo") { console.perform(.undo) }
        if console.state.prompt != nil { press(.promptCancel) }
        press(.back)
    }
}

/// A terminal nobody types on, for `seconds`; then Ctrl-C.
final class IdleScreen: Screen {
    let size: Size
    private let end: Date

    init(size: Size, seconds: Double) {
        self.size = size
        end = Date().addingTimeInterval(seconds)
    }

    func present(_ grid: Grid) {}

    func readKey(timeoutMilliseconds: Int) -> Key? {
        let left = end.timeIntervalSinceNow
        if left <= 0 { return .control("c") }
        usleep(useconds_t(min(Double(timeoutMilliseconds) / 1000, left) * 1e6))
        return nil
    }

    func suspend(while body: () throws -> Void) rethrows { try body() }
}

/// The real binary in tmux: the time to its first frame, polled with capture-pane, and the
/// console's peak memory after a few keys (VmHWM of its process).
struct TmuxBench {
    let binary: String
    let store: String
    let agent: String
    private let socket = "cdesk-bench-\(getpid())"

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let out = NSTemporaryDirectory() + "/\(socket).out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        try Bench.timed("tmux", ["-L", socket] + arguments, stdout: out)
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// The first frame, the p50/p99/max of each key from `send-keys` to the first capture
    /// that shows its frame (so tmux's own round trips are in), and the peak memory.
    func run(rounds: Int, commonWord: String) throws -> (firstFrameMs: Double, keys: [BenchFigures.Latency], peakMiB: Double) {
        // The server is started first, so that its own start is not counted.
        try tmux(["new-session", "-d", "-s", "idle", "-x", "120", "-y", "40", "sleep 600"])
        // tmux 3.3's kill-server leaves a server whose pane ignores the hang-up; ending each
        // session ends it. A server left behind would hold every descriptor bench inherited.
        defer { for session in ["console", "idle"] { _ = try? tmux(["kill-session", "-t", session]) } }
        let quoted = { (s: String) in "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "exec env LANG=C.UTF-8 LC_ALL=C.UTF-8 \(quoted(binary)) --store \(quoted(store)) --agent \(quoted(agent))"
        let started = DispatchTime.now().uptimeNanoseconds
        try tmux(["new-session", "-d", "-s", "console", "-x", "120", "-y", "40", command])
        var firstFrame: Double?
        while firstFrame == nil {
            let screen = try tmux(["capture-pane", "-p", "-t", "console"])
            if screen.contains(agent) { firstFrame = ConsoleBench.milliseconds(since: started) }
            if ConsoleBench.milliseconds(since: started) > 120_000 {
                throw UserError("the console in tmux showed no frame in 2 minutes:\n\(screen)")
            }
        }
        let pid = try tmux(["list-panes", "-t", "console", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        var samples: [String: [Double]] = [:], order: [String] = []
        /// The screen once it has stopped changing (counts made in the background land late).
        func settled() throws -> String {
            var last = try tmux(["capture-pane", "-p", "-t", "console"])
            for _ in 0..<100 {
                usleep(60_000)
                let now = try tmux(["capture-pane", "-p", "-t", "console"])
                if now == last { return now }
                last = now
            }
            return last
        }
        /// Sends `keys` and times the first changed capture; a key that changes nothing
        /// within two seconds (End at the end) is not counted.
        func time(_ name: String, _ keys: String, literal: Bool = false) throws {
            let before = try settled()
            let sent = DispatchTime.now().uptimeNanoseconds
            try tmux(["send-keys", "-t", "console"] + (literal ? ["-l"] : []) + [keys])
            while ConsoleBench.milliseconds(since: sent) < 2000 {
                if try tmux(["capture-pane", "-p", "-t", "console"]) != before {
                    if samples[name] == nil { order.append(name) }
                    samples[name, default: []].append(ConsoleBench.milliseconds(since: sent))
                    return
                }
            }
        }
        for _ in 0..<rounds {
            // Mine, Unassigned, Overdue, VIP, Resolved, All and back to Open: each switch, then
            // moves in it. (Each round starts on Open: `1` there changes nothing, and the first
            // change after it, a count landing half a second later, was timed as its frame.)
            for view in ["2", "3", "4", "7", "8", "9", "1"] {
                try time("view switch", view)
                try time("move down", "j")
                try time("page down", "NPage")
                try time("end", "End")
                try time("page up", "PPage")
                try time("start", "Home")
                try time("sort", "s")
            }
            try time("open ticket", "Enter")
            try time("back", "Escape")
            try time("search prompt", "/")
            try time("search: typing", commonWord, literal: true)
            try time("search: common word", "Enter")
            try time("back", "Escape")
        }
        let keys = order.map { BenchFigures.Latency(action: $0, samples: samples[$0, default: []]) }
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        try tmux(["send-keys", "-t", "console", "q"])
        return (firstFrame ?? 0, keys, peak / 1024)
    }
}
