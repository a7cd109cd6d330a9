/// Guesses a new complaint's reason from its subject and text: the reason whose words
/// occur most (the subject's count double), `other` when none does. The words are config
/// data (`[mail.reasons]`), Russian and English by default; a word matches the beginning
/// of a word of the text, any case, ё as е (`задерж` finds "задержка", "задержали").
public struct ReasonKeywords: Sendable, Equatable {
    public var words: [Reason: [String]]

    public init(words: [Reason: [String]]) { self.words = words }

    public static let standard = ReasonKeywords(words: [
        .deliveryDelay: ["задерж", "опазд", "не пришл", "не доставлен", "не привезли", "до сих пор", "где мой заказ", "срок доставки",
                         "late", "delay", "not arrived", "hasn't arrived", "where is my order", "still waiting"],
        .deliveryCost: ["стоимость доставки", "за доставку", "дорогая доставка", "delivery fee", "shipping cost", "delivery cost"],
        .wrongItem: ["не тот", "не то", "перепутали", "другой товар", "не та", "wrong item", "wrong size", "wrong colour",
                     "wrong color", "sent the wrong"],
        .productQuality: ["брак", "сломан", "слома", "разбит", "не работает", "трещин", "порван", "дефект", "качеств",
                          "broken", "defect", "damaged", "doesn't work", "does not work", "faulty", "quality"],
        .competitorPrice: ["дешевле", "у конкурент", "в другом магазине", "cheaper", "competitor", "price match"],
        .service: ["хамств", "грубо", "невежлив", "оператор", "не отвечает", "rude", "impolite", "no answer", "customer service"],
        .movedRegion: ["переехал", "сменил адрес", "другой город", "moved", "new address", "relocat"],
        .misuse: ["инструкци", "как пользоваться", "не умею", "how to use", "manual", "instructions"],
    ])

    public func guess(subject: String, text: String) -> Reason {
        let subject = Self.fold(subject), text = Self.fold(String(text.prefix(20_000)))
        var best: (reason: Reason, score: Int)?
        for reason in Reason.allCases {
            guard let list = words[reason], !list.isEmpty else { continue }
            let score = list.reduce(0) { sum, word in
                let w = Self.fold(word)
                return sum + 2 * Self.count(w, in: subject) + Self.count(w, in: text)
            }
            if score > 0, score > (best?.score ?? 0) { best = (reason, score) }
        }
        return best?.reason ?? .other
    }

    private static func fold(_ s: String) -> String { SearchIndex.folded(s.lowercased()) }

    /// Occurrences of `word` at the start of a word of `text`.
    private static func count(_ word: String, in text: String) -> Int {
        guard !word.isEmpty else { return 0 }
        var n = 0
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, range: searchRange) {
            if found.lowerBound == text.startIndex || !text[text.index(before: found.lowerBound)].isLetter { n += 1 }
            searchRange = found.upperBound..<text.endIndex
        }
        return n
    }
}
