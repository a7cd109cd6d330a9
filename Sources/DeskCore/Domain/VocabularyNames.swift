import Foundation

/// A vocabulary value shown to a person: its English name is its stable code; other
/// languages have their own word. Every type lists every case in every language.
public protocol Named: CaseIterable, RawRepresentable where RawValue == String {
    func name(_ language: Language) -> String
}

extension Named {
    /// The value a word names, in any language: the code or a translation, in any case,
    /// with `ё` as `е` and a space as `-` (`не-тот-товар`).
    public static func named(_ word: String) -> Self? {
        let key = Self.fold(word)
        guard !key.isEmpty else { return nil }
        return allCases.first { value in
            Self.fold(value.rawValue) == key || Language.allCases.contains { Self.fold(value.name($0)) == key }
        }
    }

    /// The words a prompt offers and Tab completes, in `language`.
    public static func words(_ language: Language) -> [String] {
        allCases.map { $0.word(language) }
    }

    /// The name as one typed word: spaces become `-`.
    public func word(_ language: Language) -> String {
        name(language).replacingOccurrences(of: " ", with: "-")
    }

    static func fold(_ word: String) -> String {
        word.lowercased().replacingOccurrences(of: "ё", with: "е").replacingOccurrences(of: " ", with: "-")
            .trimmingCharacters(in: .whitespaces)
    }
}

extension Reason: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .productQuality: l.pick(rawValue, "качество")
        case .wrongItem: l.pick(rawValue, "не тот товар")
        case .deliveryDelay: l.pick(rawValue, "задержка")
        case .deliveryCost: l.pick(rawValue, "цена доставки")
        case .competitorPrice: l.pick(rawValue, "цена конкурента")
        case .service: l.pick(rawValue, "обслуживание")
        case .movedRegion: l.pick(rawValue, "переезд")
        case .misuse: l.pick(rawValue, "не по назначению")
        case .other: l.pick(rawValue, "другое")
        }
    }
}

extension Channel: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .email: l.pick(rawValue, "почта")
        case .phone: l.pick(rawValue, "телефон")
        case .chat: l.pick(rawValue, "чат")
        case .review: l.pick(rawValue, "отзыв")
        case .marketplace: l.pick(rawValue, "маркетплейс")
        case .sms: l.pick(rawValue, "смс")
        }
    }
}

extension TicketStatus: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .new: l.pick(rawValue, "новый")
        case .open: l.pick(rawValue, "открыт")
        case .waiting: l.pick(rawValue, "ждёт")
        case .resolved: l.pick(rawValue, "решён")
        case .closed: l.pick(rawValue, "закрыт")
        }
    }
}

extension Priority: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .low: l.pick(rawValue, "низкий")
        case .normal: l.pick(rawValue, "обычный")
        case .high: l.pick(rawValue, "высокий")
        case .urgent: l.pick(rawValue, "срочный")
        }
    }
}

extension Fault: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .shop: l.pick(rawValue, "магазин")
        case .carrier: l.pick(rawValue, "перевозчик")
        case .customer: l.pick(rawValue, "покупатель")
        case .unknown: l.pick(rawValue, "неясно")
        }
    }
}

extension Resolution: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .compensated: l.pick(rawValue, "компенсация")
        case .explained: l.pick(rawValue, "объяснили")
        case .refunded: l.pick(rawValue, "возврат")
        case .replaced: l.pick(rawValue, "замена")
        case .noAction: l.pick(rawValue, "без-мер")
        case .duplicate: l.pick(rawValue, "дубль")
        }
    }
}

extension RecoveryState: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .atRisk: l.pick(rawValue, "под-угрозой")
        case .contacted: l.pick(rawValue, "связались")
        case .offered: l.pick(rawValue, "предложили")
        case .recovered: l.pick(rawValue, "вернулся")
        case .lost: l.pick(rawValue, "потерян")
        }
    }
}

extension Tier: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .regular: l.pick(rawValue, "обычный")
        case .loyal: l.pick(rawValue, "постоянный")
        case .vip: l.pick(rawValue, "vip")
        }
    }
}

extension CompensationKind: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .discount: l.pick(rawValue, "скидка")
        case .freeDelivery: l.pick("free delivery", "бесплатная доставка")
        case .bonus: l.pick(rawValue, "бонусы")
        case .apology: l.pick(rawValue, "извинение")
        case .refund: l.pick(rawValue, "возврат денег")
        case .replacement: l.pick(rawValue, "замена")
        }
    }
}

extension CompensationState: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .offered: l.pick(rawValue, "предложено")
        case .accepted: l.pick(rawValue, "принято")
        case .declined: l.pick(rawValue, "отклонено")
        case .revoked: l.pick(rawValue, "отозвано")
        }
    }
}

extension OrderStatus: Named {
    public func name(_ l: Language) -> String {
        switch self {
        case .placed: l.pick(rawValue, "оформлен")
        case .shipped: l.pick(rawValue, "отправлен")
        case .delivered: l.pick(rawValue, "доставлен")
        case .returned: l.pick(rawValue, "возвращён")
        case .cancelled: l.pick(rawValue, "отменён")
        }
    }
}
