import DeskTestSupport
import Foundation
import Testing

/// A command killed half way leaves nothing that looks whole.
@Suite struct KilledCommandTests {
    private func folder() throws -> String {
        let path = Scratch.path("killed")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }


    /// `kill -9` while the demo writes its batches: the target never existed, and the next
    /// demo removes the hidden file and builds a whole store.
    @Test func aKilledDemoLeavesNoHalfStore() throws {
        let folder = try folder()
        let target = folder + "/desk.sqlite"
        let pid = try startInBackground("exec \(quoted(TmuxSession.binary)) demo --store \(quoted(target)) --customers 20000 --tickets 100000")
        // Until the hidden store holds a few batches (at most a minute; the demo takes longer).
        let deadline = Date().addingTimeInterval(60)
        func hiddenBytes() -> Int {
            names(folder).filter { $0.hasPrefix(".desk.sqlite.demo-") }.reduce(0) { sum, name in
                sum + (((try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.size] as? Int) ?? 0)
            }
        }
        while hiddenBytes() < 1_000_000, Date() < deadline { usleep(20_000) }
        kill(pid, SIGKILL)
        #expect(waitForExit(pid).signal == SIGKILL)
        #expect(!names(folder).contains("desk.sqlite"), "\(names(folder))")
        #expect(names(folder).contains { $0.hasSuffix(".partial") })
        let again = try runCDesk(["demo", "--store", target, "--customers", "20", "--tickets", "50"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(names(folder) == ["desk.sqlite"])
    }

    /// An export that dies half way through writing (the file-size limit ends it with
    /// SIGXFSZ, which nothing in cdesk catches: as sudden as `kill -9`, and at a point
    /// known in advance) leaves neither the target nor a hidden file.
    @Test func anExportKilledWhileWritingLeavesNothing() throws {
        let folder = try folder()
        let store = folder + "/desk.sqlite"
        let demo = try runCDesk(["demo", "--store", store, "--customers", "300", "--tickets", "3000"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let out = folder + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for format in ["csv", "jsonl"] {
            let target = out + "/cases." + format
            // 64 KB of output at most; the export is several hundred.
            let pid = try startInBackground("ulimit -f 128; exec \(quoted(TmuxSession.binary)) export --store \(quoted(store)) --output \(quoted(target)) 2>\(quoted(folder))/err")
            #expect(waitForExit(pid).signal == SIGXFSZ, "\((try? String(contentsOfFile: folder + "/err", encoding: .utf8)) ?? "")")
            #expect(names(out).isEmpty, "\(format): \(names(out))")
        }
        let whole = try runCDesk(["export", "--store", store, "--output", out + "/cases.csv"])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(names(out) == ["cases.csv"])
    }
}

/// Starts `command` under /bin/sh (its output to /dev/null unless it redirects it); returns its pid.
func startInBackground(_ command: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_RDWR, 0) }
    let words: [String] = ["/bin/sh", "-c", command]
    let argv = words.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var env = ProcessInfo.processInfo.environment
    env["TZ"] = "UTC"
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }
    // Every signal at its default action and none blocked (the test runner's threads may
    // ignore or block some).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
    return pid
}

/// How `pid` ended: its exit status, or the signal that ended it.
func waitForExit(_ pid: pid_t) -> (status: Int32?, signal: Int32?) {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (status & 0x7f) == 0 ? ((status >> 8) & 0xff, nil) : (nil, status & 0x7f)
}

/// `text` quoted for /bin/sh.
func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
