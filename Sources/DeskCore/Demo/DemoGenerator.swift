import Foundation

/// Options of `cdesk demo`.
public struct DemoOptions: Sendable {
    public var seed: UInt64
    public var customers: Int
    public var tickets: Int
    /// The moment the data set is built around; ages and SLA times are relative to it.
    public var now: Date
    /// The policy's recovery window: the generator settles its complaints' win-back as the
    /// start-of-shift sweep would at `now` with this window, so none is left for the sweep.
    public var recoveryWindowDays: Int

    public init(seed: UInt64 = 1, customers: Int = 400, tickets: Int = 1500, now: Date = Date(),
                recoveryWindowDays: Int = CompensationPolicy.standard.recoveryWindowDays) {
        self.seed = seed; self.customers = customers; self.tickets = tickets; self.now = now
        self.recoveryWindowDays = recoveryWindowDays
    }
}

/// Builds a realistic, deterministic demo store: the same options give the same rows.
///
/// Customers are generated one after another with everything that belongs to them, so a
/// batch is complete in itself and memory stays flat however large the store.
public struct DemoGenerator: Sendable {
    public let options: DemoOptions
    private let now: Int64
    /// How many complaints each customer has: a few customers complain a lot.
    private let complaintCounts: [Int32]

    public init(options: DemoOptions) {
        self.options = options
        now = options.now.seconds
        var rng = SeededRandom(seed: options.seed ^ 0xC0FF_EE00)
        var counts = [Int32](repeating: 0, count: max(options.customers, 1))
        let n = counts.count
        for _ in 0..<options.tickets {
            // Skewed towards the first customers of a random stripe: repeat complainers.
            let u = rng.unit()
            let index = rng.chance(0.3) ? Int(u * u * u * Double(n)) : Int(u * Double(n))
            counts[min(index, n - 1)] += 1
        }
        complaintCounts = counts
    }

    /// Calls `body` with consecutive batches of about `batchSize` customers.
    public func generate(batchSize: Int = 2000, _ body: (RecordBatch) throws -> Void) rethrows {
        var state = State(seed: options.seed)
        var start = 0
        while start < complaintCounts.count {
            let end = min(start + batchSize, complaintCounts.count)
            var batch = RecordBatch()
            for index in start..<end {
                makeCustomer(index, state: &state, into: &batch)
            }
            try body(batch)
            start = end
        }
    }

    private struct State {
        var rng: SeededRandom
        var orderNumber = 0
        var ticketNumber = 0
        var compensationNumber = 0
        init(seed: UInt64) { rng = SeededRandom(seed: seed) }
    }

    private static let day: Int64 = 86_400

    /// Who a demo customer is beyond their record: the gender their sentences take and the
    /// one language they write in.
    private struct Persona {
        let gender: DemoGender
        let language: DemoLanguage
        /// How an agent addresses them: the first name, or name and patronymic.
        let address: String
    }

    private func makeCustomer(_ index: Int, state: inout State, into batch: inout RecordBatch) {
        var rng = state.rng
        defer { state.rng = rng }
        let customerID = "C" + DemoText.padded(index + 1, 6)
        let (name, email, persona) = Self.person(&rng, index: index)
        let tier: Tier = rng.weighted([(.regular, 75), (.loyal, 20), (.vip, 5)])
        let joined = now - Int64(rng.int(30...1800)) * Self.day
        let customer = Customer(
            id: customerID, name: name, email: email,
            phone: rng.chance(0.85) ? "+7 9\(DemoText.padded(rng.int(0...99), 2)) \(DemoText.padded(rng.int(0...999), 3))-\(DemoText.padded(rng.int(0...99), 2))-\(DemoText.padded(rng.int(0...99), 2))" : nil,
            region: rng.pick(DemoText.regions), tier: tier,
            referrals: tier == .vip ? rng.int(2...15) : (rng.chance(0.1) ? rng.int(1...3) : 0),
            joinedAt: Date(seconds: joined))
        batch.customers.append(customer)

        // Order history: repeat buyers, some returns and cancellations.
        let orderCount = 1 + min(Int(-log(1 - rng.unit() * 0.999) * (tier == .regular ? 2.5 : 6)), 40)
        var orders: [Order] = []
        for _ in 0..<orderCount {
            // The order history lies mostly behind the complaints; coming back is the win-back's doing.
            let latest = rng.chance(0.85) ? max(joined, now - 200 * Self.day) : now - 3600
            orders.append(makeOrder(customerID: customerID, at: rng.int(Int(joined)...Int(max(joined, latest))), state: &state, rng: &rng))
        }
        orders.sort { $0.placedAt < $1.placedAt }

        let firstTicket = batch.tickets.count, firstRecovery = batch.recoveries.count
        for _ in 0..<Int(complaintCounts[index]) {
            makeTicket(customer: customer, persona: persona, orders: &orders, state: &state, rng: &rng, into: &batch)
        }
        settleRecoveries(&batch, tickets: firstTicket, recoveries: firstRecovery, orders: orders)
        batch.orders.append(contentsOf: orders)
    }

    /// Settles a customer's followed complaints (the batch's recoveries from `recoveries`,
    /// of its tickets from `tickets`) as the start-of-shift sweep would at `now`
    /// (`RecoveryRules`): once all the customer's orders are known, a complaint followed by
    /// an order (not cancelled) within the window is recovered, when that order came; one
    /// whose window has passed is lost, when it passed.
    private func settleRecoveries(_ batch: inout RecordBatch, tickets: Int, recoveries: Int, orders: [Order]) {
        let window = Int64(options.recoveryWindowDays) * Self.day
        // A customer may have thousands of complaints (the first ones of a large demo).
        var resolvedAt: [String: Int64] = [:]
        for ticket in batch.tickets[tickets...] { resolvedAt[ticket.id] = ticket.resolvedAt?.seconds }
        for r in recoveries..<batch.recoveries.count where !batch.recoveries[r].state.isFinal {
            guard let resolved = resolvedAt[batch.recoveries[r].ticketID] else { continue }
            if let order = orders.first(where: {
                $0.placedAt.seconds > resolved && $0.placedAt.seconds <= resolved + window && $0.status != .cancelled
            }) {
                batch.recoveries[r].state = .recovered
                batch.recoveries[r].updatedAt = order.placedAt
            } else if resolved + window < now {
                batch.recoveries[r].state = .lost
                batch.recoveries[r].updatedAt = Date(seconds: resolved + window)
            } else {
                continue
            }
            batch.recoveries[r].followUpOn = nil
        }
    }

    private func makeOrder(customerID: String, at placed: Int, state: inout State, rng: inout SeededRandom) -> Order {
        state.orderNumber += 1
        let age = now - Int64(placed)
        let status: OrderStatus = age < 2 * Self.day ? rng.weighted([(.placed, 6), (.shipped, 3), (.cancelled, 1)])
            : age < 7 * Self.day ? rng.weighted([(.shipped, 5), (.delivered, 4), (.cancelled, 1)])
            : rng.weighted([(.delivered, 88), (.returned, 8), (.cancelled, 4)])
        let total = Int64(rng.int(290...45_000)) * 100 + Int64(rng.pick([0, 0, 50, 90]))
        let fee: Int64 = total > 300_000 ? 0 : Int64(rng.pick([0, 199, 299, 390, 490])) * 100
        let delivered: Int64? = status == .delivered || status == .returned
            ? Int64(placed) + Int64(rng.int(1...9)) * Self.day : nil
        return Order(id: "O" + DemoText.padded(state.orderNumber, 7), customerID: customerID,
                     placedAt: Date(seconds: Int64(placed)), total: Money(minor: total), deliveryFee: Money(minor: fee),
                     status: status, deliveredAt: delivered.map { Date(seconds: min($0, now)) })
    }

    /// Where a complaint of this age stands. Within its SLA most are still being worked
    /// (unanswered only while the first answer is not yet due); past it, a few stragglers
    /// are still open and the rest settled, some closed after two weeks.
    private static func status(age: Int64, answerWindow: Int64, resolveWindow: Int64,
                               rng: inout SeededRandom) -> TicketStatus {
        if age < resolveWindow {
            guard rng.chance(0.92 - 0.45 * Double(age) / Double(resolveWindow)) else { return .resolved }
            let unanswered = rng.chance(age < answerWindow ? 0.6 : 0.03)
            return unanswered ? .new : rng.weighted([(.open, 7), (.waiting, 3)])
        }
        let straggling = age < 7 * day ? 0.04 : age < 30 * day ? 0.01 : 0
        if rng.chance(straggling) { return rng.weighted([(.open, 3), (.waiting, 2)]) }
        return age > 14 * day && rng.chance(0.2) ? .closed : .resolved
    }

    /// Complaints that are about one order, and so name it.
    private static let aboutAnOrder: Set<Reason> = [.productQuality, .wrongItem, .deliveryDelay, .deliveryCost,
                                                    .competitorPrice, .misuse]

    private func makeTicket(customer: Customer, persona: Persona, orders: inout [Order], state: inout State,
                            rng: inout SeededRandom, into batch: inout RecordBatch) {
        state.ticketNumber += 1
        let ticketID = String(state.ticketNumber + 10_000)
        // Recent complaints are denser (the shop grows), and most are long settled.
        let created = max(now - Int64(pow(rng.unit(), 1.75) * 365 * Double(Self.day)) - Int64(rng.int(60...3600)),
                          customer.joinedAt.seconds + 3600)
        let reason: Reason = rng.weighted([(.productQuality, 22), (.wrongItem, 10), (.deliveryDelay, 20), (.deliveryCost, 10),
                                           (.competitorPrice, 9), (.service, 12), (.movedRegion, 3), (.misuse, 8), (.other, 6)])
        let channel: Channel = rng.weighted([(.email, 30), (.chat, 25), (.phone, 18), (.marketplace, 12), (.review, 9), (.sms, 6)])
        let priority: Priority = customer.tier == .vip
            ? rng.weighted([(.normal, 3), (.high, 5), (.urgent, 2)])
            : rng.weighted([(.low, 15), (.normal, 60), (.high, 20), (.urgent, 5)])
        let fault: Fault = switch reason {
        case .productQuality, .wrongItem, .service: rng.weighted([(.shop, 8), (.unknown, 2)])
        case .deliveryDelay: rng.weighted([(.carrier, 7), (.shop, 2), (.unknown, 1)])
        case .misuse: .customer
        case .movedRegion: rng.weighted([(.customer, 5), (.unknown, 5)])
        case .deliveryCost, .competitorPrice, .other: rng.weighted([(.unknown, 7), (.shop, 3)])
        }
        let target = SLAPolicy.standard.target(priority)
        let answerWindow = target.firstResponseHours * 3600, resolveWindow = target.resolutionHours * 3600
        let status = Self.status(age: now - created, answerWindow: answerWindow, resolveWindow: resolveWindow, rng: &rng)
        let isDone = !status.isActive
        let firstResponse: Int64?
        if status == .new {
            firstResponse = nil
        } else {
            // Answered within the target, but a few settled cases waited up to twice as long.
            let late = isDone && rng.chance(0.1)
            let span = late ? answerWindow : min(answerWindow, now - created)
            firstResponse = min(created + (late ? answerWindow : 0) + 120 + Int64(rng.unit() * Double(max(span - 120, 1))), now)
        }
        var resolved: Int64?
        if isDone {
            let from = firstResponse ?? created
            let deadline = created + resolveWindow
            let latest = now < deadline ? now : rng.chance(0.12) ? deadline + 2 * resolveWindow : deadline
            resolved = min(from + 600 + Int64(rng.unit() * Double(max(latest - from - 600, 0))), now)
        }
        let agent = rng.pick(DemoText.agents)
        let assignee: String? = status == .new && rng.chance(0.7) ? nil : agent.login

        // A complaint about a delivery or a product is about a recent order: a customer whose
        // last one is older placed one shortly before complaining. Only where someone will
        // look: the open complaints and those of the last two weeks.
        if Self.aboutAnOrder.contains(reason), !isDone || now - created < 14 * Self.day,
           orders.last(where: { $0.placedAt.seconds < created }).map({ created - $0.placedAt.seconds > 30 * Self.day }) ?? true {
            orders.append(makeComplaintOrder(customer: customer, reason: reason, created: created, settled: resolved,
                                             state: &state, rng: &rng))
            orders.sort { $0.placedAt < $1.placedAt }
        }
        let order = orders.last(where: { $0.placedAt.seconds < created })

        let voice = DemoPhrases.book(persona.language, persona.gender)
        let agentVoice = DemoPhrases.book(persona.language, agent.gender)
        let kind = voice.complaintIndex(reason, &rng)
        let complaint = voice.complaint(reason, kind)
        var values = Placeholders(name: persona.address, order: order, language: persona.language)
        let subject = DemoText.fill(complaint.subjects.pick(&rng, hasOrder: order != nil)) { values[$0] }
        let opener = DemoText.fill(complaint.bodies.pick(&rng, hasOrder: order != nil)) { values[$0] }
        batch.tickets.append(Ticket(
            id: ticketID, customerID: customer.id, orderID: order?.id, channel: channel, reason: reason,
            subject: subject, status: status, priority: priority, fault: isDone ? fault : (rng.chance(0.5) ? fault : .unknown),
            assignee: assignee, createdAt: Date(seconds: created), firstResponseAt: firstResponse.map(Date.init(seconds:)),
            resolvedAt: resolved.map(Date.init(seconds:)), slaDueAt: Date(seconds: created + resolveWindow),
            firstResponseDueAt: Date(seconds: created + answerWindow),
            updatedAt: Date(seconds: resolved ?? firstResponse ?? created), version: 1))
        batch.messages.append(Message(ticketID: ticketID, author: .customer, body: opener, isInternal: false,
                                      at: Date(seconds: created)))

        // What the agent says about this kind of complaint, where it has words of its own.
        let agentWords = agentVoice.complaint(reason, kind)
        var thread = ThreadPlan(ticketID: ticketID, reason: reason, status: status, customer: voice, agent: agentVoice,
                                agentGender: agent.gender, agentLogin: agent.login, hasOrder: order != nil, created: created,
                                firstResponse: firstResponse, resolved: resolved,
                                answer: agentWords.answers.isEmpty ? agentVoice.firstReplies[reason] : agentWords.answers)
        guard let resolved else {
            makeThread(thread, values: values, rng: &rng, into: &batch)
            return
        }
        let given = makeCompensation(ticketID: ticketID, customer: customer, reason: reason, fault: fault,
                                     at: resolved - 600, agent: agent.login, state: &state, rng: &rng, into: &batch)
        let resolution: Resolution = rng.chance(0.02) ? .duplicate
            : reason == .wrongItem && rng.chance(0.5) ? .replaced
            : reason == .productQuality && rng.chance(0.2) ? .refunded
            : given.contains(where: { $0.kind != .apology }) ? .compensated
            : reason == .movedRegion || reason == .other ? .noAction : .explained
        let satisfaction: Int? = rng.chance(0.6)
            ? (resolution == .compensated || resolution == .replaced ? rng.weighted([(5, 5), (4, 3), (3, 1), (2, 1)])
               : rng.weighted([(5, 2), (4, 2), (3, 3), (2, 2), (1, 1)]))
            : nil
        if let primary = given.first(where: { $0.kind != .apology }) {
            values.code = primary.code ?? ""
            values.value = String(primary.value)
        }
        if let bonus = given.first(where: { $0.kind == .bonus }) { values.bonus = String(bonus.value) }
        let explanation = agentWords.explanations.isEmpty ? agentVoice.closings.settled[reason] : agentWords.explanations
        thread.closing = Self.closing(agentVoice.closings, resolution: resolution, explanation: explanation,
                                      given: given.map(\.kind))
        thread.satisfaction = satisfaction
        makeThread(thread, values: values, rng: &rng, into: &batch)
        batch.outcomes.append(Outcome(ticketID: ticketID, resolution: resolution, satisfaction: satisfaction,
                                      note: (satisfaction ?? 0) >= 4 && rng.chance(0.3) ? "Клиент доволен решением" : nil))

        // Some come back with a new order after the resolution; with the rest of their
        // history this gives a recovery rate near the 60% the shop expects.
        if reason != .movedRegion, rng.chance(0.1) {
            let placed = resolved + Int64(rng.int(3...75)) * Self.day + Int64(rng.int(0...86_000))
            if placed < now {
                orders.append(makeOrder(customerID: customer.id, at: Int(placed), state: &state, rng: &rng))
                orders.sort { $0.placedAt < $1.placedAt }
            }
        }
        let cameBack = orders.contains { $0.placedAt.seconds > resolved && $0.status != .cancelled }
        let windowOver = now - resolved > Int64(options.recoveryWindowDays) * Self.day
        let recovery: RecoveryState = cameBack ? .recovered
            : windowOver ? .lost
            : rng.weighted([(.atRisk, 4), (.contacted, 3), (.offered, 3)])
        let followUp: Int64? = recovery == .recovered || recovery == .lost ? nil
            : resolved + Int64(rng.int(3...30)) * Self.day
        batch.recoveries.append(Recovery(ticketID: ticketID, customerID: customer.id, state: recovery,
                                         followUpOn: followUp.map(Date.init(seconds:)),
                                         updatedAt: Date(seconds: min(resolved + 3 * Self.day, now))))
    }

    /// The order a recent complaint is about, placed days before it: still on its way while
    /// a late delivery is being chased, delivered before a complaint about what came.
    private func makeComplaintOrder(customer: Customer, reason: Reason, created: Int64, settled: Int64?,
                                    state: inout State, rng: inout SeededRandom) -> Order {
        let daysBefore = reason == .deliveryDelay ? rng.int(4...10) : rng.int(2...14)
        let placed = max(created - Int64(daysBefore) * Self.day - Int64(rng.int(0...80_000)), customer.joinedAt.seconds)
        var order = makeOrder(customerID: customer.id, at: Int(placed), state: &state, rng: &rng)
        switch reason {
        case .deliveryDelay:
            order.status = settled == nil ? .shipped : .delivered
            order.deliveredAt = settled.map { Date(seconds: $0) }
        case .competitorPrice:
            break
        default:
            order.status = .delivered
            order.deliveredAt = Date(seconds: min(placed + Int64(rng.int(1...3)) * Self.day, created - 3600))
        }
        return order
    }

    /// The values a phrase's placeholders take in one ticket.
    private struct Placeholders {
        let name: String
        let order: Order?
        let language: DemoLanguage
        var code = "", value = "", bonus = ""

        subscript(key: Substring) -> String? {
            switch key {
            case "name": name
            case "order": order?.id ?? ""
            case "date": order.map { DemoText.day($0.placedAt.seconds, language) } ?? ""
            case "code": code
            case "value": value
            case "bonus": bonus
            default: nil
            }
        }
    }

    /// What a ticket's thread after the opening complaint is made from.
    private struct ThreadPlan {
        let ticketID: String
        let reason: Reason
        let status: TicketStatus
        /// The customer's voice, and the assigned agent's in the customer's language.
        let customer, agent: DemoPhrasebook
        let agentGender: DemoGender
        /// Who answers: the thread names them on each reply and note.
        let agentLogin: String
        let hasOrder: Bool
        let created: Int64
        let firstResponse, resolved: Int64?
        /// The agent's first answer.
        let answer: DemoPool?
        /// How the agent settles it (resolved tickets).
        var closing: DemoPool?
        var satisfaction: Int?
    }

    /// The exchange after the complaint: the agent's first answer; then, while the case is
    /// open, the customer adding to it or the agent asking for what is needed; once settled,
    /// the agent's closing message, and often the customer's word on it.
    private func makeThread(_ t: ThreadPlan, values: Placeholders, rng: inout SeededRandom, into batch: inout RecordBatch) {
        var last = t.created
        func add(_ author: Author, _ pool: DemoPool?, at time: Int64, isInternal: Bool = false) {
            let at = max(time, last + 60)
            guard let pool, at <= now else { return }
            let text = pool.pick(&rng, hasOrder: t.hasOrder)
            guard !text.isEmpty else { return }
            last = at
            let body = DemoText.fill(text) { values[$0] }
            batch.messages.append(Message(ticketID: t.ticketID, author: author, body: body, isInternal: isInternal,
                                          at: Date(seconds: at), agent: author == .agent ? t.agentLogin : nil))
        }
        /// A moment between the last message and `end`.
        func before(_ end: Int64) -> Int64 { last + Int64(rng.unit() * Double(max(end - last, 0))) }
        func customerAddition() -> DemoPool? { rng.chance(0.7) ? t.customer.followUps[t.reason] : t.customer.nudges }

        guard let answered = t.firstResponse else {
            if rng.chance(0.3) { add(.customer, t.customer.nudges, at: before(now)) }
            return
        }
        add(.agent, t.answer, at: answered)
        if rng.chance(0.15) {
            add(.agent, DemoPhrases.notes[t.agentGender.rawValue][t.reason], at: answered + Int64(rng.int(2...40)) * 60,
                isInternal: true)
        }
        switch t.status {
        case .new, .open:
            if rng.chance(0.5) { add(.customer, customerAddition(), at: before(now)) }
        case .waiting:
            if rng.chance(0.3) { add(.customer, customerAddition(), at: before(now)) }
            add(.agent, t.agent.asks[t.reason], at: before(now))
        case .resolved, .closed:
            let resolved = t.resolved ?? now
            if rng.chance(0.35) { add(.customer, customerAddition(), at: before(resolved - 600)) }
            add(.agent, t.closing, at: resolved - 300)
            guard let satisfaction = t.satisfaction else { return }
            if rng.chance(0.6), satisfaction != 3 {
                add(.customer, satisfaction >= 4 ? t.customer.thanks : t.customer.disappointed,
                    at: resolved + Int64(rng.int(10...2880)) * 60)
            }
            if rng.chance(0.1) {
                add(.system, DemoPhrases.ratings[satisfaction - 1], at: resolved + Int64(rng.int(1...3)) * Self.day)
            }
        }
    }

    /// The agent's closing message for what was decided and given.
    private static func closing(_ closings: DemoPhrasebook.Closings, resolution: Resolution, explanation: DemoPool?,
                                given: [CompensationKind]) -> DemoPool? {
        switch resolution {
        case .duplicate: return closings.duplicate
        case .refunded: return closings.refunded
        case .replaced: return closings.replaced
        case .compensated where given.contains(.discount):
            return given.contains(.bonus) ? closings.discountAndBonus : closings.discount
        case .compensated where given.contains(.freeDelivery): return closings.freeDelivery
        case .compensated where given.contains(.bonus): return closings.bonus
        case .compensated, .explained, .noAction: return explanation
        }
    }

    /// What the shop usually gave for such a complaint (the playbook of the seeds).
    private func makeCompensation(ticketID: String, customer: Customer, reason: Reason, fault: Fault, at: Int64,
                                  agent: String, state: inout State, rng: inout SeededRandom,
                                  into batch: inout RecordBatch) -> [(kind: CompensationKind, value: Int64, code: String?)] {
        var kinds: [(CompensationKind, Int64)] = []
        switch (reason, fault) {
        case (.misuse, _), (.movedRegion, _), (_, .customer):
            if rng.chance(0.3) { kinds.append((.apology, 0)) }
        case (.deliveryCost, _), (.deliveryDelay, .carrier):
            kinds.append((.freeDelivery, 0))
        case (.competitorPrice, _):
            kinds.append((.discount, Int64(rng.pick([5, 7, 10]))))
        case (.service, _):
            kinds.append((.apology, 0))
            if rng.chance(0.5) { kinds.append((.bonus, Int64(rng.pick([200, 300, 500])))) }
        case (_, .shop):
            kinds.append((.discount, Int64(rng.pick([10, 10, 15]))))
            if rng.chance(0.4) || customer.tier == .vip { kinds.append((.bonus, 500)) }
        default:
            if rng.chance(0.5) { kinds.append((.apology, 0)) }
        }
        return kinds.map { kind, value in
            state.compensationNumber += 1
            let code = kind == .apology ? nil : PromoCode.sequential(state.compensationNumber, salt: options.seed)
            batch.compensations.append(Compensation(
                ticketID: ticketID, customerID: customer.id, kind: kind, value: value, promoCode: code, agent: agent,
                at: Date(seconds: at), state: rng.weighted([(.accepted, 7), (.offered, 2), (.declined, 1)])))
            return (kind, value, code)
        }
    }

    private static func person(_ rng: inout SeededRandom, index: Int) -> (name: String, email: String, persona: Persona) {
        let name: String, address: String, gender: DemoGender, language: DemoLanguage
        var local: String
        switch rng.int(0...99) {
        case 0...1:
            let long = rng.pick(DemoText.longNames)
            (name, gender, address, language) = (long.name.name, long.name.gender, long.address, long.language)
            local = "long.name"
        case 2...5:
            let cjk = rng.pick(DemoText.cjkNames)
            (name, gender, address) = (cjk.name, cjk.gender, cjk.name)
            language = rng.chance(0.65) ? .english : .russian
            local = "user"
        case 6...19:
            let first = rng.pick(DemoText.latinFirst), last = rng.pick(DemoText.latinLast)
            (name, gender, address, language) = (first.name + " " + last, first.gender, first.name, .english)
            local = "\(first.name).\(last)".lowercased().filter { $0.isASCII && ($0.isLetter || $0 == ".") }
        default:
            let surname = rng.pick(DemoText.surnames)
            let male = rng.chance(0.5)
            let first = male ? rng.pick(DemoText.maleFirst) : rng.pick(DemoText.femaleFirst)
            let last = male ? surname.male : surname.female
            (name, gender, address, language) = (first + " " + last, male ? .male : .female, first, .russian)
            local = transliterate(first) + "." + transliterate(last)
        }
        local += String(index % 1000)
        return (name, "\(local)@\(rng.pick(DemoText.mailDomains))", Persona(gender: gender, language: language, address: address))
    }

    private static func transliterate(_ text: String) -> String {
        text.lowercased().map { DemoText.translit[$0] ?? ($0.isASCII ? String($0) : "") }.joined()
    }
}
