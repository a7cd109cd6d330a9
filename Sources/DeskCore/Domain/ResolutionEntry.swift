/// What an agent types to resolve a complaint: the resolution, then for a refund or a
/// replacement its amount, then a satisfaction 1–5 — `explained`, `compensated 5`,
/// `refunded 1500`, `replaced 2990.50 4`; the Russian words too (`возврат 1500`). Pure, so the console's resolve prompt and
/// anything else that takes the words share one reading.
///
/// A refund or replacement reads its first number as the amount (`refunded 5` is 5 ₽, not a
/// rating): an amount is what accounting needs from it, and a rating may follow it.
public struct ResolutionEntry: Equatable, Sendable {
    public var resolution: Resolution
    /// The money refunded, or the replacement's worth; only for `refunded` and `replaced`.
    public var amount: Money?
    public var satisfaction: Int?

    public init(resolution: Resolution, amount: Money? = nil, satisfaction: Int? = nil) {
        self.resolution = resolution; self.amount = amount; self.satisfaction = satisfaction
    }

    /// Whether a resolution takes an amount.
    public static func takesAmount(_ resolution: Resolution) -> Bool {
        resolution == .refunded || resolution == .replaced
    }

    /// The compensation an amount is recorded as (a refund, a replacement).
    public var compensationKind: CompensationKind? {
        switch resolution {
        case .refunded: .refund
        case .replaced: .replacement
        default: nil
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        /// The first word is no resolution (empty text too).
        case unknownResolution(String)
        /// A word where an amount goes that is none (`refunded 15,00`, `refunded -3`).
        case badAmount(String)
        /// An amount is above what the desk takes (`Money.importMaximum`).
        case amountTooLarge(String)
        /// A word where a satisfaction goes that is no whole number 1–5.
        case badSatisfaction(String)
        /// More words than the resolution takes.
        case tooManyWords(String)
    }

    /// Reads `refunded 1500`; a decimal point or comma may give kopecks (`1500.50`,
    /// `1500,50`), and the amount may end in `₽`, `р` or `р.` (`1500₽`). One word per figure:
    /// `refunded 1 500` is an amount of 1 and a rating of 500, refused. Case is ignored.
    public static func parse(_ text: String) -> Result<ResolutionEntry, Problem> {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first, let resolution = Resolution.named(first) else {
            return .failure(.unknownResolution(words.first ?? text))
        }
        var entry = ResolutionEntry(resolution: resolution)
        var rest = words.dropFirst()
        if takesAmount(resolution), let word = rest.first {
            switch amount(word) {
            case .success(let money): entry.amount = money
            case .failure(let problem): return .failure(problem)
            }
            rest = rest.dropFirst()
        }
        if let word = rest.first {
            guard let satisfaction = Int(word), (1...5).contains(satisfaction) else { return .failure(.badSatisfaction(word)) }
            entry.satisfaction = satisfaction
            rest = rest.dropFirst()
        }
        guard rest.isEmpty else { return .failure(.tooManyWords(text)) }
        return .success(entry)
    }

    private static func amount(_ word: String) -> Result<Money, Problem> {
        var digits = Substring(word)
        if let unit = ["₽", "р.", "р"].first(where: { digits.hasSuffix($0) }) { digits = digits.dropLast(unit.count) }
        let decimal = digits.replacingOccurrences(of: ",", with: ".")
        guard !decimal.hasPrefix("-"), let money = Money(decimal: decimal) else { return .failure(.badAmount(word)) }
        guard money <= Money.importMaximum else { return .failure(.amountTooLarge(word)) }
        return .success(money)
    }
}
