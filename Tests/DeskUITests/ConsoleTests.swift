import DeskCore
@testable import DeskUI
import DeskTestSupport
import Testing

/// The console on the in-memory screen, driven by actions through the default keymap.
@Suite struct ConsoleTests {
    static func keymap() -> Keymap {
        var keymap = Keymap()
        _ = keymap.apply(BuiltInKeymap.text, file: "default")
        return keymap
    }

    static func console(_ store: Store, width: Int = 80, height: Int = 24, settings: ConsoleSettings = ConsoleSettings(),
                        language: Language = .en, keymap: Keymap = keymap()) -> Console {
        let console = Console(store: store, keymap: keymap, agent: "olga", size: Size(width: width, height: height), now: Fixtures.now,
                              settings: settings, language: language)
        console.start()
        console.settle()
        return console
    }

    /// Presses the keys bound to `action` in the console's current context.
    static func press(_ console: Console, _ action: Action, file: String = #fileID, line: Int = #line) {
        let keys = console.keymap.keys(for: action, in: console.state.context)
        #expect(!keys.isEmpty, "no key for \(action.rawValue)")
        for key in keys.first ?? [] { console.handle(key) }
        console.settle()
    }

    @Test func queueShowsRowsInSLAOrder() throws {
        let console = Self.console(try Fixtures.smallStore())
        let lines = console.render().lines
        #expect(lines[0].contains("[Open 3]"))
        #expect(lines[1].contains("CUSTOMER"))
        // Unanswered for 30 h: its first-response target (4 h for high) was breached 26 h ago.
        #expect(lines[2].contains("T1") && lines[2].contains("Анна Петрова") && lines[2].contains("!1d"))
        #expect(lines[3].contains("王伟"))
        #expect(lines[4].contains("John Smith"))
        #expect(lines[22].contains("olga") && lines[22].contains("1/3"))
    }

    @Test func cyrillicAndCJKNamesLineUpWithTheirColumns() throws {
        let console = Self.console(try Fixtures.smallStore())
        let grid = console.render()
        let header = grid.lines[1]
        let reasonColumn = DisplayWidth.of(String(header[..<header.range(of: "REASON")!.lowerBound]))
        for y in 2...4 {
            // Measured in columns: the reason starts at the same column on every row.
            let line = grid.lines[y]
            let reason = ["delivery-delay", "wrong-item", "product-quality"].compactMap { line.range(of: $0) }.first!
            #expect(DisplayWidth.of(String(line[..<reason.lowerBound])) == reasonColumn, "row \(y): \(line)")
        }
    }

    @Test func movesOpensATicketAndGoesBack() throws {
        let console = Self.console(try Fixtures.smallStore())
        Self.press(console, .moveDown)
        #expect(console.state.queue.selectedRow?.id == "T2")
        Self.press(console, .moveUp)
        Self.press(console, .openTicket)
        #expect(console.state.page == .ticket)
        let text = console.render().text
        #expect(text.contains("#T1 Заказ задерживается"))
        #expect(text.contains("Где мой заказ?"))
        #expect(text.contains("internal note"))
        #expect(text.contains("VIP"))
        Self.press(console, .back)
        #expect(console.state.page == .queue)
        #expect(console.state.queue.selectedRow?.id == "T1")
    }

    @Test func scrollsALongQueueOnePageAtATime() throws {
        let console = Self.console(try Fixtures.longQueue(100))
        let page = Layout.bodyRows(Size(width: 80, height: 24))
        Self.press(console, .pageDown)
        #expect(console.state.queue.position == page + 1)
        Self.press(console, .moveLast)
        #expect(console.state.queue.position == 100)
        #expect(console.render().lines[22].contains("100/100"))
        Self.press(console, .moveDown)
        #expect(console.state.queue.position == 100)
        Self.press(console, .pageUp)
        #expect(console.state.queue.position == 100 - page)
        Self.press(console, .moveFirst)
        #expect(console.state.queue.selectedRow?.id == "T1000")
        for _ in 0..<(page + 2) { Self.press(console, .moveDown) }
        #expect(console.state.queue.selectedRow?.id == "T\(1000 + page + 2)")
        #expect(console.state.queue.rows.count == page)
    }

    @Test func refreshAfterAnExternalWriteKeepsTheSelection() throws {
        let store = try Fixtures.smallStore()
        let console = Self.console(store)
        Self.press(console, .moveDown)
        #expect(console.state.queue.selectedRow?.id == "T2")
        // Another process adds a more urgent ticket above the selection.
        try store.add(RecordBatch(tickets: [Fixtures.ticket("T0", customer: "C03", subject: "Срочно", hoursAgo: 1, slaHours: -5)]), agent: "other")
        #expect(console.poll(now: Fixtures.now))
        #expect(console.state.queue.selectedRow?.id == "T2")
        // The counts follow in the background: until then the old ones stay, the position estimated.
        #expect(console.state.queue.count == 3)
        #expect(!console.state.queue.isCounted)
        console.settle()
        #expect(console.state.queue.count == 4)
        #expect(console.state.queue.position == 3, "T1, the new T0, then T2")
        #expect(console.render().lines[22].contains("3/4"))
    }

    /// Jumping to the end before the count is made: the position follows from the count
    /// when it comes, rows moved over meanwhile included.
    @Test func theEndsPositionComesWithTheCount() throws {
        let path = Fixtures.temporaryPath("end")
        let store = try Fixtures.oneTicketStore(at: path)
        let console = Self.console(store)
        try Store(path: path).add(RecordBatch(tickets: (0..<40).map {
            Fixtures.ticket("N\($0)", customer: "C01", subject: "s", hoursAgo: 1, slaHours: Double($0 + 2))
        }), agent: "other")
        #expect(console.poll(now: Fixtures.now))
        for key in console.keymap.keys(for: .moveLast, in: .queue).first ?? [] { console.handle(key) }
        for key in console.keymap.keys(for: .moveUp, in: .queue).first ?? [] { console.handle(key) }
        #expect(!console.state.queue.isCounted, "the count of 41 is not made yet")
        console.settle()
        #expect(console.state.queue.count == 41)
        #expect(console.state.queue.isCounted)
        #expect(console.state.queue.position == 40)
        #expect(console.render().lines[22].contains("40/41"))
    }

    @Test func hostileTextNeverReachesTheScreenRaw() throws {
        let store = try Fixtures.emptyStore()
        try store.add(RecordBatch(customers: [Fixtures.customer("C01", "Eve\u{1B}[31m\u{202E}x")],
                                  tickets: [Fixtures.ticket("T1", customer: "C01", subject: "\u{1B}]0;owned\u{07}", hoursAgo: 1, slaHours: 1)]),
                      agent: "test")
        let console = Self.console(store)
        Self.press(console, .openTicket)
        let text = console.render().text
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(text.contains("␛]0;owned␇"))
    }

    @Test func helpListsTheKeysOfTheContextFromTheKeymap() throws {
        let console = Self.console(try Fixtures.smallStore())
        Self.press(console, .help)
        let text = console.render().text
        #expect(text.contains("Open the selected ticket"))
        #expect(text.contains("<Enter>"))
        console.handle(.char("x"))
        #expect(!console.state.showingHelp)
    }

    @Test func tinyTerminalSaysSo() throws {
        let console = Self.console(try Fixtures.smallStore(), width: 30, height: 8)
        #expect(console.render().text.contains("too small"))
    }
}

@Suite struct RemappedKeysTests {
    @Test func aRemappedKeyTakesTheSameCodePath() throws {
        var keymap = Keymap()
        _ = keymap.apply(BuiltInKeymap.text, file: "default")
        #expect(keymap.apply("unbind queue <Enter>\nbind queue o open-ticket\n", file: "user").isEmpty)
        let console = Console(store: try Fixtures.smallStore(), keymap: keymap, agent: "olga",
                              size: Size(width: 80, height: 24), now: Fixtures.now)
        console.start()
        console.handle(.enter)
        #expect(console.state.page == .queue)
        #expect(console.state.message?.text.contains("does nothing here") == true)
        console.handle(.char("o"))
        #expect(console.state.page == .ticket)
    }
}

/// Counts made in the background answer only the newest request.
@Suite struct QueueCounterTests {
    @Test func aNewerRequestReplacesAnOlderOne() throws {
        let store = try Fixtures.longQueue(300)
        let counter = QueueCounter(store: store)
        let open = QueueQuery(view: .open, agent: "olga", now: Fixtures.now)
        let all = QueueQuery(view: .all, agent: "olga", now: Fixtures.now)
        counter.request(Array(repeating: .total(open), count: 50) + [.before(open, QueueCursor(key: 0, seq: 0))])
        counter.request([.total(all)])
        counter.wait()
        let taken = counter.take()
        #expect(taken.results == [.total(all): 300], "nothing of the first request is reported")
        #expect(taken.failure == nil)
        #expect(!counter.isBusy)
    }
}
