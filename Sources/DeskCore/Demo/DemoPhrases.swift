// What the demo's customers and agents write: whole messages per reason, in Russian and in
// English, in the form that fits the writer's gender. The texts are written once with the
// two forms side by side (`заказывал[|а]`, `наш[ёл|ла]`) and split into a male and a female
// book when first used, so a message is picked from a prebuilt array and only its order
// number, date, name or promo code is filled in.

/// The grammatical gender of a demo person: Russian past-tense verbs and short adjectives
/// follow it ("заказывал", "заказывала").
enum DemoGender: Int, Sendable { case male, female }

/// The one language a customer writes in; the agent answers in it.
enum DemoLanguage: Int, Sendable { case russian, english }

struct DemoName: Sendable {
    let name: String
    let gender: DemoGender
    init(_ name: String, _ gender: DemoGender) { self.name = name; self.gender = gender }
}

/// Texts to pick from, and those of them that name no order (for a complaint without one).
struct DemoPool: Sendable {
    let all: [String]
    let withoutOrder: [String]

    init(_ texts: [String]) {
        all = texts
        withoutOrder = texts.filter { !$0.contains("{order}") && !$0.contains("{date}") }
    }

    var isEmpty: Bool { all.isEmpty }

    func map(_ transform: (String) -> String) -> DemoPool { DemoPool(all.map(transform)) }

    /// One text; one that names no order when there is none. An empty pool gives "" (a
    /// test sees that every pool has texts of both kinds).
    func pick(_ rng: inout SeededRandom, hasOrder: Bool) -> String {
        let texts = hasOrder || withoutOrder.isEmpty ? all : withoutOrder
        return texts.isEmpty ? "" : rng.pick(texts)
    }
}

/// Everything said in one language by writers of one gender. Placeholders: `{name}` (how
/// the agent addresses the customer), `{order}`, `{date}` (the day the order was placed),
/// `{code}` (a promo code), `{value}` (its percent or points), `{bonus}` (bonus points).
struct DemoPhrasebook: Sendable {
    /// One kind of complaint: its subjects and the messages that open it agree. Where the
    /// reason's answers would not fit it, it brings the agent's own first answer or the
    /// explanation that settles it without compensation.
    struct Complaint: Sendable {
        var subjects, bodies, answers, explanations: DemoPool
        init(_ subjects: [String], _ bodies: [String], answers: [String] = [], explanations: [String] = []) {
            self.subjects = DemoPool(subjects); self.bodies = DemoPool(bodies)
            self.answers = DemoPool(answers); self.explanations = DemoPool(explanations)
        }
        init(subjects: DemoPool, bodies: DemoPool, answers: DemoPool, explanations: DemoPool) {
            self.subjects = subjects; self.bodies = bodies; self.answers = answers; self.explanations = explanations
        }
        func map(_ f: (String) -> String) -> Complaint {
            Complaint(subjects: subjects.map(f), bodies: bodies.map(f), answers: answers.map(f),
                      explanations: explanations.map(f))
        }
    }

    /// How the agent closes a case, by what was given.
    struct Closings: Sendable {
        var discount, freeDelivery, bonus, discountAndBonus, refunded, replaced, duplicate: DemoPool
        /// Per reason: explained, or nothing to give (moved away, a question answered).
        var settled: [Reason: DemoPool]

        func map(_ f: (String) -> String) -> Closings {
            Closings(discount: discount.map(f), freeDelivery: freeDelivery.map(f), bonus: bonus.map(f),
                     discountAndBonus: discountAndBonus.map(f), refunded: refunded.map(f), replaced: replaced.map(f),
                     duplicate: duplicate.map(f), settled: settled.mapValues { $0.map(f) })
        }
    }

    var complaints: [Reason: [Complaint]]
    /// The agent's first answer.
    var firstReplies: [Reason: DemoPool]
    /// The agent asks for what the case needs; the ticket then waits on the customer.
    var asks: [Reason: DemoPool]
    /// The customer adds to the complaint before it is resolved.
    var followUps: [Reason: DemoPool]
    /// The customer asks what is happening, whatever the reason.
    var nudges: DemoPool
    var closings: Closings
    var thanks: DemoPool
    var disappointed: DemoPool

    /// Which kind of complaint for `reason`: an index into `complaints[reason]`, the same in
    /// the customer's book and the agent's.
    func complaintIndex(_ reason: Reason, _ rng: inout SeededRandom) -> Int {
        rng.int(0...max((complaints[reason]?.count ?? 0) - 1, 0))
    }

    func complaint(_ reason: Reason, _ index: Int) -> Complaint {
        guard let kinds = complaints[reason], kinds.indices.contains(index) else { return Complaint([], []) }
        return kinds[index]
    }

    /// The book with every `[male|female]` choice made for `gender`.
    func gendered(_ gender: DemoGender) -> DemoPhrasebook {
        let f = { (text: String) in DemoPhrases.choose(gender, in: text) }
        return DemoPhrasebook(
            complaints: complaints.mapValues { $0.map { $0.map(f) } },
            firstReplies: firstReplies.mapValues { $0.map(f) }, asks: asks.mapValues { $0.map(f) },
            followUps: followUps.mapValues { $0.map(f) }, nudges: nudges.map(f), closings: closings.map(f),
            thanks: thanks.map(f), disappointed: disappointed.map(f))
    }
}

enum DemoPhrases {
    /// `books[language][gender]`.
    static let books: [[DemoPhrasebook]] = [russian, english].map { book in
        [book.gendered(.male), book.gendered(.female)]
    }

    static func book(_ language: DemoLanguage, _ gender: DemoGender) -> DemoPhrasebook {
        books[language.rawValue][gender.rawValue]
    }

    /// The agents' internal notes, in Russian whatever the customer writes, per reason,
    /// `[gender]`.
    static let notes: [[Reason: DemoPool]] = [DemoGender.male, .female].map { gender in
        russianNotes.mapValues { DemoPool($0.map { choose(gender, in: $0) }) }
    }

    /// What the desk writes when the customer rates the answer, by the score 1–5.
    static let ratings = (1...5).map { DemoPool(["Клиент оценил решение: \($0) из 5."]) }

    /// `text` with each `[male|female]` replaced by the form for `gender`.
    static func choose(_ gender: DemoGender, in text: String) -> String {
        guard text.contains("[") else { return text }
        var out = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            out += rest[..<open]
            let forms = rest[rest.index(after: open)..<close].split(separator: "|", omittingEmptySubsequences: false)
            out += forms[min(gender.rawValue, forms.count - 1)]
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
