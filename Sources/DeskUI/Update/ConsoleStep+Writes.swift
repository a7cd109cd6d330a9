import DeskCore
import Foundation

/// Work on a ticket: the writes an agent asks for, and what their results mean on screen.
/// A write is an effect; its result comes back as `.wrote`, and only then is it said and
/// remembered for undo.
extension ConsoleStep {
    /// Asks for a store write in the agent's name; a prompt that asked for it closes.
    mutating func write(_ change: StoreWrite) {
        state.prompt = nil
        // The action table refuses changes on a read-only store first; this is the last word.
        guard !state.readOnly else { return refuse(t.readOnlyRefusal) }
        effects.append(.write(change, agent: state.agent, at: state.now))
    }

    /// Gives what the playbook suggests, once: when the complaint already has as much or
    /// more of any of it, it says what and asks first.
    mutating func takeSuggestion(confirmed: Bool) throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        let suggestion = suggestion(for: detail.ticket, tier: detail.customer.tier)
        guard !suggestion.gifts.isEmpty else { return say(t.nothingToGive) }
        let onThis = detail.compensations.filter { $0.ticketID == ticket.id && $0.state != .revoked }
        if !confirmed, !suggestion.alreadyGiven(in: onThis).isEmpty {
            var prompt = PromptState(purpose: .confirmSuggestion, label: t.suggestionAgain(ticket: ticket.id),
                                     text: "", ticketID: ticket.id, version: ticket.version)
            prompt.detail = t.suggestionGivenAlready(onThis)
            state.prompt = prompt
            return
        }
        write(.compensate(ticketID: ticket.id, version: ticket.version, gifts: suggestion.gifts, suggested: true))
    }

    mutating func takeTicket() throws {
        guard let ticket = try targetDetail()?.ticket else { return }
        write(.take(ticketID: ticket.id, version: ticket.version, previous: ticket.assignee, status: ticket.status))
    }

    /// Asks which attachment to save and where: the first kept one, into ~/Downloads when
    /// there is one, else the working folder.
    mutating func askForAttachment() {
        guard let ticket = state.ticket?.detail, let first = ticket.attachments.firstIndex(where: \.isKept) else { return }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        var isFolder: ObjCBool = false
        let downloads = home + "/Downloads"
        let folder = !home.isEmpty && FileManager.default.fileExists(atPath: downloads, isDirectory: &isFolder) && isFolder.boolValue
            ? "~/Downloads" : "."
        var prompt = PromptState(purpose: .saveAttachment, label: t.saveAttachmentPrompt(ticket: ticket.ticket.id),
                                 text: "\(first + 1) \(folder)", ticketID: ticket.ticket.id, version: ticket.ticket.version)
        prompt.prefilled = true
        prompt.choices = ticket.attachments.enumerated().filter { $0.element.isKept }.map { "\($0.offset + 1)" }
        state.prompt = prompt
    }

    /// A lead approves or declines what an agent asked for on the ticket.
    mutating func decideRequest(approve: Bool) throws {
        guard let detail = try targetDetail() else { return }
        guard let request = detail.pendingRequest else { return refuse(t.noRequest(detail.ticket.id)) }
        write(.decide(ticketID: detail.ticket.id, requestID: request.id, approve: approve))
    }

    mutating func reopenTicket() throws {
        guard let ticket = try targetDetail()?.ticket else { return }
        write(.reopen(ticketID: ticket.id, version: ticket.version))
    }

    // MARK: Replies and notes

    mutating func startEditing(note: Bool) throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        let text = note ? "" : state.session.unsentDrafts.removeValue(forKey: ticket.id) ?? draft(for: detail)
        state.editing = EditRequest(isNote: note, ticketID: ticket.id, version: ticket.version, draft: text)
    }

    /// A reply's first draft: the template for the complaint, signed by this agent.
    func draft(for detail: TicketDetail) -> String {
        ReplyTemplates.draft(for: detail, agent: state.agent, signature: settings.signature)
    }

    /// The editor is done: `text` is what was saved (nil when it failed). A reply that still
    /// holds the template's placeholder is never sent (the shop's rule: no robot replies).
    mutating func finishEditing(_ text: String?) {
        guard let request = state.editing else { return }
        state.editing = nil
        guard let text else {
            // The draft the editor was given is kept for the next `r`.
            if !request.isNote { keepDraft(request.draft, ticketID: request.ticketID) }
            return refuse(t.editorFailed)
        }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { return say(t.emptyMessage) }
        if !request.isNote, ReplyTemplates.holdsPlaceholder(body) {
            state.prompt = PromptState(purpose: .placeholderLeft(text), label: t.placeholderLeft(ticket: request.ticketID),
                                       text: "", ticketID: request.ticketID, version: request.version)
            return
        }
        write(.post(ticketID: request.ticketID, version: request.version, body: body, isNote: request.isNote))
    }

    /// A reply not sent stays, so that the next reply on the ticket starts from it.
    mutating func keepDraft(_ text: String, ticketID: String) {
        state.session.unsentDrafts[ticketID] = text
    }

    mutating func remember(_ undo: Undo, version: Int) {
        state.session.undoStack.append(undo)
        state.session.ownVersion[undo.ticketID] = version
    }

    // MARK: Results

    /// A write came back. A change made is remembered for undo and said first, so that a
    /// failure to re-read the screen after it (said instead) never loses the undo; then,
    /// whatever happened, the screen is re-read. A refusal (a conflict, a ticket in the wrong
    /// state, a busy store) is said on the status line; a reply refused is kept.
    mutating func wrote(_ change: StoreWrite, _ result: Result<WriteReceipt, any Error>, stamp: Int64?) throws {
        switch result {
        case .failure(let error):
            switch change {
            case let .post(id, _, body, isNote):
                if !isNote { keepDraft(body, ticketID: id) }
                refuse(t.notSentBecause(t.describe(error), replyKey: keymap.hintName(for: .writeReply, in: .ticket)))
            case .undo:
                // An undo the store refused (someone changed the ticket since) never can be;
                // one a busy store stopped stays for the next try.
                if case .conflict? = error as? StoreError { _ = state.session.undoStack.popLast() }
                fail(error)
            default:
                fail(error)
            }
        case .success(let receipt):
            do { try succeeded(change, receipt) } catch { fail(error) }
        }
        try refreshAfterWrite(stamp: stamp)
    }

    private mutating func succeeded(_ change: StoreWrite, _ receipt: WriteReceipt) throws {
        let currency = settings.currency
        switch (change, receipt) {
        case let (.compensate(id, version, gifts, suggested), .compensations(given)):
            let label = suggested ? t.hint.suggestion : gifts.first.map { t.name($0.kind) } ?? ""
            remember(.compensations(ticketID: id, ids: given.compactMap(\.id), codes: given.compactMap(\.promoCode), label: label),
                     version: version + 1)
            if suggested || given.count != 1 {
                say(t.gaveSuggestion(given, ticket: id, currency: currency))
            } else {
                say(t.gave(given[0].kind, value: given[0].value, code: given[0].promoCode, ticket: id, currency: currency))
            }
            if !suggested, given.first?.kind == .apology, settings.apologyOpensReply, let detail = try reader.ticketDetail(id: id) {
                // The shop's choice: an apology is words, and the reply draft opens right away.
                state.editing = EditRequest(isNote: false, ticketID: id, version: detail.ticket.version, draft: draft(for: detail))
            }
        case let (.resolve(id, version, resolution, _, _), .before(before, refund)):
            // One store call, one undo: taking back the resolution revokes its refund too.
            remember(.resolution(ticketID: id, before: before, revoking: refund?.id.map { [$0] } ?? [], label: t.undo.resolve),
                     version: version + 1)
            say(t.resolved(id, resolution) + (refund.map { ", " + t.compensation($0.kind, value: $0.value, currency: currency) } ?? ""))
        case let (.recovery(id, version, recovery, followUp), .before(before, _)):
            remember(.resolution(ticketID: id, before: before, label: t.undo.recovery), version: version + 1)
            say(t.recoverySet(id, recovery, followUp))
        case let (.fault(id, version, fault, previous), _):
            remember(.fault(ticketID: id, previous: previous), version: version + 1)
            say(t.faultSet(id, fault))
        case let (.take(id, version, previous, status), _):
            remember(.take(ticketID: id, previous: previous, status: status), version: version + 1)
            say(t.took(id))
        case let (.reopen(id, version), .before(before, _)):
            remember(.resolution(ticketID: id, before: before, label: t.undo.reopen), version: version + 1)
            say(t.reopened(id))
        case let (.post(id, _, _, isNote), receipt):
            // A message moves the ticket's version on: an undo of this session's earlier
            // change on it expects the new one.
            if case .posted(let version) = receipt, state.session.ownVersion[id] == version {
                state.session.ownVersion[id] = version + 1
            }
            if isNote {
                say(t.noted(id))
            } else if settings.outbox != nil {
                say(t.replied(id))
                sendMail()
            } else {
                say(state.session.saidNoMail ? t.repliedNoMail(id) : t.repliedNoMailFirst(id))
                state.session.saidNoMail = true
            }
        case let (.undo(undo, version), _):
            _ = state.session.undoStack.popLast()
            state.session.ownVersion[undo.ticketID] = version + 1
            say(t.undone(undo.label(t), ticket: undo.ticketID))
        case let (.request(id, version, _, _), _):
            // The request moved the ticket's version on: an undo of this session's earlier
            // change on it expects the new one.
            if state.session.ownVersion[id] == version { state.session.ownVersion[id] = version + 1 }
            say(t.askedLead(id))
        case let (.decide(id, _, _), .decided(decision)):
            // The decision moved the ticket's version on: an undo of this session's earlier
            // change on it expects the new one (else it would take its own change for another's).
            if state.session.ownVersion[id] == decision.version { state.session.ownVersion[id] = decision.version + 1 }
            say(decision.given.map { t.approved(id, $0, currency: currency) } ?? t.declined(id))
        case (.compensate, _), (.resolve, _), (.recovery, _), (.reopen, _), (.decide, _):
            break  // each write brings back its own receipt (see `StoreWrite.perform`)
        }
    }
}

extension Undo {
    /// What the status line calls the change taken back.
    func label(_ t: L10n) -> String {
        switch self {
        case let .compensations(_, _, _, label), let .resolution(_, _, _, label): label
        case .take: t.undo.take
        case .fault: t.undo.fault
        }
    }
}
