import DeskCore
import Foundation

/// The bottom-line prompts: what each asks and offers, how typing edits it, and what Enter
/// (or a yes or a no) does.
extension ConsoleStep {
    /// Opens the prompt for `purpose` on the ticket the action works on, prefilled with what
    /// most likely fits; the first character typed replaces a prefilled value. What the
    /// action needs (an open complaint to resolve, a resolved one to follow) was checked
    /// from the action table before it came here.
    mutating func ask(_ purpose: PromptState.Purpose) throws {
        guard let detail = try targetDetail() else { return }
        let ticket = detail.ticket
        var prompt = PromptState(purpose: purpose, label: "", text: "", ticketID: ticket.id, version: ticket.version)
        switch purpose {
        case .compensate(let kind):
            let limits = policy.limits[kind]
            prompt.label = t.prompt.compensation(kind, ticket: ticket.id,
                                                    limit: CompensationPolicy.hasValue(kind) ? limits?.agentLimit : nil)
            if CompensationPolicy.hasValue(kind), let value = limits?.defaultValue { prompt.text = String(value) }
        case .recovery:
            prompt.label = t.recoveryPrompt(ticket: ticket.id)
            prompt.choices = RecoveryState.words(state.language)
            let current = detail.recovery?.state ?? .contacted
            prompt.text = current.word(state.language) + (current.isFinal ? "" : " " + t.weekOn)
        case .fault:
            prompt.label = t.faultPrompt(ticket: ticket.id)
            prompt.choices = Fault.words(state.language)
            prompt.text = ticket.fault.word(state.language)
        case .resolve:
            prompt.label = t.prompt.resolve(ticket: ticket.id)
            prompt.choices = Resolution.words(state.language)
            let given = detail.compensations.contains {
                $0.ticketID == ticket.id && $0.kind != .apology && $0.state != .revoked
            }
            prompt.text = (given ? Resolution.compensated : Resolution.explained).word(state.language)
        case .confirmUndo, .confirmSuggestion, .placeholderLeft, .search, .export, .filter, .askLead, .saveAttachment, .reportPeriod:
            return  // asked by their own keys and checks, never here
        }
        prompt.prefilled = !prompt.text.isEmpty
        state.prompt = prompt
    }

    /// A printable key typed at the prompt: a yes/no prompt takes its answer, any other
    /// prompt the character (replacing a prefilled value).
    mutating func typeIntoPrompt(_ c: Character) throws {
        guard var prompt = state.prompt else { return }
        if prompt.purpose.isYesNo {
            switch YesNo(c) {
            case .yes?: return try answer(yes: true)
            case .no?: return try answer(yes: false)
            case nil: state.message = StatusMessage(t.yesOrNo, isError: true)
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

    mutating func erasePrompt(all: Bool) {
        guard var prompt = state.prompt, !prompt.purpose.isYesNo else { return }
        // Erasing a prefilled value erases it whole, as a selection would be.
        if all || prompt.prefilled { prompt.text = "" } else if !prompt.text.isEmpty { prompt.text.removeLast() }
        prompt.prefilled = false
        state.prompt = prompt
        promptEdited()
    }

    /// Tab: a filter's words, or the first word of an outcome, a fault or a recovery state
    /// (in any case); several that fit are listed.
    mutating func completePrompt() {
        guard var prompt = state.prompt else { return }
        prompt.prefilled = false
        if prompt.purpose == .filter {
            prompt.text = QueueFilter.complete(prompt.text, state.language)
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

    mutating func promptEdited() {
        if case .search = state.prompt?.purpose { state.searchPending = true }
    }

    mutating func cancelPrompt() throws {
        guard let prompt = state.prompt else { return }
        if prompt.purpose.isYesNo { return try answer(yes: false) }
        state.prompt = nil
        state.searchPending = false
        if case .search(let previous) = prompt.purpose {
            try showQueue(previous)
        } else {
            state.message = StatusMessage(t.prompt.cancelled)
        }
    }

    mutating func acceptPrompt() throws {
        guard let prompt = state.prompt else { return }
        // Enter on a yes/no question is the safe answer.
        if prompt.purpose.isYesNo { return try answer(yes: false) }
        let text = prompt.text.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .search:
            // The results stay as a temporary view.
            try runPendingSearch()
            state.prompt = nil
        case .filter:
            switch QueueFilter.parse(prompt.text) {
            case .failure(let error):
                state.message = StatusMessage(t.badFilter(error.word), isError: true)
            case .success(let filter):
                var query = state.queue.query
                query.filter = filter
                state.prompt = nil
                try showQueue(query)
            }
        case .export:
            // The prompt closes once the file is set up; else it stays to fix the name.
            exportView(to: text)
        case .compensate(let kind):
            let value: Int64
            do {
                value = try policy.check(kind, typed: prompt.text)
            } catch .overAgentLimit(let kind, let limit) {
                // Above the agent's limit (and within the policy's maximum): a lead may give
                // it. The refusal stays said below the question.
                let asked = Int64(prompt.text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")) ?? 0
                state.prompt = PromptState(purpose: .askLead(Playbook.Gift(kind, asked)),
                                           label: t.askLead(kind, value: asked, ticket: prompt.ticketID),
                                           text: "", ticketID: prompt.ticketID, version: prompt.version)
                state.message = StatusMessage(t.policyRefusal(.overAgentLimit(kind: kind, limit: limit)), isError: true)
                return
            } catch {
                // The prompt stays open so the agent can correct the value.
                state.message = StatusMessage(t.policyRefusal(error), isError: true)
                return
            }
            write(.compensate(ticketID: prompt.ticketID, version: prompt.version, gifts: [Playbook.Gift(kind, value)],
                              suggested: false))
        case .resolve:
            switch Self.parseResolution(text, t) {
            case .failure(let problem):
                state.message = StatusMessage(problem.message, isError: true)
            case .success(let entry):
                let refund = entry.amount.flatMap { money in entry.compensationKind.map { Playbook.Gift($0, money.minor) } }
                write(.resolve(ticketID: prompt.ticketID, version: prompt.version, resolution: entry.resolution,
                               satisfaction: entry.satisfaction, refund: refund))
            }
        case .recovery:
            switch Self.parseRecovery(text, now: state.now, t) {
            case .failure(let problem):
                state.message = StatusMessage(problem.message, isError: true)
            case .success(let (recovery, followUp)):
                write(.recovery(ticketID: prompt.ticketID, version: prompt.version, state: recovery, followUp: followUp))
            }
        case .fault:
            guard let fault = Fault.named(text) else {
                state.message = StatusMessage(t.badFault(prompt.text), isError: true)
                return
            }
            let previous = try reader.ticketDetail(id: prompt.ticketID)?.ticket.fault ?? .unknown
            write(.fault(ticketID: prompt.ticketID, version: prompt.version, fault: fault, previous: previous))
        case .reportPeriod:
            guard let period = TypedPeriod.parse(text) else { return refuse(t.badPeriod(text)) }
            state.prompt = nil
            state.reportPeriod = period
            startReport(choiceChanged: true)
        case .saveAttachment:
            let kept = state.ticket?.detail.attachments ?? []
            let words = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard let first = words.first, let number = Int(first), kept.indices.contains(number - 1), kept[number - 1].isKept else {
                return refuse(t.badAttachment(words.first ?? text))
            }
            let folder = words.count > 1 ? words[1] : "."
            state.prompt = nil
            effects.append(.saveAttachment(id: kept[number - 1].id, name: kept[number - 1].name, folder: folder))
        case .askLead(let gift):
            guard !text.isEmpty else { return refuse(t.askLeadNeedsReason) }
            write(.request(ticketID: prompt.ticketID, version: prompt.version, gift: gift, reason: text))
        case .confirmUndo, .confirmSuggestion, .placeholderLeft:
            break  // answered above
        }
    }

    /// A yes or a no to the prompt's question.
    mutating func answer(yes: Bool) throws {
        guard let prompt = state.prompt else { return }
        state.prompt = nil
        switch prompt.purpose {
        case .confirmUndo:
            guard yes else {
                // The agent keeps it: the next undo goes on to the change before.
                _ = state.session.undoStack.popLast()
                return say(t.undoKept(undoKey: keymap.hintName(for: .undo, in: state.context)))
            }
            try undoLast(confirmed: true)
        case .confirmSuggestion:
            guard yes else { return say(t.prompt.cancelled) }
            try takeSuggestion(confirmed: true)
        case .placeholderLeft(let text):
            guard yes else { keepDraft(text, ticketID: prompt.ticketID); return say(t.notSent(replyKey: keymap.hintName(for: .writeReply, in: .ticket))) }
            state.editing = EditRequest(isNote: false, ticketID: prompt.ticketID, version: prompt.version, draft: text)
        default:
            break
        }
    }

    /// Why a typed outcome, recovery or fault is refused, with the valid choices.
    struct PromptProblem: Error {
        var message: String
    }

    /// "compensated", "compensated 5", "refunded 1500 4": a resolution, for a refund or a
    /// replacement its amount, and an optional satisfaction 1–5 (`ResolutionEntry`).
    static func parseResolution(_ text: String, _ t: L10n = .english) -> Result<ResolutionEntry, PromptProblem> {
        ResolutionEntry.parse(text).mapError { problem in
            switch problem {
            case .unknownResolution(let word): PromptProblem(message: t.badResolution(word))
            case .badAmount(let word): PromptProblem(message: t.badAmount(word))
            case .amountTooLarge(let word): PromptProblem(message: t.amountTooLarge(word))
            case .badSatisfaction(let word): PromptProblem(message: t.badSatisfaction(word))
            case .tooManyWords(let text): PromptProblem(message: t.tooManyWords(text))
            }
        }
    }

    /// "contacted", "offered +7d", "at-risk 2026-12-01": a state and an optional follow-up
    /// day, today or later; a final state (recovered, lost) takes none.
    static func parseRecovery(_ text: String, now: Date, _ t: L10n = .english) -> Result<(RecoveryState, Date?), PromptProblem> {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first, let state = RecoveryState.named(first) else {
            return .failure(PromptProblem(message: t.badRecovery(words.first ?? text)))
        }
        guard words.count <= 2 else { return .failure(PromptProblem(message: t.tooManyWords(text))) }
        guard words.count == 2 else { return .success((state, nil)) }
        guard !state.isFinal else { return .failure(PromptProblem(message: t.finalTakesNoDate(state))) }
        let calendar = Calendar.current
        let today = calendar.startOfDay(for: now)
        let word = words[1]
        let date: Date
        // `+7d`, or `+7д` typed on the Russian layout.
        if word.hasPrefix("+"), word.hasSuffix("d") || word.hasSuffix("д"), let days = Int(word.dropFirst().dropLast()), (0...3650).contains(days),
           let later = calendar.date(byAdding: .day, value: days, to: today) {
            date = later
        } else {
            let parts = word.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
                  calendar.component(.day, from: day) == parts[2] else {
                return .failure(PromptProblem(message: t.badFollowUp(word)))
            }
            date = day
        }
        guard date >= today else { return .failure(PromptProblem(message: t.pastFollowUp(word))) }
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
