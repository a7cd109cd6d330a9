import Foundation

/// Header fields as RFC 5322 and RFC 2047 want them written: lines of at most 78
/// characters where the text allows (and never over 998), folded before a word so that
/// unfolding gives the text back; non-ASCII text as `=?utf-8?B?…?=` encoded words of at
/// most 75 characters, no character split between two (each word decodes on its own).
/// A value here is already free of control characters (`OutgoingMail.headerText`). A
/// Message-ID is never split, so a line holding a long one (the desk's own are 74
/// characters) passes 78, which RFC 5322 section 2.1.1 allows (a SHOULD); it never passes
/// 998 (`OutgoingMail.writableID`).
enum HeaderFolding {
    static let lineLimit = 78
    static let encodedWordLimit = 75

    /// `Name: ` and `atoms` separated by single spaces, a line folded before an atom that
    /// would end past column 78 (an atom longer than a line keeps a line of its own).
    static func field(_ name: String, _ atoms: [String]) -> String {
        var out = name + ":"
        var column = out.count
        for atom in atoms {
            if column + 1 + atom.count > lineLimit, column > name.count + 1 {
                out += "\n"
                column = 0
            }
            out += " " + atom
            column += 1 + atom.count
        }
        return out
    }

    /// An unstructured value (Subject): ASCII words as they are, folded at spaces; when any
    /// character is not ASCII, or a word would not fit on a line, the whole text as encoded
    /// words (which may be cut anywhere between characters). Runs of spaces become one.
    static func unstructured(_ name: String, _ text: String) -> String {
        let words = text.split(separator: " ").map(String.init)
        if text.unicodeScalars.allSatisfy(\.isASCII), !looksEncoded(text),
           words.allSatisfy({ $0.count <= lineLimit - name.count - 2 }) {
            return field(name, words)
        }
        return field(name, encodedWords(words.joined(separator: " "), firstWidth: lineLimit - name.count - 2))
    }

    /// A mailbox (From, To): `"Name" <address>`, or the name as encoded words when it is not
    /// ASCII or does not fit on the line; the address folded onto a line of its own when
    /// it does not fit after the name.
    static func mailbox(_ name: String, _ mailbox: MailAddress) -> String {
        let address = "<" + OutgoingMail.idText(mailbox.address) + ">"
        let display = mailbox.name.map(OutgoingMail.headerText)?.split(separator: " ").joined(separator: " ") ?? ""
        guard !display.isEmpty else { return field(name, [String(address.dropFirst().dropLast())]) }
        let quoted = "\"" + display.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        if display.unicodeScalars.allSatisfy(\.isASCII), !looksEncoded(display),
           name.count + 2 + quoted.count + 1 + address.count <= lineLimit {
            return field(name, [quoted, address])
        }
        return field(name, encodedWords(display, firstWidth: lineLimit - name.count - 2) + [address])
    }

    /// `text` as B encoded words: the first fits in `firstWidth` columns (the rest of the
    /// first line), each other in 75 (a line of its own after the folding space).
    static func encodedWords(_ text: String, firstWidth: Int) -> [String] {
        let overhead = "=?utf-8?B?".count + "?=".count
        // Base64 writes 3 bytes as 4 characters: the bytes that fit in `width` columns.
        func capacity(_ width: Int) -> Int { max(3, (min(width, encodedWordLimit) - overhead) / 4 * 3) }
        var words: [String] = []
        var chunk: [UInt8] = []
        var limit = capacity(firstWidth)
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > limit, !chunk.isEmpty {
                words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
                limit = capacity(encodedWordLimit)
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words
    }

    /// Whether plain text holds something a reader would decode as an encoded word (`=?`
    /// … `?=`): such text is encoded itself, so that it reads back as written.
    private static func looksEncoded(_ text: String) -> Bool {
        text.contains("=?") && text.contains("?=")
    }
}
