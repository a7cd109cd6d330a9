import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import DeskCore

/// The demo is what a new user judges first: it must read like real complaints and look
/// like a real desk (issue #11).
@Suite struct DemoRealismTests {
    /// The store `cdesk demo` and `cdesk --demo` make, at a fixed "now".
    static let defaultOptions = DemoOptions(now: Fixtures.now)

    struct Generated {
        var customers: [Customer] = []
        var tickets: [Ticket] = []
        var messages: [Message] = []
    }

    static func generate(_ options: DemoOptions) -> Generated {
        var all = Generated()
        DemoGenerator(options: options).generate { batch in
            all.customers += batch.customers
            all.tickets += batch.tickets
            all.messages += batch.messages
        }
        return all
    }

    /// Ids, promo codes and e-mail addresses are Latin in any language's sentence.
    static func words(_ text: String) -> (cyrillic: Bool, latin: Bool) {
        let stripped = text.replacing(/\bO\d{7}\b/, with: "").replacing(/\bCD-[0-9A-Z]{4}-[0-9A-Z]{2}\b/, with: "")
            .replacing(/\S+@\S+/, with: "")
        var cyrillic = false, latin = false
        for scalar in stripped.unicodeScalars {
            if (0x0400...0x04FF).contains(scalar.value) { cyrillic = true }
            if scalar.properties.isAlphabetic, scalar.isASCII { latin = true }
        }
        return (cyrillic, latin)
    }

    /// What templates leave behind when they are filled badly.
    static let artefacts = ["(а)", "(a)", "?.", "!.", "..", ",.", " ,", " .", "  ", "{", "}", "[", "|"]

    @Test(arguments: [UInt64(1), 2, 3])
    func messagesHaveNoTemplateArtefactsAndOneLanguageEach(seed: UInt64) {
        var options = Self.defaultOptions
        options.seed = seed
        let data = Self.generate(options)
        #expect(data.messages.count > 3 * data.tickets.count)
        for text in data.messages.map(\.body) + data.tickets.map(\.subject) {
            #expect(!text.isEmpty && text == text.trimmingCharacters(in: .whitespacesAndNewlines))
            for artefact in Self.artefacts {
                #expect(!text.contains(artefact), "\(artefact) in: \(text)")
            }
            let words = Self.words(text)
            #expect(!(words.cyrillic && words.latin), "two languages in: \(text)")
        }
    }

    /// A customer writes in one language, and the agent answers in it (notes and what the
    /// desk itself writes are Russian).
    @Test func agentsAnswerInTheCustomersLanguage() {
        let data = Self.generate(Self.defaultOptions)
        let threads = Dictionary(grouping: data.messages, by: \.ticketID)
        var english = 0
        for (_, thread) in threads {
            let inEnglish = Self.words(thread[0].body).latin
            if inEnglish { english += 1 }
            for message in thread where message.author != .system && !message.isInternal {
                #expect(Self.words(message.body).latin == inEnglish, "\(thread[0].body) / \(message.body)")
            }
        }
        // A minority writes English.
        #expect(english > threads.count / 20 && english < threads.count / 3)
    }

    /// "заказывал" from a man, "заказывала" from a woman; agents too (`anna.k` writes "проверила").
    @Test func verbFormsFollowTheWritersGender() {
        let data = Self.generate(Self.defaultOptions)
        let female = Set(DemoText.femaleFirst), male = Set(DemoText.maleFirst)
        var genderOf: [String: DemoGender] = [:]
        for customer in data.customers {
            let first = String(customer.name.split(separator: " ")[0])
            if female.contains(first) { genderOf[customer.id] = .female }
            if male.contains(first) { genderOf[customer.id] = .male }
        }
        let agentGender = Dictionary(uniqueKeysWithValues: DemoText.agents.map { ($0.login, $0.gender) })
        let tickets = Dictionary(uniqueKeysWithValues: data.tickets.map { ($0.id, $0) })
        let masculine = /(?i)\b(заказывал|купил|собрал|отправил|проверил|передал|постирал|выбирал)\b/
        let feminine = /(?i)\b(заказывала|купила|собрала|отправила|проверила|передала|постирала|выбирала)\b/
        var checked = 0
        for message in data.messages where message.author != .system {
            guard let ticket = tickets[message.ticketID] else { continue }
            let gender = message.author == .customer ? genderOf[ticket.customerID] : ticket.assignee.flatMap { agentGender[$0] }
            guard let gender else { continue }
            let wrong = gender == .female ? message.body.contains(masculine) : message.body.contains(feminine)
            #expect(!wrong, "\(gender): \(message.body)")
            checked += 1
        }
        #expect(checked > data.messages.count / 2)
    }

    /// Every text the demo can say, in both genders: whole, in one language, and there is
    /// always one that names no order for a complaint without one.
    @Test func everyPhrasebookCoversEveryReason() {
        for (language, books) in zip([DemoLanguage.russian, .english], DemoPhrases.books) {
            for book in books {
                var pools: [DemoPool] = [book.nudges, book.thanks, book.disappointed, book.closings.discount,
                                         book.closings.freeDelivery, book.closings.bonus, book.closings.discountAndBonus,
                                         book.closings.refunded, book.closings.replaced, book.closings.duplicate]
                for reason in Reason.allCases {
                    let complaints = book.complaints[reason] ?? []
                    #expect(!complaints.isEmpty, "\(language) \(reason)")
                    pools += complaints.flatMap { [$0.subjects, $0.bodies] }
                    pools += complaints.flatMap { [$0.answers, $0.explanations] }.filter { !$0.isEmpty }
                    if language == .russian { pools += DemoPhrases.notes.compactMap { $0[reason] } }
                    for pool in [book.firstReplies[reason], book.asks[reason], book.followUps[reason],
                                 book.closings.settled[reason]] {
                        #expect(pool != nil, "\(language) \(reason)")
                        pools += pool.map { [$0] } ?? []
                    }
                }
                for pool in pools {
                    #expect(!pool.withoutOrder.isEmpty, "\(pool.all)")
                    for text in pool.all {
                        let words = Self.words(text.replacing(/\{[a-z]+\}/, with: ""))
                        #expect(language == .russian ? !words.latin : !words.cyrillic, "\(text)")
                        #expect(!text.contains("[") && !text.contains("|") && !text.contains("(а)"), "\(text)")
                    }
                }
            }
        }
    }

    /// PRODUCT.md: most tickets long settled, a few percent open, most of those within their
    /// SLA and answered; the queue a new user opens shows a few red rows, not a wall of them.
    @Test func theDefaultDemoHasTheShapeOfARealDesk() throws {
        let store = try Fixtures.emptyStore()
        try store.loadDemo(DemoGenerator(options: Self.defaultOptions), agent: "test")
        let now = Self.defaultOptions.now
        let all = try store.queueCount(QueueQuery(view: .all, agent: "x", now: now))
        let open = try store.queueCount(QueueQuery(view: .open, agent: "x", now: now))
        let overdue = try store.queueCount(QueueQuery(view: .overdue, agent: "x", now: now))
        let answered = try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket WHERE active = 1 AND first_response_at IS NOT NULL")
        } ?? 0
        #expect(all == Self.defaultOptions.tickets)
        #expect(open * 100 >= all && open * 100 <= 8 * all, "\(open) of \(all) open")
        #expect(open >= 20, "enough open rows to fill the queue at 80×24")
        #expect(overdue * 4 <= open, "\(overdue) of \(open) open tickets overdue")
        #expect(overdue > 0, "a few red rows")
        #expect(answered * 2 >= open, "\(answered) of \(open) open tickets answered")
    }

    /// The demo settles its complaints' win-back as the start-of-shift sweep would, so that
    /// a million-ticket demo spends no minutes marking them: a sweep that reads every
    /// complaint (its mark removed) finds none to mark, under the policy's window or another.
    @Test(arguments: [90, 30])
    func aDemoStoreLeavesTheSweepNothingToMark(windowDays: Int) throws {
        let store = try Fixtures.emptyStore()
        let options = DemoOptions(seed: 6, customers: 300, tickets: 3000, now: Fixtures.now, recoveryWindowDays: windowDays)
        try store.loadDemo(DemoGenerator(options: options), agent: "test")
        #expect(try store.sweepRecovery(windowDays: windowDays, agent: "cdesk", now: Fixtures.now) == (0, 0))
        try store.pool.write { db in try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [SweepMark.key]) }
        #expect(try store.sweepRecovery(windowDays: windowDays, agent: "cdesk", now: Fixtures.now) == (0, 0),
                "every complaint read")
        let states = try store.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT state, count(*) FROM recovery GROUP BY state")
                .map { (RecoveryState(rawValue: $0[0]), $0[1] as Int) })
        }
        #expect(states[.recovered, default: 0] > 100 && states[.lost, default: 0] > 100, "\(states)")
        #expect(states[.atRisk, default: 0] + states[.contacted, default: 0] + states[.offered, default: 0] > 20,
                "complaints still followed: \(states)")
    }

    /// The same holds for other seeds and sizes, counted from what the generator makes.
    @Test(arguments: [(UInt64(2), 400, 1500), (4, 400, 1500), (9, 2000, 8000)])
    func fewOpenTicketsAreOverdue(seed: UInt64, customers: Int, tickets: Int) {
        let options = DemoOptions(seed: seed, customers: customers, tickets: tickets, now: Fixtures.now)
        let open = Self.generate(options).tickets.filter(\.status.isActive)
        let overdue = open.filter { ticket in
            let due = ticket.firstResponseAt == nil ? min(ticket.firstResponseDueAt, ticket.slaDueAt) : ticket.slaDueAt
            return due < options.now
        }
        #expect(open.count * 100 <= 8 * tickets && open.count >= 3, "\(open.count) of \(tickets) open")
        #expect(overdue.count * 4 <= open.count, "\(overdue.count) of \(open.count) overdue")
    }

    /// The small store the tmux tests use still has open rows to move through.
    @Test func aSmallDemoHasOpenRows() {
        let options = DemoOptions(seed: 3, customers: 60, tickets: 200, now: Fixtures.now)
        #expect(Self.generate(options).tickets.filter(\.status.isActive).count >= 4)
    }

    @Test func theSameSeedWritesTheSameThreads() {
        let a = Self.generate(Self.defaultOptions)
        let b = Self.generate(Self.defaultOptions)
        #expect(a.messages == b.messages && a.tickets == b.tickets)
        var other = Self.defaultOptions
        other.seed = 2
        #expect(Self.generate(other).messages != a.messages)
    }
}
