import DeskTestSupport
import Foundation
import Testing

/// `theme = auto` in a terminal of our own (a pseudo-terminal this test answers for): the
/// console asks for the background (OSC 11) and draws the light or the dark palette by the
/// answer; a terminal that answers only the attributes request (DA1) gets COLORFGBG's, else
/// dark, at once.
@Suite(.serialized) struct ThemeFromTheTerminalTests {
    /// Runs the console on a pseudo-terminal, answers its OSC 11 question with `answer`
    /// (then DA1, as every terminal does), and returns what it drew in its first second.
    static func run(answer: String?, environment: [String: String] = [:]) throws -> (asked: Bool, screen: String) {
        // Linux's /dev/ptmx (Swift's Glibc module has not posix_openpt): unlock the pair
        // (TIOCSPTLCK) and ask its number (TIOCGPTN).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw POSIXError(.ENOTTY)
        }
        defer { close(master) }
        let name = "/dev/pts/\(number)"
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let store = try ConsoleInTmuxTests.demoStore()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, name, O_RDWR, 0) }
        let arguments: [String] = [TmuxSession.binary, "--store", store, "--agent", "olga"]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent"]
        env.merge(environment) { $1 }
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, TmuxSession.binary, &actions, nil, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        var output: [UInt8] = [], asked = false
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, !String(decoding: output, as: UTF8.self).contains("olga") || output.count < 2000 {
            var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fd, 1, 100) >= 0 else { break }
            if fd.revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 65536)
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                output += buffer.prefix(n)
            }
            if !asked, String(decoding: output, as: UTF8.self).contains("\u{1B}]11;?") {
                asked = true
                let reply = Array(((answer ?? "") + "\u{1B}[?62;22c").utf8)
                _ = reply.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            }
        }
        _ = write(master, "q", 1)
        var status: Int32 = 0
        for _ in 0..<50 where waitpid(pid, &status, WNOHANG) == 0 { Thread.sleep(forTimeInterval: 0.05) }
        if waitpid(pid, &status, WNOHANG) == 0 { kill(pid, SIGKILL); waitpid(pid, &status, 0) }
        return (asked, String(decoding: output, as: UTF8.self))
    }

    // The status line: 232 on 252 in the light palette, 252 on 236 in the dark.
    static let light = "48;5;252", dark = "48;5;236"

    @Test func aWhiteBackgroundGetsTheLightPalette() throws {
        let (asked, screen) = try Self.run(answer: "\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\", environment: ["COLORFGBG": "15;0"])
        #expect(asked)
        #expect(screen.contains(Self.light) && !screen.contains(Self.dark), "the terminal's answer wins over COLORFGBG")
    }

    @Test func aDarkBackgroundGetsTheDarkPalette() throws {
        let (asked, screen) = try Self.run(answer: "\u{1B}]11;rgb:0000/2b2b/3636\u{07}")
        #expect(asked && screen.contains(Self.dark) && !screen.contains(Self.light))
    }

    @Test func noAnswerFallsBackToCOLORFGBGThenDark() throws {
        let light = try Self.run(answer: nil, environment: ["COLORFGBG": "0;15"])
        #expect(light.asked && light.screen.contains(Self.light))
        let dark = try Self.run(answer: nil)
        #expect(dark.screen.contains(Self.dark))
    }

    @Test func aThemeSetInTheConfigIsNotAsked() throws {
        let dir = Fixtures.temporaryPath("theme-config")
        try FileManager.default.createDirectory(atPath: dir + "/cdesk", withIntermediateDirectories: true)
        try "theme = \"light\"\n".write(toFile: dir + "/cdesk/config.toml", atomically: true, encoding: .utf8)
        let (asked, screen) = try Self.run(answer: "\u{1B}]11;rgb:0000/0000/0000\u{07}", environment: ["XDG_CONFIG_HOME": dir])
        #expect(!asked && screen.contains(Self.light))
    }
}
