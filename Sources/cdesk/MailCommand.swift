import ArgumentParser
import DeskCore
import DeskMail
import Foundation

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "E-mail: take incoming mail into the store, send the queued replies.",
        subcommands: [MailReceiveCommand.self, MailSendCommand.self, MailStatusCommand.self]
    )
}

/// Exit codes a mail server understands (sysexits.h).
private enum MailExit {
    static let taken: Int32 = 0
    static let unparseable: Int32 = 65  // EX_DATAERR
    static let tryAgain: Int32 = 75     // EX_TEMPFAIL
}

struct MailReceiveCommand: ParsableCommand {
    /// `--lang`: the language of its messages.
    @OptionGroup var languageOption: LanguageOption
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Take one message from standard input, or every message of a Maildir's new/ folder.",
        discussion: """
            Exit status: 0 the message was taken (or deliberately ignored: machine mail about no ticket, a \
            Message-ID already received); 75 the store is busy or missing (the mail server tries again later); \
            65 the message cannot be read at all: it is kept in the quarantine folder beside the store and \
            stderr says where. With --maildir each message is its own savepoint in a transaction of a group of \
            them, and moves to cur/ (flag S) once that transaction is committed and on disk; the status is 75 if the store stopped the run, else 65 if any was quarantined.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Take every message in DIR/new.", valueName: "dir"))
    var maildir: String?

    @Flag(help: "Print a line for each message taken.")
    var verbose = false

    func run() throws {
        let path = StoreLocation.resolve(explicit: storeOptions.store)
        let l = cliLanguage()
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail(MailExit.tryAgain, l.pick("no store at \(path); the mail stays with the mail server (exit 75)",
                                                 "нет хранилища \(path); письмо остаётся у почтового сервера (код 75)"))
        }
        let config: DeskConfig
        do { config = try loadConfig() } catch { throw fail(MailExit.tryAgain, "\(error)") }
        let store: any DeskStore
        do { store = try storeOptions.open(mustExist: true) } catch { throw fail(MailExit.tryAgain, "\(error)") }
        let receiver = MailReceiver(store: store, config: config)
        if let maildir { return try receiveMaildir(maildir, receiver) }

        let spooled: String
        do { spooled = try MailReceiver.spoolStandardInput() } catch { throw fail(MailExit.tryAgain, "\(error)") }
        defer { unlink(spooled) }
        switch try take(spooled, receiver) {
        case let .taken(result):
            if verbose { print(UntrustedText.line(result.summary)) }
        case let .quarantined(kept, reason):
            throw fail(MailExit.unparseable, l.pick("cannot read the message (\(reason)); kept in \(kept)",
                                                    "письмо не читается (\(reason)); сохранено в \(kept)"))
        }
    }

    private func receiveMaildir(_ maildir: String, _ receiver: MailReceiver) throws {
        let started = Date()
        let l = cliLanguage()
        let files: [String]
        do { files = try MailReceiver.newMessages(maildir: maildir) } catch {
            throw fail(1, l.pick("cannot read \(maildir)/new: ", "не читается \(maildir)/new: ") + error.localizedDescription)
        }
        var counts: [String: Int] = [:]
        var quarantined = 0
        // A group of messages per transaction, each message in its own savepoint; the files
        // move to cur/ once the group's commit is on disk. A group ends after 200 messages
        // or a quarter of a second, so agents' writes never wait long behind it.
        var next = files.startIndex
        while next < files.endIndex {
            let group: [(file: String, outcome: MailReceiver.Outcome)]
            do {
                group = try receiver.receive(group: files[next...], limit: 200, deadline: Date().addingTimeInterval(0.25))
            } catch {
                let why = receiver.store.isBusy(error) ? l.pick("the store is busy", "хранилище занято") : Self.said(error, l)
                throw fail(MailExit.tryAgain, why + l.pick("; \(files.count - next) messages were not taken, try again later",
                                                           "; не принято писем: \(files.count - next), попробуйте позже"))
            }
            next += group.count
            for (file, outcome) in group {
                do { try MailReceiver.markSeen(file, maildir: maildir) } catch { throw fail(1, "\(error)") }
                let name = (file as NSString).lastPathComponent
                switch outcome {
                case let .taken(result):
                    counts[Self.kind(result), default: 0] += 1
                    if verbose { print(UntrustedText.line("\(name): \(result.summary)")) }
                case let .quarantined(kept, reason):
                    quarantined += 1
                    warn(name + l.pick(": cannot read the message (\(reason)); kept in \(kept)", ": письмо не читается (\(reason)); сохранено в \(kept)"))
                }
            }
        }
        let seconds = Date().timeIntervalSince(started)
        let parts = ["opened", "joined", "attached", "bounced", "dropped", "duplicate"].compactMap { k in
            counts[k].map { l == .en ? "\($0) \(k)" : Self.russianKind(k) + " \($0)" }
        }
        print(l.pick("\(files.count) messages in ", "писем: \(files.count) за ") + String(format: "%.1f", seconds) + l.pick(" s", " с")
              + (files.isEmpty ? "" : " (\(Int(Double(files.count) / max(seconds, 0.001)))" + l.pick("/s)", "/с)"))
              + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
              + (quarantined > 0 ? l.pick("; \(quarantined) quarantined", "; в карантине: \(quarantined)") : ""))
        if quarantined > 0 { throw ExitCode(MailExit.unparseable) }
    }

    /// One message; a busy or broken store ends the run with 75 (the message stays where it is).
    private func take(_ file: String, _ receiver: MailReceiver) throws -> MailReceiver.Outcome {
        do {
            return try receiver.receive(fileAt: file)
        } catch {
            let l = cliLanguage()
            let why = receiver.store.isBusy(error) ? l.pick("the store is busy", "хранилище занято") : Self.said(error, l)
            throw fail(MailExit.tryAgain, why + l.pick("; the message was not taken, try again later", "; письмо не принято, попробуйте позже"))
        }
    }

    /// An error in `l`: the store's in the desk's words, any other as it says itself.
    private static func said(_ error: any Error, _ l: Language) -> String {
        (StoreError.explaining(error) as? StoreError)?.text(l) ?? "\(error)"
    }

    /// What became of messages, for the Maildir run's summary in Russian.
    private static func russianKind(_ kind: String) -> String {
        switch kind {
        case "opened": "новых обращений"
        case "joined": "к обращениям"
        case "attached": "вложений"
        case "bounced": "недоставок"
        case "dropped": "отброшено"
        default: "повторов"
        }
    }

    private static func kind(_ result: MailIntakeResult) -> String {
        switch result {
        case .opened: "opened"
        case .joined: "joined"
        case .attached: "attached"
        case .bounced: "bounced"
        case .dropped: "dropped"
        case .duplicate: "duplicate"
        }
    }

    private func warn(_ message: String) {
        FileHandle.standardError.write(Data("cdesk: \(UntrustedText.lines(message).joined(separator: " "))\n".utf8))
    }

    private func fail(_ status: Int32, _ message: String) -> ExitCode {
        warn(message)
        return ExitCode(status)
    }
}

struct MailSendCommand: ParsableCommand {
    /// `--lang`: the language of its messages.
    @OptionGroup var languageOption: LanguageOption
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send the queued replies through [mail] send_command (for cron).",
        discussion: """
            Each message goes on stdin to send_command, run by /bin/sh. Exit 0: sent; exit 75 or a command \
            that cannot run: stays queued, tried again after 1, 2, 4… minutes (at most an hour); any other \
            exit: failed, with the command's stderr as the reason; still unsent after retry_hours: failed. \
            With --retry-now, the replies waiting for their next try go now too (once the mail server is back).
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Try every queued reply now, even one waiting out its backoff (after an outage).")
    var retryNow = false

    func run() throws {
        let config = try loadConfig()
        let l = cliLanguage()
        guard let sender = MailSender(settings: config.mail) else {
            print(l.pick("no mail set up: [mail] from is not in the config", "почта не настроена: в конфигурации нет [mail] from"))
            return
        }
        try reportingUserErrors {
            let summary = try sender.drain(try Self.existingStore(storeOptions), ignoringBackoff: retryNow)
            print(l.pick("\(summary.sent) sent, \(summary.queued) to try again, \(summary.failed) failed",
                         "отправлено \(summary.sent), ждут повтора \(summary.queued), не отправлено \(summary.failed)"))
        }
    }

    /// The store, which must be there: sending or counting never makes an empty one.
    static func existingStore(_ options: StoreOptions) throws -> any DeskStore {
        let path = options.path()
        guard FileManager.default.fileExists(atPath: path) else {
            throw UserError(cliLanguage().pick("no store at \(path)", "нет хранилища \(path)"))
        }
        return try options.open()
    }
}

struct MailStatusCommand: ParsableCommand {
    /// `--lang`: the language of its messages.
    @OptionGroup var languageOption: LanguageOption
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The replies by delivery state, and the failed ones: ticket, address, reason.",
        discussion: "Failed replies are listed newest first (the last 50): the customer did not get them."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        try reportingUserErrors {
            let store = try MailSendCommand.existingStore(storeOptions)
            let l = cliLanguage()
            let status = try store.outboxStatus()
            let names = ["queued": l.pick("queued", "в очереди"), "sent": l.pick("sent", "отправлено"), "failed": l.pick("failed", "не отправлено")]
            print(["queued", "sent", "failed"].map { "\(names[$0]!) \(status.counts[$0] ?? 0)" }.joined(separator: ", "))
            let failed = try store.failedMail(limit: 50)
            guard !failed.isEmpty else { return }
            print(l.pick("failed replies, newest first:", "не отправленные ответы, сначала новые:"))
            for reply in failed {
                // The address and the reason come from customers and mail servers: one clean line each.
                let at = ISODate.string(Int64(reply.at.timeIntervalSince1970))
                print(UntrustedText.line(l.pick("  ticket ", "  обращение ") + "\(reply.ticketID ?? "?")  \(at)  " + l.pick("to ", "кому: ")
                                         + "\(reply.to): \(MailFailureReason.text(reply.reason, l))"))
            }
            if let count = status.counts["failed"], count > failed.count {
                print(l.pick("  … and \(count - failed.count) earlier", "  … и ещё раньше: \(count - failed.count)"))
            }
        }
    }
}
