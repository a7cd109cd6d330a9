/// An amount of money in minor units (kopecks, cents). Never a floating-point number.
public struct Money: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var minor: Int64

    public init(minor: Int64) { self.minor = minor }

    /// The largest amount an imported file may hold: a billion in major units. Far above
    /// any order, and far below what sums of many of them could overflow.
    public static let importMaximum = Money(minor: 100_000_000_000)

    public static func < (a: Money, b: Money) -> Bool { a.minor < b.minor }
    public static func + (a: Money, b: Money) -> Money { Money(minor: a.minor + b.minor) }

    /// "1234.50": a decimal with a point, as files and exports spell it.
    public var decimal: String {
        let sign = minor < 0 ? "-" : ""
        let m = minor.magnitude
        let cents = m % 100
        return "\(sign)\(m / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// "12 345 ₽": whole units grouped by thousands, for the screen.
    public func display(currency: String = "₽") -> String {
        let whole = (minor.magnitude + 50) / 100
        var digits = String(whole)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (minor < 0 ? "-" : "") + groups.joined(separator: " ") + " " + currency
    }

    public var description: String { decimal }

    /// Parses "1234", "1234.5", "1234.50"; nil for anything else (no exponent, no comma).
    public init?(decimal text: String) {
        var s = Substring(text)
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int64(parts[0]) else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let frac = parts[1]
            guard (1...2).contains(frac.count), frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            cents = Int64(frac)! * (frac.count == 1 ? 10 : 1)
        }
        let (product, overflow) = whole.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        minor = (product + cents) * (negative ? -1 : 1)
    }
}
