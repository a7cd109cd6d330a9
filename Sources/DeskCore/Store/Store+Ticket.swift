import Foundation
import GRDB

extension Store {
    /// One complaint with its thread and its customer's history; nil when there is no such ticket.
    public func ticketDetail(id: String, recentOrderLimit: Int, earlierLimit: Int) throws -> TicketDetail? {
        try pool.read { db in
            guard let ticketRow = try Row.fetchOne(db, sql: "SELECT * FROM ticket WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let ticket = try Self.ticket(ticketRow)
            guard let customerRow = try Row.fetchOne(db, sql: "SELECT * FROM customer WHERE id = ?",
                                                     arguments: [ticket.customerID]) else {
                throw StoreError.notFound(what: "customer", id: ticket.customerID)
            }
            let customer = try Self.customer(customerRow)
            let messageRows = try Row.fetchAll(db, sql: "SELECT * FROM message WHERE ticket_id = ? ORDER BY at, id",
                                               arguments: [id])
            var messages = try messageRows.map(Self.message)
            // Replies sent as mail: their delivery, by the message they carry.
            let rows = try Row.fetchAll(db, sql: """
                SELECT message_row, state, state_reason, state_at FROM mail_message
                WHERE ticket_id = ? AND direction = 'out' AND message_row IS NOT NULL
                """, arguments: [id])
            var deliveries: [Int64: Delivery] = [:]
            for row in rows {
                let reason: String? = row["state_reason"]
                switch row["state"] as String? {
                case "sent": deliveries[row["message_row"]] = .sent(at: row.optionalDate("state_at") ?? Date(seconds: 0))
                case "failed": deliveries[row["message_row"]] = .failed(reason: reason ?? "")
                case "queued": deliveries[row["message_row"]] = .queued(reason: reason)
                default: break
                }
            }
            for (index, row) in messageRows.enumerated() { messages[index].delivery = deliveries[row["id"]] }
            let orders = try Row.fetchAll(db, sql: """
                SELECT * FROM "order" WHERE customer_id = ? ORDER BY placed_at DESC LIMIT ?
                """, arguments: [customer.id, recentOrderLimit]).map(Self.order)
            let totals = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n,
                       -- total(), a float, never overflows: no stored amount can make a ticket unopenable.
                       CAST(min(coalesce(total(CASE WHEN status IN ('returned','cancelled') THEN 0 ELSE total END), 0), 9.2e18)
                            AS INTEGER) AS ltv,
                       max(placed_at) AS last
                FROM "order" WHERE customer_id = ?
                """, arguments: [customer.id])
            let earlier = try Row.fetchAll(db, sql: """
                SELECT t.id, t.created_at, t.reason, t.status, o.resolution
                FROM ticket t LEFT JOIN outcome o ON o.ticket_id = t.id
                WHERE t.customer_id = ? AND t.id <> ?
                ORDER BY t.created_at DESC LIMIT ?
                """, arguments: [customer.id, id, earlierLimit]).map { row in
                EarlierTicket(id: row["id"], createdAt: row.date("created_at"),
                              reason: try row.value("reason", as: Reason.self),
                              status: try row.value("status", as: TicketStatus.self),
                              resolution: (row["resolution"] as String?).flatMap(Resolution.init(rawValue:)))
            }
            let compensations = try Row.fetchAll(db, sql: """
                SELECT * FROM compensation WHERE customer_id = ? ORDER BY at DESC, id DESC
                """, arguments: [customer.id]).map(Self.compensation)
            let outcome = try Row.fetchOne(db, sql: "SELECT * FROM outcome WHERE ticket_id = ?", arguments: [id])
                .map(Self.outcome)
            let recovery = try Row.fetchOne(db, sql: "SELECT * FROM recovery WHERE ticket_id = ?", arguments: [id])
                .map(Self.recovery)
            var detail = TicketDetail(ticket: ticket, customer: customer, messages: messages, recentOrders: orders,
                                      orderCount: totals?["n"] ?? 0, lifetimeValue: Money(minor: totals?["ltv"] ?? 0),
                                      lastOrderAt: totals?.optionalDate("last"), earlierTickets: earlier,
                                      compensations: compensations, outcome: outcome, recovery: recovery)
            detail.pendingRequest = try Row.fetchOne(db, sql: "SELECT * FROM approval WHERE ticket_id = ? AND state = 'pending'",
                                                     arguments: [id]).map(Self.request)
            detail.attachments = try Self.attachments(db, ticketID: id)
            return detail
        }
    }

    /// One statement for a screen of tickets, where `ticketDetail` would run a dozen a ticket.
    /// (Without the mail delivery of replies: what matched a search needs only the text.)
    public func messages(ofTickets ids: [String]) throws -> [String: [Message]] {
        guard !ids.isEmpty else { return [:] }
        return try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM message WHERE ticket_id IN (\(databaseQuestionMarks(count: ids.count))) ORDER BY at, id
                """, arguments: StatementArguments(ids))
            var threads: [String: [Message]] = [:]
            for row in rows {
                let message = try Self.message(row)
                threads[message.ticketID, default: []].append(message)
            }
            return threads
        }
    }

    static func ticket(_ row: Row) throws -> Ticket {
        Ticket(id: row["id"], customerID: row["customer_id"], orderID: row["order_id"],
               channel: try row.value("channel", as: Channel.self), reason: try row.value("reason", as: Reason.self),
               subject: row["subject"], status: try row.value("status", as: TicketStatus.self),
               priority: try row.value("priority", as: Priority.self), fault: try row.value("fault", as: Fault.self),
               assignee: row["assignee"], createdAt: row.date("created_at"),
               firstResponseAt: row.optionalDate("first_response_at"), resolvedAt: row.optionalDate("resolved_at"),
               slaDueAt: row.date("sla_due_at"), firstResponseDueAt: row.optionalDate("first_due_at"), updatedAt: row.date("updated_at"), version: row["version"])
    }

    static func customer(_ row: Row) throws -> Customer {
        Customer(id: row["id"], name: row["name"], email: row["email"], phone: row["phone"], region: row["region"],
                 tier: try row.value("tier", as: Tier.self), referrals: row["referrals"], joinedAt: row.date("joined_at"))
    }

    static func message(_ row: Row) throws -> Message {
        Message(ticketID: row["ticket_id"], author: try row.value("author", as: Author.self), body: row["body"],
                isInternal: row["internal"], at: row.date("at"), agent: row["agent"], quoted: row["quoted"])
    }

    static func order(_ row: Row) throws -> Order {
        Order(id: row["id"], customerID: row["customer_id"], placedAt: row.date("placed_at"),
              total: Money(minor: row["total"]), deliveryFee: Money(minor: row["delivery_fee"]),
              status: try row.value("status", as: OrderStatus.self), deliveredAt: row.optionalDate("delivered_at"))
    }

    static func compensation(_ row: Row) throws -> Compensation {
        Compensation(id: row["id"], ticketID: row["ticket_id"], customerID: row["customer_id"],
                     kind: try row.value("kind", as: CompensationKind.self), value: row["value"],
                     promoCode: row["promo_code"], agent: row["agent"], at: row.date("at"),
                     state: try row.value("state", as: CompensationState.self))
    }

    static func outcome(_ row: Row) throws -> Outcome {
        Outcome(ticketID: row["ticket_id"], resolution: try row.value("resolution", as: Resolution.self),
                satisfaction: row["satisfaction"], note: row["note"], agent: row["agent"], at: row.optionalDate("at"))
    }

    static func recovery(_ row: Row) throws -> Recovery {
        Recovery(ticketID: row["ticket_id"], customerID: row["customer_id"],
                 state: try row.value("state", as: RecoveryState.self), followUpOn: row.optionalDate("follow_up_on"),
                 updatedAt: row.date("updated_at"))
    }
}
