import GRDB

/// The words of the search index, kept beside it in `search_term`, so that a word's
/// beginning typed in a search can be widened to the words it begins.
///
/// Why: FTS5 answers `"заказ"*` by merging, in memory, the lists of tickets of every word
/// beginning so before it gives the first match. At ten million tickets that is six million
/// tickets, 0.8 s and over 100 MB for a first page of twenty. The same words named one by
/// one (`"заказ" OR "заказа" OR …`) are read in step, newest ticket first, and the first
/// page costs a few milliseconds. FTS5 cannot list its words without reading each word's
/// whole list (its `fts5vocab` table does), so they are kept here as they are written.
///
/// Words beginning with a digit (phone numbers, order and tracking numbers: most of the
/// distinct words, each in a few tickets) are not kept, and a beginning with a digit is
/// left to FTS5: few tickets hold each such word.
enum SearchTerms {
    /// The most words one beginning is widened to; one that begins more (`за`) is left to FTS5.
    static let widest = 200

    /// `ticket_search`'s tokenizer, as the schema declares it, so that a word here is one there.
    static let tokenizer = FTS5TokenizerDescriptor(components: ["unicode61", "remove_diacritics", "2"])

    /// Whether a word of the index (UTF-8) is kept here: it does not begin with a digit.
    /// (`rebuild` says the same in SQL: `term >= ':'`, the byte after `9`.)
    static func isKept(firstByte: UInt8) -> Bool { firstByte >= 0x3A }

    /// Gathers the words of the texts written into the index, and writes the new ones.
    /// Each text is read by the index's own tokenizer; a word seen before is skipped
    /// without making a string of it.
    final class Collector {
        private let tokenizer: any FTS5Tokenizer
        private var seen: [Int: String] = [:]
        private var fresh: [String] = []

        init(_ db: Database) throws {
            tokenizer = try db.makeTokenizer(SearchTerms.tokenizer)
        }

        func add(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                _ = tokenizer.tokenize(
                    context: Unmanaged.passUnretained(self).toOpaque(), tokenization: .document,
                    pText: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), nText: CInt(bytes.count),
                    tokenCallback: { context, _, token, length, _, _ in
                        if let context, let token, length > 0 {
                            Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
                                .note(UnsafeRawBufferPointer(start: token, count: Int(length)))
                        }
                        return 0  // SQLITE_OK
                    })
            }
        }

        private func note(_ word: UnsafeRawBufferPointer) {
            guard SearchTerms.isKept(firstByte: word[0]) else { return }
            var hasher = Hasher()
            hasher.combine(bytes: word)
            let key = hasher.finalize()
            if let known = seen[key] {
                if known.utf8.elementsEqual(word) { return }
                fresh.append(String(decoding: word, as: UTF8.self))  // another word of the same hash
                return
            }
            let term = String(decoding: word, as: UTF8.self)
            seen[key] = term
            fresh.append(term)
        }

        /// The words gathered since the last call, sorted.
        func take() -> [String] {
            defer { fresh = [] }
            return fresh.sorted()
        }

        /// Writes the words gathered since the last write that the table lacks.
        func write(_ db: Database) throws {
            try SearchTerms.write(take(), db)
        }
    }

    /// Writes the words the table lacks.
    static func write(_ terms: [String], _ db: Database) throws {
        guard !terms.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO search_term (term) VALUES (?)")
        for term in terms {
            insert.setUncheckedArguments([term])
            try insert.execute()
        }
    }

    /// Gathers words on a thread that makes the rows (the demo's generator, an import's
    /// reader), beside the one that writes them, with the index's tokenizer from a database of
    /// its own in memory; the writer takes them all once that thread is done, and writes
    /// them sorted. (Reading them back from the index instead read the whole index at the end
    /// of a demo, ten minutes at ten million, and an import's new rows on the writing thread.)
    final class Gatherer: @unchecked Sendable {  // the making thread, then the writer's once it ended
        private let database: DatabaseQueue
        private let collector: Collector

        init() throws {
            database = try DatabaseQueue()
            collector = try database.inDatabase { db in try Collector(db) }
        }

        /// The words of texts written into the index as they are (folded).
        func add(_ texts: [String]) {
            guard !texts.isEmpty else { return }
            database.inDatabase { _ in texts.forEach(collector.add) }
        }

        /// Every word gathered, sorted.
        func take() -> [String] {
            database.inDatabase { _ in collector.take() }
        }
    }

    /// Adds every word of the index, as FTS5 lists them (reading the whole index: about 3 s
    /// a million tickets, ten minutes at ten million). For a store made before the table.
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, ticket_search, row);
            INSERT OR IGNORE INTO search_term (term) SELECT term FROM temp.search_vocabulary WHERE term >= ':';
            DROP TABLE temp.search_vocabulary;
            """)
    }

    /// The words of the index that begin with `prefix` as FTS5 reads it, or nil when FTS5
    /// is to widen it itself: a beginning with a digit, one the tokenizer reads as more than
    /// one word, one that begins no word (FTS5 finds none at once) or more than `widest`.
    static func widened(_ prefix: some StringProtocol, _ db: Database) throws -> [String]? {
        let words = try db.makeTokenizer(tokenizer).tokenize(document: String(prefix))
        guard words.count == 1, let first = words[0].token.utf8.first, isKept(firstByte: first) else { return nil }
        let start = words[0].token
        let terms = try String.fetchAll(db, sql: "SELECT term FROM search_term WHERE term >= ? AND term < ? LIMIT ?",
                                        arguments: [start, start + "\u{10FFFF}", widest + 1])
        return terms.isEmpty || terms.count > widest ? nil : terms
    }
}
