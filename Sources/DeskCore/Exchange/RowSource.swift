import CSV
import Foundation

/// One data row of an input file, its values in the order of `ImportKind.columns`; nil
/// where a column is missing or its cell is empty. `present` says which columns the row
/// carries at all: a column the file does not have leaves the stored value alone, while
/// an empty cell of a column it has clears it.
public struct RawRow: Sendable {
    public var line: Int
    public var values: [String?]
    public var present: ColumnSet

    public init(line: Int, values: [String?], present: ColumnSet) {
        self.line = line; self.values = values; self.present = present
    }
}

/// A set of a kind's columns, by their index in `ImportKind.columns`.
public struct ColumnSet: Sendable, Equatable {
    var bits: UInt32

    public init(indexes: some Sequence<Int>) {
        bits = indexes.reduce(0) { $0 | 1 << UInt32($1) }
    }

    public func contains(_ index: Int) -> Bool { bits & 1 << UInt32(index) != 0 }
}

/// How an input file is written, beyond its format: the CSV separator (nil: told from the
/// header) and the character set.
public struct ReadOptions: Sendable {
    public var delimiter: Unicode.Scalar?
    public var encoding: InputEncoding

    public init(delimiter: Unicode.Scalar? = nil, encoding: InputEncoding = .utf8) {
        self.delimiter = delimiter; self.encoding = encoding
    }
}

/// The character sets an input file may be in. Shops' exports from 1C and Excel are often
/// windows-1251; everything else is read as UTF-8.
public enum InputEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case windows1251 = "windows-1251"

    /// The encoding a name means, taking the usual spellings (`UTF8`, `cp1251`).
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "windows-1251", "cp1251", "win-1251", "win1251", "1251": self = .windows1251
        default: return nil
        }
    }

    /// `bytes` as UTF-8. A single-byte charset converts chunk by chunk, whatever the cut.
    func utf8(_ bytes: Data) -> Data {
        switch self {
        case .utf8: bytes
        case .windows1251: Data((String(data: bytes, encoding: .windowsCP1251) ?? "").utf8)
        }
    }

}

/// Rows read one at a time from a file, so that memory stays flat whatever its size.
public protocol RowSource: AnyObject {
    var kind: ImportKind { get }
    var file: String { get }
    /// Bytes consumed so far (for progress).
    var bytesRead: Int { get }
    /// The next row, nil at the end; throws a problem that spoils the row (invalid UTF-8,
    /// a line that is not JSON, a wrong number of fields).
    func next() throws(ImportProblem) -> RawRow?
}

/// Opens the right reader for a file. `path` "-" reads standard input.
public enum RowSources {
    public static func open(path: String, kind: ImportKind, format: ExchangeFormat,
                            options: ReadOptions = ReadOptions()) throws -> any RowSource {
        let name = path == "-" ? "<stdin>" : path
        if path != "-" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                let reason: ImportProblem.Reason = isDirectory.boolValue ? .isDirectory : .noSuchFile
                throw ImportFailure(problems: [ImportProblem(file: name, line: 0, column: nil, reason: reason)], truncated: false)
            }
        }
        switch format {
        case .csv:
            guard let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path) else {
                throw ImportFailure(problems: [ImportProblem(file: name, line: 0, column: nil, reason: .cannotReadFile)],
                                    truncated: false)
            }
            return try CSVRowSource(handle: handle, file: name, kind: kind, options: options)
        case .jsonl:
            let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
            guard let handle else {
                throw ImportFailure(problems: [ImportProblem(file: name, line: 0, column: nil, reason: .cannotReadFile)],
                                    truncated: false)
            }
            return JSONLinesRowSource(handle: handle, file: name, kind: kind, encoding: options.encoding)
        }
    }
}

/// RFC 4180 CSV with a header row, parsed by CSV.swift. The file is read 1 MiB at a time
/// and cut into blocks of whole rows (`CSVRowBoundary`); each block goes to CSV.swift's
/// string reader, which is many times faster than its byte-at-a-time stream reader. A
/// UTF-8 BOM is skipped; CRLF or LF end a row.
public final class CSVRowSource: RowSource {
    public let kind: ImportKind
    public let file: String
    public private(set) var bytesRead = 0
    private let handle: FileHandle
    /// Bytes read from the file and not yet handed to CSV.swift.
    private var pending: [UInt8] = []
    private var atEnd = false
    private var atStart = true
    /// The reader of the current block, nil when it is used up.
    private var reader: CSVReader?
    /// Set when a block stopped before a row holding invalid UTF-8: the rows before it are
    /// read, then that row is reported and skipped (`skipInvalidRow`).
    private var invalidUTF8 = false
    private var finished = false
    /// For each of the kind's columns, its index in the file's header.
    private var indexes: [Int?] = []
    private var headerCount = 0
    /// The header's names, as compared with the kind's columns.
    private var headerNames: [String] = []
    /// The kind's columns the header has.
    private var present = ColumnSet(indexes: [])
    private let encoding: InputEncoding
    /// The separator, ASCII: a comma, a semicolon or a tab as a rule.
    private var delimiter: UInt8 = 0x2C
    /// The line the next row starts on.
    private var line = 1

    public init(handle: FileHandle, file: String, kind: ImportKind, options: ReadOptions = ReadOptions()) throws {
        self.kind = kind
        self.file = file
        self.handle = handle
        encoding = options.encoding
        func failure(_ problems: [ImportProblem]) -> ImportFailure { ImportFailure(problems: problems, truncated: false) }
        do throws(ImportProblem) {
            while !atEnd, !pending.contains(0x0A), !pending.contains(0x0D) { try read() }
        } catch {
            throw failure([error])
        }
        delimiter = options.delimiter.map { UInt8($0.value) } ?? Self.delimiter(ofHeader: pending)
        let header: [String]?
        do throws(ImportProblem) {
            header = try nextFields()
        } catch {
            throw failure([ImportProblem(file: file, line: 1, column: nil, reason: error.reason)])
        }
        guard let header, header != [""] else {
            throw failure([ImportProblem(file: file, line: 1, column: nil, reason: .noHeader(expected: kind.columns))])
        }
        consumed(header)
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        headerNames = names
        headerCount = names.count
        let twice = kind.columns.filter { column in names.filter { $0 == column }.count > 1 }
        if !twice.isEmpty {
            throw failure(twice.map { ImportProblem(file: file, line: 1, column: $0, reason: .repeatedInHeader) })
        }
        // A column the desk does not know is most often a misspelt one: read silently, its
        // values would be lost and the column it meant left as it was.
        let unknown = names.filter { !$0.isEmpty && !kind.columns.contains($0) }
        if !unknown.isEmpty {
            let unused = kind.columns.filter { !names.contains($0) }
            throw failure(unknown.map { name in
                ImportProblem(file: file, line: 1, column: name, reason: kind.unknownColumnReason(name, unused: unused))
            })
        }
        indexes = kind.columns.map { names.firstIndex(of: $0) }
        present = ColumnSet(indexes: indexes.indices.filter { indexes[$0] != nil })
        let missing = zip(kind.columns, indexes).filter { kind.required.contains($0.0) && $0.1 == nil }.map(\.0)
        if !missing.isEmpty {
            throw failure(missing.map { ImportProblem(file: file, line: 1, column: $0, reason: .missingColumn) })
        }
    }

    /// The separator a header line uses: the most frequent of comma, semicolon and tab
    /// outside quotes (Excel and 1C write `;` where the decimal mark is a comma); a comma
    /// when there is none, as in a one-column file.
    static func delimiter(ofHeader bytes: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09]
        var counts = [0, 0, 0]
        var quoted = false
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D, !quoted { break }
            if byte == 0x22 { quoted.toggle() } else if !quoted, let k = candidates.firstIndex(of: byte) { counts[k] += 1 }
        }
        var best = 0
        for k in 1..<candidates.count where counts[k] > counts[best] { best = k }
        return candidates[best]
    }

    public func next() throws(ImportProblem) -> RawRow? {
        while true {
            let start = line
            guard let fields = try nextFields() else { return nil }
            consumed(fields)
            if fields.count == 1, fields[0].isEmpty { continue }  // a blank line
            guard fields.count == headerCount else {
                // A quote left open swallows the lines after it into one field.
                throw ImportProblem(file: file, line: start, column: nil,
                                    reason: .fieldCount(found: fields.count, header: headerCount, quoteOpen: line - start > 1))
            }
            return RawRow(line: start, values: indexes.map { index in
                guard let index, !fields[index].isEmpty else { return nil }
                return fields[index]
            }, present: present)
        }
    }

    /// The next row's cells from CSV.swift, nil at the end of the file.
    private func nextFields() throws(ImportProblem) -> [String]? {
        while !finished {
            if let fields = reader?.next() { return fields }
            reader = nil
            if invalidUTF8 {
                invalidUTF8 = false
                throw skipInvalidRow()
            }
            guard let block = try nextBlock() else {
                finished = true
                return nil
            }
            reader = try? CSVReader(string: block, hasHeaderRow: false, delimiter: Unicode.Scalar(delimiter))
        }
        return nil
    }

    /// The next block of whole rows as text, nil at the end. A block ends before the row
    /// holding invalid UTF-8, and `invalidUTF8` is set.
    private func nextBlock() throws(ImportProblem) -> String? {
        while true {
            let cut = atEnd ? pending.count : CSVRowBoundary.lastRowEnd(in: pending, delimiter: delimiter)
            if cut > 0 || atEnd {
                guard cut > 0 else { return nil }
                var end = cut
                var text = pending.withUnsafeBufferPointer { String(validating: $0[..<end], as: UTF8.self) }
                if text == nil {
                    invalidUTF8 = true
                    // Rows end at ASCII bytes, so the valid rows are those valid one by one.
                    end = pending.withUnsafeBufferPointer { bytes in
                        var valid = 0
                        for rowEnd in CSVRowBoundary.rowEnds(in: UnsafeBufferPointer(rebasing: bytes[..<cut]), atEnd: true,
                                                             delimiter: delimiter) {
                            guard String(validating: bytes[valid..<rowEnd], as: UTF8.self) != nil else { break }
                            valid = rowEnd
                        }
                        return valid
                    }
                    text = pending.withUnsafeBufferPointer { String(validating: $0[..<end], as: UTF8.self) } ?? ""
                }
                pending.removeSubrange(0..<end)
                return text
            }
            try read()
        }
    }

    /// Passes over the row at the start of `pending`, which holds invalid UTF-8, and says
    /// where: its line, and the first column whose cell the bad bytes are in.
    private func skipInvalidRow() -> ImportProblem {
        let start = line
        let end = pending.withUnsafeBufferPointer {
            CSVRowBoundary.rowEnds(in: $0, atEnd: true, delimiter: delimiter).first
        } ?? pending.count
        let text = String(decoding: pending[0..<end], as: UTF8.self)
        pending.removeSubrange(0..<end)
        let fields = (try? CSVReader(string: text, hasHeaderRow: false, delimiter: Unicode.Scalar(delimiter)))?.next() ?? [text]
        consumed(fields)
        let column = fields.firstIndex { $0.contains("\u{FFFD}") }.flatMap { $0 < headerNames.count ? headerNames[$0] : nil }
        return ImportProblem(file: file, line: start, column: column, reason: .invalidUTF8(suggestWindows1251: encoding == .utf8))
    }

    private func read() throws(ImportProblem) {
        let chunk: Data?
        do {
            chunk = try handle.read(upToCount: 1 << 20)
        } catch {
            throw ImportProblem(file: file, line: line, column: nil, reason: .cannotRead(error.localizedDescription))
        }
        guard let chunk, !chunk.isEmpty else {
            atEnd = true
            return
        }
        pending.append(contentsOf: encoding.utf8(chunk))
        if atStart, pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
        atStart = false
    }

    /// Counts the lines and bytes a row took: one line plus one per newline inside quotes.
    private func consumed(_ fields: [String]) {
        var bytes = fields.count
        for field in fields {
            bytes += field.utf8.count
            for byte in field.utf8 where byte == 0x0A { line += 1 }
        }
        line += 1
        bytesRead += bytes
    }
}

/// Where rows end in CSV bytes, by the same rules as CSV.swift's reader: a field that
/// starts with a quote runs to a quote followed by the delimiter (a comma unless said), a
/// line break or the end (a doubled quote, or a quote followed by anything else, stays
/// inside); any other field runs to the delimiter or a line break. LF, CR or CRLF ends a row. Every byte these rules look
/// at is ASCII, which never occurs inside a multi-byte UTF-8 sequence.
enum CSVRowBoundary {
    /// The offset just past the last row that certainly ends within `bytes`; 0 if none.
    static func lastRowEnd(in bytes: [UInt8], delimiter: UInt8 = 0x2C) -> Int {
        bytes.withUnsafeBufferPointer { rowEnds(in: $0, atEnd: false, delimiter: delimiter).last ?? 0 }
    }

    /// The offsets just past each complete row. Without `atEnd`, a row whose end depends on
    /// bytes not yet read (a CR or a quote as the last byte) is not complete.
    static func rowEnds(in bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, delimiter comma: UInt8 = 0x2C) -> [Int] {
        let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var ends: [Int] = []
        var i = 0
        var fieldStart = true
        let n = bytes.count
        /// The end of a row whose terminator starts at `at`, nil when it needs more bytes.
        func terminator(_ at: Int) -> Int? {
            if bytes[at] == lf { return at + 1 }
            if at + 1 < n { return bytes[at + 1] == lf ? at + 2 : at + 1 }
            return atEnd ? at + 1 : nil
        }
        while i < n {
            if fieldStart, bytes[i] == quote {
                fieldStart = false
                i += 1
                // Inside quotes until a quote followed by a comma, a line break or the end.
                while true {
                    guard i < n else { return ends }
                    guard bytes[i] == quote else { i += 1; continue }
                    guard i + 1 < n else { return ends }
                    let next = bytes[i + 1]
                    if next == comma {
                        i += 2
                        fieldStart = true
                        break
                    }
                    if next == lf || next == cr {
                        guard let end = terminator(i + 1) else { return ends }
                        ends.append(end)
                        i = end
                        fieldStart = true
                        break
                    }
                    i += 2
                }
                continue
            }
            fieldStart = false
            let b = bytes[i]
            if b == comma {
                fieldStart = true
                i += 1
            } else if b == lf || b == cr {
                guard let end = terminator(i) else { return ends }
                ends.append(end)
                i = end
                fieldStart = true
            } else {
                i += 1
            }
        }
        return ends
    }
}

/// JSON Lines: one JSON object a line, keys the column names.
public final class JSONLinesRowSource: RowSource {
    public let kind: ImportKind
    public let file: String
    public private(set) var bytesRead = 0
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 0
    private let encoding: InputEncoding

    public init(handle: FileHandle, file: String, kind: ImportKind, encoding: InputEncoding = .utf8) {
        self.handle = handle
        self.file = file
        self.kind = kind
        self.encoding = encoding
    }

    public func next() throws(ImportProblem) -> RawRow? {
        while let bytes = nextLine() {
            line += 1
            bytesRead += bytes.count + 1
            var content = bytes[...]
            if line == 1, content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
            if content.last == 0x0D { content = content.dropLast() }
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard String(validating: content, as: UTF8.self) != nil else {
                throw ImportProblem(file: file, line: line, column: nil, reason: .invalidUTF8(suggestWindows1251: encoding == .utf8))
            }
            guard let object = try? JSONSerialization.jsonObject(with: Data(content)) as? [String: Any] else {
                throw ImportProblem(file: file, line: line, column: nil, reason: .notJSONObject(trailingComma: false))
            }
            // Foundation's reader forgives a comma before `}` or `]`; JSON does not, nor does
            // the next program to read the file.
            if Self.hasTrailingComma(content) {
                throw ImportProblem(file: file, line: line, column: nil, reason: .notJSONObject(trailingComma: true))
            }
            if let unknown = object.keys.filter({ !kind.columns.contains($0) }).min() {
                throw ImportProblem(file: file, line: line, column: unknown,
                                    reason: kind.unknownColumnReason(unknown, unused: kind.columns.filter { object[$0] == nil }))
            }
            var values: [String?] = []
            values.reserveCapacity(kind.columns.count)
            for column in kind.columns {
                values.append(try text(object[column], column: column))
            }
            // A key given as null is there (and clears the value); a key left out is not.
            let present = ColumnSet(indexes: kind.columns.indices.filter { object[kind.columns[$0]] != nil })
            return RawRow(line: line, values: values, present: present)
        }
        return nil
    }

    /// Whether a comma outside any string is followed, after white space, by `}` or `]`.
    static func hasTrailingComma(_ bytes: ArraySlice<UInt8>) -> Bool {
        var inString = false, escaped = false, afterComma = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true; afterComma = false
            case UInt8(ascii: ","): afterComma = true
            case UInt8(ascii: "}"), UInt8(ascii: "]"): if afterComma { return true }
            case 0x20, 0x09, 0x0A, 0x0D: break
            default: afterComma = false
            }
        }
        return false
    }

    private func text(_ value: Any?, column: String) throws(ImportProblem) -> String? {
        // A flag is JSON's true or false: "yes", 1 or "true" is a mistake to point at.
        if kind.flagColumns.contains(column), let value, !(value is NSNull) {
            guard let number = value as? NSNumber, !(value is String), String(cString: number.objCType) == "c" else {
                throw ImportProblem(file: file, line: line, column: column, reason: .expectedFlag(shown: Self.shown(value)))
            }
        }
        switch value {
        case nil, is NSNull: return nil
        case let string as String: return string.isEmpty ? nil : string
        case let number as NSNumber:
            // JSON's true and false arrive as numbers of type "c" (char): only a flag takes them.
            guard String(cString: number.objCType) == "c" else { return number.stringValue }
            guard kind.flagColumns.contains(column) else {
                throw ImportProblem(file: file, line: line, column: column, reason: .expectedTextOrNumber(shown: "\(number.boolValue)"))
            }
            return number.boolValue ? "true" : "false"
        default: throw ImportProblem(file: file, line: line, column: column, reason: .expectedScalar)
        }
    }

    /// A JSON value as the file wrote it, for a message.
    private static func shown(_ value: Any) -> String {
        if let string = value as? String { return "'\(string)'" }
        if let number = value as? NSNumber { return number.stringValue }
        return "a JSON " + (value is [Any] ? "array" : "object")
    }

    /// The bytes of the next line without its LF, reading the file 256 KiB at a time.
    private func nextLine() -> ArraySlice<UInt8>? {
        while true {
            if let end = buffer[position...].firstIndex(of: 0x0A) {
                let slice = buffer[position..<end]
                position = end + 1
                return slice
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let slice = buffer[position...]
                position = buffer.count
                return slice
            }
            buffer.removeSubrange(0..<position)
            position = 0
            let chunk = handle.readData(ofLength: 256 * 1024)
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: encoding.utf8(chunk)) }
        }
    }
}
