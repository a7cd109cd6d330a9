import DeskCore
import Foundation

/// Runs the console's behaviour against a real store: each event goes through
/// `ConsoleStep.update`, and the effects it asks for are done here — a write on the store,
/// counts, an export or the report on threads of their own — their results fed back as
/// events. `render()` turns the state into a frame.
public final class Console {
    public internal(set) var state: ConsoleState
    let env: ConsoleEnvironment
    let store: any DeskStore
    let counter: QueueCounter
    /// The export running in the background, if any.
    var exportJob: ExportJob?
    /// The report being computed in the background, if any.
    var reportTask: BackgroundTask<Report>?
    /// Replies being handed to the mail server, if any.
    var mailTask: BackgroundTask<MailSender.Summary>?

    public var keymap: Keymap { env.keymap }
    public var policy: CompensationPolicy { env.policy }
    public var playbook: Playbook { env.playbook }
    public var settings: ConsoleSettings { env.settings }

    public init(store: any DeskStore, keymap: Keymap, agent: String, size: Size, now: Date = Date(),
                policy: CompensationPolicy = .standard, playbook: Playbook = .standard,
                settings: ConsoleSettings = ConsoleSettings(), language: Language = .en) {
        self.store = store
        self.counter = QueueCounter(store: store)
        env = ConsoleEnvironment(keymap: keymap, policy: policy, playbook: playbook, settings: settings, reader: store)
        state = ConsoleState(size: size, agent: agent, storeName: store.displayName, now: now)
        state.currency = settings.currency
        state.language = language
        if store.isReadOnly {
            state.readOnly = true
            state.storeName = state.text.readOnlyStoreName(store.displayName)
        }
    }

    /// Reads the first page of the queue.
    public func start() {
        state.session.lastStamp = (try? store.changeStamp()) ?? 0
        // Replies queued before this session (the mail server was down, the last console
        // quit mid-send) are tried on the first tick, and then each minute while any wait.
        if settings.outbox != nil, settings.mail != nil, !store.isReadOnly {
            state.background.mailQueued = ((try? store.queuedMailCount()) ?? 0) > 0
        }
        send(.resized(state.size))
    }

    public func render() -> Grid { Renderer.render(state, keymap: keymap) }

    /// Handles `event`, and then the events its effects bring back.
    public func send(_ event: ConsoleEvent) {
        run(ConsoleStep.update(&state, event, in: env))
    }

    public func handle(_ key: Key) { send(.key(key)) }
    /// Says something on the status line as an error would (it stays longer): a problem found
    /// before the console started, such as colours of the config too faint to use.
    public func warn(_ text: String) { state.message = StatusMessage(text, isError: true) }
    public func perform(_ action: Action) { send(.action(action)) }
    public func resize(to size: Size) { send(.resized(size)) }
    public func finishEditing(_ text: String?) { send(.editorClosed(text)) }
    /// Shows the results for what is typed so far (the run loop calls it once typing pauses).
    public func runPendingSearch() { send(.searchPaused) }

    /// Notices changes other processes made (another agent, an import) and the clock moving
    /// on. Returns whether anything changed.
    @discardableResult
    public func poll(now: Date = Date()) -> Bool {
        let minuteChanged = Int(now.timeIntervalSince1970 / 60) != Int(state.now.timeIntervalSince1970 / 60)
        let stamp = try? store.changeStamp()
        let storeChanged = stamp.map { $0 != state.session.lastStamp } ?? false
        let message = state.message
        send(.tick(now, stamp: stamp))
        return minuteChanged || storeChanged || state.message != message
    }

    // MARK: Effects

    private func run(_ effects: [ConsoleEffect]) {
        for effect in effects {
            switch effect {
            case let .write(change, agent, now):
                let (result, tries) = write(change, agent: agent, at: now)
                send(.wrote(change, result, stamp: try? store.changeStamp()))
                if tries > 1, case .success = result, let said = state.message, !said.isError {
                    state.message = StatusMessage(state.text.wroteWhenBusy(said.text, tries: tries))
                }
            case .count(let jobs):
                counter.request(jobs)
            case .startExport(let request):
                startExport(request)
            case .startReport(let options):
                let store = self.store
                reportTask = BackgroundTask { try store.report(options) }
            case let .saveAttachment(id, name, folder):
                send(.attachmentSaved(Result { try Self.save(attachment: id, named: name, into: folder, from: store) }))
            case .sendMail:
                guard mailTask == nil, let mail = settings.mail, let sender = MailSender(settings: mail) else {
                    send(.mailSent(.success(MailSender.Summary())))
                    break
                }
                let store = self.store
                mailTask = BackgroundTask { try sender.drain(store) }
            }
        }
    }

    /// How long quitting waits for a reply being handed to the mail server, in seconds.
    public static let mailWaitOnQuit: TimeInterval = 5

    /// How many times a write is tried while another process keeps the store busy (each
    /// try waits a few seconds for it).
    static let writeTries = 3

    /// Does `change`, trying again while the store is busy; a failure is said in the desk's
    /// words (`StoreError`), never SQLite's. Returns how many tries it took.
    private func write(_ change: StoreWrite, agent: String, at now: Date) -> (Result<WriteReceipt, any Error>, tries: Int) {
        var tries = 0
        while true {
            tries += 1
            let result = Result { try change.perform(on: store, agent: agent, at: now, outbox: settings.outbox) }
            switch result {
            case .success: return (result, tries)
            case .failure(let error) where StoreError.isBusy(error):
                if tries < Self.writeTries { continue }
                return (.failure(StoreError.busy(tries: tries)), tries)
            case .failure(let error):
                return (.failure(StoreError.explaining(error)), tries)
            }
        }
    }

    private func startExport(_ request: ExportRequest) {
        do {
            let file = try ExportFile(target: request.path, overwrite: false)
            do {
                exportJob = try ExportJob(store: store, filter: request.filter, format: request.format, file: file)
            } catch {
                file.discard()
                throw error
            }
            send(.exportStarted(.success(request.path)))
        } catch {
            send(.exportStarted(.failure(error)))
        }
    }

    /// Writes an attachment into `folder` (`~` for home) under its own name made safe — no
    /// folder part, no control character, no leading dot, no longer than the folder's file
    /// system allows (in bytes, cut between characters, the extension kept) — and never over
    /// a file there (`name (2).ext`). The file is the agent's alone (0600); one that could not
    /// be written whole is removed. `write` writes the content (tests fail it).
    static func save(attachment id: Int64, named name: String, into folder: String, from store: any DeskStore,
                     write: (FileHandle, Data) throws -> Void = { try $0.write(contentsOf: $1) }) throws -> String {
        guard let data = try store.mailAttachmentData(id: id) else { throw StoreError.notFound(what: "attachment", id: String(id)) }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        let dir = folder.hasPrefix("~") ? home + folder.dropFirst() : folder
        var safe = UntrustedText.line(name).replacingOccurrences(of: "/", with: "_")
        while safe.hasPrefix(".") { safe.removeFirst() }
        if safe.isEmpty { safe = "attachment" }
        let base = URL(fileURLWithPath: dir).standardizedFileURL
        let limit = pathconf(base.path, Int32(_PC_NAME_MAX))
        let maxBytes = limit > 0 ? limit : 255
        for n in 1...1000 {
            let file = fileName(safe, copy: n, maxBytes: maxBytes)
            let path = base.appendingPathComponent(file).path
            // O_EXCL: a file that appears meanwhile is not written over either.
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw StoreError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            do {
                try write(handle, data)
            } catch {
                // A disk that filled up leaves no file cut short, looking whole.
                unlink(path)
                throw StoreError.invalid("cannot write \(path): \(error.localizedDescription)")
            }
            return path
        }
        throw StoreError.tooManyFiles(name: safe, folder: base.path)
    }

    /// `name`, or its `copy`th copy (`name (2).ext`), cut to at most `maxBytes` bytes of
    /// UTF-8 between whole characters; the extension is kept when it is short (as a file
    /// manager tells the type by it).
    static func fileName(_ name: String, copy n: Int, maxBytes: Int) -> String {
        var stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        if ext.utf8.count > 16 || stem.isEmpty { stem = name; ext = "" }
        let tail = (n == 1 ? "" : " (\(n))") + (ext.isEmpty ? "" : "." + ext)
        let room = maxBytes - tail.utf8.count
        var bytes = 0
        var cut = ""
        for character in stem {
            bytes += character.utf8.count
            if bytes > room { break }
            cut.append(character)
        }
        return (cut.isEmpty ? "attachment" : cut) + tail
    }

    // MARK: Background work

    /// Whether counts are being made, an export or the report runs (the run loop then looks
    /// for their results sooner).
    public var backgroundPending: Bool { counter.isBusy || exportJob != nil || reportTask != nil || mailTask != nil }

    /// Feeds what background work finished since the last call back as events: counts, the
    /// end of an export, the report. Returns whether anything came.
    @discardableResult
    public func collectBackground() -> Bool {
        var came = false
        if let job = exportJob, let outcome = job.task.outcome {
            exportJob = nil
            send(.exportFinished(job.finish(outcome)))
            came = true
        }
        if let task = reportTask, let outcome = task.outcome {
            reportTask = nil
            send(.reportFinished(outcome))
            came = true
        }
        if let task = mailTask, let outcome = task.outcome {
            mailTask = nil
            send(.mailSent(outcome))
            came = true
        }
        let batch = counter.take()
        if !batch.results.isEmpty || batch.failure != nil {
            send(.counted(batch))
            came = true
        }
        return came
    }

    /// Waits for the background work started so far and puts its results on screen.
    public func settle() {
        counter.wait()
        exportJob?.task.wait()
        reportTask?.wait()
        mailTask?.wait()
        collectBackground()
    }

    /// The console is closing: a finished export is put in place; one still being written is
    /// cancelled, its thread joined, and only then its file closed and removed, so that no
    /// file is left cut short and no thread writes to a closed handle.
    ///
    /// A reply being handed to the mail server is given `mailWait` seconds to finish, so that
    /// it is marked sent; a mail server that takes longer does not hold the console open. Such
    /// a reply stays queued, claimed by this console for `MailSender.claimSeconds`, and is
    /// sent again after that by whichever sender comes next (cron, a console).
    public func abandonExport(mailWait: TimeInterval = Console.mailWaitOnQuit) {
        _ = mailTask?.wait(seconds: mailWait)
        guard let job = exportJob else { return }
        exportJob = nil
        if let outcome = job.task.outcome {
            _ = job.finish(outcome)
            return
        }
        job.cancel()
        job.file.discard()
    }
}

/// What the shop's configuration says about the console's behaviour.
public struct ConsoleSettings: Sendable, Equatable {
    /// The currency money is shown in.
    public var currency: String
    /// The signature replies end with (`{agent}` stands for the agent's name); nil: the
    /// language's default.
    public var signature: String?
    /// The shop's zone: where a report's months and days begin.
    public var timeZone: TimeZone = .current
    /// Whether recording an apology opens the reply editor right after (off by default).
    public var apologyOpensReply: Bool
    /// Where replies are queued to be sent as mail; nil: mail is not set up (`[mail] from`).
    public var outbox: Outbox?
    /// How replies are sent (`[mail]`): the console hands them to `send_command` in the background.
    public var mail: MailSettings?
    /// The share of answers and resolutions within their SLA the desk aims for, in percent
    /// (`[sla] target_percent`): the report marks a figure below it.
    public var slaTargetPercent = 90

    public init(currency: String = "₽", signature: String? = nil, apologyOpensReply: Bool = false, outbox: Outbox? = nil,
                mail: MailSettings? = nil, timeZone: TimeZone = .current) {
        self.currency = currency; self.signature = signature; self.apologyOpensReply = apologyOpensReply
        self.outbox = outbox; self.mail = mail; self.timeZone = timeZone
    }
}
