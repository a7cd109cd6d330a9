import Foundation

/// RFC 4180 cells written straight into a byte buffer. CSV.swift's writer hands its
/// output stream one byte per call, which caps an export at some 25,000 rows a second;
/// this does the same quoting at buffer speed.
enum CSVOutput {
    /// Appends `cell`, quoted when it holds a quote, comma, CR or LF (its quotes doubled).
    /// With `guarded`, a cell a spreadsheet would run as a formula gets a leading `'`
    /// (see `FormulaGuard`).
    /// Control characters, C1 and bidi controls never reach the file: a CSV printed to a
    /// terminal must not drive it (`UntrustedText.cell`).
    /// `separator` is the byte between cells (a comma, or `;` for an Excel CSV): a cell
    /// holding it is quoted.
    static func append(_ cell: String, guarded: Bool, separator: UInt8 = 0x2C, to buffer: inout [UInt8]) {
        var cell = cell
        if cell.withUTF8(UntrustedText.needsCleaning) { cell = UntrustedText.cell(cell) }
        cell.withUTF8 { bytes in
            let apostrophe = guarded && bytes.first.map(FormulaGuard.startsFormula) == true
            let quoted = bytes.contains { needsQuotes($0) || $0 == separator }
            if quoted { buffer.append(0x22) }
            if apostrophe { buffer.append(UInt8(ascii: "'")) }
            if quoted {
                for byte in bytes {
                    if byte == 0x22 { buffer.append(0x22) }
                    buffer.append(byte)
                }
                buffer.append(0x22)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == 0x22 || byte == 0x2C || byte == 0x0A || byte == 0x0D
    }

    /// Appends `01.03.2024 17:05`: the time of `seconds` in `zone`, as a spreadsheet under a
    /// Russian locale reads a date and time.
    static func appendLocalDate(_ seconds: Int64, zone: TimeZone, to buffer: inout [UInt8]) {
        let local = seconds + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let (date, rest) = ISODate.parts(local)
        func two(_ value: Int64) {
            buffer.append(0x30 + UInt8(value / 10))
            buffer.append(0x30 + UInt8(value % 10))
        }
        two(date.day); buffer.append(0x2E); two(date.month); buffer.append(0x2E)
        buffer.append(contentsOf: String(date.year).utf8)
        buffer.append(0x20); two(rest / 3600); buffer.append(0x3A); two(rest / 60 % 60)
    }

    /// Appends `2024-03-01T14:05:09Z` (see `ISODate.string`) without building a string.
    static func appendDate(_ seconds: Int64, to buffer: inout [UInt8]) {
        let (date, rest) = ISODate.parts(seconds)
        func two(_ value: Int64) {
            buffer.append(0x30 + UInt8(value / 10))
            buffer.append(0x30 + UInt8(value % 10))
        }
        if (1000...9999).contains(date.year) {
            two(date.year / 100)
            two(date.year % 100)
        } else {
            buffer.append(contentsOf: String(date.year).utf8)
        }
        buffer.append(0x2D); two(date.month); buffer.append(0x2D); two(date.day)
        buffer.append(0x54); two(rest / 3600); buffer.append(0x3A); two(rest / 60 % 60)
        buffer.append(0x3A); two(rest % 60); buffer.append(0x5A)
    }
}
