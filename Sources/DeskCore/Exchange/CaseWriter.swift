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

/// CSV with a header row, written by `CSVOutput` (cells holding commas, quotes or line
/// breaks are quoted). Text cells are formula-guarded.
final class CSVCaseWriter: CaseWriter {
    private let output: BufferedOutput
    private let redact: Bool

    init(output: BufferedOutput, redact: Bool) throws {
        self.output = output
        self.redact = redact
        output.appendRow { buffer in
            for (index, column) in ExportCase.columns.enumerated() {
                if index > 0 { buffer.append(0x2C) }
                CSVOutput.append(column, guarded: false, to: &buffer)
            }
        }
    }

    func write(_ exported: ExportCase) throws {
        let redact = redact
        output.appendRow { buffer in
            buffer.append(0x0A)
            func text(_ cell: String?) {
                if let cell { CSVOutput.append(cell, guarded: true, to: &buffer) }
                buffer.append(0x2C)
            }
            func date(_ seconds: Int64?) {
                if let seconds { CSVOutput.appendDate(seconds, to: &buffer) }
                buffer.append(0x2C)
            }
            text(exported.ticketID)
            text(exported.customerID)
            text(exported.customerName)
            text(redact ? exported.email.map(Redaction.email) : exported.email)
            text(redact ? exported.phone.map(Redaction.phone) : exported.phone)
            text(exported.channel)
            text(exported.reason)
            text(exported.fault)
            date(exported.createdAt)
            date(exported.firstResponseAt)
            date(exported.resolvedAt)
            text(exported.resolution)
            text(exported.compensations.isEmpty ? "" : exported.compensationsText)
            buffer.append(contentsOf: exported.compensationValue.decimal.utf8)
            buffer.append(0x2C)
            if let satisfaction = exported.satisfaction { buffer.append(contentsOf: String(satisfaction).utf8) }
            buffer.append(0x2C)
            text(exported.recovery)
            if let agent = exported.agent { CSVOutput.append(agent, guarded: true, to: &buffer) }
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
