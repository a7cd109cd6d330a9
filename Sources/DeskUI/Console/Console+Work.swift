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

    func ask(_ purpose: PromptState.Purpose) throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        let label: String
        var text = ""
        switch purpose {
        case .compensate(let kind):
            let limits = policy.limits[kind]
            label = L10n.Prompt.compensation(kind, ticket: ticket.id,
                                             limit: CompensationPolicy.hasValue(kind) ? limits?.agentLimit : nil)
            if CompensationPolicy.hasValue(kind), let value = limits?.defaultValue { text = String(value) }
        case .recovery:
            label = L10n.recoveryPrompt(ticket: ticket.id)
            let recovery = detail.recovery
            text = (recovery?.state ?? .contacted).rawValue + (recovery?.followUpOn.map { " " + L10n.day($0) } ?? " +7d")
        case .fault:
            label = L10n.faultPrompt(ticket: ticket.id)
            text = ticket.fault.rawValue
        case .resolve:
            label = L10n.Prompt.resolve(ticket: ticket.id)
            let given = detail.compensations.contains {
                $0.ticketID == ticket.id && $0.kind != .apology && $0.state != .revoked
            }
            text = given ? Resolution.compensated.rawValue : Resolution.explained.rawValue
        case .confirmReply, .search, .export, .filter:
            return  // asked by finishEditing or their own keys, never here
        }
        state.prompt = PromptState(purpose: purpose, label: label, text: text, ticketID: ticket.id, version: ticket.version)
    }

    func promptEdited() {
        if case .search = state.prompt?.purpose { state.searchPending = true }
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

    func cancelPrompt() {
        guard let prompt = state.prompt else { return }
        state.prompt = nil
        state.searchPending = false
        if case .search(let previous) = prompt.purpose {
            showQueue(previous)
        } else {
            state.message = StatusMessage(L10n.Prompt.cancelled)
        }
    }

    func acceptPrompt() throws {
        guard let prompt = state.prompt else { return }
        if case .search = prompt.purpose {
            // The results stay as a temporary view.
            runPendingSearch()
            state.prompt = nil
            return
        }
        do {
            switch prompt.purpose {
            case .compensate(let kind):
                let value: Int64
                do {
                    value = try policy.check(kind, typed: prompt.text)
                } catch {
                    // The prompt stays open so the agent can correct the value.
                    state.message = StatusMessage(error.description, isError: true)
                    return
                }
                let given = try store.giveCompensation(ticketID: prompt.ticketID, expectedVersion: prompt.version,
                                                       kind: kind, value: value, agent: state.agent, at: state.now)
                state.message = StatusMessage(L10n.gave(kind, value: given.value, code: given.promoCode, ticket: prompt.ticketID))
                remember(.compensations(ticketID: prompt.ticketID, ids: given.id.map { [$0] } ?? [], label: kind.rawValue), version: prompt.version + 1)
                if kind == .apology {
                    // An apology is words: the reply draft opens right away.
                    state.prompt = nil
                    try afterOwnWrite()
                    if let detail = try store.ticketDetail(id: prompt.ticketID) {
                        state.editing = EditRequest(isNote: false, ticketID: prompt.ticketID, version: detail.ticket.version,
                                                    draft: ReplyTemplates.draft(for: detail))
                    }
                    return
                }
            case .search:
                break  // handled above
            case .filter:
                switch QueueFilter.parse(prompt.text) {
                case .failure(let error):
                    state.message = StatusMessage(L10n.badFilter(error.word), isError: true)
                    return
                case .success(let filter):
                    var query = state.queue.query
                    query.filter = filter
                    state.prompt = nil
                    showQueue(query)
                    return  // nothing was written
                }
            case .export:
                exportView(to: prompt.text.trimmingCharacters(in: .whitespaces))
                if state.message?.isError == false { state.prompt = nil }  // else it stays to fix the name
                return  // written in the background
            case .confirmReply(let text):
                // y or д (да), for agents typing in Russian.
                guard ["y", "д"].contains(where: prompt.text.lowercased().hasPrefix) else {
                    state.prompt = nil
                    state.message = StatusMessage(L10n.notSent)
                    return
                }
                let version = try store.ticketDetail(id: prompt.ticketID)?.ticket.version ?? prompt.version
                try store.addMessage(ticketID: prompt.ticketID, expectedVersion: version, body: text,
                                     isInternal: false, agent: state.agent, at: state.now)
                if ownVersion[prompt.ticketID] == version { ownVersion[prompt.ticketID] = version + 1 }
                state.message = StatusMessage(L10n.replied(prompt.ticketID))
            case .recovery:
                guard let (recovery, followUp) = Self.parseRecovery(prompt.text, now: state.now) else {
                    state.message = StatusMessage(L10n.badRecovery(prompt.text), isError: true)
                    return
                }
                try store.setRecovery(ticketID: prompt.ticketID, expectedVersion: prompt.version, state: recovery,
                                      followUpOn: followUp, agent: state.agent, at: state.now)
                state.message = StatusMessage(L10n.recoverySet(prompt.ticketID, recovery, followUp))
            case .fault:
                guard let fault = Fault(rawValue: prompt.text.trimmingCharacters(in: .whitespaces)) else {
                    state.message = StatusMessage(L10n.badFault(prompt.text), isError: true)
                    return
                }
                let previous = try store.ticketDetail(id: prompt.ticketID)?.ticket.fault ?? .unknown
                try store.setFault(ticketID: prompt.ticketID, expectedVersion: prompt.version, fault: fault, agent: state.agent, at: state.now)
                state.message = StatusMessage(L10n.faultSet(prompt.ticketID, fault))
                remember(.fault(ticketID: prompt.ticketID, previous: previous), version: prompt.version + 1)
            case .resolve:
                let words = prompt.text.split(separator: " ").map(String.init)
                guard let first = words.first, let resolution = Resolution(rawValue: first), words.count <= 2,
                      words.count == 1 || (Int(words[1]).map { (1...5).contains($0) } ?? false) else {
                    state.message = StatusMessage(L10n.badResolution(prompt.text), isError: true)
                    return
                }
                let previous = try store.ticketDetail(id: prompt.ticketID)?.ticket.status ?? .open
                try store.resolve(ticketID: prompt.ticketID, expectedVersion: prompt.version, resolution: resolution,
                                  satisfaction: words.count == 2 ? Int(words[1]) : nil, agent: state.agent, at: state.now)
                remember(.resolve(ticketID: prompt.ticketID, previous: previous), version: prompt.version + 1)
                state.message = StatusMessage(L10n.resolved(prompt.ticketID, resolution))
            }
            state.prompt = nil
            try afterOwnWrite()
        } catch let error as StoreError {
            state.prompt = nil
            try afterOwnWrite()
            state.message = StatusMessage(error.description, isError: true)
        }
    }

    func suggestion(for ticket: Ticket, tier: Tier) -> Playbook.Suggestion {
        playbook.suggest(reason: ticket.reason, fault: ticket.fault, tier: tier, policy: policy)
    }

    func takeSuggestion() throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        let suggestion = suggestion(for: detail.ticket, tier: detail.customer.tier)
        guard !suggestion.gifts.isEmpty else {
            state.message = StatusMessage(L10n.nothingToGive)
            return
        }
        try guarded {
            let given = try store.giveCompensations(ticketID: ticket.id, expectedVersion: ticket.version,
                                                    gifts: suggestion.gifts, agent: state.agent, at: state.now)
            remember(.compensations(ticketID: ticket.id, ids: given.compactMap(\.id), label: L10n.Hint.suggestion), version: ticket.version + 1)
            state.message = StatusMessage(L10n.gaveSuggestion(given, ticket: ticket.id))
        }
    }

    func takeTicket() throws {
        guard let ticket = try targetDetail()?.ticket else { return }
        try guarded {
            try store.take(ticketID: ticket.id, expectedVersion: ticket.version, agent: state.agent, at: state.now)
            remember(.take(ticketID: ticket.id, previous: ticket.assignee), version: ticket.version + 1)
            state.message = StatusMessage(L10n.took(ticket.id))
        }
    }

    /// "contacted", "offered +7d", "at-risk 2026-12-01": a state and an optional follow-up day.
    static func parseRecovery(_ text: String, now: Date) -> (RecoveryState, Date?)? {
        let words = text.split(separator: " ").map(String.init)
        guard (1...2).contains(words.count), let state = RecoveryState(rawValue: words[0]) else { return nil }
        guard words.count == 2 else { return (state, nil) }
        let calendar = Calendar.current
        let word = words[1]
        if word.hasPrefix("+"), word.hasSuffix("d"), let days = Int(word.dropFirst().dropLast()), (0...3650).contains(days) {
            return (state, calendar.date(byAdding: .day, value: days, to: calendar.startOfDay(for: now)))
        }
        let parts = word.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              calendar.component(.day, from: date) == parts[2] else { return nil }
        return (state, date)
    }

    func startEditing(note: Bool) throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        state.editing = EditRequest(isNote: note, ticketID: ticket.id, version: ticket.version,
                                    draft: note ? "" : ReplyTemplates.draft(for: detail))
    }

    /// The editor is done: `text` is what was saved (nil when it failed).
    public func finishEditing(_ text: String?) {
        guard let request = state.editing else { return }
        state.editing = nil
        guard let text else { state.message = StatusMessage(L10n.editorFailed, isError: true); return }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { state.message = StatusMessage(L10n.emptyMessage); return }
        if !request.isNote, body == request.draft.trimmingCharacters(in: .whitespacesAndNewlines) {
            // The shop's rule: no robot replies. A template sent unchanged needs a yes.
            state.prompt = PromptState(purpose: .confirmReply(body), label: L10n.sendAsIs(ticket: request.ticketID),
                                       text: "", ticketID: request.ticketID, version: request.version)
            return
        }
        attempt {
            try guarded {
                // A message overwrites nothing, so another agent's change meanwhile does not
                // refuse it: the text written in the editor is never lost to a conflict.
                let version = try store.ticketDetail(id: request.ticketID)?.ticket.version ?? request.version
                try store.addMessage(ticketID: request.ticketID, expectedVersion: version, body: body,
                                     isInternal: request.isNote, agent: state.agent, at: state.now)
                if ownVersion[request.ticketID] == version { ownVersion[request.ticketID] = version + 1 }
                state.message = StatusMessage(request.isNote ? L10n.noted(request.ticketID) : L10n.replied(request.ticketID))
            }
        }
    }

    func reopenTicket() throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        try guarded {
            let outcome = detail.outcome
            try store.reopen(ticketID: ticket.id, expectedVersion: ticket.version, agent: state.agent, at: state.now)
            if let outcome {
                remember(.reopen(ticketID: ticket.id, resolution: outcome.resolution, satisfaction: outcome.satisfaction), version: ticket.version + 1)
            }
            state.message = StatusMessage(L10n.reopened(ticket.id))
        }
    }

    /// Takes back this session's last change by recording the opposite change.
    func undoLast() throws {
        guard let last = undoStack.popLast() else {
            state.message = StatusMessage(L10n.nothingToUndo)
            return
        }
        try guarded {
            let agent = state.agent, now = state.now
            let expected = ownVersion[last.ticketID] ?? 0
            switch last {
            case let .compensations(id, ids, label):
                try store.revokeCompensations(ids: ids, ticketID: id, expectedVersion: expected, agent: agent, at: now)
                state.message = StatusMessage(L10n.undone(label, ticket: id))
            case let .resolve(id, previous):
                try store.reopen(ticketID: id, expectedVersion: expected, to: previous, agent: agent, at: now)
                state.message = StatusMessage(L10n.undone(L10n.Undo.resolve, ticket: id))
            case let .take(id, previous):
                try store.assign(ticketID: id, expectedVersion: expected, to: previous, agent: agent, at: now)
                state.message = StatusMessage(L10n.undone(L10n.Undo.take, ticket: id))
            case let .fault(id, previous):
                try store.setFault(ticketID: id, expectedVersion: expected, fault: previous, agent: agent, at: now)
                state.message = StatusMessage(L10n.undone(L10n.Undo.fault, ticket: id))
            case let .reopen(id, resolution, satisfaction):
                try store.resolve(ticketID: id, expectedVersion: expected, resolution: resolution,
                                  satisfaction: satisfaction, agent: agent, at: now)
                state.message = StatusMessage(L10n.undone(L10n.Undo.reopen, ticket: id))
            }
            ownVersion[last.ticketID] = expected + 1
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
        state.ticket = TicketState(detail: detail, suggestion: suggestion(for: detail.ticket, tier: detail.customer.tier))
        state.page = .ticket
    }

    func scrollTicket(by lines: Int) {
        guard var ticket = state.ticket else { return }
        let maxScroll = max(0, TicketPane.lineCount(ticket.detail, size: state.size, now: state.now) - Layout.bodyRows(state.size))
        ticket.scroll = min(max(0, ticket.scroll.addingReportingOverflow(lines).partialValue), maxScroll)
        state.ticket = ticket
    }
}
