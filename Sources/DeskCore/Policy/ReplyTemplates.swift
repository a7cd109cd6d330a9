import Foundation

/// The first draft of a reply, per reason, with the customer's name, the order and what was
/// given filled in, and the agent's signature. A draft is a start, never the answer: the
/// console asks before sending one unchanged and never sends one that still holds its
/// placeholder. It is in the language the customer writes in (their latest message; with no
/// message, their name's script): Russian for Cyrillic, else English.
public enum ReplyTemplates {
    public enum Language: Sendable { case russian, english }

    /// The placeholder the agent replaces with what they found, per language.
    public static func placeholder(_ language: Language) -> String {
        language == .russian ? "[напишите, что вы выяснили и что будет дальше]"
            : "[write what you found and what happens next]"
    }

    /// Whether `text` still holds a draft's placeholder (in either language).
    public static func holdsPlaceholder(_ text: String) -> Bool {
        [Language.russian, .english].contains { text.contains(placeholder($0)) }
    }

    /// The signature a draft ends with when the config gives none: `{agent}` is the agent's name.
    public static func defaultSignature(_ language: Language) -> String {
        language == .russian ? "С уважением,\n{agent}\nСлужба заботы о клиентах" : "Best regards,\n{agent}\nCustomer care"
    }

    /// The language of the customer: their latest message that has letters, else their name.
    public static func language(for detail: TicketDetail) -> Language {
        let written = detail.messages.filter { $0.author == .customer }.map(\.body).reversed() + [detail.customer.name]
        for text in written {
            let (cyrillic, latin) = letters(text)
            if cyrillic + latin > 0 { return cyrillic > latin ? .russian : .english }
        }
        return .english
    }

    /// How many Cyrillic and how many Latin letters `text` has.
    private static func letters(_ text: String) -> (cyrillic: Int, latin: Int) {
        var cyrillic = 0, latin = 0
        for scalar in text.unicodeScalars {
            if (0x0400...0x04FF).contains(scalar.value) { cyrillic += 1 } else if scalar.isASCII, scalar.properties.isAlphabetic { latin += 1 }
        }
        return (cyrillic, latin)
    }

    /// The draft, signed by `agent` with `signature` (the config's; `{agent}` stands for the
    /// name), else the language's default.
    public static func draft(for detail: TicketDetail, agent: String, signature: String? = nil) -> String {
        let language = language(for: detail)
        let signed = (signature ?? defaultSignature(language)).replacingOccurrences(of: "{agent}", with: agent)
        return unsigned(detail, language) + signed + "\n"
    }

    private static func unsigned(_ detail: TicketDetail, _ language: Language) -> String {
        let firstName = detail.customer.name.split(separator: " ").first.map(String.init) ?? detail.customer.name
        let order = detail.ticket.orderID.map { " \($0)" } ?? ""
        let given = detail.compensations.filter { $0.ticketID == detail.ticket.id && $0.state != .revoked && $0.kind != .apology }
        let gifts = given.map { c in gift(c, language) }
        let apologised = detail.compensations.contains { $0.ticketID == detail.ticket.id && $0.kind == .apology && $0.state != .revoked }
        let body = body(detail.ticket.reason, order: order, language)
        switch language {
        case .russian:
            var text = "Здравствуйте, \(firstName)!\n\n" + (apologised ? "Приносим вам свои извинения. " : "") + "\(body)\n"
            if !gifts.isEmpty { text += "\nВ знак извинения мы добавили \(gifts.joined(separator: " и ")).\n" }
            return text + "\n\(placeholder(.russian))\n\n"
        case .english:
            var text = "Hello \(firstName),\n\n" + (apologised ? "Please accept our apologies. " : "") + "\(body)\n"
            if !gifts.isEmpty { text += "\nAs an apology we have added \(gifts.joined(separator: " and ")).\n" }
            return text + "\n\(placeholder(.english))\n\n"
        }
    }

    private static func gift(_ c: Compensation, _ language: Language) -> String {
        let what: String
        switch (c.kind, language) {
        case (.discount, .russian): what = "скидку \(c.value)% на следующий заказ"
        case (.freeDelivery, .russian): what = "бесплатную доставку следующего заказа"
        case (.bonus, .russian): what = "\(c.value) бонусных баллов"
        case (.discount, .english): what = "a \(c.value)% discount"
        case (.freeDelivery, .english): what = "free delivery on your next order"
        case (.bonus, .english): what = "\(c.value) bonus points"
        default: what = c.kind.rawValue
        }
        let code = c.promoCode.map { language == .russian ? " (код \($0))" : " (code \($0))" } ?? ""
        return what + code
    }

    private static func body(_ reason: Reason, order: String, _ language: Language) -> String {
        switch (reason, language) {
        case (.productQuality, .russian): "Нам очень жаль, что товар из заказа\(order) вас подвёл. Мы разобрались и хотим всё исправить."
        case (.wrongItem, .russian): "Простите, что в заказе\(order) оказался не тот товар. Мы сразу отправим правильный."
        case (.deliveryDelay, .russian): "Простите, что заказ\(order) задерживается. Мы уточнили у службы доставки и будем держать вас в курсе."
        case (.deliveryCost, .russian): "Спасибо, что рассказали о стоимости доставки: для нас это важно."
        case (.competitorPrice, .russian): "Спасибо, что сообщили о цене, которую нашли в другом магазине."
        case (.service, .russian): "Нам жаль, что вы не получили от нас той помощи, которой заслуживаете."
        case (.movedRegion, .russian): "Спасибо, что сообщили о переезде. Вот что мы можем предложить в вашем новом регионе."
        case (.misuse, .russian): "Спасибо, что написали. Вот короткая инструкция: эти шаги легко пропустить."
        case (.other, .russian): "Спасибо, что написали нам."
        case (.productQuality, .english): "I am sorry the item from your order\(order) let you down. We have looked into it and want to put it right."
        case (.wrongItem, .english): "I am sorry we sent the wrong item in your order\(order). We will send the right one straight away."
        case (.deliveryDelay, .english): "I am sorry your order\(order) is late. I have checked with the carrier and will keep you posted."
        case (.deliveryCost, .english): "Thank you for telling us about the delivery cost — it matters to us."
        case (.competitorPrice, .english): "Thank you for letting us know about the price you found elsewhere."
        case (.service, .english): "I am sorry you did not get the help you deserved from us."
        case (.movedRegion, .english): "Thank you for letting us know you have moved. Here is what we can offer where you are now."
        case (.misuse, .english): "Thank you for writing. Here is a short guide that should help — the steps are easy to miss."
        case (.other, .english): "Thank you for writing to us."
        }
    }
}
