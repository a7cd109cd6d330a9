import Foundation

/// The desk's own Message-IDs name their ticket, signed, so that a customer's answer
/// threads back even when their mailer drops the desk's earlier mail, and nobody can make
/// mail join a ticket by writing such an id:
///
///     cdesk.TICKET.NONCE.MAC@host
///
/// TICKET is the ticket id with every character but letters, digits, `-` and `_` written as
/// `%XX` (UTF-8); NONCE is 16 random hex digits; MAC is the first 16 bytes, in hex, of
/// HMAC-SHA256 under the store's secret of `cdesk.TICKET.NONCE`. The secret is made on first
/// use and kept in the store (`setting` table, `mail.secret`).
public struct MailIdentity: Sendable {
    let secret: [UInt8]

    public init(secret: [UInt8]) { self.secret = secret }

    /// A new Message-ID (without angle brackets) for a message on `ticketID`.
    public func messageID(ticketID: String, host: String) -> String {
        var rng = SystemRandomNumberGenerator()
        let nonce = String(format: "%016llx", rng.next() as UInt64)
        let body = "cdesk.\(Self.escaped(ticketID)).\(nonce)"
        return "\(body).\(mac(body))@\(host)"
    }

    /// The ticket a desk's own Message-ID names, nil unless it is one and its signature holds.
    public func ticketID(inMessageID id: String) -> String? {
        guard id.hasPrefix("cdesk."), let at = id.lastIndex(of: "@") else { return nil }
        let parts = id[..<at].split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[2].count == 16, parts[3].count == 32 else { return nil }
        let body = parts[0...2].joined(separator: ".")
        guard Self.constantTimeEqual(mac(body), String(parts[3]).lowercased()) else { return nil }
        return Self.unescaped(String(parts[1]))
    }

    private func mac(_ body: String) -> String {
        SHA256.hex(SHA256.hmac(key: secret, message: Array(body.utf8)).prefix(16))
    }

    /// A stable id for a message that has none: the hash of its bytes, so that receiving
    /// it again is recognised.
    public static func synthetic(sha256Hex: String) -> String { "cdesk-sha256-\(sha256Hex)@cdesk.invalid" }

    /// A new random secret, hex.
    public static func newSecret() -> String {
        var rng = SystemRandomNumberGenerator()
        return SHA256.hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    public static func secretBytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex),
              let byte = UInt8(hex[index..<next], radix: 16) {
            bytes.append(byte)
            index = next
        }
        return bytes
    }

    private static func escaped(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || c == "-" || c == "_" { out.append(c) } else { out += String(format: "%%%02X", byte) }
        }
        return out
    }

    private static func unescaped(_ s: String) -> String? {
        var bytes: [UInt8] = []
        var i = s.utf8.startIndex
        let u = s.utf8
        while i < u.endIndex {
            if u[i] == UInt8(ascii: "%") {
                guard let end = u.index(i, offsetBy: 3, limitedBy: u.endIndex),
                      let byte = UInt8(String(s[u.index(after: i)..<end]), radix: 16) else { return nil }
                bytes.append(byte)
                i = end
            } else {
                bytes.append(u[i])
                i = u.index(after: i)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The `[#ID]` tag of a subject (`Re: Не пришёл заказ [#10987]`): the last one wins.
public enum SubjectTag {
    public static func ticketID(in subject: String) -> String? {
        var found: String?
        var rest = subject[...]
        while let open = rest.range(of: "[#") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "]") else { break }
            let id = after[..<close].trimmingCharacters(in: .whitespaces)
            if !id.isEmpty, id.count <= 64, !id.contains(where: { $0.isWhitespace }) { found = id }
            rest = after[after.index(after: close)...]
        }
        return found
    }
}
