import Foundation

/// What the send command made of one message.
public enum SendOutcome: Sendable, Equatable {
    case sent
    /// Exit 75, or the command could not run: try again later.
    case tryAgain(reason: String)
    /// Any other exit: the reason is the command's stderr.
    case failed(reason: String)
}

/// Sends the queued replies: each message goes on stdin to `[mail] send_command` (run by
/// /bin/sh). Sent: 0; stays queued, tried again after 1, 2, 4… minutes (at most an hour):
/// exit 75, or a command that cannot run (126, 127); failed: any other exit, or still
/// unsent `retry_hours` after it was queued.
public struct MailSender: Sendable {
    public var settings: MailSettings
    public var from: MailAddress

    public init?(settings: MailSettings) {
        guard let outbox = Outbox(settings) else { return nil }
        self.settings = settings
        self.from = outbox.from
    }

    public struct Summary: Sendable, Equatable {
        /// What this pass did: handed over, left queued for a later try, failed.
        public var sent = 0, queued = 0, failed = 0
        /// How many replies the outbox still holds queued after the pass (its own left for a
        /// later try, ones waiting out their backoff, ones another sender has): while there
        /// are any, the console tries again.
        public var stillQueued = 0
        public init(sent: Int = 0, queued: Int = 0, failed: Int = 0, stillQueued: Int = 0) {
            self.sent = sent; self.queued = queued; self.failed = failed; self.stillQueued = stillQueued
        }
    }

    /// How long a sender keeps a reply it claimed to itself: a sender that stopped mid-send
    /// (a console that quit, a killed cron job) leaves it queued, and it is tried again once
    /// this has passed.
    public static let claimSeconds: TimeInterval = 600

    /// Sends every reply due at `now` (`ignoringBackoff`: every queued reply, as after an
    /// outage that is over; the give-up time still counts from when it was queued). Each is
    /// claimed first, so that another sender at the same time (a second console, cron) never
    /// sends it too. What came of a send is recorded however long the store stays busy
    /// (`onBusy` is told each time it was), so that a sent reply is never sent again.
    public func drain(_ store: any DeskStore, now: @Sendable () -> Date = { Date() }, ignoringBackoff: Bool = false,
                      onBusy: (Int) -> Void = { _ in }, send: ((String) -> SendOutcome)? = nil) throws -> Summary {
        var summary = Summary()
        for item in try store.dueMail(now: ignoringBackoff ? .distantFuture : now()) {
            let start = now()
            guard try store.claimMail(messageID: item.messageID, now: start, until: start.addingTimeInterval(Self.claimSeconds),
                                      ignoringBackoff: ignoringBackoff) else { continue }
            let outcome = (send ?? run)(item.mail(from: from).rendered())
            let at = now()
            try Self.recording(store, onBusy: onBusy) {
                switch outcome {
                case .sent:
                    try store.markMailSent(messageID: item.messageID, at: at)
                    summary.sent += 1
                case let .failed(reason):
                    try store.markMailFailed(messageID: item.messageID, reason: reason, at: at)
                    summary.failed += 1
                case let .tryAgain(reason):
                    if at.timeIntervalSince(item.queuedAt) >= Double(settings.retryHours) * 3600 {
                        try store.markMailFailed(messageID: item.messageID,
                                                 reason: "not sent in \(settings.retryHours) hours: \(reason)", at: at)
                        summary.failed += 1
                    } else {
                        let wait = Self.backoff(tries: item.tries + 1)
                        try store.markMailRetry(messageID: item.messageID, reason: reason, at: at,
                                                nextTry: at.addingTimeInterval(wait))
                        summary.queued += 1
                    }
                }
            }
        }
        summary.stillQueued = try store.queuedMailCount()
        return summary
    }

    /// Does `record` until the store takes it: each try waits the store's own while (a few
    /// seconds) for another writer, and a busy store is tried again for as long as it stays
    /// busy. Any other failure is thrown; the reply's claim then lapses and it is tried again.
    static func recording(_ store: any DeskStore, onBusy: (Int) -> Void, _ record: () throws -> Void) throws {
        var tries = 0
        while true {
            do {
                return try record()
            } catch let error where store.isBusy(error) {
                tries += 1
                onBusy(tries)
            }
        }
    }

    /// The wait after the `tries`th failed try: 1, 2, 4… minutes, at most an hour.
    public static func backoff(tries: Int) -> TimeInterval {
        60 * Double(min(60, 1 << min(max(tries - 1, 0), 6)))
    }

    /// Runs the send command with `message` on stdin.
    public func run(_ message: String) -> SendOutcome {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("cdesk-out-\(UUID().uuidString)")
        // The message is the customer's and the agent's words: readable by this user alone.
        do { try Self.writePrivately(message, to: input.path) } catch {
            return .tryAgain(reason: "cannot write the message: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", settings.sendCommand]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            process.standardInput = try FileHandle(forReadingFrom: input)
            try process.run()
        } catch {
            return .tryAgain(reason: "cannot run \(settings.sendCommand): \(error.localizedDescription)")
        }
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let said = UntrustedText.line(stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        let status = process.terminationStatus
        switch (process.terminationReason, status) {
        case (.exit, 0): return .sent
        case (.exit, 75): return .tryAgain(reason: said.isEmpty ? "exit 75 (try again later)" : said)
        case (.exit, 126), (.exit, 127): return .tryAgain(reason: "cannot run \(settings.sendCommand)" + (said.isEmpty ? "" : ": \(said)"))
        case (.exit, _): return .failed(reason: said.isEmpty ? "exit \(status)" : said)
        default: return .tryAgain(reason: "killed by signal \(status)")
        }
    }

    /// Writes `text` to a new file at `path`, made 0600 (whatever the umask), never over one there.
    static func writePrivately(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            unlink(path)
            throw error
        }
    }
}
