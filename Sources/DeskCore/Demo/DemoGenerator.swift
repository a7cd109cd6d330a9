import Foundation

/// Options of `cdesk demo`.
public struct DemoOptions: Sendable {
    public var seed: UInt64
    public var customers: Int
    public var tickets: Int
    /// The moment the data set is built around; ages and SLA times are relative to it.
    public var now: Date

    public init(seed: UInt64 = 1, customers: Int = 400, tickets: Int = 1500, now: Date = Date()) {
        self.seed = seed; self.customers = customers; self.tickets = tickets; self.now = now
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

    private func makeCustomer(_ index: Int, state: inout State, into batch: inout RecordBatch) {
        var rng = state.rng
        defer { state.rng = rng }
        let customerID = "C" + DemoText.padded(index + 1, 6)
        let (name, email) = Self.person(&rng, index: index)
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

        for _ in 0..<Int(complaintCounts[index]) {
            makeTicket(customer: customer, orders: &orders, state: &state, rng: &rng, into: &batch)
        }
        batch.orders.append(contentsOf: orders)
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


    private func makeTicket(customer: Customer, orders: inout [Order], state: inout State,
                            rng: inout SeededRandom, into batch: inout RecordBatch) {
        state.ticketNumber += 1
        let ticketID = String(state.ticketNumber + 10_000)
        // Recent complaints are denser: most of the work is fresh.
        let u = rng.unit()
        let created = max(now - Int64(u * u * u * 365 * Double(Self.day)) - Int64(rng.int(60...3600)),
                          customer.joinedAt.seconds + 3600)
        let order = orders.last(where: { $0.placedAt.seconds < created })
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
        let age = now - created
        let status: TicketStatus = age < Self.day ? rng.weighted([(.new, 5), (.open, 4), (.waiting, 1)])
            : age < 7 * Self.day ? rng.weighted([(.open, 4), (.waiting, 2), (.resolved, 4)])
            : age < 30 * Self.day ? rng.weighted([(.resolved, 80), (.closed, 17), (.open, 2), (.waiting, 1)])
            : rng.weighted([(.resolved, 80), (.closed, 20)])
        let slaDue = SLAPolicy.standard.resolutionDue(created: Date(seconds: created), priority: priority).seconds
        let firstResponse: Int64? = status == .new ? nil : min(created + Int64(rng.int(5...720)) * 60, now)
        let isDone = status == .resolved || status == .closed
        let resolved: Int64? = isDone ? min((firstResponse ?? created) + Int64(rng.int(1...120)) * 3600, now) : nil
        let assignee: String? = status == .new && rng.chance(0.7) ? nil : rng.pick(DemoText.agents)

        let template = rng.pick(DemoText.subjects[reason] ?? ["?"])
        let subject = DemoText.fill(template) { $0 == "order" ? order?.id ?? "—" : nil }
        batch.tickets.append(Ticket(
            id: ticketID, customerID: customer.id, orderID: order?.id, channel: channel, reason: reason,
            subject: subject, status: status, priority: priority, fault: isDone ? fault : (rng.chance(0.5) ? fault : .unknown),
            assignee: assignee, createdAt: Date(seconds: created), firstResponseAt: firstResponse.map(Date.init(seconds:)),
            resolvedAt: resolved.map(Date.init(seconds:)), slaDueAt: Date(seconds: slaDue),
            firstResponseDueAt: SLAPolicy.standard.firstResponseDue(created: Date(seconds: created), priority: priority),
            updatedAt: Date(seconds: resolved ?? firstResponse ?? created), version: 1))

        makeThread(ticketID: ticketID, subject: subject, customer: customer, order: order, channel: channel,
                   created: created, firstResponse: firstResponse, end: resolved ?? now, rng: &rng, into: &batch)

        guard let resolved else { return }
        let given = makeCompensation(ticketID: ticketID, customer: customer, reason: reason, fault: fault,
                                     at: resolved - 600, agent: assignee ?? "anna.k", state: &state, rng: &rng, into: &batch)
        let resolution: Resolution = rng.chance(0.02) ? .duplicate
            : reason == .wrongItem && rng.chance(0.5) ? .replaced
            : reason == .productQuality && rng.chance(0.2) ? .refunded
            : given.contains(where: { $0 != .apology }) ? .compensated
            : reason == .movedRegion || reason == .other ? .noAction : .explained
        let satisfaction: Int? = rng.chance(0.6)
            ? (resolution == .compensated || resolution == .replaced ? rng.weighted([(5, 5), (4, 3), (3, 1), (2, 1)])
               : rng.weighted([(5, 2), (4, 2), (3, 3), (2, 2), (1, 1)]))
            : nil
        batch.outcomes.append(Outcome(ticketID: ticketID, resolution: resolution, satisfaction: satisfaction,
                                      note: rng.chance(0.2) ? "Клиент доволен решением" : nil))

        // Some come back with a new order after the resolution; with the rest of their
        // history this gives a recovery rate near the 60% the shop expects.
        if reason != .movedRegion, rng.chance(0.3) {
            let placed = resolved + Int64(rng.int(3...75)) * Self.day + Int64(rng.int(0...86_000))
            if placed < now {
                orders.append(makeOrder(customerID: customer.id, at: Int(placed), state: &state, rng: &rng))
                orders.sort { $0.placedAt < $1.placedAt }
            }
        }
        let cameBack = orders.contains { $0.placedAt.seconds > resolved && $0.status != .cancelled }
        let windowOver = now - resolved > 90 * Self.day
        let recovery: RecoveryState = cameBack ? .recovered
            : windowOver ? .lost
            : rng.weighted([(.atRisk, 4), (.contacted, 3), (.offered, 3)])
        let followUp: Int64? = recovery == .recovered || recovery == .lost ? nil
            : resolved + Int64(rng.int(3...30)) * Self.day
        batch.recoveries.append(Recovery(ticketID: ticketID, customerID: customer.id, state: recovery,
                                         followUpOn: followUp.map(Date.init(seconds:)),
                                         updatedAt: Date(seconds: min(resolved + 3 * Self.day, now))))
    }

    private func makeThread(ticketID: String, subject: String, customer: Customer, order: Order?, channel: Channel,
                            created: Int64, firstResponse: Int64?, end: Int64, rng: inout SeededRandom,
                            into batch: inout RecordBatch) {
        let firstName = customer.name.split(separator: " ").first.map(String.init) ?? customer.name
        func fill(_ text: String) -> String {
            DemoText.fill(text) { key in
                switch key {
                case "subject": subject
                case "name": firstName
                case "order": order?.id ?? ""
                case "channel": channel.rawValue
                default: nil
                }
            }
        }
        batch.messages.append(Message(ticketID: ticketID, author: .customer, body: fill(rng.pick(DemoText.customerOpeners)),
                                      isInternal: false, at: Date(seconds: created)))
        guard let firstResponse else { return }
        batch.messages.append(Message(ticketID: ticketID, author: .agent, body: fill(rng.pick(DemoText.agentReplies)),
                                      isInternal: false, at: Date(seconds: firstResponse)))
        let more = rng.int(0...4)
        var at = firstResponse
        for i in 0..<more {
            at = min(at + Int64(rng.int(10...600)) * 60, max(end, at))
            let (author, body, isInternal): (Author, String, Bool) = switch rng.int(0...9) {
            case 0...3: (.customer, rng.pick(DemoText.customerFollowUps), false)
            case 4...6: (.agent, rng.pick(DemoText.agentReplies), false)
            case 7...8: (.agent, rng.pick(DemoText.internalNotes), true)
            default: (.system, rng.pick(DemoText.systemMessages), false)
            }
            batch.messages.append(Message(ticketID: ticketID, author: author, body: fill(body),
                                          isInternal: isInternal, at: Date(seconds: at + Int64(i))))
        }
    }

    /// What the shop usually gave for such a complaint (the playbook of the seeds).
    private func makeCompensation(ticketID: String, customer: Customer, reason: Reason, fault: Fault, at: Int64,
                                  agent: String, state: inout State, rng: inout SeededRandom,
                                  into batch: inout RecordBatch) -> [CompensationKind] {
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
        for (kind, value) in kinds {
            state.compensationNumber += 1
            let code = kind == .apology ? nil : PromoCode.sequential(state.compensationNumber, salt: options.seed)
            batch.compensations.append(Compensation(
                ticketID: ticketID, customerID: customer.id, kind: kind, value: value, promoCode: code, agent: agent,
                at: Date(seconds: at), state: rng.weighted([(.accepted, 7), (.offered, 2), (.declined, 1)])))
        }
        return kinds.map(\.0)
    }

    private static func person(_ rng: inout SeededRandom, index: Int) -> (name: String, email: String) {
        let name: String
        var local: String
        switch rng.int(0...99) {
        case 0...1:
            name = rng.pick(DemoText.longNames)
            local = "long.name"
        case 2...5:
            name = rng.pick(DemoText.cjkNames)
            local = "user"
        case 6...19:
            let first = rng.pick(DemoText.latinFirst), last = rng.pick(DemoText.latinLast)
            name = "\(first) \(last)"
            local = "\(first).\(last)".lowercased().filter { $0.isASCII && ($0.isLetter || $0 == ".") }
        default:
            let surname = rng.pick(DemoText.surnames)
            let male = rng.chance(0.5)
            let first = male ? rng.pick(DemoText.maleFirst) : rng.pick(DemoText.femaleFirst)
            let last = male ? surname.male : surname.female
            name = "\(first) \(last)"
            local = transliterate(first) + "." + transliterate(last)
        }
        local += String(index % 1000)
        return (name, "\(local)@\(rng.pick(DemoText.mailDomains))")
    }

    private static func transliterate(_ text: String) -> String {
        text.lowercased().map { DemoText.translit[$0] ?? ($0.isASCII ? String($0) : "") }.joined()
    }
}
