import DeskCore
@testable import DeskUI
import DeskTestSupport
import Foundation
import Testing

/// The console in Russian: an agent with a Russian locale never meets an English word they
/// did not type, customer data aside, and can work a complaint typing only Russian.
@Suite(.serialized) struct RussianConsoleTests {
    /// Latin words an agent may meet on a Russian screen: codes, key names, file names,
    /// and what the customers and agents of the fixture desk wrote or are called.
    static func allowed() -> Set<String> {
        var words: Set<String> = ["cdesk", "olga", "desk", "sqlite", "vip", "VIP", "Enter", "Esc", "Tab", "Down", "Up",
                                  "PageDown", "PageUp", "Space", "Home", "End", "Backspace", "Delete", "EDITOR", "CSV",
                                  "JSON", "Lines", "csv", "jsonl", "resolved", "cdesk-resolved"]
        let batch = Fixtures.deskBatch()
        var texts: [String] = []
        texts += batch.customers.flatMap { [$0.name, $0.email ?? "", $0.region ?? ""] }
        texts += batch.tickets.flatMap { [$0.subject, $0.assignee ?? ""] }
        texts += batch.messages.flatMap { [$0.body, $0.agent ?? ""] }
        texts += batch.compensations.compactMap(\.promoCode)
        for text in texts { words.formUnion(latinWords(text)) }
        return words
    }

    static func latinWords(_ text: String) -> [String] {
        text.split { !($0.isASCII && $0.isLetter) }.map(String.init).filter { $0.count >= 3 }
    }

    /// What the screen shows that is English: Latin words of three letters or more that
    /// are none of the allowed.
    static func english(_ grid: Grid, allowed: Set<String>) -> [String] {
        grid.lines.flatMap { line in
            // Promo codes (CD-EHGW-GE) are codes.
            let text = line.replacingOccurrences(of: #"CD-[A-Z0-9]{4}-[A-Z0-9]{2}"#, with: "", options: .regularExpression)
            return latinWords(text).filter { !allowed.contains($0) }.map { "\($0) in: \(line)" }
        }
    }

    @Test(arguments: GoldenScreenTests.scenes.map(\.0))
    func everyScreenIsRussian(_ scene: String) throws {
        let steps = try #require(GoldenScreenTests.scenes.first { $0.0 == scene }?.1)
        let allowed = Self.allowed().union(["compensated"])  // typed by the agent in `prompt-error`
        for size in GoldenScreenTests.sizes {
            let console = try GoldenScreenTests.console(size, language: .ru, steps)
            let found = Self.english(console.render(), allowed: allowed)
            #expect(found.isEmpty, "\(scene) at \(size.width)×\(size.height): \(found)")
        }
    }

    /// A complaint worked end to end on the Russian layout: the `russian` keymap's keys and
    /// Russian words at every prompt; every message on the way is Russian.
    @Test func aComplaintWorkedTypingOnlyRussian() throws {
        _ = Golden.utc
        var loader = KeymapLoader(environment: ["XDG_CONFIG_HOME": "/nonexistent", "HOME": "/nonexistent"])
        loader.presetFolders = [KeymapTests.repoRoot.appendingPathComponent("Keymaps").path]
        let keymap = try loader.load(preset: "russian")
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store, language: .ru, keymap: keymap)
        let allowed = Self.allowed()
        var seen: [String] = []
        func type(_ text: String) {
            for c in text { console.handle(c == "\n" ? .enter : .char(c)) }
            console.settle()
            seen += Self.english(console.render(), allowed: allowed)
        }
        // Open the first ticket (Enter), give the suggested discount (в is d on the Russian
        // layout), take it, set the fault, resolve with an outcome and a rating.
        type("\n")
        let id = try #require(console.state.ticket?.detail.ticket.id)
        type("в\n")
        #expect(console.state.message?.text.hasPrefix("#\(id): выдано: скидка") == true, "\(console.state.message?.text ?? "")")
        type("А")  // F: the fault prompt
        #expect(console.state.prompt?.purpose == .fault)
        for _ in 0..<20 { console.handle(.backspace) }
        type("перевозчик\n")
        #expect(try store.ticketDetail(id: id)?.ticket.fault == .carrier)
        type("у")  // e: resolve
        #expect(console.state.prompt?.text == "компенсация", "a compensated complaint proposes its outcome in Russian")
        type(" 5\n")
        let detail = try #require(try store.ticketDetail(id: id))
        #expect(detail.ticket.status == .resolved)
        #expect(detail.outcome?.resolution == .compensated && detail.outcome?.satisfaction == 5)
        #expect(console.state.message?.text == "#\(id) решено: компенсация")
        type("у")  // resolving again names the Russian layout's key that reopens
        #expect(console.state.message?.text == "#\(id) уже решено (У переоткроет)", "\(console.state.message?.text ?? "")")
        type("ц")  // w: win-back, prefilled with where it stands and a week on
        #expect(console.state.prompt?.text.hasSuffix(" +7д") == true)
        type("связались +3д\n")
        #expect(try store.ticketDetail(id: id)?.recovery?.state == .contacted)
        #expect(seen.isEmpty, "English on a Russian screen: \(seen)")
    }

    @Test func russianWordsAndCodesAreReadAlike() {
        #expect(Resolution.named("Компенсация") == .compensated)
        #expect(Resolution.named("объяснили") == .explained)
        #expect(Resolution.named("no-action") == .noAction)
        #expect(Fault.named("ПЕРЕВОЗЧИК") == .carrier)
        #expect(RecoveryState.named("вернулся") == .recovered)
        #expect(TicketStatus.named("ждет") == .waiting, "ё and е alike")
        #expect(Reason.named("не тот товар") == .wrongItem && Reason.named("не-тот-товар") == .wrongItem)
        #expect(Reason.named("скидка") == nil)
        if case .success(let filter) = QueueFilter.parse("причина=задержка уровень=vip канал=почта") {
            #expect(filter == QueueFilter(reason: .deliveryDelay, channel: .email, tier: .vip))
            #expect(filter.text(.ru) == "причина=задержка канал=почта уровень=vip")
        } else {
            Issue.record("a Russian filter is read")
        }
        #expect(QueueFilter.complete("прич", .ru) == "причина=")
        #expect(QueueFilter.complete("причина=зад", .ru) == "причина=задержка ")
        switch ConsoleStep.parseRecovery("предложили +3д", now: Fixtures.now, .russian) {
        case .success(let (state, date)):
            #expect(state == .offered)
            #expect(date.map { $0 > Fixtures.now } == true)
        case .failure(let problem): Issue.record("+3д is a follow-up: \(problem.message)")
        }
    }

    /// The desk's own notes in a thread (a request to a lead and its answer, a bounce) are
    /// stored once and read in each agent's language.
    @Test func theDesksNotesInAThreadAreReadInRussian() throws {
        let store = try Fixtures.desk()
        let detail = try #require(try store.ticketDetail(id: "T4"))
        try store.requestApproval(ticketID: "T4", expectedVersion: detail.ticket.version, gift: Playbook.Gift(.bonus, 900),
                                  reason: "третий сломанный стул", agent: "olga", at: Fixtures.now)
        let note = try #require(try store.ticketDetail(id: "T4")?.messages.last { $0.author == .system })
        #expect(note.body == "olga asked a lead for bonus 900: третий сломанный стул", "the stored sentence stays English")
        #expect(L10n.russian.body(of: note) == "olga просит старшего о компенсации «бонусы 900 б.»; причина: третий сломанный стул")
        #expect(L10n.english.body(of: note) == note.body)
        let bounce = Message(ticketID: "T4", author: .system, body: "Delivery failed: 5.1.1 user unknown\n(about the message <a@x>)",
                             isInternal: true, at: Fixtures.now)
        #expect(L10n.russian.body(of: bounce) == "Доставка не удалась: 5.1.1 user unknown\n(о письме <a@x>)")
        let customer = Message(ticketID: "T4", author: .customer, body: "olga asked a lead for bonus 900: x", isInternal: false,
                               at: Fixtures.now)
        #expect(L10n.russian.body(of: customer) == customer.body, "a customer's words are never rewritten")
        // The report's breakdown by tier names the tiers in Russian.
        #expect(L10n.russian.report.countName("loyal") == "постоянный" && L10n.russian.report.countName("olga") == "olga")
    }
}
