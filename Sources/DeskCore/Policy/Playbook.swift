/// The shop's playbook: from a complaint's reason, fault and the customer's tier, the
/// compensation that fits. Rules are data, read in order; the first that matches wins.
public struct Playbook: Sendable, Equatable {
    public struct Gift: Sendable, Equatable, Hashable {
        public var kind: CompensationKind
        public var value: Int64
        public init(_ kind: CompensationKind, _ value: Int64 = 0) { self.kind = kind; self.value = value }
    }

    public struct Rule: Sendable, Equatable {
        public var reason: Reason?
        public var fault: Fault?
        public var gifts: [Gift]
        /// Why, as the agent reads it (config data: `why`, and `why_ru` for a Russian
        /// console; without it the Russian console shows `why`).
        public var why: String
        public var whyRussian: String?
        public init(reason: Reason? = nil, fault: Fault? = nil, gifts: [Gift], why: String, ru: String? = nil) {
            self.reason = reason; self.fault = fault; self.gifts = gifts; self.why = why; self.whyRussian = ru
        }
    }

    public struct Suggestion: Sendable, Equatable {
        public var gifts: [Gift]
        /// The rule's why, in English and Russian.
        public var ruleWhy: String
        public var ruleWhyRussian: String?
        /// A VIP gets one step more than the rule says.
        public var vipStep = false

        public init(gifts: [Gift], why: String, ru: String? = nil, vipStep: Bool = false) {
            self.gifts = gifts; self.ruleWhy = why; self.ruleWhyRussian = ru; self.vipStep = vipStep
        }

        /// Why, in `language`.
        public func why(_ language: Language) -> String {
            (language == .ru ? ruleWhyRussian ?? ruleWhy : ruleWhy)
                + (vipStep ? language.pick("; VIP: one step more generous", "; VIP: на шаг щедрее") : "")
        }
        public var why: String { why(.en) }

        /// The gifts of the suggestion that `given` (a complaint's compensations) already
        /// holds as much of or more: the same kind, not revoked, of at least the value.
        public func alreadyGiven(in given: [Compensation]) -> [Gift] {
            gifts.filter { gift in
                given.contains { $0.kind == gift.kind && $0.state != .revoked && $0.value >= gift.value }
            }
        }
    }

    public var rules: [Rule]
    /// How much more a VIP gets: percent points on a discount, a factor on bonus points,
    /// and free delivery added.
    public var vipDiscountStep: Int64 = 5
    public var vipBonusFactor: Int64 = 2

    public init(rules: [Rule]) { self.rules = rules }

    /// The playbook of the shop's experience (see PRODUCT.md's domain section).
    public static let standard = Playbook(rules: [
        Rule(fault: .customer, gifts: [Gift(.apology)],
             why: "customer at fault: explain patiently (a guide, a video); no compensation owed",
             ru: "вина покупателя: терпеливо объяснить (инструкция, видео); компенсация не положена"),
        Rule(reason: .misuse, gifts: [Gift(.apology)],
             why: "misuse: explain patiently (a guide, a video); no compensation owed",
             ru: "не по назначению: терпеливо объяснить (инструкция, видео); компенсация не положена"),
        Rule(reason: .movedRegion, gifts: [],
             why: "moved where the shop does not deliver: nothing to compensate; record it",
             ru: "переехал туда, куда магазин не возит: компенсировать нечего; записать"),
        Rule(fault: .shop, gifts: [Gift(.discount, 10), Gift(.bonus, 500)],
             why: "shop at fault: compensate in full and add a pleasant surprise",
             ru: "вина магазина: компенсировать полностью и добавить приятный сюрприз"),
        Rule(reason: .deliveryCost, gifts: [Gift(.freeDelivery)], why: "delivery cost: free delivery on the next order",
             ru: "цена доставки: бесплатная доставка следующего заказа"),
        Rule(reason: .deliveryDelay, gifts: [Gift(.freeDelivery)], why: "late delivery: free delivery on the next order",
             ru: "задержка: бесплатная доставка следующего заказа"),
        Rule(reason: .competitorPrice, gifts: [Gift(.discount, 10)], why: "a competitor is cheaper: a discount",
             ru: "у конкурента дешевле: скидка"),
        Rule(reason: .productQuality, gifts: [Gift(.discount, 10)], why: "unhappy with the product: an extra discount",
             ru: "недоволен товаром: дополнительная скидка"),
        Rule(reason: .wrongItem, gifts: [Gift(.discount, 10)], why: "wrong item: a discount for the trouble",
             ru: "не тот товар: скидка за беспокойство"),
        Rule(reason: .service, gifts: [Gift(.apology), Gift(.bonus, 300)], why: "unhappy with support: an apology and a bonus",
             ru: "недоволен поддержкой: извинение и бонусы"),
        Rule(gifts: [Gift(.apology)], why: "at least an apology",
             ru: "как минимум извинение"),
    ])

    public func suggest(reason: Reason, fault: Fault, tier: Tier, policy: CompensationPolicy) -> Suggestion {
        let rule = rules.first { ($0.reason == nil || $0.reason == reason) && ($0.fault == nil || $0.fault == fault) }
            ?? Rule(gifts: [], why: "no rule matches", ru: "ни одно правило не подходит")
        var gifts = rule.gifts
        var vipStep = false
        let owed = !gifts.allSatisfy { $0.kind == .apology }
        if tier == .vip && owed {
            gifts = gifts.map { gift in
                switch gift.kind {
                case .discount: Gift(.discount, gift.value + vipDiscountStep)
                case .bonus: Gift(.bonus, gift.value * vipBonusFactor)
                default: gift
                }
            }
            if !gifts.contains(where: { $0.kind == .freeDelivery }) { gifts.append(Gift(.freeDelivery)) }
            vipStep = true
        }
        // Never suggest what the agent may not give alone.
        gifts = gifts.map { gift in
            guard let limit = policy.limits[gift.kind]?.agentLimit, CompensationPolicy.hasValue(gift.kind) else { return gift }
            return Gift(gift.kind, min(gift.value, limit))
        }
        return Suggestion(gifts: gifts, why: rule.why, ru: rule.whyRussian, vipStep: vipStep)
    }
}
