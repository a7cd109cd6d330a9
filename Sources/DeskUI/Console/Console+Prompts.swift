import DeskCore
import Foundation

/// The bottom-line prompts: what each asks and offers, how typing edits it, and what Enter
/// (or a yes or a no) does.
extension Console {
    /// Opens the prompt for `purpose` on the ticket the action works on, prefilled with what
    /// most likely fits; the first character typed replaces a prefilled value. What the
    /// action needs (an open complaint to resolve, a resolved one to follow) was checked
    /// from the action table before it came here.
    func ask(_ purpose: PromptState.Purpose) throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        var prompt = PromptState(purpose: purpose, label: "", text: "", ticketID: ticket.id, version: ticket.version)
        switch purpose {
        case .compensate(let kind):
            let limits = policy.limits[kind]
            prompt.label = L10n.Prompt.compensation(kind, ticket: ticket.id,
                                                    limit: CompensationPolicy.hasValue(kind) ? limits?.agentLimit : nil)
            if CompensationPolicy.hasValue(kind), let value = limits?.defaultValue { prompt.text = String(value) }
        case .recovery:
            prompt.label = L10n.recoveryPrompt(ticket: ticket.id)
            prompt.choices = RecoveryState.allCases.map(\.rawValue)
            let current = detail.recovery?.state ?? .contacted
            prompt.text = current.isFinal ? current.rawValue : current.rawValue + " +7d"
        case .fault:
            prompt.label = L10n.faultPrompt(ticket: ticket.id)
            prompt.choices = Fault.allCases.map(\.rawValue)
            prompt.text = ticket.fault.rawValue
        case .resolve:
            prompt.label = L10n.Prompt.resolve(ticket: ticket.id)
            prompt.choices = Resolution.allCases.map(\.rawValue)
            let given = detail.compensations.contains {
                $0.ticketID == ticket.id && $0.kind != .apology && $0.state != .revoked
            }
            prompt.text = given ? Resolution.compensated.rawValue : Resolution.explained.rawValue
        case .confirmUndo, .confirmSuggestion, .placeholderLeft, .search, .export, .filter:
            return  // asked by their own keys and checks, never here
        }
        prompt.prefilled = !prompt.text.isEmpty
        state.prompt = prompt
    }

    /// A printable key typed at the prompt: a yes/no prompt takes its answer, any other
    /// prompt the character (replacing a prefilled value).
    func typeIntoPrompt(_ c: Character) {
        guard var prompt = state.prompt else { return }
        if prompt.purpose.isYesNo {
            switch YesNo(c) {
            case .yes?: return answer(yes: true)
            case .no?: return answer(yes: false)
            case nil: state.message = StatusMessage(L10n.yesOrNo, isError: true)
            }
            return
        }
        // A prefilled value is a proposal: a word typed replaces it, a space goes on after it
        // (`compensated` then ` 5`).
        if prompt.prefilled, c != " " { prompt.text = "" }
        prompt.prefilled = false
        prompt.text.append(c)
        state.prompt = prompt
        promptEdited()
    }

    func erasePrompt(all: Bool) {
        guard var prompt = state.prompt, !prompt.purpose.isYesNo else { return }
        // Erasing a prefilled value erases it whole, as a selection would be.
        if all || prompt.prefilled { prompt.text = "" } else if !prompt.text.isEmpty { prompt.text.removeLast() }
        prompt.prefilled = false
        state.prompt = prompt
        promptEdited()
    }

    /// Tab: a filter's words, or the first word of an outcome, a fault or a recovery state
    /// (in any case); several that fit are listed.
    func completePrompt() {
        guard var prompt = state.prompt else { return }
        prompt.prefilled = false
        if prompt.purpose == .filter {
            prompt.text = QueueFilter.complete(prompt.text)
        } else if !prompt.choices.isEmpty {
            var words = prompt.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            let typed = (words.first ?? "").lowercased()
            let fits = prompt.choices.filter { $0.hasPrefix(typed) }
            if fits.count == 1 {
                words[0] = fits[0]
                prompt.text = words.joined(separator: " ") + (words.count == 1 ? " " : "")
            } else if fits.count > 1 {
                words[0] = fits.dropFirst().reduce(fits[0]) { common, word in String(common.commonPrefix(with: word)) }
                prompt.text = words.joined(separator: " ")
                state.message = StatusMessage(fits.joined(separator: "  "))
            }
        }
        state.prompt = prompt
    }

    func promptEdited() {
        if case .search = state.prompt?.purpose { state.searchPending = true }
    }

    func cancelPrompt() {
        guard let prompt = state.prompt else { return }
        if prompt.purpose.isYesNo { return answer(yes: false) }
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
        // Enter on a yes/no question is the safe answer.
        if prompt.purpose.isYesNo { return answer(yes: false) }
        let text = prompt.text.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .search:
            // The results stay as a temporary view.
            runPendingSearch()
            state.prompt = nil
        case .filter:
            switch QueueFilter.parse(prompt.text) {
            case .failure(let error):
                state.message = StatusMessage(L10n.badFilter(error.word), isError: true)
            case .success(let filter):
                var query = state.queue.query
                query.filter = filter
                state.prompt = nil
                showQueue(query)
            }
        case .export:
            exportView(to: text)
            if state.message?.isError == false { state.prompt = nil }  // else it stays to fix the name
        case .compensate(let kind):
            let value: Int64
            do {
                value = try policy.check(kind, typed: prompt.text)
            } catch {
                // The prompt stays open so the agent can correct the value.
                state.message = StatusMessage(error.description, isError: true)
                return
            }
            try write(prompt) { try self.give(kind, value: value, on: prompt) }
        case .resolve:
            switch Self.parseResolution(text) {
            case .failure(let problem):
                state.message = StatusMessage(problem.message, isError: true)
            case .success(let (resolution, satisfaction)):
                try write(prompt) {
                    let before = try self.store.resolve(ticketID: prompt.ticketID, expectedVersion: prompt.version,
                                                        resolution: resolution, satisfaction: satisfaction,
                                                        agent: self.state.agent, at: self.state.now)
                    self.remember(.resolution(ticketID: prompt.ticketID, before: before, label: L10n.Undo.resolve),
                                  version: prompt.version + 1)
                    self.state.message = StatusMessage(L10n.resolved(prompt.ticketID, resolution))
                }
            }
        case .recovery:
            switch Self.parseRecovery(text, now: state.now) {
            case .failure(let problem):
                state.message = StatusMessage(problem.message, isError: true)
            case .success(let (recovery, followUp)):
                try write(prompt) {
                    let before = try self.store.setRecovery(ticketID: prompt.ticketID, expectedVersion: prompt.version,
                                                            state: recovery, followUpOn: followUp,
                                                            agent: self.state.agent, at: self.state.now)
                    self.remember(.resolution(ticketID: prompt.ticketID, before: before, label: L10n.Undo.recovery),
                                  version: prompt.version + 1)
                    self.state.message = StatusMessage(L10n.recoverySet(prompt.ticketID, recovery, followUp))
                }
            }
        case .fault:
            guard let fault = Fault(rawValue: text.lowercased()) else {
                state.message = StatusMessage(L10n.badFault(prompt.text), isError: true)
                return
            }
            try write(prompt) {
                let previous = try self.store.ticketDetail(id: prompt.ticketID)?.ticket.fault ?? .unknown
                try self.store.setFault(ticketID: prompt.ticketID, expectedVersion: prompt.version, fault: fault,
                                        agent: self.state.agent, at: self.state.now)
                self.state.message = StatusMessage(L10n.faultSet(prompt.ticketID, fault))
                self.remember(.fault(ticketID: prompt.ticketID, previous: previous), version: prompt.version + 1)
            }
        case .confirmUndo, .confirmSuggestion, .placeholderLeft:
            break  // answered above
        }
    }

    /// A yes or a no to the prompt's question.
    func answer(yes: Bool) {
        guard let prompt = state.prompt else { return }
        state.prompt = nil
        attempt {
            switch prompt.purpose {
            case .confirmUndo:
                guard yes else {
                    // The agent keeps it: the next undo goes on to the change before.
                    _ = undoStack.popLast()
                    state.message = StatusMessage(L10n.undoKept)
                    return
                }
                try undoLast(confirmed: true)
            case .confirmSuggestion:
                guard yes else { state.message = StatusMessage(L10n.Prompt.cancelled); return }
                try takeSuggestion(confirmed: true)
            case .placeholderLeft(let text):
                guard yes else { keepDraft(text, ticketID: prompt.ticketID); state.message = StatusMessage(L10n.notSent); return }
                state.editing = EditRequest(isNote: false, ticketID: prompt.ticketID, version: prompt.version, draft: text)
            default:
                break
            }
        }
    }

    /// Runs the write a prompt asked for: the prompt closes and the screen is re-read; a
    /// refusal (a conflict, a ticket in the wrong state) is said on the status line.
    private func write(_ prompt: PromptState, _ body: () throws -> Void) throws {
        state.prompt = nil
        try guarded(body)
    }

    private func give(_ kind: CompensationKind, value: Int64, on prompt: PromptState) throws {
        let given = try store.giveCompensation(ticketID: prompt.ticketID, expectedVersion: prompt.version,
                                               kind: kind, value: value, agent: state.agent, at: state.now)
        state.message = StatusMessage(L10n.gave(kind, value: given.value, code: given.promoCode, ticket: prompt.ticketID,
                                                currency: settings.currency))
        remember(.compensations(ticketID: prompt.ticketID, ids: given.id.map { [$0] } ?? [], codes: given.promoCode.map { [$0] } ?? [],
                                label: kind.rawValue),
                 version: prompt.version + 1)
        if kind == .apology, settings.apologyOpensReply {
            // The shop's choice: an apology is words, and the reply draft opens right away.
            try afterOwnWrite()
            if let detail = try store.ticketDetail(id: prompt.ticketID) {
                state.editing = EditRequest(isNote: false, ticketID: prompt.ticketID, version: detail.ticket.version,
                                            draft: draft(for: detail))
            }
        }
    }

    /// Why a typed outcome, recovery or fault is refused, with the valid choices.
    struct PromptProblem: Error {
        var message: String
    }

    /// "compensated", "compensated 5": a resolution and an optional satisfaction 1–5.
    static func parseResolution(_ text: String) -> Result<(Resolution, Int?), PromptProblem> {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first, let resolution = Resolution(rawValue: first) else {
            return .failure(PromptProblem(message: L10n.badResolution(words.first ?? text)))
        }
        guard words.count <= 2 else { return .failure(PromptProblem(message: L10n.tooManyWords(text))) }
        guard words.count == 2 else { return .success((resolution, nil)) }
        guard let satisfaction = Int(words[1]), (1...5).contains(satisfaction) else {
            return .failure(PromptProblem(message: L10n.badSatisfaction(words[1])))
        }
        return .success((resolution, satisfaction))
    }

    /// "contacted", "offered +7d", "at-risk 2026-12-01": a state and an optional follow-up
    /// day, today or later; a final state (recovered, lost) takes none.
    static func parseRecovery(_ text: String, now: Date) -> Result<(RecoveryState, Date?), PromptProblem> {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first, let state = RecoveryState(rawValue: first) else {
            return .failure(PromptProblem(message: L10n.badRecovery(words.first ?? text)))
        }
        guard words.count <= 2 else { return .failure(PromptProblem(message: L10n.tooManyWords(text))) }
        guard words.count == 2 else { return .success((state, nil)) }
        guard !state.isFinal else { return .failure(PromptProblem(message: L10n.finalTakesNoDate(state))) }
        let calendar = Calendar.current
        let today = calendar.startOfDay(for: now)
        let word = words[1]
        let date: Date
        if word.hasPrefix("+"), word.hasSuffix("d"), let days = Int(word.dropFirst().dropLast()), (0...3650).contains(days),
           let later = calendar.date(byAdding: .day, value: days, to: today) {
            date = later
        } else {
            let parts = word.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
                  calendar.component(.day, from: day) == parts[2] else {
                return .failure(PromptProblem(message: L10n.badFollowUp(word)))
            }
            date = day
        }
        guard date >= today else { return .failure(PromptProblem(message: L10n.pastFollowUp(word))) }
        return .success((state, date))
    }
}

/// A yes or a no typed as one letter, on either keyboard layout: y/n, or д/н (да/нет).
enum YesNo {
    case yes, no

    init?(_ c: Character) {
        switch c {
        case "y", "Y", "д", "Д": self = .yes
        case "n", "N", "н", "Н": self = .no
        default: return nil
        }
    }
}
