import DeskCore
import Foundation

/// Work in the background: an export of the view's resolved cases, the report. Each is
/// started as an effect and comes back as an event; the queue stays usable meanwhile.
extension ConsoleStep {
    /// Starts writing the resolved cases of the current view (with its filter, or a
    /// search's matches) to `path`, in the format its extension names; never overwrites.
    mutating func exportView(to path: String) {
        guard !state.background.exportRunning else { return refuse(t.exportRunning) }
        guard let format = ExchangeFormat.implied(by: path) else { return refuse(t.exportFormat(path)) }
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        effects.append(.startExport(ExportRequest(filter: ExportFilter(view: state.queue.query), format: format, path: full)))
    }

    /// The export's file is set up (the prompt closes) or not (it stays, to fix the name).
    mutating func exportStarted(_ result: Result<String, any Error>) {
        switch result {
        case .success(let path):
            state.prompt = nil
            state.background.exportRunning = true
            say(t.exporting(state.queue.query.view, to: path))
        case .failure(ExportFile.Problem.exists(let path)):
            refuse(t.exportExists(path))
        case .failure(let error):
            fail(error)
        }
    }

    /// Says how a finished export went.
    mutating func exportFinished(_ outcome: ExportOutcome) {
        state.background.exportRunning = false
        switch outcome {
        case let .written(count, path): say(t.exported(count, to: path))
        case .empty: refuse(t.nothingToExport)
        case .exists(let path): refuse(t.exportExists(path))
        case .failed(let error): fail(error)
        }
    }

    /// Opens the report, computed in the background: over a million tickets it takes a while,
    /// and the queue stays usable meanwhile.
    mutating func showReport() {
        if let report = state.background.readyReport {
            state.background.readyReport = nil
            state.report = report; state.reportScroll = 0; state.page = .report
            return
        }
        startReport()
    }

    /// Computes the report for the chosen period and breakdown, in the background. One runs
    /// at a time: a period or breakdown chosen meanwhile (`choiceChanged`) is run once the
    /// running one is done, and that one is not shown.
    mutating func startReport(choiceChanged: Bool = false) {
        say(t.reportRunning)
        guard !state.background.reportRunning else {
            if choiceChanged { state.background.reportRerun = true }
            return
        }
        state.background.reportRunning = true
        state.background.reportRerun = false
        let (since, until) = state.reportPeriod.bounds(now: state.now, zone: settings.timeZone)
        var options = ReportOptions(since: since, until: until, breakdown: state.reportBreakdown, now: state.now,
                                    recoveryWindowDays: policy.recoveryWindowDays, timeZone: settings.timeZone)
        options.slaTargetPercent = settings.slaTargetPercent
        effects.append(.startReport(options))
    }

    /// `b` on the report: by reason, channel, agent, tier, then none.
    mutating func cycleBreakdown() {
        let order: [Breakdown?] = [nil, .reason, .channel, .agent, .tier]
        let index = order.firstIndex { $0 == state.reportBreakdown } ?? 0
        state.reportBreakdown = order[(index + 1) % order.count]
        startReport(choiceChanged: true)
    }

    /// A finished report opens, unless the agent went on to something else: then it waits
    /// for the report key.
    mutating func reportFinished(_ result: Result<Report, any Error>) {
        state.background.reportRunning = false
        // The lead chose another period or breakdown while it ran: that one is what they want.
        if state.background.reportRerun { return startReport() }
        switch result {
        case .success(let report) where state.page == .report:
            // A new period or breakdown of the report on screen.
            state.report = report; state.reportScroll = 0
            state.message = nil
        case .success(let report) where state.page == .queue && state.prompt == nil:
            state.report = report; state.reportScroll = 0; state.page = .report
            state.message = nil
        case .success(let report):
            state.background.readyReport = report
            let key = keymap.hintName(for: .showReport, in: .queue) ?? "?"
            say(t.reportReady(key: key))
        case .failure(let error):
            fail(error)
        }
    }

    // MARK: Mail

    /// Sends what the outbox holds, in the background; keys never wait. While a send runs, one
    /// more is asked for after it: a reply queued meanwhile may have come too late for it.
    mutating func sendMail() {
        guard settings.outbox != nil else { return }
        guard !state.background.mailRunning else { state.background.mailAgain = true; return }
        state.background.mailRunning = true
        state.background.mailAgain = false
        state.background.lastMailTry = state.now
        effects.append(.sendMail)
    }

    /// Replies went to the mail server, or stay queued, or failed: a failure is said; the
    /// screen shows each reply's state. While the outbox still holds queued replies (this
    /// pass's, ones waiting out their backoff, another sender's), it is tried again a minute on.
    mutating func mailSent(_ result: Result<MailSender.Summary, any Error>) throws {
        state.background.mailRunning = false
        defer { if state.background.mailAgain { sendMail() } }
        switch result {
        case .failure(let error):
            state.background.mailQueued = true
            fail(error)
        case .success(let summary):
            state.background.mailQueued = summary.stillQueued > 0
            if summary.failed > 0 {
                refuse(t.mailFailed(summary.failed))
            } else if summary.queued > 0, summary.sent == 0 {
                refuse(t.mailWaiting(summary.queued))
            }
            if summary.sent + summary.failed + summary.queued > 0 { try refreshAfterWrite(stamp: nil) }
        }
    }
}
