import DeskCore
import DeskTestSupport
import Foundation
import Testing
@testable import DeskUI

/// The console's behaviour as a function of state and events, with no store and no
/// terminal: a reader in memory answers the reads, and the writes it asks for are looked at
/// as effects, then answered by hand as the store would.
@Suite struct ConsoleStepTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// Three open tickets in queue order, each with a customer and one message.
    final class MemoryReader: QueueReading {
        var rows: [QueueRow]
        var failing: (any Error)?

        init(count: Int = 3) {
            rows = (1...count).map { n in
                QueueRow(seq: Int64(n), id: "T\(n)", createdAt: ConsoleStepTests.now.addingTimeInterval(-3600),
                         customerName: "Customer \(n)", reason: .deliveryDelay, priority: .normal, status: .open,
                         dueAt: ConsoleStepTests.now.addingTimeInterval(Double(n) * 3600), assignee: nil, version: 4,
                         cursor: QueueCursor(key: Int64(n), seq: Int64(n)), subject: "Late parcel \(n)")
            }
        }

        func queuePage(_ query: QueueQuery, from cursor: QueueCursor?, direction: PageDirection, limit: Int,
                       including: Bool) throws -> [QueueRow] {
            if let failing { throw failing }
            let index = cursor.flatMap { c in rows.firstIndex { $0.cursor == c } }
            switch direction {
            case .forward:
                let start = index.map { including ? $0 : $0 + 1 } ?? 0
                return Array(rows.dropFirst(start).prefix(limit))
            case .backward:
                let end = index ?? rows.count
                return Array(rows.prefix(end).suffix(limit))
            }
        }
        func queueCount(_ query: QueueQuery) throws -> Int { rows.count }
        func queuePosition(_ query: QueueQuery, of cursor: QueueCursor) throws -> Int {
            rows.firstIndex { $0.cursor == cursor } ?? 0
        }
        func ticketDetail(id: String, recentOrderLimit: Int, earlierLimit: Int) throws -> TicketDetail? {
            if let failing { throw failing }
            guard let row = rows.first(where: { $0.id == id }) else { return nil }
            let ticket = Ticket(id: row.id, customerID: "C\(row.seq)", orderID: nil, channel: .email, reason: row.reason,
                                subject: row.subject, status: row.status, priority: row.priority, fault: .shop,
                                assignee: row.assignee, createdAt: row.createdAt, firstResponseAt: nil, resolvedAt: nil,
                                slaDueAt: row.dueAt, updatedAt: row.createdAt, version: row.version)
            let customer = Customer(id: "C\(row.seq)", name: row.customerName, email: "c\(row.seq)@example.org", phone: nil,
                                    region: nil, tier: .regular, referrals: 0, joinedAt: row.createdAt)
            return TicketDetail(ticket: ticket, customer: customer, messages: [], recentOrders: [], orderCount: 0,
                                lifetimeValue: Money(minor: 0), lastOrderAt: nil, earlierTickets: [], compensations: [],
                                outcome: nil, recovery: nil)
        }
    }

    let reader = MemoryReader()
    var state = ConsoleState(size: Size(width: 80, height: 24), agent: "olga", storeName: "memory", now: ConsoleStepTests.now)

    var env: ConsoleEnvironment {
        var keymap = Keymap()
        _ = keymap.apply(BuiltInKeymap.text, file: "default")
        return ConsoleEnvironment(keymap: keymap, reader: reader)
    }

    /// Sends the events in order and returns the effects of the last.
    @discardableResult
    mutating func send(_ events: ConsoleEvent...) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        for event in events { effects = ConsoleStep.update(&state, event, in: env) }
        return effects
    }

    mutating func press(_ keys: String) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        for c in keys { effects += ConsoleStep.update(&state, .key(c == "\n" ? .enter : .char(c)), in: env) }
        return effects
    }

    @Test mutating func aKeyAsksForAWriteAndOnlyItsResultIsSaidAndRemembered() throws {
        send(.resized(state.size))
        #expect(state.queue.rows.map(\.id) == ["T1", "T2", "T3"])
        let effects = press("d\n")
        let writes = effects.compactMap { effect -> StoreWrite? in if case .write(let w, _, _) = effect { w } else { nil } }
        guard case let .compensate(id, version, gifts, suggested)? = writes.first else {
            Issue.record("Enter on the discount prompt asks for a write, got \(effects)"); return
        }
        #expect(id == "T1" && version == 4 && gifts.map(\.kind) == [.discount] && !suggested)
        #expect(state.prompt == nil)
        #expect(state.session.undoStack.isEmpty, "nothing is remembered before the store has done it")

        let given = Compensation(id: 77, ticketID: "T1", customerID: "C1", kind: .discount, value: gifts[0].value,
                                 promoCode: "SORRY-77", agent: "olga", at: Self.now, state: .offered)
        send(.wrote(writes[0], .success(.compensations([given])), stamp: 9))
        #expect(state.message?.isError == false)
        #expect(state.message?.text.contains("SORRY-77") == true)
        #expect(state.session.undoStack == [.compensations(ticketID: "T1", ids: [77], codes: ["SORRY-77"], label: "discount")])
        #expect(state.session.ownVersion["T1"] == 5)
        #expect(state.session.lastStamp == 9)
    }

    /// `<Esc> does nothing here` does not stay until something replaces it: a message fades
    /// five seconds after it was first drawn, an error ten.
    @Test mutating func aStatusMessageFades() {
        send(.resized(state.size))
        send(.key(.escape))
        let said = state.message
        #expect(said != nil)
        send(.tick(Self.now.addingTimeInterval(1), stamp: nil))
        send(.tick(Self.now.addingTimeInterval(5), stamp: nil))
        #expect(state.message == said, "still there after four seconds")
        send(.tick(Self.now.addingTimeInterval(6.5), stamp: nil))
        #expect(state.message == nil)
        state.message = StatusMessage("the store is busy", isError: true)
        send(.tick(Self.now.addingTimeInterval(7), stamp: nil))
        send(.tick(Self.now.addingTimeInterval(13), stamp: nil))
        #expect(state.message != nil, "an error stays longer")
        send(.tick(Self.now.addingTimeInterval(17.5), stamp: nil))
        #expect(state.message == nil)
    }

    @Test mutating func aRefusedWriteIsSaidOnTheStatusLineAndForgotten() {
        send(.resized(state.size))
        let effects = press("e\n")
        guard case .write(let write, _, _)? = effects.first(where: { if case .write = $0 { true } else { false } }) else {
            Issue.record("Enter on the resolve prompt asks for a write"); return
        }
        send(.wrote(write, .failure(StoreError.conflict(ticketID: "T1", by: "ivan", what: "a reply")), stamp: 3))
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("ivan") == true)
        #expect(state.session.undoStack.isEmpty)
    }

    @Test mutating func aReplyTheStoreRefusedIsKeptForTheNextReply() {
        send(.resized(state.size))
        _ = press("r")
        #expect(state.editing?.ticketID == "T1")
        let effects = send(.editorClosed("Dear customer, your parcel left today."))
        guard case .write(let write, _, _)? = effects.first else { Issue.record("a written reply is posted"); return }
        send(.wrote(write, .failure(StoreError.invalid("the store is busy")), stamp: nil))
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("busy") == true)
        _ = press("r")
        #expect(state.editing?.draft == "Dear customer, your parcel left today.")
    }

    @Test mutating func aFailedReadIsSaidOnTheStatusLineNotThrown() {
        send(.resized(state.size))
        reader.failing = StoreError.invalid("disk I/O error")
        _ = press("j")  // within the window: no read
        _ = press("\n")  // opening reads the ticket
        #expect(state.page == .queue)
        #expect(state.message == StatusMessage("disk I/O error", isError: true))
    }

    @Test mutating func countsAreAskedForAndFillTheHeaderWhenTheyCome() {
        let effects = send(.resized(state.size))
        let jobs = effects.compactMap { effect -> [CountJob]? in if case .count(let jobs) = effect { jobs } else { nil } }
        #expect(jobs.count == 1, "one request per event: a later one replaces an earlier")
        let open = QueueQuery(view: .open, agent: "olga", now: Self.now)
        #expect(jobs.first?.first == .total(state.queue.query))
        send(.counted(CountBatch(results: [.total(state.queue.query): 3], failed: [], failure: nil)))
        #expect(state.queue.count == 3)
        #expect(state.viewCounts[open.view] == 3)
    }

    @Test mutating func theReportRunsInTheBackgroundOnceAndOpensWhenItComes() {
        send(.resized(state.size))
        let first = press("R")
        #expect(first.contains { if case .startReport = $0 { true } else { false } })
        let again = press("R")
        #expect(!again.contains { if case .startReport = $0 { true } else { false } }, "one report at a time")
        send(.reportFinished(.failure(StoreError.invalid("interrupted"))))
        #expect(state.message == StatusMessage("interrupted", isError: true))
        #expect(!state.background.reportRunning)
    }

    /// The change is remembered for undo even when re-reading the screen after it fails: the
    /// store did it, so the agent can take it back.
    @Test mutating func aChangeDoneIsRememberedThoughTheScreenCannotBeReadAfter() {
        send(.resized(state.size))
        let effects = press("d\n")
        guard case .write(let write, _, _)? = effects.first(where: { if case .write = $0 { true } else { false } }) else {
            Issue.record("Enter on the discount prompt asks for a write"); return
        }
        let given = Compensation(id: 77, ticketID: "T1", customerID: "C1", kind: .discount, value: 10,
                                 promoCode: "SORRY-77", agent: "olga", at: Self.now, state: .offered)
        reader.failing = StoreError.invalid("disk I/O error")
        send(.wrote(write, .success(.compensations([given])), stamp: 9))
        #expect(state.session.undoStack == [.compensations(ticketID: "T1", ids: [77], codes: ["SORRY-77"], label: "discount")])
        #expect(state.session.ownVersion["T1"] == 5)
        #expect(state.message == StatusMessage("disk I/O error", isError: true), "the failed re-read is said")
        // A reply the store refused is kept, whether or not the screen can be read after.
        _ = send(.wrote(.post(ticketID: "T2", version: 4, body: "Your parcel left today.", isNote: false),
                        .failure(StoreError.busy(tries: 3)), stamp: nil))
        #expect(state.session.unsentDrafts["T2"] == "Your parcel left today.")
    }

    static func reportStarts(_ effects: [ConsoleEffect]) -> [ReportOptions] {
        effects.compactMap { effect -> ReportOptions? in if case .startReport(let options) = effect { options } else { nil } }
    }

    /// `b` (or `p`) pressed while the report runs is not dropped: the last choice runs once the
    /// running one is done, and the one for the old choice is not shown as if it were it.
    @Test mutating func aBreakdownChosenWhileTheReportRunsRunsAfterIt() throws {
        let report = try Fixtures.smallStore().report(ReportOptions(now: Self.now))
        send(.resized(state.size))
        #expect(Self.reportStarts(press("R")).count == 1)
        send(.reportFinished(.success(report)))
        #expect(state.page == .report)
        #expect(Self.reportStarts(press("b")).map(\.breakdown) == [.reason])
        #expect(Self.reportStarts(press("b")).isEmpty, "one report at a time")
        #expect(Self.reportStarts(press("b")).isEmpty)
        #expect(state.reportBreakdown == .agent)
        let rerun = send(.reportFinished(.success(report)))
        #expect(Self.reportStarts(rerun).map(\.breakdown) == [.agent], "the last choice runs once the first is done")
        #expect(state.background.reportRunning)
        #expect(Self.reportStarts(send(.reportFinished(.success(report)))).isEmpty, "and only once")
        #expect(!state.background.reportRunning)
        // The period too.
        #expect(Self.reportStarts(press("b")).count == 1)
        #expect(Self.reportStarts(press("p30d\n")).isEmpty)
        #expect(state.reportPeriod == .lastDays(30))
        let since = Self.reportStarts(send(.reportFinished(.success(report)))).map(\.since)
        #expect(since == [TypedPeriod.lastDays(30).bounds(now: Self.now, zone: env.settings.timeZone).since],
                "the period chosen meanwhile runs after")
    }

    var mailEnv: ConsoleEnvironment {
        var settings = ConsoleSettings(outbox: Outbox(from: MailAddress(name: nil, address: "support@shop.example")),
                                       mail: MailSettings())
        settings.mail?.from = "support@shop.example"
        var env = self.env
        env.settings = settings
        return env
    }

    func sendsMail(_ effects: [ConsoleEffect]) -> Bool {
        effects.contains { if case .sendMail = $0 { true } else { false } }
    }

    /// A reply queued while a send runs is sent right after it, not a minute on; while the
    /// outbox still holds queued replies (waiting out a backoff, another sender's), the
    /// console tries again each minute, whatever this pass did.
    @Test mutating func replyQueuedDuringASendIsSentAfterItAndTheOutboxDecidesTheRetry() {
        let env = mailEnv
        _ = ConsoleStep.update(&state, .resized(state.size), in: env)
        let post = StoreWrite.post(ticketID: "T1", version: 4, body: "Your parcel left today.", isNote: false)
        #expect(sendsMail(ConsoleStep.update(&state, .wrote(post, .success(.posted(version: 4)), stamp: 5), in: env)))
        #expect(state.background.mailRunning)
        let second = StoreWrite.post(ticketID: "T2", version: 4, body: "It is on its way.", isNote: false)
        #expect(!sendsMail(ConsoleStep.update(&state, .wrote(second, .success(.posted(version: 4)), stamp: 6), in: env)),
                "one send at a time")
        let done = MailSender.Summary(sent: 1, queued: 0, failed: 0, stillQueued: 1)
        #expect(sendsMail(ConsoleStep.update(&state, .mailSent(.success(done)), in: env)), "the second reply goes next")
        #expect(sendsMail(ConsoleStep.update(&state, .mailSent(.success(.init(stillQueued: 1))), in: env)) == false)
        #expect(state.background.mailQueued, "the outbox still holds one: tried again")
        let later = Self.now.addingTimeInterval(61)
        #expect(sendsMail(ConsoleStep.update(&state, .tick(later, stamp: nil), in: env)))
        #expect(!sendsMail(ConsoleStep.update(&state, .mailSent(.success(.init())), in: env)))
        #expect(!state.background.mailQueued)
        #expect(!sendsMail(ConsoleStep.update(&state, .tick(later.addingTimeInterval(120), stamp: nil), in: env)))
    }
}
