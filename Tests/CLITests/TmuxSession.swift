import DeskTestSupport
import Foundation
import Testing

/// The real cdesk binary in a real terminal: a tmux session of a given size, keys sent with
/// send-keys, the screen read with capture-pane and polled until it settles (as fzf's tests do).
final class TmuxSession {
    let name: String
    private static let socket = "cdesk-tests-\(getpid())"

    static var available: Bool { which("tmux") != nil }

    /// The cdesk binary next to the test bundle (swift test builds it: CLITests depends on it).
    static var binary: String {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("cdesk").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return exe.deletingLastPathComponent().appendingPathComponent("cdesk").path
    }

    init(command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        name = "t\(UUID().uuidString.prefix(8))"
        // TERM stays tmux's own, so that the keys tmux sends match what ncurses expects.
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        env.merge(environment) { $1 }
        let exports = env.map { "export \($0.key)='\($0.value)';" }.joined(separator: " ")
        // A shell runs the command, then prints a marker: the prompt coming back.
        let script = "\(exports) \(command); echo \"[exit $?]\"; sleep 600"
        try Self.tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "sh", "-c", script])
    }

    deinit { _ = try? Self.tmux(["kill-session", "-t", name]) }

    func send(_ keys: String...) throws {
        try Self.tmux(["send-keys", "-t", name] + keys)
    }

    func screen() throws -> String {
        try Self.tmux(["capture-pane", "-p", "-t", name])
    }

    /// The column of the terminal's cursor (tmux's own reckoning of what was drawn before it).
    func cursorColumn() throws -> Int {
        let out = try spawn(Self.which("tmux") ?? "/usr/bin/tmux", ["-L", Self.socket, "-f", "/dev/null", "display-message", "-p", "-t", name, "#{cursor_x}"])
        return Int(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    func screenWithStyles() throws -> String {
        try Self.tmux(["capture-pane", "-p", "-e", "-t", name])
    }

    /// Polls the screen until `predicate` holds (and the screen stopped changing), or fails
    /// after `timeout` seconds, printing what was on the screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            let now = try screen()
            if predicate(now), now == last { return now }
            last = now
            Thread.sleep(forTimeInterval: 0.15)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
        throw CancellationError()
    }

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let capture = arguments.first == "capture-pane"
        let result = try spawn(which("tmux") ?? "/usr/bin/tmux", ["-L", socket, "-f", "/dev/null"] + arguments,
                               captureOutput: capture)
        return result.stdout
    }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// Runs a program with posix_spawn and waits with waitpid. (Foundation's Process can miss
/// the exit of a child whose grandchild, the tmux server, lives on.) Output goes to files,
/// never pipes, so a daemon inheriting them cannot block the reader.
func spawn(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
           captureOutput: Bool = true) throws -> (status: Int32, stdout: String, stderr: String) {
    let dir = Scratch.path("spawn")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let outPath = captureOutput ? dir + "/out" : "/dev/null", errPath = captureOutput ? dir + "/err" : "/dev/null"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { env.forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, nil, argv, env)
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let read = { (p: String) in (try? String(contentsOfFile: p, encoding: .utf8)) ?? "" }
    return (exitStatus, captureOutput ? read(outPath) : "", captureOutput ? read(errPath) : "")
}

/// Runs the binary without a terminal and collects its exit status and output.
func runCDesk(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
    var env = ProcessInfo.processInfo.environment
    // Dates without a zone are the shop's, the system's by default: the same on every machine.
    env["TZ"] = "UTC"
    env.merge(environment) { $1 }
    return try spawn(TmuxSession.binary, arguments, environment: env)
}
