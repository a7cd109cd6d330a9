import Foundation

/// Edits text for a reply or a note.
public protocol TextEditing {
    /// The edited text, or nil when the editor failed to run.
    func edit(_ text: String) throws -> String?
}

/// `$VISUAL`, else `$EDITOR`, else vi, on a private temporary file — as terminal mail
/// programs do. The console hands it the terminal while it runs.
public struct ExternalEditor: TextEditing {
    public var command: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        command = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
    }

    public func edit(_ text: String) throws -> String? {
        let dir = NSTemporaryDirectory() + "cdesk-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/message.txt"
        guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            return nil
        }
        // Through the shell, so that EDITOR="code --wait" or "vim -u NONE" work as people expect;
        // the file name is passed as an argument, never spliced into the command.
        let argv: [String] = ["/bin/sh", "-c", command + " \"$1\"", "cdesk-editor", file]
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        // As system(3) does: Ctrl-C in the editor is the editor's, not a reason for cdesk to
        // die; the editor itself gets the default handling back.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let oldInt = signal(SIGINT, SIG_IGN), oldQuit = signal(SIGQUIT, SIG_IGN)
        defer { signal(SIGINT, oldInt); signal(SIGQUIT, oldQuit) }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, &attributes, &cArgs, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard (status & 0x7f) == 0, (status >> 8) & 0xff == 0 else { return nil }
        return try String(contentsOfFile: file, encoding: .utf8)
    }
}
