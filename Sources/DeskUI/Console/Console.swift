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
        send(.resized(state.size))
    }

    public func render() -> Grid { Renderer.render(state, keymap: keymap) }

    /// Handles `event`, and then the events its effects bring back.
    public func send(_ event: ConsoleEvent) {
        run(ConsoleStep.update(&state, event, in: env))
    }

    public func handle(_ key: Key) { send(.key(key)) }
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
        send(.tick(now, stamp: stamp))
        return minuteChanged || storeChanged
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
            case .startReport:
                let store = self.store
                reportTask = BackgroundTask { try store.report() }
            }
        }
    }

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

    // MARK: Background work

    /// Whether counts are being made, an export or the report runs (the run loop then looks
    /// for their results sooner).
    public var backgroundPending: Bool { counter.isBusy || exportJob != nil || reportTask != nil }

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
        collectBackground()
    }

    /// The console is closing: a finished export is put in place; one still being written is
    /// cancelled, its thread joined, and only then its file closed and removed, so that no
    /// file is left cut short and no thread writes to a closed handle.
    public func abandonExport() {
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
    /// Whether recording an apology opens the reply editor right after (off by default).
    public var apologyOpensReply: Bool
    /// Where replies are queued to be sent as mail; nil: mail is not set up (`[mail] from`).
    public var outbox: Outbox?

    public init(currency: String = "₽", signature: String? = nil, apologyOpensReply: Bool = false, outbox: Outbox? = nil) {
        self.currency = currency; self.signature = signature; self.apologyOpensReply = apologyOpensReply
        self.outbox = outbox
    }
}
