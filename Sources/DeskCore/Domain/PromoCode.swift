/// Promo codes the shop can redeem: `CD-7K3P-Q9`, from an alphabet with no look-alikes
/// (no 0/O, 1/I/L), so a customer can read one aloud over the phone.
public enum PromoCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    static let space: UInt64 = {
        var n: UInt64 = 1
        for _ in 0..<6 { n *= UInt64(alphabet.count) }
        return n
    }()

    /// A random code; the store retries on the rare clash with an existing one.
    public static func random<R: RandomNumberGenerator>(using rng: inout R) -> String {
        format(UInt64.random(in: 0..<space, using: &rng))
    }

    /// The n-th code of a shuffled sequence: distinct for every n below 700 million, yet
    /// not in an order a customer could guess. Used by the demo generator.
    public static func sequential(_ n: Int, salt: UInt64) -> String {
        // Multiplying by a number coprime with the space is a bijection on it.
        let mixed = (UInt64(n) &* 0x5DEE_CE66D + salt % space) % space
        return format(mixed)
    }

    static func format(_ value: UInt64) -> String {
        var v = value
        var chars: [Character] = []
        for _ in 0..<6 {
            chars.append(alphabet[Int(v % UInt64(alphabet.count))])
            v /= UInt64(alphabet.count)
        }
        return "CD-" + String(chars[0..<4]) + "-" + String(chars[4..<6])
    }
}
