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
