import Foundation

/// A reply as the mail server gets it: RFC 5322 headers, the text as UTF-8 in
/// quoted-printable. Lines end in LF, as `sendmail -t` and `msmtp -t` read them. No value
/// can add a header: every control character (CR and LF among them) in a header value
/// becomes a space, and non-ASCII text is written as RFC 2047 encoded words; long values
/// are folded at 78 columns (`HeaderFolding`).
public struct OutgoingMail: Sendable, Equatable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var date: Date
    /// Without angle brackets.
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String]
    public var body: String

    public init(from: MailAddress, to: MailAddress, subject: String, date: Date, messageID: String,
                inReplyTo: String?, references: [String], body: String) {
        self.from = from; self.to = to; self.subject = subject; self.date = date; self.messageID = messageID
        self.inReplyTo = inReplyTo; self.references = references; self.body = body
    }

    /// The whole message. Every header line is at most 78 characters (`HeaderFolding`);
    /// a Message-ID that could not be written on one line, or is not ASCII, is left out of
    /// In-Reply-To and References rather than written broken.
    public func rendered() -> String {
        var lines = [
            HeaderFolding.mailbox("From", from),
            HeaderFolding.mailbox("To", to),
            HeaderFolding.unstructured("Subject", headerText(subject)),
            "Date: \(Self.dateHeader(date))",
            "Message-ID: <\(Self.idText(messageID))>",
        ]
        if let parent = inReplyTo.flatMap(Self.writableID) { lines.append(HeaderFolding.field("In-Reply-To", ["<\(parent)>"])) }
        let chain = references.compactMap(Self.writableID)
        if !chain.isEmpty { lines.append(HeaderFolding.field("References", chain.map { "<\($0)>" })) }
        lines += [
            "Auto-Submitted: no",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        return lines.joined(separator: "\n") + "\n\n" + Self.quotedPrintable(body)
    }

    private func headerText(_ s: String) -> String { Self.headerText(s) }

    /// A Message-ID as a header writes it (`idText`), nil when it is empty, not ASCII, or
    /// too long for a line of its own (a real one is far shorter than 250 characters).
    static func writableID(_ id: String) -> String? {
        let text = idText(id)
        guard !text.isEmpty, text.count <= 250, text.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        return text
    }

    /// `Name <address>` or `address` (`from = "Магазин <support@shop.example>"`); nil without an address.
    public static func parseAddress(_ text: String) -> MailAddress? {
        let text = headerText(text).trimmingCharacters(in: .whitespaces)
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            let address = String(text[text.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
            var name = String(text[..<open]).trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            guard isAddress(address) else { return nil }
            return MailAddress(name: name.isEmpty ? nil : name, address: address)
        }
        return isAddress(text) ? MailAddress(name: nil, address: text) : nil
    }

    static func isAddress(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !s.contains(where: { $0.isWhitespace || "<>\",;:()[]\\".contains($0) })
    }

    /// A header value with every control character (C0, DEL, C1, line and paragraph separators) as a space.
    public static func headerText(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 ? " " : u
        }))
    }

    /// An address or a Message-ID: controls, spaces and angle brackets dropped.
    static func idText(_ s: String) -> String {
        String(String.UnicodeScalarView(headerText(s).unicodeScalars.filter { $0 != " " && $0 != "<" && $0 != ">" }))
    }

    /// `Wed, 02 Dec 2026 12:11:51 +0000`.
    public static func dateHeader(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }

    /// The text's UTF-8 as quoted-printable (RFC 2045): lines of at most 76 characters, a
    /// space or tab before a line's end encoded, every line ending in LF.
    public static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var out = ""
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        for line in lines {
            let bytes = Array(line.utf8)
            var current = ""
            for (i, b) in bytes.enumerated() {
                let last = i == bytes.count - 1
                let piece: String
                if (b >= 33 && b <= 126 && b != UInt8(ascii: "=")) || ((b == 32 || b == 9) && !last) {
                    piece = String(UnicodeScalar(b))
                } else {
                    piece = String(format: "=%02X", b)
                }
                // A line may hold 76 characters; a soft break takes one ("=").
                let limit = last ? 76 : 75
                if current.count + piece.count > limit {
                    out += current + "=\n"
                    current = ""
                }
                current += piece
            }
            out += current + "\n"
        }
        return out
    }
}
