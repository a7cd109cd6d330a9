import CSV
import Foundation

/// Where exported cases go, one at a time.
public protocol CaseWriter: AnyObject {
    func write(_ exported: ExportCase) throws
    /// Writes what is still buffered; the file is complete after it.
    func finish() throws
}

public enum CaseWriters {
    public static func make(_ format: ExchangeFormat, to handle: FileHandle, redact: Bool) throws -> any CaseWriter {
        switch format {
        case .csv: try CSVCaseWriter(output: BufferedOutput(handle), redact: redact)
        case .jsonl: JSONLinesCaseWriter(output: BufferedOutput(handle), redact: redact)
        }
    }
}

/// CSV with a header row, through CSV.swift's writer (which quotes cells holding commas,
/// quotes or line breaks). Text cells are formula-guarded.
final class CSVCaseWriter: CaseWriter {
    private let output: BufferedOutput
    private let csv: CSVWriter
    private let redact: Bool

    init(output: BufferedOutput, redact: Bool) throws {
        self.output = output
        self.redact = redact
        csv = try CSVWriter(stream: output)
        try csv.write(row: ExportCase.columns)
    }

    func write(_ exported: ExportCase) throws {
        csv.beginNewRow()
        for (index, cell) in exported.textCells(redact: redact).enumerated() {
            switch index {
            case 13: try csv.write(field: exported.compensationValue.decimal)
            case 14: try csv.write(field: exported.satisfaction.map(String.init) ?? "")
            default: try csv.write(field: cell.map(FormulaGuard.neutralised) ?? "")
            }
        }
        if let error = output.error { throw error }
    }

    func finish() throws {
        output.append(0x0A)
        try output.flush()
    }
}

/// One JSON object a line, keys in column order; numbers as JSON numbers, empty cells as null.
final class JSONLinesCaseWriter: CaseWriter {
    private let output: BufferedOutput
    private let redact: Bool

    init(output: BufferedOutput, redact: Bool) {
        self.output = output
        self.redact = redact
    }

    func write(_ exported: ExportCase) throws {
        var line = "{"
        for (index, cell) in exported.textCells(redact: redact).enumerated() {
            if index > 0 { line += "," }
            line += "\"\(ExportCase.columns[index])\":"
            switch index {
            case 13: line += exported.compensationValue.decimal
            case 14: line += exported.satisfaction.map(String.init) ?? "null"
            default: if let cell { Self.appendQuoted(cell, to: &line) } else { line += "null" }
            }
        }
        line += "}\n"
        output.append(line)
        if let error = output.error { throw error }
    }

    func finish() throws { try output.flush() }

    static func appendQuoted(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case "\u{2028}": line += "\\u2028"
            case "\u{2029}": line += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    line.unicodeScalars.append(scalar)
                }
            }
        }
        line += "\""
    }
}

/// An output stream that gathers bytes and writes them to a file handle 64 KiB at a time:
/// CSV.swift's writer hands over one byte per call, which unbuffered would be a system
/// call per byte.
final class BufferedOutput: OutputStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var status: Stream.Status = .notOpen
    private(set) var error: (any Error)?

    init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
        super.init(toMemory: ())
    }

    /// Required by OutputStream; a buffer that goes nowhere.
    required init(toMemory: ()) {
        handle = FileHandle.nullDevice
        super.init(toMemory: ())
    }

    override func open() { status = .open }
    override func close() {
        try? flush()
        status = .closed
    }
    override var streamStatus: Stream.Status { status }
    override var hasSpaceAvailable: Bool { true }

    override func write(_ bytes: UnsafePointer<UInt8>, maxLength length: Int) -> Int {
        guard error == nil else { return -1 }
        buffer.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        if buffer.count >= 1 << 16 { try? flush() }
        return error == nil ? length : -1
    }

    func append(_ byte: UInt8) { buffer.append(byte) }
    func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
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
