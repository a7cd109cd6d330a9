import DeskCore
@testable import DeskUI
import DeskTestSupport
import Foundation
import Testing

/// Working a complaint on the in-memory screen, pressing actions through the keymap.
@Suite struct WorkTicketTests {
    @Test func discountThenResolveLandsInTheStoreAndOnScreen() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .openTicket)
        ConsoleTests.press(console, .compensateDiscount)
        #expect(console.state.prompt?.text == "10", "prefilled with the policy's default")
        #expect(console.render().text.contains("Discount % for #T1 (your limit 15): 10"))
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.prompt == nil)
        let message = try #require(console.state.message?.text)
        #expect(message.contains("gave discount 10%"))
        let code = try #require(message.firstMatch(of: /CD-[0-9A-Z]{4}-[0-9A-Z]{2}/)).0
        #expect(console.render().text.contains(String(code)), "the history shows the new compensation")

        ConsoleTests.press(console, .ticketResolve)
        #expect(console.state.prompt?.text == "compensated", "prefilled from what was done")
        for c in " 5" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.message?.text == "#T1 resolved: compensated")

        let detail = try #require(try store.ticketDetail(id: "T1"))
        #expect(detail.ticket.status == .resolved)
        #expect(detail.outcome?.resolution == .compensated)
        #expect(detail.outcome?.satisfaction == 5)
        #expect(detail.recovery?.state == .atRisk)
        let given = try #require(detail.compensations.first)
        #expect(given.kind == .discount && given.value == 10 && given.promoCode == String(code) && given.agent == "olga")
        #expect(detail.ticket.version == 3)
    }

    @Test func overTheAgentLimitIsRefusedWithTheReason() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .compensateDiscount)   // from the queue, on the selected row
        ConsoleTests.press(console, .promptClear)
        for c in "25" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.prompt != nil, "the prompt stays open to correct the value")
        #expect(console.state.message?.text == "over your limit of 15% for a discount — a lead must give it")
        #expect(console.render().text.contains("a lead must give it"))
        ConsoleTests.press(console, .promptCancel)
        #expect(try store.ticketDetail(id: "T1")?.compensations.isEmpty == true)
    }

    @Test func policyRefusals() {
        let policy = CompensationPolicy.standard
        #expect(throws: CompensationPolicy.Refusal.overAgentLimit(kind: .bonus, limit: 1000)) { try policy.check(.bonus, typed: "1500") }
        #expect(throws: CompensationPolicy.Refusal.overMaximum(kind: .discount, maximum: 50)) { try policy.check(.discount, typed: "60") }
        #expect(throws: CompensationPolicy.Refusal.notANumber("ten")) { try policy.check(.discount, typed: "ten") }
        #expect(throws: CompensationPolicy.Refusal.notPositive) { try policy.check(.discount, typed: "0") }
        #expect((try? policy.check(.discount, typed: "15%")) == 15)
        #expect((try? policy.check(.freeDelivery, typed: "")) == 0)
    }

    @Test func aVersionConflictBetweenTwoStoreHandlesIsRefusedAndReported() throws {
        let path = Fixtures.temporaryPath("conflict")
        let first = try Fixtures.oneTicketStore(at: path)
        let second = try Store(path: path)
        let seen = try #require(try first.ticketDetail(id: "T1")).ticket.version
        try second.take(ticketID: "T1", expectedVersion: seen, agent: "boris")
        #expect(throws: StoreError.conflict(ticketID: "T1", by: "boris", what: "take")) {
            try first.giveCompensation(ticketID: "T1", expectedVersion: seen, kind: .bonus, value: 500, agent: "olga")
        }
        #expect(try first.ticketDetail(id: "T1")?.compensations.isEmpty == true, "nothing half-written")
        #expect(try first.ticketDetail(id: "T1")?.ticket.assignee == "boris", "boris's change is kept")
    }

    @Test func theConsoleReloadsAndSaysWhoChangedTheTicket() throws {
        let path = Fixtures.temporaryPath("conflict-ui")
        let store = try Fixtures.oneTicketStore(at: path)
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .openTicket)
        ConsoleTests.press(console, .compensateBonus)
        try Store(path: path).take(ticketID: "T1", expectedVersion: 1, agent: "boris")
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.message?.text == "ticket T1 was changed by boris meanwhile (take); reloaded")
        #expect(console.state.ticket?.detail.ticket.assignee == "boris")
    }

    @Test func takeAssignsTheTicketWithAnAuditEvent() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        let before = try store.changeStamp()
        ConsoleTests.press(console, .ticketTake)
        #expect(try store.ticketDetail(id: "T1")?.ticket.assignee == "olga")
        #expect(try store.changeStamp() == before + 1, "one event")
        #expect(console.render().text.contains("#T1 is yours now"))
    }
}

@Suite struct SuggestionFlowTests {
    /// The whole of a typical complaint: open, take the suggestion, resolve, back on the next.
    @Test func aComplaintInFiveKeystrokes() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        var presses = 0
        func press(_ action: Action) { ConsoleTests.press(console, action); presses += 1 }
        press(.openTicket)
        #expect(console.render().text.contains("Suggested: free delivery — late delivery"))
        press(.takeSuggestion)
        press(.ticketResolve)
        press(.promptAccept)
        press(.back)
        #expect(presses == 5)
        #expect(console.state.queue.selectedRow?.id == "T2", "the next complaint is selected")
        let detail = try #require(try store.ticketDetail(id: "T1"))
        #expect(detail.ticket.status == .resolved)
        #expect(detail.outcome?.resolution == .compensated)
        #expect(detail.compensations.map(\.kind) == [.freeDelivery])
        #expect(detail.compensations.first?.promoCode != nil)
        #expect(detail.ticket.version == 3, "two changes, two events")
    }
}

@Suite struct UndoTests {
    @Test func undoTakesBackCompensationAndResolveByRecordingTheOpposite() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .openTicket)
        ConsoleTests.press(console, .takeSuggestion)
        ConsoleTests.press(console, .ticketResolve)
        ConsoleTests.press(console, .promptAccept)
        let stampBefore = try store.changeStamp()

        ConsoleTests.press(console, .undo)
        #expect(console.state.message?.text == "#T1: undid resolve")
        var detail = try #require(try store.ticketDetail(id: "T1"))
        #expect(detail.ticket.status == .open)
        #expect(detail.outcome == nil)

        ConsoleTests.press(console, .undo)
        detail = try #require(try store.ticketDetail(id: "T1"))
        #expect(detail.compensations.map(\.state) == [.revoked], "kept, marked revoked")
        #expect(try store.changeStamp() == stampBefore + 2, "each undo is a change of its own in the audit log")

        ConsoleTests.press(console, .undo)
        #expect(console.state.message?.text == "nothing of yours to undo in this session")
    }

    @Test func faultAndReopen() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .setFault)
        #expect(console.state.prompt?.text == "unknown")
        ConsoleTests.press(console, .promptClear)
        for c in "carrier" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(try store.ticketDetail(id: "T1")?.ticket.fault == .carrier)
        ConsoleTests.press(console, .setFault)
        ConsoleTests.press(console, .promptClear)
        for c in "moon" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.message?.isError == true)
        ConsoleTests.press(console, .promptCancel)

        ConsoleTests.press(console, .ticketReopen)
        #expect(console.state.message?.text == "#T1 is open: nothing to reopen", "refused with the reason")
        ConsoleTests.press(console, .ticketResolve)
        ConsoleTests.press(console, .promptAccept)
        #expect(try store.ticketDetail(id: "T1")?.ticket.status == .resolved)
    }
}

@Suite struct ReplyAndNoteTests {
    /// An editor that changes the draft the way a test says.
    struct FakeEditor: TextEditing {
        var change: @Sendable (String) -> String?
        func edit(_ text: String) throws -> String? { change(text) }
    }

    func run(_ console: Console, _ keys: [Key], editor: FakeEditor) {
        let screen = MemoryScreen()
        screen.pendingKeys = keys + [.control("c")]
        ConsoleLoop.run(console, on: screen, editor: editor, pollMilliseconds: 0)
    }

    @Test func aReplyStartsFromAPersonalisedTemplateAndSetsFirstResponse() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        let seen = LockedBox("")
        run(console, [.enter, .char("r")], editor: FakeEditor { draft in
            seen.value = draft
            return draft.replacingOccurrences(of: ReplyTemplates.placeholder(.russian), with: "Курьер привезёт завтра.")
        })
        // Анна writes in Russian: the draft is Russian, with her name and the reason's words.
        #expect(seen.value.hasPrefix("Здравствуйте, Анна!"))
        #expect(seen.value.contains("задерживается"))
        let detail = try #require(try store.ticketDetail(id: "T1"))
        #expect(detail.messages.last?.body.contains("Курьер привезёт завтра.") == true)
        #expect(detail.messages.last?.isInternal == false)
        #expect(detail.ticket.firstResponseAt == Fixtures.now)
        #expect(console.state.message?.text == "#T1: reply recorded, not sent: no mail set up")
        #expect(try store.dueMail(now: Fixtures.now).isEmpty, "no mail set up: nothing queued")
    }

    @Test func withMailSetUpAReplyIsQueued() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store, settings: ConsoleSettings(
            outbox: Outbox(from: MailAddress(name: "Магазин", address: "support@shop.example"))))
        run(console, [.enter, .char("r")], editor: FakeEditor { draft in
            draft.replacingOccurrences(of: ReplyTemplates.placeholder(.russian), with: "Курьер привезёт завтра.")
        })
        #expect(console.state.message?.text == "#T1: reply queued to send")
        let queued = try store.dueMail(now: Fixtures.now)
        #expect(queued.count == 1 && queued.first?.body.contains("Курьер привезёт завтра.") == true)
    }

    /// With mail set up, the console hands the reply to send_command in the background; the
    /// ticket shows it sent, and a refused one stands out on the ticket and in the queue.
    @Test func theConsoleSendsInTheBackgroundAndShowsEachReplysState() throws {
        let store = try Fixtures.smallStore()
        let out = Scratch.path("sent.eml")
        var mail = MailSettings()
        mail.from = "Магазин <support@shop.example>"
        mail.sendCommand = "cat > '\(out)'"
        let console = ConsoleTests.console(store, settings: ConsoleSettings(outbox: Outbox(mail), mail: mail))
        run(console, [.enter, .char("r")], editor: FakeEditor { draft in
            draft.replacingOccurrences(of: ReplyTemplates.placeholder(.russian), with: "Курьер привезёт завтра.")
        })
        console.settle()
        let sent = try String(contentsOfFile: out, encoding: .utf8)
        #expect(sent.contains("To: ") && sent.contains("Subject: "), "the message went to send_command")
        #expect(try store.dueMail(now: Fixtures.now.addingTimeInterval(86_400)).isEmpty)
        guard case .sent? = try store.ticketDetail(id: "T1")?.messages.last?.delivery else {
            Issue.record("the reply is marked sent"); return
        }
        #expect(console.render().text.contains("(reply) · ") && console.render().text.contains(" · sent "))

        mail.sendCommand = "echo 'mailbox unavailable' >&2; exit 1"
        let refusing = ConsoleTests.console(store, settings: ConsoleSettings(outbox: Outbox(mail), mail: mail))
        run(refusing, [.enter, .char("r")], editor: FakeEditor { draft in
            draft.replacingOccurrences(of: ReplyTemplates.placeholder(.russian), with: "Ещё одна новость.")
        })
        refusing.settle()
        #expect(refusing.state.message?.isError == true && refusing.state.message?.text.contains("not sent") == true,
                "\(refusing.state.message?.text ?? "")")
        ConsoleTests.press(refusing, .moveLast)
        #expect(refusing.render().text.contains("NOT SENT — the customer did not get this reply: mailbox unavailable"))
        ConsoleTests.press(refusing, .back)
        #expect(refusing.state.queue.rows.first { $0.id == "T1" }?.replyFailed == true)
        ConsoleTests.press(refusing, .moveDown)  // the selection's ▶ would cover the mark
        #expect(refusing.render().lines.contains { $0.hasPrefix("✗") && $0.contains("T1") }, "the queue marks the ticket")
    }

    @Test func aCustomerWritingInLatinGetsAnEnglishDraft() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .moveLast)
        #expect(console.state.queue.selectedRow?.id == "T3")
        let seen = LockedBox("")
        run(console, [.enter, .char("r")], editor: FakeEditor { draft in seen.value = draft; return nil })
        #expect(seen.value.hasPrefix("Hello John,"))
        #expect(seen.value.contains(ReplyTemplates.placeholder(.english)))
    }

    @Test func anUnchangedTemplateIsNeverSent() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        run(console, [.enter, .char("r")], editor: FakeEditor { $0 })
        #expect(console.state.prompt?.label == "The reply to #T1 still has the [placeholder]. Edit it? y/n (д/н) ")
        console.handle(.char("н"))
        #expect(console.state.prompt == nil)
        #expect(console.state.message?.text == "not sent; r opens it again")
        #expect(try store.ticketDetail(id: "T1")?.ticket.firstResponseAt == nil)
    }

    @Test func aNoteIsInternalAndEmptyMeansNothing() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        run(console, [.enter, .char("n")], editor: FakeEditor { _ in "Клиент просит звонок после 18:00" })
        #expect(try store.ticketDetail(id: "T1")?.messages.last?.isInternal == true)
        #expect(try store.ticketDetail(id: "T1")?.ticket.firstResponseAt == nil, "a note is not a response")
        run(console, [.enter, .char("n")], editor: FakeEditor { _ in "  \n" })
        #expect(console.state.message?.text == "empty — nothing was saved")
    }
}

final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: T
    init(_ value: T) { _value = value }
    var value: T {
        get { lock.withLock { _value } }
        set { lock.withLock { _value = newValue } }
    }
}

@Suite struct RecoveryKeyTests {
    @Test func parsesStatesAndFollowUps() {
        let now = Fixtures.now
        func parsed(_ text: String) -> (RecoveryState, Date?)? { try? ConsoleStep.parseRecovery(text, now: now).get() }
        func refusal(_ text: String) -> String? {
            if case .failure(let problem) = ConsoleStep.parseRecovery(text, now: now) { return problem.message }
            return nil
        }
        #expect(parsed("contacted")?.0 == .contacted)
        #expect(parsed("Offered +7d")?.1 == Calendar.current.date(byAdding: .day, value: 7, to: Calendar.current.startOfDay(for: now)))
        #expect(parsed("at-risk 2026-12-01")?.1 != nil)
        #expect(refusal("at-risk 2026-02-30") == "'2026-02-30' is not a follow-up: +7d or a date like 2026-12-01")
        #expect(refusal("happy") == "'happy' is not a win-back state: at-risk, contacted, offered, recovered, lost (Tab completes)")
        #expect(refusal("contacted 2026-11-01") == "2026-11-01 is past: a follow-up is today or later")
        #expect(refusal("recovered +7d") == "recovered ends the follow-up: no date after it")
        #expect(refusal("at-risk 2026-12-09contacted +3d") == "'at-risk 2026-12-09contacted +3d': one word and an optional second one, e.g. compensated 5 or offered +7d")
    }

    @Test func resolutionsSayWhatIsWrong() {
        func refusal(_ text: String) -> String? {
            if case .failure(let problem) = ConsoleStep.parseResolution(text) { return problem.message }
            return nil
        }
        #expect((try? ConsoleStep.parseResolution("Compensated 5").get())?.satisfaction == 5)
        #expect(refusal("compensated 7") == "satisfaction is a number 1–5, not '7' (e.g. compensated 5)")
        #expect(refusal("fixed") == "'fixed' is not an outcome: compensated, explained, refunded, replaced, no-action, duplicate (Tab completes)")
    }

    @Test func setRecoveryNeedsAResolvedComplaint() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .setRecovery)
        #expect(console.state.prompt == nil, "refused before asking")
        #expect(console.state.message?.text == "#T1 is still open: win-back follows a resolved complaint (e resolves it)")
        ConsoleTests.press(console, .ticketResolve)
        ConsoleTests.press(console, .promptAccept)
        // The resolved ticket left the open view; find it in Resolved.
        while console.state.queue.query.view != .resolved { ConsoleTests.press(console, .viewNext) }
        ConsoleTests.press(console, .setRecovery)
        ConsoleTests.press(console, .promptClear)
        for c in "offered +3d" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.message?.text.hasPrefix("#T1: recovery offered, follow-up") == true)
        #expect(try store.ticketDetail(id: "T1")?.recovery?.state == .offered)
    }
}

@Suite struct ApologyTests {
    @Test func anApologyIsRecordedAndStartsAReplyDraft() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store, settings: ConsoleSettings(apologyOpensReply: true))
        let drafts = LockedBox([String]())
        let screen = MemoryScreen()
        screen.pendingKeys = [.enter, .char("a"), .enter, .control("c")]
        ConsoleLoop.run(console, on: screen, editor: ReplyAndNoteTests.FakeEditor { draft in
            drafts.value.append(draft)
            return draft.replacingOccurrences(of: ReplyTemplates.placeholder(.russian), with: "Мы уже всё исправили.")
        }, pollMilliseconds: 0)
        #expect(drafts.value.count == 1)
        #expect(drafts.value.first?.contains("Приносим вам свои извинения.") == true)
        let detail = try #require(try store.ticketDetail(id: "T1"))
        #expect(detail.compensations.map(\.kind) == [.apology])
        #expect(detail.compensations.first?.promoCode == nil)
        #expect(detail.messages.last?.body.contains("Мы уже всё исправили.") == true)
        #expect(detail.messages.last?.body.hasSuffix("С уважением,\nolga\nСлужба заботы о клиентах") == true, "signed by the agent")
    }

    /// By default an apology is recorded and nothing more: the editor is the shop's choice.
    @Test func anApologyAloneOpensNoEditor() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .compensateApology)
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.editing == nil)
        #expect(try store.ticketDetail(id: "T1")?.compensations.map(\.kind) == [.apology])
    }
}

@Suite struct UndoConflictTests {
    @Test func undoIsRefusedWhenSomeoneElseChangedTheTicketSince() throws {
        let path = Fixtures.temporaryPath("undo-conflict")
        let store = try Fixtures.oneTicketStore(at: path)
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .ticketTake)
        try Store(path: path).setFault(ticketID: "T1", expectedVersion: 2, fault: .carrier, agent: "boris")
        ConsoleTests.press(console, .undo)
        #expect(console.state.message?.text == "ticket T1 was changed by boris meanwhile (set-fault); reloaded")
        #expect(try store.ticketDetail(id: "T1")?.ticket.assignee == "olga", "boris's change is not reverted")
    }

    @Test func aStaleRowIsNotTakenOverAnotherAgent() throws {
        let path = Fixtures.temporaryPath("stale-row")
        let store = try Fixtures.oneTicketStore(at: path)
        let console = ConsoleTests.console(store)
        try Store(path: path).take(ticketID: "T1", expectedVersion: 1, agent: "boris")
        ConsoleTests.press(console, .ticketTake)   // before the console noticed boris's change
        #expect(console.state.message?.isError == true)
        #expect(try store.ticketDetail(id: "T1")?.ticket.assignee == "boris")
    }
}

/// A refund's amount typed at the resolve prompt is recorded with the outcome, so that the
/// export gives accounting its value; undo takes back both.
@Suite struct RefundAmountAtResolveTests {
    @Test func refundedWithAnAmountRecordsTheRefundAndUndoTakesBothBack() throws {
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store)
        GoldenScreenTests.open("T4")(console)
        ConsoleTests.press(console, .ticketResolve)
        ConsoleTests.press(console, .promptClear)
        for c in "refunded 1500,50 4" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        let detail = try #require(try store.ticketDetail(id: "T4"))
        #expect(detail.outcome?.resolution == .refunded && detail.outcome?.satisfaction == 4)
        let refund = try #require(detail.compensations.first { $0.kind == .refund && $0.ticketID == "T4" })
        #expect(refund.value == 150_050)
        #expect(console.state.message?.text == "#T4 resolved: refunded, refund 1,500.50 ₽")
        #expect(console.state.session.undoStack.count == 1, "one change, one undo")
        ConsoleTests.press(console, .undo)
        let back = try #require(try store.ticketDetail(id: "T4"))
        #expect(back.ticket.status.isActive, "the resolution is undone")
        #expect(back.compensations.first { $0.kind == .refund }?.state == .revoked, "and its refund with it")
        #expect(console.state.session.undoStack.isEmpty)
    }
}

/// Above an agent's limit the console asks a lead instead of refusing; the lead finds the
/// request in Requests and approves it with one key; every step is in the audit log.
@Suite struct LeadApprovalTests {
    @Test func anAgentAsksALeadAndTheLeadApprovesWithOneKey() throws {
        let store = try Fixtures.desk()
        try store.addMember("anna", role: .lead, by: "anna", at: Fixtures.now)
        try store.addMember("olga", role: .agent, by: "anna", at: Fixtures.now)
        let agent = ConsoleTests.console(store)  // olga, limit 15%
        GoldenScreenTests.open("T4")(agent)
        ConsoleTests.press(agent, .compensateDiscount)
        ConsoleTests.press(agent, .promptClear)
        for c in "30" { agent.handle(.char(c)) }
        ConsoleTests.press(agent, .promptAccept)
        #expect(agent.state.prompt?.purpose == .askLead(Playbook.Gift(.discount, 30)), "over the limit, the console offers to ask a lead")
        ConsoleTests.press(agent, .promptAccept)
        #expect(agent.state.message?.isError == true, "a request needs a reason")
        for c in "third broken chair" { agent.handle(.char(c)) }
        ConsoleTests.press(agent, .promptAccept)
        #expect(agent.state.message?.text == "#T4: asked a lead; it waits in Requests")
        #expect(try store.pendingRequest(ticketID: "T4")?.reason == "third broken chair")
        #expect(agent.render().lines.contains { $0.contains("Asked of a lead: discount 30% by olga — third broken chair") })

        // The lead: Requests lists the ticket; A approves.
        let lead = Console(store: store, keymap: ConsoleTests.keymap(), agent: "anna", size: Size(width: 80, height: 24),
                           now: Fixtures.now)
        lead.start()
        lead.settle()
        ConsoleTests.press(lead, .viewRequests)
        #expect(lead.state.queue.rows.map(\.id) == ["T4"])
        ConsoleTests.press(lead, .openTicket)
        #expect(StatusBar.hints(lead.state, keymap: lead.keymap).contains { $0 == ("A", "approve") })
        ConsoleTests.press(lead, .approveRequest)
        #expect(lead.state.message?.text.hasPrefix("#T4: approved discount 30% — promo code ") == true, "\(lead.state.message?.text ?? "")")
        let detail = try #require(try store.ticketDetail(id: "T4"))
        #expect(detail.pendingRequest == nil)
        #expect(detail.compensations.contains { $0.kind == .discount && $0.value == 30 && $0.agent == "anna" })
        ConsoleTests.press(lead, .declineRequest)
        #expect(lead.state.message?.isError == true, "nothing left to decide")
    }

    /// The approval moves the ticket's version on, as the lead's own change: the lead's earlier
    /// change on the ticket can still be undone, not refused as if someone else had changed it.
    @Test func aLeadsOwnChangeBeforeAnApprovalCanStillBeUndone() throws {
        let store = try Fixtures.desk()
        try store.addMember("anna", role: .lead, by: "anna", at: Fixtures.now)
        try store.addMember("olga", role: .agent, by: "anna", at: Fixtures.now)
        let version = try #require(try store.ticketDetail(id: "T4")).ticket.version
        try store.requestApproval(ticketID: "T4", expectedVersion: version, gift: Playbook.Gift(.bonus, 900), reason: "why",
                                  agent: "olga", at: Fixtures.now)
        let lead = Console(store: store, keymap: ConsoleTests.keymap(), agent: "anna", size: Size(width: 80, height: 24),
                           now: Fixtures.now)
        lead.start()
        lead.settle()
        ConsoleTests.press(lead, .viewRequests)
        ConsoleTests.press(lead, .openTicket)
        ConsoleTests.press(lead, .setFault)
        ConsoleTests.press(lead, .promptClear)
        for c in "customer" { lead.handle(.char(c)) }
        ConsoleTests.press(lead, .promptAccept)
        #expect(try store.ticketDetail(id: "T4")?.ticket.fault == .customer)
        ConsoleTests.press(lead, .approveRequest)
        #expect(lead.state.message?.isError == false, "\(lead.state.message?.text ?? "")")
        ConsoleTests.press(lead, .undo)
        #expect(lead.state.message?.isError == false, "\(lead.state.message?.text ?? "")")
        let detail = try #require(try store.ticketDetail(id: "T4"))
        #expect(detail.ticket.fault != .customer, "the fault is put back")
        #expect(detail.compensations.contains { $0.kind == .bonus && $0.value == 900 && $0.state != .revoked },
                "the approval stands")
    }

    @Test func anAgentCannotDecide() throws {
        let store = try Fixtures.desk()
        try store.addMember("anna", role: .lead, by: "anna", at: Fixtures.now)
        try store.addMember("olga", role: .agent, by: "anna", at: Fixtures.now)
        let version = try #require(try store.ticketDetail(id: "T4")).ticket.version
        try store.requestApproval(ticketID: "T4", expectedVersion: version, gift: Playbook.Gift(.bonus, 900), reason: "why",
                                  agent: "boris", at: Fixtures.now)
        let console = ConsoleTests.console(store)
        GoldenScreenTests.open("T4")(console)
        ConsoleTests.press(console, .approveRequest)
        #expect(console.state.message == StatusMessage("only a lead may approve or decline a request", isError: true))
        #expect(try store.pendingRequest(ticketID: "T4") != nil)
    }
}

/// Files a customer's mail carried: listed under the thread by name, type and size; a key
/// saves one into a folder, never over a file there, and never under a name that leaves it.
@Suite struct AttachmentTests {
    @Test func theTicketListsAttachmentsAndAKeySavesOne() throws {
        let store = try Fixtures.smallStore()
        var mail = ParsedMail(messageID: "photo-1@mail.example")
        mail.from = MailAddress(name: "Анна", address: "c01@example.com")
        mail.subject = "Фото сломанной ножки"
        mail.text = "Вот фото."
        mail.attachments = [MailAttachment(name: "../../ножка\u{1B}[31m.jpg", type: "image/jpeg", size: 2_200_000,
                                           data: Data(repeating: 7, count: 2_200_000)),
                            MailAttachment(name: "video.mp4", type: "video/mp4", size: 90_000_000, data: nil)]
        let result = try store.receive(mail, options: MailIntakeOptions(now: Fixtures.now))
        guard case let .opened(ticketID, _, _) = result else { Issue.record("opens a ticket: \(result)"); return }
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .viewAll)
        for _ in 0..<20 where console.state.queue.selectedRow?.id != ticketID { ConsoleTests.press(console, .moveDown) }
        ConsoleTests.press(console, .openTicket)
        ConsoleTests.press(console, .moveLast)
        let screen = console.render().text
        #expect(screen.contains("1. ../../ножка␛[31m.jpg · image/jpeg · 2.1 MB"), "\(screen)")
        #expect(screen.contains("2. video.mp4 · video/mp4 · 85.8 MB · not kept (over the size limit)"))
        #expect(StatusBar.hints(console.state, keymap: console.keymap).contains { $0 == ("S", "save file") })

        let folder = Scratch.path("saved")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for _ in 0..<2 {
            ConsoleTests.press(console, .saveAttachment)
            #expect(console.state.prompt?.purpose == .saveAttachment)
            ConsoleTests.press(console, .promptClear)
            for c in "1 \(folder)" { console.handle(.char(c)) }
            ConsoleTests.press(console, .promptAccept)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["_.._ножка␛[31m (2).jpg", "_.._ножка␛[31m.jpg"], "inside the folder, never over the first")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + files[1])).count == 2_200_000)
        #expect(console.state.message?.text.hasPrefix("saved ") == true)

        ConsoleTests.press(console, .saveAttachment)
        ConsoleTests.press(console, .promptClear)
        for c in "2 \(folder)" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.message == StatusMessage("'2' is not the number of a kept attachment", isError: true))
    }

    /// A name longer than the file system takes (255 bytes: 127 Cyrillic letters) is cut between
    /// characters, its extension kept, copies numbered within the limit; a write that fails
    /// leaves no file cut short.
    @Test func aLongNameIsCutToTheFileSystemsLimitAndAFailedWriteLeavesNoFile() throws {
        let store = try Fixtures.smallStore()
        var mail = ParsedMail(messageID: "long-name@mail.example")
        mail.from = MailAddress(name: "Анна", address: "c01@example.com")
        mail.subject = "Фото"
        mail.text = "Вот."
        let name = String(repeating: "ножка", count: 60) + ".jpg"
        mail.attachments = [MailAttachment(name: name, type: "image/jpeg", size: 4, data: Data([1, 2, 3, 4]))]
        guard case let .opened(ticketID, _, _) = try store.receive(mail, options: MailIntakeOptions(now: Fixtures.now)) else {
            Issue.record("opens a ticket"); return
        }
        let attachment = try #require(try store.ticketDetail(id: ticketID)?.attachments.first)
        let folder = Scratch.path("long")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let first = try Console.save(attachment: attachment.id, named: attachment.name, into: folder, from: store)
        let second = try Console.save(attachment: attachment.id, named: attachment.name, into: folder, from: store)
        for (path, suffix) in [(first, ".jpg"), (second, " (2).jpg")] {
            let file = (path as NSString).lastPathComponent
            #expect(file.utf8.count <= 255 && file.utf8.count > 240, "\(file.utf8.count) bytes")
            #expect(file.hasSuffix(suffix) && file.hasPrefix("ножка"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3, 4]))
        }

        struct DiskFull: Error {}
        #expect(throws: StoreError.self) {
            try Console.save(attachment: attachment.id, named: "чек.pdf", into: folder, from: store) { handle, data in
                try handle.write(contentsOf: data.prefix(2))
                throw DiskFull()
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 2, "no part of чек.pdf is left")
    }
}
