/// Guesses a new complaint's reason from its subject and text: the reason whose words
/// occur most (the subject's count double), `other` when none does. The words are config
/// data (`[mail.reasons]`), Russian and English by default; a word matches the beginning
/// of a word of the text, any case, ё as е (`задерж` finds "задержка", "задержали").
public struct ReasonKeywords: Sendable, Equatable {
    public var words: [Reason: [String]] {
        didSet { folded = Self.folded(words) }
    }

    /// The words as the search compares them, made once rather than for every message.
    private var folded: [(reason: Reason, words: [[UInt8]])]

    public init(words: [Reason: [String]]) {
        self.words = words
        folded = Self.folded(words)
    }

    public static func == (a: Self, b: Self) -> Bool { a.words == b.words }

    private static func folded(_ words: [Reason: [String]]) -> [(reason: Reason, words: [[UInt8]])] {
        Reason.allCases.compactMap { reason in
            guard let list = words[reason], !list.isEmpty else { return nil }
            return (reason, list.map(fold))
        }
    }

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
        for (reason, list) in folded {
            var score = 0
            for word in list {
                score += 2 * Self.count(word, in: subject) + Self.count(word, in: text)
            }
            if score > 0, score > (best?.score ?? 0) { best = (reason, score) }
        }
        return best?.reason ?? .other
    }

    /// Lower case, ё as е, as UTF-8 bytes: the search runs on bytes (a mail is checked
    /// against every word of the table, and String searching is slow for that).
    private static func fold(_ s: String) -> [UInt8] { Array(SearchIndex.folded(s.lowercased()).utf8) }

    /// Occurrences of `word` at the start of a word of `text` (after a byte that is no
    /// ASCII letter or digit and not part of a multi-byte letter).
    private static func count(_ word: [UInt8], in text: [UInt8]) -> Int {
        guard !word.isEmpty, text.count >= word.count else { return 0 }
        var n = 0
        let first = word[0]
        var i = 0
        let last = text.count - word.count
        while i <= last {
            if text[i] == first, i == 0 || isBoundary(text[i - 1]) {
                var j = 1
                while j < word.count, text[i + j] == word[j] { j += 1 }
                if j == word.count { n += 1 }
            }
            i += 1
        }
        return n
    }

    private static func isBoundary(_ byte: UInt8) -> Bool {
        byte < 0x80 && !(byte >= 0x30 && byte <= 0x39) && !(byte >= 0x61 && byte <= 0x7A) && !(byte >= 0x41 && byte <= 0x5A)
    }
}
