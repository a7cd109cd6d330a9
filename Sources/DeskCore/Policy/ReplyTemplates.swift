import Foundation

/// The first draft of a reply, per reason, with the customer's name, the order and what was
/// given filled in. A draft is a start, never the answer: the console asks before sending
/// one unchanged.
public enum ReplyTemplates {
    public static func draft(for detail: TicketDetail) -> String {
        let firstName = detail.customer.name.split(separator: " ").first.map(String.init) ?? detail.customer.name
        let order = detail.ticket.orderID.map { " \($0)" } ?? ""
        let given = detail.compensations.filter { $0.ticketID == detail.ticket.id && $0.state != .revoked && $0.kind != .apology }
        let gifts = given.map { c -> String in
            let what = switch c.kind {
            case .discount: "a \(c.value)% discount"
            case .freeDelivery: "free delivery on your next order"
            case .bonus: "\(c.value) bonus points"
            default: c.kind.rawValue
            }
            return what + (c.promoCode.map { " (code \($0))" } ?? "")
        }
        let body: String = switch detail.ticket.reason {
        case .productQuality: "I am sorry the item from your order\(order) let you down. We have looked into it and want to put it right."
        case .wrongItem: "I am sorry we sent the wrong item in your order\(order). We will send the right one straight away."
        case .deliveryDelay: "I am sorry your order\(order) is late. I have checked with the carrier and will keep you posted."
        case .deliveryCost: "Thank you for telling us about the delivery cost — it matters to us."
        case .competitorPrice: "Thank you for letting us know about the price you found elsewhere."
        case .service: "I am sorry you did not get the help you deserved from us."
        case .movedRegion: "Thank you for letting us know you have moved. Here is what we can offer where you are now."
        case .misuse: "Thank you for writing. Here is a short guide that should help — the steps are easy to miss."
        case .other: "Thank you for writing to us."
        }
        let apologised = detail.compensations.contains { $0.ticketID == detail.ticket.id && $0.kind == .apology && $0.state != .revoked }
        var text = "Hello \(firstName),\n\n" + (apologised ? "Please accept our apologies. " : "") + "\(body)\n"
        if !gifts.isEmpty { text += "\nAs an apology we have added \(gifts.joined(separator: " and ")).\n" }
        text += "\n[write what you found and what happens next]\n\nBest regards,\n"
        return text
    }
}
