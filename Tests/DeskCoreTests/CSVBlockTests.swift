import CSV
import Foundation
import Testing
@testable import DeskCore

/// The CSV reader cuts a file into blocks of whole rows for CSV.swift, and the exporter
/// quotes cells itself: both must agree with CSV.swift cell for cell.
@Suite struct CSVBlockTests {
    /// Rows with every awkward shape: quoted commas, doubled quotes, line breaks inside
    /// quotes, CRLF, blank lines, Cyrillic.
    static let tricky = "id,body\r\n1,plain\n2,\"a, b\"\n3,\"say \"\"hi\"\"\"\r\n\n4,\"two\nlines\r\nthree\"\n5,Пётр\n6,\"\"\n"

    static func rowsOf(_ text: String) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        return Array(AnySequence { reader })
    }

    @Test func aBlockEndsOnlyWhereCSVSwiftEndsARow() throws {
        let bytes = Array(Self.tricky.utf8)
        let whole = try Self.rowsOf(Self.tricky)
        for length in 0...bytes.count {
            let cut = CSVRowBoundary.lastRowEnd(in: Array(bytes[..<length]))
            let head = try Self.rowsOf(String(decoding: bytes[..<cut], as: UTF8.self))
            let tail = try Self.rowsOf(String(decoding: bytes[cut...], as: UTF8.self))
            #expect(head + tail == whole, "cut at \(cut) of a \(length)-byte prefix")
        }
    }

    @Test func aFileBiggerThanOneBlockReadsLikeOneString() throws {
        var text = "ticket_id,author,body,at\n"
        var i = 0
        while text.utf8.count < 3 << 20 {
            text += "T\(i),agent,\"line \(i), \"\"quoted\"\"\nnext Пётр\",2024-01-01\r\n"
            i += 1
        }
        let path = try Fixture.file("m.csv", text)
        let source = try RowSources.open(path: path, kind: .messages, format: .csv)
        var count = 0
        while let row = try source.next() {
            #expect(row.values[0] == "T\(count)")
            #expect(row.values[2] == "line \(count), \"quoted\"\nnext Пётр")
            #expect(row.line == 2 + 2 * count)
            count += 1
        }
        #expect(count == i)
    }

    @Test func exportQuotingMatchesCSVSwiftsWriter() throws {
        let cells = ["plain", "a,b", "say \"hi\"", "two\nlines", "crlf\r\nhere", "", "Пётр", "=1+1", "-5", "'x"]
        var ours: [UInt8] = []
        for (index, cell) in cells.enumerated() {
            if index > 0 { ours.append(0x2C) }
            CSVOutput.append(cell, guarded: true, to: &ours)
        }
        let theirs = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: theirs)
        writer.beginNewRow()
        for cell in cells { try writer.write(field: FormulaGuard.neutralised(cell)) }
        writer.stream.close()
        let data = try #require(theirs.property(forKey: .dataWrittenToMemoryStreamKey) as? Data)
        #expect(ours == Array(data))
        #expect(try Self.rowsOf(String(decoding: ours, as: UTF8.self)) == [cells.map(FormulaGuard.neutralised)])
        // A CR alone would send a terminal's cursor back over the line: it shows as ␍.
        var bare: [UInt8] = []
        CSVOutput.append("cr\rhere", guarded: false, to: &bare)
        #expect(String(decoding: bare, as: UTF8.self) == "cr␍here")
    }

    @Test func exportDatesMatchISODateString() {
        for seconds: Int64 in [0, 1_709_301_909, 253_402_300_799, -1, -62_135_596_800, 4_102_444_800] {
            var bytes: [UInt8] = []
            CSVOutput.appendDate(seconds, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == ISODate.string(seconds))
        }
    }
}
