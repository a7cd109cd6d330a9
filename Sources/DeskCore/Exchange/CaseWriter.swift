import Foundation

/// Where exported cases go, one at a time.
public protocol CaseWriter: AnyObject {
    func write(_ exported: ExportCase) throws
    /// Writes what is still buffered; the file is complete after it.
    func finish() throws
}

public enum CaseWriters {
    /// A writer of `format` to `handle`. Without `header`, a CSV writer leaves out its header
    /// row: what it writes then follows another writer's output (a second part of one export).
    public static func make(_ format: ExchangeFormat, to handle: FileHandle, redact: Bool,
                            header: Bool = true) throws -> any CaseWriter {
        switch format {
        case .csv: try CSVCaseWriter(output: BufferedOutput(handle), redact: redact, header: header)
        case .jsonl: JSONLinesCaseWriter(output: BufferedOutput(handle), redact: redact)
        }
    }
}

/// CSV with a header row, written by `CSVOutput` (cells holding commas, quotes or line
/// breaks are quoted), each row ended by LF. Text cells are formula-guarded.
final class CSVCaseWriter: CaseWriter {
    private let output: BufferedOutput
    private let redact: Bool

    init(output: BufferedOutput, redact: Bool, header: Bool = true) throws {
        self.output = output
        self.redact = redact
        guard header else { return }
        output.appendRow { buffer in
            for (index, column) in ExportCase.columns.enumerated() {
                if index > 0 { buffer.append(0x2C) }
                CSVOutput.append(column, guarded: false, to: &buffer)
            }
            buffer.append(0x0A)
        }
    }

    func write(_ exported: ExportCase) throws {
        let redact = redact
        output.appendRow { buffer in
            var first = true
            exported.cells(redact: redact) { cell in
                if !first { buffer.append(0x2C) }
                first = false
                switch cell {
                case let .text(text): if let text { CSVOutput.append(text, guarded: true, to: &buffer) }
                case let .date(seconds): if let seconds { CSVOutput.appendDate(seconds, to: &buffer) }
                case let .number(number): if let number { buffer.append(contentsOf: number.utf8) }
                }
            }
            buffer.append(0x0A)
        }
        if let error = output.error { throw error }
    }

    func finish() throws { try output.flush() }
}

/// One JSON object a line, keys in column order; numbers as JSON numbers, empty cells as null.
/// Written byte by byte into the output buffer, as the CSV writer does.
final class JSONLinesCaseWriter: CaseWriter {
    private let output: BufferedOutput
    private let redact: Bool
    /// `"ticket_id":` and the rest, each key ready to append.
    private static let keys: [[UInt8]] = ExportCase.columns.map { Array("\"\($0)\":".utf8) }

    init(output: BufferedOutput, redact: Bool) {
        self.output = output
        self.redact = redact
    }

    func write(_ exported: ExportCase) throws {
        let redact = redact
        output.appendRow { buffer in
            var index = 0
            exported.cells(redact: redact) { cell in
                buffer.append(index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
                buffer.append(contentsOf: Self.keys[index])
                index += 1
                switch cell {
                case let .text(text):
                    if let text { Self.appendQuoted(text, to: &buffer) } else { buffer.append(contentsOf: Self.null) }
                case let .date(seconds):
                    guard let seconds else { buffer.append(contentsOf: Self.null); return }
                    buffer.append(0x22)
                    CSVOutput.appendDate(seconds, to: &buffer)
                    buffer.append(0x22)
                case let .number(number):
                    if let number { buffer.append(contentsOf: number.utf8) } else { buffer.append(contentsOf: Self.null) }
                }
            }
            buffer.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        }
        if let error = output.error { throw error }
    }

    private static let null = Array("null".utf8)

    func finish() throws { try output.flush() }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped, and
    /// U+2028/U+2029 too (JavaScript reads them as line ends); other UTF-8 as it is.
    static func appendQuoted(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            buffer.append(0x22)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case 0x22: buffer.append(contentsOf: [0x5C, 0x22])
                case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: buffer.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: buffer.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: buffer.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    buffer.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    buffer.append(contentsOf: Array((bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                    i += 2
                default: buffer.append(byte)
                }
                i += 1
            }
            buffer.append(0x22)
        }
    }
}

/// Gathers bytes and writes them to a file handle 64 KiB at a time.
final class BufferedOutput {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var error: (any Error)?

    init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(1 << 17)
    }

    func append(_ byte: UInt8) { buffer.append(byte) }
    func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try? flush() }
    }

    /// Lets `body` append to the buffer in place, then writes it out if it is full.
    func appendRow(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= 1 << 16 { try? flush() }
    }

    func flush() throws {
        if let error { throw error }
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        } catch {
            self.error = error
            throw error
        }
    }
}
