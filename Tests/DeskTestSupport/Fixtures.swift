import DeskCore
import Foundation

/// Stores with known contents for tests.
public enum Fixtures {
    /// A fixed "now" so that ages and SLA times in tests never drift.
    public static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    public static func temporaryPath(_ name: String = "store") -> String {
        Scratch.path("test-\(name)") + "/desk.sqlite"
    }

    public static func emptyStore() throws -> Store {
        try Store(path: temporaryPath())
    }

    public static func customer(_ id: String, _ name: String, tier: Tier = .regular) -> Customer {
        Customer(id: id, name: name, email: "\(id.lowercased())@example.com", phone: "+7 900 000-00-\(id.suffix(2))",
                 region: "Москва", tier: tier, referrals: 0, joinedAt: now.addingTimeInterval(-400 * 86_400))
    }

    public static func ticket(_ id: String, customer: String, subject: String, hoursAgo: Double, slaHours: Double,
                              status: TicketStatus = .open, reason: Reason = .deliveryDelay,
                              priority: Priority = .normal, answeredHoursAgo: Double? = nil) -> Ticket {
        let created = now.addingTimeInterval(-hoursAgo * 3600)
        return Ticket(id: id, customerID: customer, orderID: nil, channel: .email, reason: reason, subject: subject,
                      status: status, priority: priority, fault: .unknown, assignee: nil, createdAt: created,
                      firstResponseAt: answeredHoursAgo.map { now.addingTimeInterval(-$0 * 3600) },
                      resolvedAt: status.isActive ? nil : now, slaDueAt: now.addingTimeInterval(slaHours * 3600),
                      firstResponseDueAt: SLAPolicy.standard.firstResponseDue(created: created, priority: priority),
                      updatedAt: created, version: 1)
    }

    /// Three customers (Cyrillic, CJK, Latin) with one open ticket each, SLA due in that order.
    public static func smallStore() throws -> Store {
        let store = try emptyStore()
        var batch = RecordBatch()
        batch.customers = [customer("C01", "Анна Петрова", tier: .vip), customer("C02", "王伟"), customer("C03", "John Smith")]
        batch.tickets = [
            ticket("T1", customer: "C01", subject: "Заказ задерживается", hoursAgo: 30, slaHours: -2, priority: .high),
            ticket("T2", customer: "C02", subject: "Wrong colour", hoursAgo: 5, slaHours: 3, reason: .wrongItem),
            ticket("T3", customer: "C03", subject: "Chair wobbles", hoursAgo: 2, slaHours: 40, reason: .productQuality),
        ]
        batch.messages = [
            Message(ticketID: "T1", author: .customer, body: "Где мой заказ?\nЖду уже неделю.", isInternal: false,
                    at: now.addingTimeInterval(-30 * 3600)),
            Message(ticketID: "T1", author: .agent, body: "Проверяем у курьера.", isInternal: true,
                    at: now.addingTimeInterval(-29 * 3600)),
        ]
        try store.add(batch, agent: "test")
        return store
    }

    /// One customer with one open ticket T1, at `path` (so a second handle can open it too).
    public static func oneTicketStore(at path: String) throws -> Store {
        let store = try Store(path: path)
        try store.add(RecordBatch(customers: [customer("C01", "Анна")],
                                  tickets: [ticket("T1", customer: "C01", subject: "s", hoursAgo: 1, slaHours: 1)]),
                      agent: "test")
        return store
    }

    /// `count` open tickets of one customer, ticket i due in i hours: for paging tests.
    public static func longQueue(_ count: Int) throws -> Store {
        let store = try emptyStore()
        var batch = RecordBatch(customers: [customer("C01", "Ольга Смирнова")])
        for i in 0..<count {
            batch.tickets.append(ticket("T\(1000 + i)", customer: "C01", subject: "Вопрос \(i)", hoursAgo: 1,
                                        slaHours: Double(i + 1)))
        }
        try store.add(batch, agent: "test")
        return store
    }
}

extension Fixtures {
    /// A small desk with everything the screens show: open complaints of every kind, a
    /// customer given eight compensations (some revoked or declined), resolved and closed
    /// cases with outcomes, complaints being won back (one follow-up overdue, one due today),
    /// replies and notes by named agents. For whole-screen golden tests.
    public static func desk() throws -> Store {
        let store = try emptyStore()
        try store.add(deskBatch(), agent: "test")
        return store
    }

    /// What `desk()` holds, for any store.
    public static func deskBatch() -> RecordBatch {
        var batch = RecordBatch()
        func ago(days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }
        var maria = customer("C04", "Мария Соколова")
        maria.phone = "+7 916 123-45-67"
        maria.region = "Санкт-Петербург"
        var anna = customer("C01", "Анна Петрова", tier: .vip)
        anna.referrals = 4
        batch.customers = [anna, customer("C02", "王伟"), customer("C03", "John Smith", tier: .loyal), maria,
                           customer("C05", "Павел Орлов"), customer("C06", "Владимир Степанов")]
        batch.orders = [
            Order(id: "O101", customerID: "C01", placedAt: ago(days: 9), total: Money(minor: 1_234_500), deliveryFee: Money(minor: 35_000),
                  status: .shipped, deliveredAt: nil),
            Order(id: "O102", customerID: "C01", placedAt: ago(days: 40), total: Money(minor: 459_000), deliveryFee: Money(minor: 0),
                  status: .delivered, deliveredAt: ago(days: 37)),
            Order(id: "O401", customerID: "C04", placedAt: ago(days: 12), total: Money(minor: 289_900), deliveryFee: Money(minor: 29_900),
                  status: .delivered, deliveredAt: ago(days: 8)),
            Order(id: "O402", customerID: "C04", placedAt: ago(days: 70), total: Money(minor: 1_299_000), deliveryFee: Money(minor: 0),
                  status: .delivered, deliveredAt: ago(days: 65)),
            Order(id: "O403", customerID: "C04", placedAt: ago(days: 200), total: Money(minor: 99_000), deliveryFee: Money(minor: 19_900),
                  status: .returned, deliveredAt: ago(days: 195)),
            Order(id: "O301", customerID: "C03", placedAt: ago(days: 20), total: Money(minor: 1_999_000), deliveryFee: Money(minor: 0),
                  status: .delivered, deliveredAt: ago(days: 15)),
        ]
        var t1 = ticket("T1", customer: "C01", subject: "Заказ задерживается уже неделю", hoursAgo: 30, slaHours: -2, priority: .high)
        t1.orderID = "O101"
        t1.assignee = "boris"
        var t4 = ticket("T4", customer: "C04", subject: "Сломалась ножка стула после двух дней", hoursAgo: 6, slaHours: 30,
                        reason: .productQuality, answeredHoursAgo: 5)
        t4.orderID = "O401"
        t4.fault = .shop
        t4.assignee = "olga"
        var t6 = ticket("T6", customer: "C01", subject: "Не тот цвет", hoursAgo: 24 * 20, slaHours: 0, status: .resolved,
                        reason: .wrongItem, answeredHoursAgo: 24 * 20 - 2)
        t6.resolvedAt = ago(days: 19)
        var t7 = ticket("T7", customer: "C03", subject: "Delivery cost is higher than the item", hoursAgo: 24 * 10, slaHours: 0,
                        status: .closed, reason: .deliveryCost, answeredHoursAgo: 24 * 10 - 1)
        t7.resolvedAt = ago(days: 9)
        var t8 = ticket("T8", customer: "C04", subject: "Привезли с царапиной", hoursAgo: 24 * 60, slaHours: 0, status: .resolved,
                        reason: .productQuality, answeredHoursAgo: 24 * 60 - 3)
        t8.resolvedAt = ago(days: 58)
        t8.fault = .carrier
        var t9 = ticket("T9", customer: "C05", subject: "Курьер нагрубил", hoursAgo: 24 * 30, slaHours: 0, status: .resolved,
                        reason: .service, answeredHoursAgo: 24 * 30 - 1)
        t9.resolvedAt = ago(days: 28)
        batch.tickets = [
            t1,
            ticket("T2", customer: "C02", subject: "Wrong colour of the kettle", hoursAgo: 5, slaHours: 3, reason: .wrongItem),
            ticket("T3", customer: "C03", subject: "Chair wobbles", hoursAgo: 2, slaHours: 40, status: .new, reason: .productQuality,
                   priority: .low),
            t4,
            ticket("T5", customer: "C06", subject: "Where is my refund?", hoursAgo: 50, slaHours: 20, status: .waiting,
                   reason: .service, answeredHoursAgo: 45),
            t6, t7, t8, t9,
        ]
        batch.messages = [
            Message(ticketID: "T1", author: .customer, body: "Где мой заказ? Жду уже неделю, трек-номер не обновляется.",
                    isInternal: false, at: ago(days: 30.0 / 24)),
            Message(ticketID: "T1", author: .agent, body: "Проверяем у курьера.", isInternal: true, at: ago(days: 29.0 / 24),
                    agent: "boris"),
            Message(ticketID: "T4", author: .customer, body: "Здравствуйте! Купила стул, через два дня отломилась ножка. Очень обидно.",
                    isInternal: false, at: ago(days: 0.25)),
            Message(ticketID: "T4", author: .agent, body: "Мария, простите! Уже оформляем замену.", isInternal: false,
                    at: ago(days: 5.0 / 24), agent: "olga"),
            Message(ticketID: "T4", author: .customer, body: "Спасибо. А когда привезут? Мне нужен стул к выходным.",
                    isInternal: false, at: ago(days: 4.0 / 24)),
            Message(ticketID: "T5", author: .customer, body: "I returned the lamp two weeks ago and still have no refund.",
                    isInternal: false, at: ago(days: 50.0 / 24)),
            Message(ticketID: "T6", author: .customer, body: "Прислали синий чайник вместо красного.", isInternal: false, at: ago(days: 20)),
        ]
        func comp(_ ticket: String, _ kind: CompensationKind, _ value: Int64, _ code: String?, days: Double,
                  _ state: CompensationState) -> Compensation {
            Compensation(ticketID: ticket, customerID: "C04", kind: kind, value: value, promoCode: code, agent: "olga",
                         at: ago(days: days), state: state)
        }
        batch.compensations = [
            comp("T8", .discount, 5, "CD-AAAA-11", days: 200, .declined),
            comp("T8", .bonus, 300, "CD-BBBB-22", days: 59, .declined),
            comp("T8", .freeDelivery, 29_900, "CD-CCCC-33", days: 59, .revoked),
            comp("T8", .discount, 15, "CD-DDDD-44", days: 58.5, .revoked),
            comp("T8", .discount, 10, "CD-EEEE-55", days: 58, .accepted),
            comp("T8", .apology, 0, nil, days: 58, .accepted),
            comp("T4", .freeDelivery, 29_900, "CD-FFFF-66", days: 0.2, .offered),
            comp("T4", .bonus, 500, "CD-GGGG-77", days: 0.2, .offered),
        ]
        batch.outcomes = [
            Outcome(ticketID: "T6", resolution: .replaced, satisfaction: 5, note: nil, agent: "olga", at: ago(days: 19)),
            Outcome(ticketID: "T7", resolution: .explained, satisfaction: nil, note: nil, agent: "boris", at: ago(days: 9)),
            Outcome(ticketID: "T8", resolution: .compensated, satisfaction: 4, note: nil, agent: "olga", at: ago(days: 58)),
            Outcome(ticketID: "T9", resolution: .compensated, satisfaction: 2, note: nil, agent: "boris", at: ago(days: 28)),
        ]
        batch.recoveries = [
            Recovery(ticketID: "T6", customerID: "C01", state: .contacted, followUpOn: ago(days: 2), updatedAt: ago(days: 12)),
            Recovery(ticketID: "T7", customerID: "C03", state: .atRisk, followUpOn: Calendar.current.startOfDay(for: now),
                     updatedAt: ago(days: 9)),
            Recovery(ticketID: "T8", customerID: "C04", state: .recovered, followUpOn: nil, updatedAt: ago(days: 12)),
            Recovery(ticketID: "T9", customerID: "C05", state: .offered, followUpOn: ago(days: -5), updatedAt: ago(days: 20)),
        ]
        return batch
    }
}
