import CSV
import Foundation

/// One data row of an input file, its values in the order of `ImportKind.columns`; nil
/// where a column is missing or its cell is empty.
public struct RawRow: Sendable {
    public var line: Int
    public var values: [String?]
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
    public static func open(path: String, kind: ImportKind, format: ExchangeFormat) throws -> any RowSource {
        let name = path == "-" ? "<stdin>" : path
        if path != "-" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw ImportFailure(problems: [ImportProblem(file: name, line: 0, column: nil,
                                                             reason: "no such file")], truncated: false)
            }
        }
        switch format {
        case .csv:
            guard let stream = InputStream(fileAtPath: path == "-" ? "/dev/stdin" : path) else {
                throw ImportFailure(problems: [ImportProblem(file: name, line: 0, column: nil, reason: "cannot read the file")],
                                    truncated: false)
            }
            return try CSVRowSource(stream: stream, file: name, kind: kind)
        case .jsonl:
            let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
            guard let handle else {
                throw ImportFailure(problems: [ImportProblem(file: name, line: 0, column: nil, reason: "cannot read the file")],
                                    truncated: false)
            }
            return JSONLinesRowSource(handle: handle, file: name, kind: kind)
        }
    }
}

/// RFC 4180 CSV with a header row, through CSV.swift's streaming reader (which also skips
/// a UTF-8 BOM and takes CRLF or LF).
public final class CSVRowSource: RowSource {
    public let kind: ImportKind
    public let file: String
    public private(set) var bytesRead = 0
    private let reader: CSVReader
    /// For each of the kind's columns, its index in the file's header.
    private var indexes: [Int?] = []
    private var headerCount = 0
    /// The line the next row starts on.
    private var line = 1

    public init(stream: InputStream, file: String, kind: ImportKind) throws {
        self.kind = kind
        self.file = file
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: false)
        } catch {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 0, column: nil, reason: "cannot read the file")],
                                truncated: false)
        }
        guard let header = reader.next(), header != [""] else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, column: nil,
                                                         reason: "no header row (expected \(kind.columns.joined(separator: ",")))")],
                                truncated: false)
        }
        consumed(header)
        if case CSVError.unicodeDecoding? = reader.error {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, column: nil, reason: "invalid UTF-8")],
                                truncated: false)
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        headerCount = names.count
        indexes = kind.columns.map { names.firstIndex(of: $0) }
        let missing = zip(kind.columns, indexes).filter { kind.required.contains($0.0) && $0.1 == nil }.map(\.0)
        if !missing.isEmpty {
            throw ImportFailure(problems: missing.map {
                ImportProblem(file: file, line: 1, column: $0, reason: "missing required column")
            }, truncated: false)
        }
    }

    public func next() throws(ImportProblem) -> RawRow? {
        while true {
            guard let fields = reader.next() else {
                try checkError(line)
                return nil
            }
            let start = line
            consumed(fields)
            try checkError(start)
            if fields.count == 1, fields[0].isEmpty { continue }  // a blank line
            guard fields.count == headerCount else {
                throw ImportProblem(file: file, line: start, column: nil,
                                    reason: "\(fields.count) fields, but the header has \(headerCount)")
            }
            return RawRow(line: start, values: indexes.map { index in
                guard let index, !fields[index].isEmpty else { return nil }
                return fields[index]
            })
        }
    }

    /// CSV.swift ends the input at a bad byte and records why; a failed read at the very
    /// end of a file is how it notices the end, not a problem.
    private func checkError(_ line: Int) throws(ImportProblem) {
        switch reader.error {
        case CSVError.unicodeDecoding?:
            throw ImportProblem(file: file, line: line, column: nil, reason: "invalid UTF-8")
        case CSVError.streamErrorHasOccurred(let error)?:
            throw ImportProblem(file: file, line: line, column: nil, reason: "cannot read: \(error.localizedDescription)")
        default:
            return
        }
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

    public init(handle: FileHandle, file: String, kind: ImportKind) {
        self.handle = handle
        self.file = file
        self.kind = kind
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
                throw ImportProblem(file: file, line: line, column: nil, reason: "invalid UTF-8")
            }
            guard let object = try? JSONSerialization.jsonObject(with: Data(content)) as? [String: Any] else {
                throw ImportProblem(file: file, line: line, column: nil, reason: "not a JSON object")
            }
            var values: [String?] = []
            values.reserveCapacity(kind.columns.count)
            for column in kind.columns {
                values.append(try text(object[column], column: column))
            }
            return RawRow(line: line, values: values)
        }
        return nil
    }

    private func text(_ value: Any?, column: String) throws(ImportProblem) -> String? {
        switch value {
        case nil, is NSNull: return nil
        case let string as String: return string.isEmpty ? nil : string
        case let number as NSNumber: return number.stringValue
        case let bool as Bool: return bool ? "true" : "false"
        default: throw ImportProblem(file: file, line: line, column: column, reason: "expected a string, number or boolean")
        }
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
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
