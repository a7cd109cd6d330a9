import Foundation

/// Where exported cases go, one at a time.
public protocol CaseWriter: AnyObject {
    func write(_ exported: ExportCase) throws
    /// Writes what is still buffered; the file is complete after it.
    func finish() throws
}

public enum CaseWriters {
    /// A writer of `format` to `handle`, masked and laid out as `filter` says. Without
    /// `header`, a CSV writer leaves out its header row (and an Excel CSV its BOM): what it
    /// writes then follows another writer's output (a second part of one export).
    public static func make(_ format: ExchangeFormat, to handle: FileHandle, filter: ExportFilter,
                            header: Bool = true) throws -> any CaseWriter {
        switch format {
        case .csv: try CSVCaseWriter(output: BufferedOutput(handle), redact: filter.redact,
                                     style: filter.excel ? .excel(filter.timeZone) : .plain, header: header)
        case .jsonl: JSONLinesCaseWriter(output: BufferedOutput(handle), redact: filter.redact)
        }
    }
}

/// How a CSV file is laid out: RFC 4180 with ISO dates for programs, or what a spreadsheet
/// under a Russian locale opens as it is (LibreOffice's default import garbles Cyrillic
/// without a BOM, and takes `;` and a decimal comma there).
struct CSVStyle {
    var separator: UInt8 = 0x2C
    var lineEnd: [UInt8] = [0x0A]
    var byteOrderMark = false
    /// Dates as `ДД.ММ.ГГГГ ЧЧ:ММ` in this zone; nil: ISO 8601 in UTC.
    var localDates: TimeZone?
    var decimalComma = false

    static let plain = CSVStyle()

    static func excel(_ zone: TimeZone) -> CSVStyle {
        CSVStyle(separator: 0x3B, lineEnd: [0x0D, 0x0A], byteOrderMark: true, localDates: zone, decimalComma: true)
    }
}

/// CSV with a header row, written by `CSVOutput` (cells holding the separator, quotes or
/// line breaks are quoted), in `CSVStyle`'s layout. Text cells are formula-guarded.
final class CSVCaseWriter: CaseWriter {
    private let output: BufferedOutput
    private let redact: Bool
    private let style: CSVStyle

    init(output: BufferedOutput, redact: Bool, style: CSVStyle = .plain, header: Bool = true) throws {
        self.output = output
        self.redact = redact
        self.style = style
        guard header else { return }
        output.appendRow { buffer in
            if style.byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
            for (index, column) in ExportCase.columns.enumerated() {
                if index > 0 { buffer.append(style.separator) }
                CSVOutput.append(column, guarded: false, separator: style.separator, to: &buffer)
            }
            buffer.append(contentsOf: style.lineEnd)
        }
    }

    func write(_ exported: ExportCase) throws {
        let redact = redact, style = style
        output.appendRow { buffer in
            var first = true
            exported.cells(redact: redact) { cell in
                if !first { buffer.append(style.separator) }
                first = false
                switch cell {
                case let .text(text):
                    if let text { CSVOutput.append(text, guarded: true, separator: style.separator, to: &buffer) }
                case let .date(seconds):
                    guard let seconds else { return }
                    if let zone = style.localDates {
                        CSVOutput.appendLocalDate(seconds, zone: zone, to: &buffer)
                    } else {
                        CSVOutput.appendDate(seconds, to: &buffer)
                    }
                case let .number(number):
                    guard let number else { return }
                    buffer.append(contentsOf: style.decimalComma ? number.replacingOccurrences(of: ".", with: ",").utf8 : number.utf8)
                }
            }
            buffer.append(contentsOf: style.lineEnd)
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

    /// `text` as a JSON string: quotes, backslashes and control characters escaped; DEL,
    /// C1 controls and bidi controls escaped as `\uXXXX` too (a terminal or an editor would
    /// act on them), U+2028/U+2029 as well (JavaScript reads them as line ends); other UTF-8
    /// as it is.
    static func appendQuoted(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            buffer.append(0x22)
            let hex = Array("0123456789abcdef".utf8)
            func escape(_ v: UInt32) {
                buffer.append(contentsOf: [0x5C, UInt8(ascii: "u")])
                for shift in stride(from: 12, through: 0, by: -4) { buffer.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
            }
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                // DEL, and the lead bytes of C1 (C2), U+061C (D8) and U+2xxx (E2) controls.
                if byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2,
                   let (scalar, length) = Self.scalar(in: bytes, at: i), Self.isEscaped(scalar) {
                    escape(scalar)
                    i += length
                    continue
                }
                switch byte {
                case 0x22: buffer.append(contentsOf: [0x5C, 0x22])
                case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: buffer.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: buffer.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: buffer.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0..<0x20: escape(UInt32(byte))
                default: buffer.append(byte)
                }
                i += 1
            }
            buffer.append(0x22)
        }
    }
}

extension JSONLinesCaseWriter {
    /// The scalar that starts at `i` of valid UTF-8 `bytes`, and how many bytes it takes.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let b = UInt32(bytes[i])
        switch b {
        case 0..<0x80: return (b, 1)
        case 0xC0..<0xE0 where i + 1 < bytes.count: return ((b & 0x1F) << 6 | UInt32(bytes[i + 1]) & 0x3F, 2)
        case 0xE0..<0xF0 where i + 2 < bytes.count:
            return ((b & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | UInt32(bytes[i + 2]) & 0x3F, 3)
        default: return nil
        }
    }

    /// DEL, C1 controls, bidi controls, and the line and paragraph separators.
    static func isEscaped(_ v: UInt32) -> Bool {
        v == 0x7F || (0x80...0x9F).contains(v) || v == 0x061C || v == 0x200E || v == 0x200F
            || (0x2028...0x202E).contains(v) || (0x2066...0x2069).contains(v)
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
