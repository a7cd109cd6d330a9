import DeskCore
import DeskTestSupport
import Foundation
import Testing

/// `cdesk bench` on a small store: it makes the store, reuses it, and prints every figure.
/// No figure's size is checked: the machine's speed is not the program's.
@Suite struct BenchCommandTests {
    static var available: Bool { TmuxSession.available && TmuxSession.which("sqlite3") != nil }

    @Test(.enabled(if: available)) func printsEveryFigureAndReusesItsStore() throws {
        let store = Fixtures.temporaryPath("bench")
        let small = ["bench", "--tickets", "2000", "--store", store, "--cpu-seconds", "1", "--rounds", "1"]
        let first = try runCDesk(small)
        #expect(first.status == 0, "\(first.stderr)")
        for row in ["| demo store (cdesk demo) |", "| import of 1000 new tickets, fastest of 2 |", "| export of ",
                    "resolved cases (CSV, fastest of 2) |",
                    "| first frame, in process |", "| first frame, through tmux |", "| console CPU over its first 1 s |",
                    "| console peak memory (in tmux, after keys) |", "| bench process peak memory |"] {
            #expect(first.stdout.contains(row), "no \(row) in\n\(first.stdout)")
        }
        #expect(first.stdout.contains(" s | ") && first.stdout.contains("×"), "times and ratios beside sqlite3")
        #expect(!first.stdout.contains("reused"), "the first run makes the store and times the demo")
        let actions = ["move down", "page down", "page up", "move up", "open ticket", "back", "search: rare word",
                       "search: common word", "compensate + commit", "resolve", "undo"]
            + ["open", "mine", "unassigned", "overdue", "waiting", "follow-ups", "vip", "resolved", "all", "requests"]
            .flatMap { ["view \($0)", "end: \($0)", "start: \($0)", "sort: \($0)"] }
        for action in actions {
            #expect(first.stdout.contains("| \(action) | "), "no latency of \(action)")
        }

        let second = try runCDesk(small + ["--json", "--exchange-rounds", "1"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("reusing \(store)"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(json["store_made"] as? Bool == false)
        for key in ["import_seconds", "import_sqlite_seconds", "import_ratio", "export_seconds", "export_sqlite_seconds",
                    "export_ratio", "first_frame_ms", "first_frame_tmux_ms", "start_cpu_seconds", "console_peak_mib",
                    "bench_peak_mib"] {
            let value = try #require(json[key] as? Double, "no \(key)")
            #expect(value > 0, "\(key) is \(value)")
        }
        #expect(json["import_rows"] as? Int == 1000)
        #expect(json["exchange_rounds"] as? Int == 1)
        let keys = try #require(json["keys"] as? [[String: Any]])
        #expect(Set(keys.compactMap { $0["action"] as? String }) == Set(actions))
        for key in keys {
            let p50 = try #require(key["p50_ms"] as? Double), p99 = try #require(key["p99_ms"] as? Double)
            let max = try #require(key["max_ms"] as? Double)
            #expect(p50 <= p99 && p99 <= max, "\(key)")
        }
        // The same keys sent to the real binary in tmux, each timed to the screen that shows it.
        #expect(first.stdout.contains("| key (through tmux, send-keys to the screen showing it) |"))
        let tmuxKeys = try #require(json["tmux_keys"] as? [[String: Any]])
        let timed = Dictionary(tmuxKeys.compactMap { key in (key["action"] as? String).map { ($0, key) } }) { a, _ in a }
        for action in ["view switch", "move down", "page down", "end", "page up", "start", "sort", "open ticket", "back",
                       "search: common word"] {
            let key = try #require(timed[action], "no tmux latency of \(action) in \(timed.keys.sorted())")
            #expect((key["samples"] as? Int ?? 0) >= 1)
            #expect((key["p99_ms"] as? Double ?? 0) > 0, "\(key)")
        }
    }

    /// A store that is not the one asked for (another seed or size, or empty, as a stopped
    /// run leaves it) is made again; one holding tickets no demo made is refused, untouched.
    @Test(.enabled(if: available)) func makesAStoreOfAnotherSeedOrSizeAgain() throws {
        let store = Fixtures.temporaryPath("bench-other")
        let made = try runCDesk(["demo", "--store", store, "--seed", "7", "--customers", "400", "--tickets", "100"])
        #expect(made.status == 0, "\(made.stderr)")
        let small = ["bench", "--tickets", "100", "--store", store, "--cpu-seconds", "0.2", "--rounds", "1"]
        let run = try runCDesk(small)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("making \(store) again: it holds seed 7, 400 customers, 100 tickets, "
                                    + "not seed 1, 400 customers, 100 tickets"), "\(run.stderr)")
        #expect(!run.stdout.contains("reused"), "the demo is timed again")

        let empty = Fixtures.temporaryPath("bench-empty")
        _ = try Store(path: empty)
        let again = try runCDesk(["bench", "--tickets", "100", "--store", empty, "--cpu-seconds", "0.2", "--rounds", "1"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("making \(empty) again: it holds no finished demo"), "\(again.stderr)")

        let real = try Fixtures.smallStore()
        let refused = try runCDesk(["bench", "--tickets", "100", "--store", real.path, "--cpu-seconds", "0.2"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("holds tickets no demo made"), "\(refused.stderr)")
        #expect(try real.ticketDetail(id: "T1") != nil, "left as it was")
    }
}
