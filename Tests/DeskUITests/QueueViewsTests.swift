import DeskCore
@testable import DeskUI
import DeskTestSupport
import Foundation
import Testing

/// Each view and order against a store with known contents.
@Suite struct QueueViewsTests {
    static func store() throws -> Store {
        let store = try Fixtures.emptyStore()
        var batch = RecordBatch(customers: [Fixtures.customer("C01", "Анна", tier: .vip), Fixtures.customer("C02", "Борис")])
        batch.tickets = [
            Fixtures.ticket("A", customer: "C01", subject: "a", hoursAgo: 50, slaHours: -2, priority: .low),
            Fixtures.ticket("B", customer: "C02", subject: "b", hoursAgo: 10, slaHours: 5, priority: .urgent, answeredHoursAgo: 9),
            Fixtures.ticket("C", customer: "C02", subject: "c", hoursAgo: 30, slaHours: 1, status: .waiting, answeredHoursAgo: 29),
            Fixtures.ticket("D", customer: "C02", subject: "d", hoursAgo: 70, slaHours: -9, status: .resolved),
        ]
        batch.tickets[1].assignee = "olga"
        try store.add(batch, agent: "test")
        return store
    }

    func ids(_ console: Console) -> [String] { console.state.queue.rows.map(\.id) }

    @Test func everyViewShowsItsTickets() throws {
        let console = ConsoleTests.console(try Self.store())
        let expected: [(Action, [String])] = [
            (.viewOpen, ["A", "C", "B"]), (.viewMine, ["B"]), (.viewUnassigned, ["A", "C"]), (.viewOverdue, ["A"]),
            (.viewWaiting, ["C"]), (.viewVIP, ["A"]), (.viewResolved, ["D"]), (.viewAll, ["B", "C", "A", "D"]),
        ]
        for (action, tickets) in expected {
            ConsoleTests.press(console, action)
            #expect(ids(console) == tickets, "\(action.rawValue)")
            #expect(console.state.queue.count == tickets.count)
            #expect(console.render().lines[0].contains("[\(L10n.english.viewName(action.queueView!)) \(tickets.count)]"))
        }
    }

    /// Unanswered, a complaint is due when its first answer is (8 h for normal), though its
    /// resolution is not due for two days: the queue's order, the overdue view and the SLA
    /// column all follow the first-answer deadline until someone answers.
    @Test func anUnansweredComplaintIsDueByItsFirstAnswer() throws {
        let store = try Fixtures.emptyStore()
        try store.add(RecordBatch(customers: [Fixtures.customer("C01", "Анна")], tickets: [
            Fixtures.ticket("X", customer: "C01", subject: "x", hoursAgo: 20, slaHours: 3, answeredHoursAgo: 19),
            Fixtures.ticket("Y", customer: "C01", subject: "y", hoursAgo: 9, slaHours: 39),
        ]), agent: "test")
        let console = ConsoleTests.console(store)
        #expect(ids(console) == ["Y", "X"])
        #expect(console.render().lines[2].contains("!1h"), "\(console.render().lines[2])")
        ConsoleTests.press(console, .viewOverdue)
        #expect(ids(console) == ["Y"])
        // Answered, it is due by its resolution: last in the queue, no longer overdue.
        try store.addMessage(ticketID: "Y", expectedVersion: 1, body: "Разбираемся", isInternal: false,
                             agent: "olga", at: Fixtures.now)
        console.poll(now: Fixtures.now)
        console.settle()
        #expect(ids(console).isEmpty)
        #expect(console.state.queue.count == 0)
        ConsoleTests.press(console, .viewOpen)
        #expect(ids(console) == ["X", "Y"])
        #expect(console.render().lines[3].contains("1d"), "\(console.render().lines[3])")
    }

    /// Every view holds the same tickets in each of its orders, read from either end (some
    /// pairs name their index; a wrong one would fail the query).
    @Test func everyOrderOfEveryViewHoldsTheViewsTickets() throws {
        let store = try Self.store()
        for view in QueueView.standard {
            var members: Set<String>?
            for sort in view.sorts {
                let query = QueueQuery(view: view, sort: sort, agent: "olga", now: Fixtures.now)
                let forward = try store.queuePage(query, from: nil, direction: .forward, limit: 10).map(\.id)
                let backward = try store.queuePage(query, from: nil, direction: .backward, limit: 10).map(\.id)
                #expect(forward == backward, "\(view) \(sort)")
                #expect(members == nil || members == Set(forward), "\(view) \(sort)")
                #expect(try store.queueCount(query) == forward.count, "\(view) \(sort)")
                members = Set(forward)
            }
        }
    }

    /// The unassigned view reads its own indexes for these orders (named in the query).
    @Test func unassignedTicketsInEveryOrder() throws {
        let console = ConsoleTests.console(try Self.store())
        ConsoleTests.press(console, .viewUnassigned)
        var seen: [QueueSort: [String]] = [:]
        for _ in QueueView.unassigned.sorts {
            seen[console.state.queue.query.sort] = ids(console)
            ConsoleTests.press(console, .sortNext)
        }
        #expect(seen == [.slaDue: ["A", "C"], .priority: ["C", "A"], .oldest: ["A", "C"], .updated: ["C", "A"]])
        ConsoleTests.press(console, .moveLast)
        #expect(console.state.queue.selectedRow?.id == "C")
    }

    @Test func sortsCycleAndShowInTheHeader() throws {
        let console = ConsoleTests.console(try Self.store())
        #expect(ids(console) == ["A", "C", "B"])
        ConsoleTests.press(console, .sortNext)
        #expect(console.state.queue.query.sort == .priority)
        #expect(ids(console) == ["B", "C", "A"], "urgent, normal, low")
        #expect(console.render().lines[0].hasSuffix("by priority"))
        ConsoleTests.press(console, .sortNext)
        #expect(ids(console) == ["A", "C", "B"], "oldest first")
        ConsoleTests.press(console, .sortNext)
        #expect(console.state.queue.query.sort == .updated)
        ConsoleTests.press(console, .sortNext)
        #expect(console.state.queue.query.sort == .slaDue, "and round again")
    }

    @Test func slaColours() {
        let now = Fixtures.now
        func row(createdHoursAgo: Double, dueInHours: Double) -> QueueRow {
            QueueRow(seq: 1, id: "x", createdAt: now.addingTimeInterval(-createdHoursAgo * 3600), customerName: "", reason: .other,
                     priority: .normal, status: .open, dueAt: now.addingTimeInterval(dueInHours * 3600), assignee: nil,
                     cursor: QueueCursor(key: 0, seq: 1))
        }
        func style(_ r: QueueRow, _ left: Int64) -> Style { QueuePane.slaStyle(createdAt: r.createdAt, due: r.dueAt, left: left) }
        #expect(style(row(createdHoursAgo: 10, dueInHours: 30), 30 * 3600) == .normal)
        #expect(style(row(createdHoursAgo: 40, dueInHours: 8), 8 * 3600) == .warning, "under 25% left")
        #expect(style(row(createdHoursAgo: 50, dueInHours: -1), -3600) == .danger)
        #expect(L10n.english.slaLeft(seconds: -3600) == "!1h", "breached is marked without colour too")
    }
}

@Suite struct ChangedByOthersTests {
    @Test func aTicketAnotherAgentChangedIsMarkedUntilOpened() throws {
        let path = Fixtures.temporaryPath("marks")
        let store = try Store(path: path)
        try store.add(RecordBatch(customers: [Fixtures.customer("C01", "Анна")],
                                  tickets: [Fixtures.ticket("T1", customer: "C01", subject: "a", hoursAgo: 1, slaHours: 1),
                                            Fixtures.ticket("T2", customer: "C01", subject: "b", hoursAgo: 1, slaHours: 2)]),
                      agent: "test")
        let console = ConsoleTests.console(store)
        try Store(path: path).take(ticketID: "T2", expectedVersion: 1, agent: "boris")
        #expect(console.poll(now: Fixtures.now))
        #expect(console.state.queue.changedByOthers.count == 1)
        #expect(console.render().lines[3].hasPrefix("•"), "\(console.render().lines[3])")
        ConsoleTests.press(console, .moveDown)
        ConsoleTests.press(console, .openTicket)
        #expect(console.state.queue.changedByOthers.isEmpty)
        // The agent's own change marks nothing.
        ConsoleTests.press(console, .back)
        ConsoleTests.press(console, .moveUp)
        ConsoleTests.press(console, .ticketTake)
        #expect(console.state.queue.changedByOthers.isEmpty)
    }
}

@Suite struct ReportAndExportKeysTests {
    @Test func reportScreenShowsTheRecoveryRateAgainstTheBenchmark() throws {
        let store = try Fixtures.emptyStore()
        try store.loadDemo(DemoGenerator(options: DemoOptions(seed: 5, customers: 40, tickets: 120, now: Fixtures.now)), agent: "t")
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .showReport)
        #expect(console.state.page == .report)
        let text = console.render().text
        #expect(text.contains("Recovery rate"))
        #expect(text.contains("│") && text.contains("benchmark 60%"))
        #expect(text.contains("Complaints by reason"))
        #expect(text.contains("█"))
        ConsoleTests.press(console, .back)
        #expect(console.state.page == .queue)
    }

    /// The report is computed in the background; if the agent opened a ticket meanwhile, it
    /// waits for the report key instead of taking the screen.
    @Test func aReportReadyWhileWorkingATicketWaitsForItsKey() throws {
        let console = ConsoleTests.console(try Fixtures.smallStore())
        for key in console.keymap.keys(for: .showReport, in: .queue).first ?? [] { console.handle(key) }
        #expect(console.state.page == .queue)
        #expect(console.state.message?.text == L10n.english.reportRunning)
        ConsoleTests.press(console, .openTicket)
        #expect(console.state.page == .ticket)
        #expect(console.state.message?.text.contains("report is ready") == true)
        ConsoleTests.press(console, .back)
        ConsoleTests.press(console, .showReport)
        #expect(console.state.page == .report)
        #expect(console.render().text.contains("Recovery rate"))
    }

    static func export(_ console: Console, to path: String) {
        ConsoleTests.press(console, .exportCases)
        ConsoleTests.press(console, .promptClear)
        for c in path { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
    }

    @Test func exportWritesTheResolvedCasesOfTheViewAndNeverOverwrites() throws {
        let store = try Fixtures.smallStore()
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .ticketResolve)
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.queue.selectedRow?.id == "T2")
        ConsoleTests.press(console, .ticketResolve)
        ConsoleTests.press(console, .promptAccept)
        let path = Scratch.path("export.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        // The open view holds no resolved case: nothing is written, not even an empty file.
        Self.export(console, to: path)
        #expect(console.state.message?.text.contains("nothing written") == true)
        #expect(!FileManager.default.fileExists(atPath: path))
        // The resolved view under a filter: only its cases.
        ConsoleTests.press(console, .viewResolved)
        ConsoleTests.press(console, .filter)
        for c in "wrong-item" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.queue.rows.map(\.id) == ["T2"])
        Self.export(console, to: path)
        #expect(console.state.message?.text.contains("exported 1 case to") == true, "\(console.state.message?.text ?? "")")
        Self.export(console, to: path)
        #expect(console.state.message?.text.contains("exists") == true, "the second time refuses")
        ConsoleTests.press(console, .promptCancel)
        let csv = try String(contentsOfFile: path, encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 2)
        #expect(csv.contains("T2,C02,王伟"))
        // A search's matches: T1 by a word of its subject, in any case.
        let second = Scratch.path("export.jsonl")
        defer { try? FileManager.default.removeItem(atPath: second) }
        ConsoleTests.press(console, .filter)
        ConsoleTests.press(console, .promptClear)
        ConsoleTests.press(console, .promptAccept)
        ConsoleTests.press(console, .search)
        for c in "ЗАКАЗ" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        Self.export(console, to: second)
        let jsonl = try String(contentsOfFile: second, encoding: .utf8)
        #expect(jsonl.split(separator: "\n").count == 1)
        #expect(jsonl.contains("\"T1\""))
    }
}

@Suite struct FilterTests {
    @Test func filtersNarrowAnyViewAndShowInTheHeader() throws {
        let console = ConsoleTests.console(try QueueViewsTests.store())
        ConsoleTests.press(console, .filter)
        for c in "priority=urgent" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.queue.rows.map(\.id) == ["B"])
        #expect(console.render().lines[0].contains("[Open 1 · priority=urgent]"))
        ConsoleTests.press(console, .filter)
        ConsoleTests.press(console, .promptClear)
        for c in "tier=vip" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.queue.rows.map(\.id) == ["A"])
        ConsoleTests.press(console, .filter)
        ConsoleTests.press(console, .promptClear)
        for c in "colour=red" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.message?.text.hasPrefix("'colour=red' is not") == true)
        ConsoleTests.press(console, .promptClear)
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.queue.count == 3, "empty clears")
        #expect(QueueFilter.parse("chat delivery-delay") == .success(QueueFilter(reason: .deliveryDelay, channel: .chat)))
    }

    /// A filter stays when the agent changes views, and every view's count follows it.
    @Test func aFilterNarrowsEveryViewAndTheirCounts() throws {
        let console = ConsoleTests.console(try QueueViewsTests.store())
        #expect(console.state.viewCounts[.all] == 4)
        ConsoleTests.press(console, .filter)
        for c in "vip" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        ConsoleTests.press(console, .viewAll)
        #expect(console.state.queue.rows.map(\.id) == ["A"])
        #expect(console.state.viewCounts == [.open: 1, .mine: 0, .unassigned: 1, .overdue: 1, .waiting: 0,
                                             .followUps: 0, .vip: 1, .resolved: 0, .all: 1])
        #expect(console.render().lines[0].contains("[All 1 · tier=vip] Open 1 Mine 0"))
    }

    /// The menu shows every value a filter can name; Tab completes what is typed.
    @Test func theFilterMenuListsTheValuesAndTabCompletes() throws {
        let console = ConsoleTests.console(try QueueViewsTests.store())
        ConsoleTests.press(console, .filter)
        for c in "rea" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptComplete)
        #expect(console.state.prompt?.text == "reason=")
        for c in "wr" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptComplete)
        #expect(console.state.prompt?.text == "reason=wrong-item ")
        let text = console.render().text
        // Only the menu names these (the prompt holds "reason=wrong-item").
        for value in ["channel=", "tier=", "competitor-price", "marketplace", "urgent", "✓wrong-item"] {
            #expect(text.contains(value), "\(value)")
        }
        #expect(QueueFilter.complete("ch") == "cha", "chat and channel= share cha")
        #expect(QueueFilter.complete("chan") == "channel=")
        #expect(QueueFilter.complete("deliv") == "delivery-")
        #expect(QueueFilter.complete("tier=v") == "tier=vip ")
        #expect(QueueFilter.complete("tier=x") == "tier=x", "nothing to complete")
        #expect(QueueFilter.complete("vip s") == "vip s", "service and sms share only their s")
    }
}

/// The report in the console takes a period and a breakdown, as `cdesk report` does.
@Suite struct ReportPeriodKeysTests {
    @Test func pTakesAPeriodAndBBreaksTheReportDown() throws {
        let console = ConsoleTests.console(try Fixtures.desk())
        ConsoleTests.press(console, .showReport)
        #expect(console.state.page == .report)
        let all = try #require(console.state.report).complaints
        ConsoleTests.press(console, .reportPeriod)
        #expect(console.state.prompt?.text == "all" && console.state.prompt?.prefilled == true)
        for c in "2026-13" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.message?.isError == true, "not a period: the prompt stays")
        ConsoleTests.press(console, .promptClear)
        for c in "1d" { console.handle(.char(c)) }
        ConsoleTests.press(console, .promptAccept)
        let lastDay = try #require(console.state.report)
        #expect(lastDay.since != nil && lastDay.complaints < all, "\(lastDay.complaints) of \(all)")
        ConsoleTests.press(console, .reportPeriod)
        for c in "все" { console.handle(.char(c)) }  // the Russian word, typed over the proposal
        ConsoleTests.press(console, .promptAccept)
        #expect(console.state.report?.complaints == all)
        ConsoleTests.press(console, .reportBreakdown)
        let byReason = try #require(console.state.report)
        #expect(byReason.breakdown == .reason && !byReason.slices.isEmpty)
        #expect(console.render().lines[1].contains("By reason"))
        for _ in 0..<5 { ConsoleTests.press(console, .pageDown) }
        #expect(console.render().text.contains("complaints · recovered "))
        for _ in 0..<4 { ConsoleTests.press(console, .reportBreakdown) }
        #expect(console.state.report?.breakdown == nil, "b cycles back to none")
    }
}
