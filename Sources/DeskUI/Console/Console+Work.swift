import DeskCore
import Foundation

/// Work on a ticket: prompts, compensation, outcome, replies, undo; the ticket and report pages; exports.
extension Console {
    // MARK: Work on a ticket

    /// The ticket an action works on, with its customer's history: the open one, else the
    /// selected row's, read once.
    func targetDetail() throws -> TicketDetail? {
        if state.page == .ticket, let detail = state.ticket?.detail { return detail }
        guard let row = state.queue.selectedRow, var detail = try store.ticketDetail(id: row.id) else { return nil }
        // The version the agent saw drawn: a change made since is refused, not overwritten.
        detail.ticket.version = row.version
        return detail
    }

    /// Shows the results for what is typed so far (the run loop calls it once typing pauses).
    public func runPendingSearch() {
        guard state.searchPending, let prompt = state.prompt, case .search(let previous) = prompt.purpose else { return }
        state.searchPending = false
        if prompt.text.trimmingCharacters(in: .whitespaces).isEmpty {
            showQueue(previous)
        } else {
            var query = QueueQuery(view: .search, agent: state.agent, now: state.now, text: prompt.text)
            query.filter = previous.filter
            showQueue(query)
        }
    }

    func scrollReport(by lines: Int) {
        guard let report = state.report else { return }
        let maxScroll = max(0, ReportPane.lines(report, width: state.size.width).count - Layout.bodyRows(state.size))
        state.reportScroll = min(max(0, state.reportScroll.addingReportingOverflow(lines).partialValue), maxScroll)
    }

    /// Starts writing the resolved cases of the current view (with its filter, or a
    /// search's matches) to `path`, in the format its extension names; never overwrites.
    func exportView(to path: String) {
        guard exportJob == nil else { state.message = StatusMessage(L10n.exportRunning, isError: true); return }
        guard let format = ExchangeFormat.implied(by: path) else {
            state.message = StatusMessage(L10n.exportFormat(path), isError: true); return
        }
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        let file: ExportFile
        do throws(ExportFile.Problem) {
            file = try ExportFile(target: full, overwrite: false)
        } catch .exists {
            state.message = StatusMessage(L10n.exportExists(full), isError: true); return
        } catch {
            state.message = StatusMessage("\(error)", isError: true); return
        }
        let view = state.queue.query
        exportJob = ExportJob(store: store, filter: ExportFilter(view: view), format: format, file: file)
        state.message = StatusMessage(L10n.exporting(view.view, to: full))
    }

    /// Opens the report, computed in the background: over a million tickets it takes a while,
    /// and the queue stays usable meanwhile.
    func showReport() {
        if let report = readyReport {
            readyReport = nil
            state.report = report; state.reportScroll = 0; state.page = .report
            return
        }
        guard reportTask == nil else { state.message = StatusMessage(L10n.reportRunning); return }
        let store = self.store
        reportTask = BackgroundTask { try store.report() }
        state.message = StatusMessage(L10n.reportRunning)
    }

    /// A finished report opens, unless the agent went on to something else: then it waits
    /// for the report key.
    func collectReport() -> Bool {
        guard let task = reportTask, let outcome = task.outcome else { return false }
        reportTask = nil
        switch outcome {
        case .success(let report) where state.page == .queue && state.prompt == nil:
            state.report = report; state.reportScroll = 0; state.page = .report
            state.message = nil
        case .success(let report):
            readyReport = report
            let key = keymap.keys(for: .showReport, in: .queue).first?.map(\.name).joined() ?? "R"
            state.message = StatusMessage(L10n.reportReady(key: key))
        case .failure(let error):
            state.message = StatusMessage("\(error)", isError: true)
        }
        return true
    }

    /// The console is closing: a finished export is put in place, one still being written
    /// is abandoned (its hidden file removed), so that no file is left cut short.
    public func abandonExport() {
        guard let job = exportJob else { return }
        if job.task.outcome != nil { _ = collectExport(); return }
        job.file.discard()
        exportJob = nil
    }

    /// Says how a finished export went, and puts its file in place; an export that found no
    /// case, or failed, leaves no file.
    func collectExport() -> Bool {
        guard let job = exportJob, let outcome = job.task.outcome else { return false }
        exportJob = nil
        switch outcome {
        case .success(0):
            job.file.discard()
            state.message = StatusMessage(L10n.nothingToExport, isError: true)
        case .success(let count):
            do throws(ExportFile.Problem) {
                try job.file.commit()
                state.message = StatusMessage(L10n.exported(count, to: job.file.target))
            } catch .exists(let path) {
                state.message = StatusMessage(L10n.exportExists(path), isError: true)
            } catch {
                state.message = StatusMessage("\(error)", isError: true)
            }
        case .failure(let error):
            job.file.discard()
            state.message = StatusMessage("\(error)", isError: true)
        }
        return true
    }

    func suggestion(for ticket: Ticket, tier: Tier) -> Playbook.Suggestion {
        playbook.suggest(reason: ticket.reason, fault: ticket.fault, tier: tier, policy: policy)
    }

    /// Gives what the playbook suggests, once: when the complaint already has as much or
    /// more of any of it, it says what and asks first.
    func takeSuggestion(confirmed: Bool) throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        let suggestion = suggestion(for: detail.ticket, tier: detail.customer.tier)
        guard !suggestion.gifts.isEmpty else {
            state.message = StatusMessage(L10n.nothingToGive)
            return
        }
        let onThis = detail.compensations.filter { $0.ticketID == ticket.id && $0.state != .revoked }
        if !confirmed, !suggestion.alreadyGiven(in: onThis).isEmpty {
            var prompt = PromptState(purpose: .confirmSuggestion, label: L10n.suggestionAgain(ticket: ticket.id),
                                     text: "", ticketID: ticket.id, version: ticket.version)
            prompt.detail = L10n.suggestionGivenAlready(onThis)
            state.prompt = prompt
            return
        }
        try guarded {
            let given = try store.giveCompensations(ticketID: ticket.id, expectedVersion: ticket.version,
                                                    gifts: suggestion.gifts, agent: state.agent, at: state.now)
            remember(.compensations(ticketID: ticket.id, ids: given.compactMap(\.id), codes: given.compactMap(\.promoCode),
                                    label: L10n.Hint.suggestion),
                     version: ticket.version + 1)
            state.message = StatusMessage(L10n.gaveSuggestion(given, ticket: ticket.id, currency: settings.currency))
        }
    }

    func takeTicket() throws {
        guard let ticket = try targetDetail()?.ticket else { return }
        try guarded {
            try store.take(ticketID: ticket.id, expectedVersion: ticket.version, agent: state.agent, at: state.now)
            remember(.take(ticketID: ticket.id, previous: ticket.assignee, status: ticket.status), version: ticket.version + 1)
            state.message = StatusMessage(L10n.took(ticket.id))
        }
    }

    func startEditing(note: Bool) throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        let text = note ? "" : unsentDrafts.removeValue(forKey: ticket.id) ?? draft(for: detail)
        state.editing = EditRequest(isNote: note, ticketID: ticket.id, version: ticket.version, draft: text)
    }

    /// A reply's first draft: the template for the complaint, signed by this agent.
    func draft(for detail: TicketDetail) -> String {
        ReplyTemplates.draft(for: detail, agent: state.agent, signature: settings.signature)
    }

    /// The editor is done: `text` is what was saved (nil when it failed). A reply that still
    /// holds the template's placeholder is never sent (the shop's rule: no robot replies).
    public func finishEditing(_ text: String?) {
        guard let request = state.editing else { return }
        state.editing = nil
        guard let text else { state.message = StatusMessage(L10n.editorFailed, isError: true); return }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { state.message = StatusMessage(L10n.emptyMessage); return }
        if !request.isNote, ReplyTemplates.holdsPlaceholder(body) {
            state.prompt = PromptState(purpose: .placeholderLeft(text), label: L10n.placeholderLeft(ticket: request.ticketID),
                                       text: "", ticketID: request.ticketID, version: request.version)
            return
        }
        sendKeeping(body, isNote: request.isNote, ticketID: request.ticketID, version: request.version)
    }

    /// Posts a reply or note; if the store refuses it for any reason (busy during a long
    /// import, say), the text is kept for the next `r` or `n` and the status line says why.
    func sendKeeping(_ body: String, isNote: Bool, ticketID: String, version: Int) {
        do {
            try guarded { try postReply(body, isNote: isNote, ticketID: ticketID, version: version) }
            if state.message?.isError == true, !isNote { keepDraft(body, ticketID: ticketID) }
        } catch {
            if !isNote { keepDraft(body, ticketID: ticketID) }
            state.message = StatusMessage(L10n.notSentBecause("\(error)"), isError: true)
        }
    }

    /// Adds a reply or note. A message overwrites nothing, so another agent's change meanwhile
    /// does not refuse it: the text written in the editor is never lost to a conflict.
    func postReply(_ body: String, isNote: Bool, ticketID: String, version: Int) throws {
        let version = try store.ticketDetail(id: ticketID)?.ticket.version ?? version
        try store.addMessage(ticketID: ticketID, expectedVersion: version, body: body, isInternal: isNote,
                             agent: state.agent, at: state.now, outbox: settings.outbox)
        if ownVersion[ticketID] == version { ownVersion[ticketID] = version + 1 }
        if isNote {
            state.message = StatusMessage(L10n.noted(ticketID))
        } else if settings.outbox != nil {
            state.message = StatusMessage(L10n.replied(ticketID))
        } else {
            state.message = StatusMessage(saidNoMail ? L10n.repliedNoMail(ticketID) : L10n.repliedNoMailFirst(ticketID))
            saidNoMail = true
        }
    }

    /// A reply not sent stays, so that the next reply on the ticket starts from it.
    func keepDraft(_ text: String, ticketID: String) {
        unsentDrafts[ticketID] = text
    }

    func reopenTicket() throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        try guarded {
            let before = try store.reopen(ticketID: ticket.id, expectedVersion: ticket.version, agent: state.agent, at: state.now)
            remember(.resolution(ticketID: ticket.id, before: before, label: L10n.Undo.reopen), version: ticket.version + 1)
            state.message = StatusMessage(L10n.reopened(ticket.id))
        }
    }

    /// Runs a write; whatever happens, the screen is re-read, and a refusal (a conflict, a
    /// ticket in the wrong state) is said on the status line.
    func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
            try afterOwnWrite()
        } catch let error as StoreError {
            try afterOwnWrite()
            state.message = StatusMessage(error.description, isError: true)
        }
    }

    /// Re-reads what is on screen after a write (ours, or a refused one after a conflict).
    func afterOwnWrite() throws {
        lastStamp = try store.changeStamp()
        countsAreStale()
        try reloadQueue()
        if let id = state.ticket?.detail.ticket.id, let detail = try store.ticketDetail(id: id) {
            state.ticket?.detail = detail
            state.ticket?.suggestion = suggestion(for: detail.ticket, tier: detail.customer.tier)
        }
    }

    // MARK: The ticket

    func openSelected() throws {
        guard let row = state.queue.selectedRow else { return }
        state.queue.changedByOthers.remove(row.seq)
        guard let detail = try store.ticketDetail(id: row.id) else {
            state.message = StatusMessage(L10n.ticketGone, isError: true)
            return
        }
        var ticket = TicketState(detail: detail, suggestion: suggestion(for: detail.ticket, tier: detail.customer.tier))
        ticket.scroll = TicketPane.openingScroll(ticket, size: state.size, now: state.now, currency: state.currency)
        state.ticket = ticket
        state.page = .ticket
    }

    func scrollTicket(by lines: Int) {
        guard var ticket = state.ticket else { return }
        let body = TicketPane.body(ticket, size: state.size, now: state.now, currency: state.currency)
        func moved(_ scroll: Int) -> Int { min(max(0, scroll.addingReportingOverflow(lines).partialValue), body.maxScroll) }
        if ticket.showingHistory { ticket.historyScroll = moved(ticket.historyScroll) } else { ticket.scroll = moved(ticket.scroll) }
        state.ticket = ticket
    }
}
