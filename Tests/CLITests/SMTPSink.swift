import DeskTestSupport
import Foundation

/// A real SMTP server on loopback for the end-to-end mail test: scripts/smtp-sink.py
/// (aiosmtpd) writing each message it accepts to a folder. It needs a Python with aiosmtpd:
/// `$CDESK_TEST_PYTHON` (.ci/run makes a virtual environment and sets it), else the
/// package's own `.venv-ci/bin/python` when there is one; and msmtp, the client that
/// talks to it.
final class SMTPSink {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The Python to run the server with, or why the test cannot run here.
    static let python: Result<String, Unavailable> = {
        let named = ProcessInfo.processInfo.environment["CDESK_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        let python = named ?? packageRoot + "/.venv-ci/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return .failure(Unavailable(reason: "no Python with aiosmtpd (\(python)); set CDESK_TEST_PYTHON or run .ci/run"))
        }
        guard (try? spawn(python, ["-c", "import aiosmtpd"]))?.status == 0 else {
            return .failure(Unavailable(reason: "\(python) cannot import aiosmtpd (pip install aiosmtpd)"))
        }
        guard (try? spawn("/bin/sh", ["-c", "command -v msmtp"]))?.status == 0 else {
            return .failure(Unavailable(reason: "msmtp is not installed (apt-get install msmtp)"))
        }
        return .success(python)
    }()

    struct Unavailable: Error { var reason: String }

    static var available: Bool {
        if case let .failure(why) = python {
            print("MailSMTPEndToEndTests skipped: \(why.reason)")
            return false
        }
        return true
    }

    /// A loopback port nobody listens on now (the kernel's pick for a socket bound to port 0).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    let port: Int
    let folder: String
    private let process = Process()
    private let input = Pipe()

    /// Starts the server on `port`, writing to `folder`, and waits until it listens.
    init(port: Int, folder: String) throws {
        guard case let .success(python) = Self.python else { throw Unavailable(reason: "no Python with aiosmtpd") }
        self.port = port
        self.folder = folder
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.packageRoot + "/scripts/smtp-sink.py", String(port), folder]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // "listening" once the port is open; end of file if it could not start.
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("listening\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                stop()
                throw Unavailable(reason: "the SMTP server did not start: \(String(decoding: said, as: UTF8.self))")
            }
            said += chunk
        }
    }

    /// Stops it: the script ends when its standard input closes — unless a process started
    /// meanwhile (a tmux server) inherited the pipe and keeps it open; then it is terminated.
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        for _ in 0..<20 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        // asyncio's loop does not end on SIGTERM while it serves: KILL, it holds nothing to save.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The messages it received, in order of arrival, with CRLF as LF.
    func messages() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }
            .sorted { Int($0.dropLast(4)) ?? 0 < Int($1.dropLast(4)) ?? 0 }
            .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n") }
    }
}
