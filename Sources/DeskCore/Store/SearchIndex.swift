import GRDB

/// What the full-text index holds, and what a search asks of it, made alike on both sides.
///
/// - The tokenizer (unicode61) does not fold ё into е, and people type either: the index
///   and the query are written with е (`Семёнов`, `Семенов` and `семенов` are one word).
/// - A phone number is indexed as written (`+7 970 113-82-78` gives the words 7, 970, 113…)
///   and also as one word of its digits (`79701138278`), so that `+79701138278`,
///   `89701138278` and `+7 (970) 113 82 78` find it: a query that looks like a phone number
///   searches for those digits.
enum SearchIndex {
    /// `text` with ё written е (and Ё as Е).
    ///
    /// On the UTF-8 bytes: each of the four letters is two bytes, a lead byte (D0, D1: never
    /// a continuation) and a continuation, so a pair is the letter wherever it stands, and
    /// the text keeps its length. (Every ticket's subject and messages pass through here on
    /// their way into the index; appending scalar by scalar was an eighth of a demo's work.)
    static func folded(_ text: String) -> String {
        var bytes: [UInt8]?
        var previous: UInt8 = 0
        var index = 0
        for byte in text.utf8 {
            // ё D1 91 → е D0 B5; Ё D0 81 → Е D0 95.
            if (previous == 0xD1 && byte == 0x91) || (previous == 0xD0 && byte == 0x81) {
                if bytes == nil { bytes = Array(text.utf8) }
                bytes![index - 1] = 0xD0
                bytes![index] = byte == 0x91 ? 0xB5 : 0x95
            }
            previous = byte
            index += 1
        }
        guard let bytes else { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The index's customer column of a ticket: the customer's name and contacts, and the
    /// phone's digits as one word.
    static func customer(name: String, email: String?, phone: String?) -> String {
        var parts = [name, email ?? "", phone ?? ""]
        if let phone, let digits = phoneDigits(phone) { parts.append(digits) }
        return folded(parts.joined(separator: " "))
    }

    /// A stored phone number's digits as the index holds them, with the Russian country code:
    /// `8 970 …` (11 digits, the trunk prefix) and a 10-digit national number are written as
    /// `7970…`. Nil when it has fewer than 10 digits (not a whole number to search for).
    static func phoneDigits(_ phone: String) -> String? {
        let digits = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) })
        switch digits.count {
        case ..<10: return nil
        case 10: return "7" + digits
        case 11 where digits.hasPrefix("8"): return "7" + digits.dropFirst()
        default: return digits
        }
    }

    /// The digits to search for when `text` looks like a phone number (only digits, `+`,
    /// spaces, dashes, dots and parentheses, with 10 to 12 digits), nil when it does not.
    /// Several when it is ambiguous: ten digits may be a national number (`9701138278`), or
    /// one being typed with its country code (`7970113827…`, `8970113827…`); each is
    /// searched as a word's beginning.
    static func phoneQuery(_ text: String) -> [String]? {
        let allowed = Set("0123456789+-() .\t".unicodeScalars)
        guard text.unicodeScalars.allSatisfy(allowed.contains) else { return nil }
        let digits = String(text.unicodeScalars.filter { ("0"..."9").contains($0) })
        guard (10...12).contains(digits.count) else { return nil }
        switch digits.count {
        case 10:
            return (digits.hasPrefix("8") ? ["7" + digits.dropFirst()] : []) + ["7" + digits, digits]
        case 11 where digits.hasPrefix("8"):
            return ["7" + digits.dropFirst()]
        default:
            return [digits]
        }
    }

    /// Runs `body`, which writes many rows into the index, with FTS5 set for it.
    ///
    /// FTS5 keeps new words in memory and writes them out as a segment each megabyte and at
    /// each commit (`hashsize`), and merges a little of the segments after each write
    /// (`automerge`). A batch of the demo then becomes several small segments merged four
    /// at a time, over and over as they grow. Here words are written out every 32 MB (each
    /// commit of a batch), and segments are merged only when a level holds 16 of them
    /// (FTS5's `crisismerge`), so each word is copied fewer times. Both settings are kept in
    /// the index's config table: they are set back to FTS5's defaults after.
    static func writingMany<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try configure(db, automerge: 0, hashsize: 32 << 20)
        defer { try? configure(db, automerge: 4, hashsize: 1 << 20) }
        return try body()
    }

    private static func configure(_ db: Database, automerge: Int, hashsize: Int) throws {
        try db.execute(sql: """
            INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', ?);
            INSERT INTO ticket_search (ticket_search, rank) VALUES ('hashsize', ?)
            """, arguments: [automerge, hashsize])
    }

    /// The same as SQL functions, for the statements that fill the index from the tables
    /// (an import's new tickets, the migration): `cdesk_search_fold(text)` and
    /// `cdesk_search_customer(name, email, phone)`. Every connection of a store has them.
    static let functions: [DatabaseFunction] = [
        DatabaseFunction("cdesk_search_fold", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0]).map(folded)
        },
        DatabaseFunction("cdesk_search_customer", argumentCount: 3, pure: true) { values in
            customer(name: String.fromDatabaseValue(values[0]) ?? "", email: String.fromDatabaseValue(values[1]),
                     phone: String.fromDatabaseValue(values[2]))
        },
    ]
}
