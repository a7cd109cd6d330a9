import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import DeskCore

/// CSV as a spreadsheet under a Russian locale opens it, and dates read and written in the
/// shop's time zone.
@Suite struct ExcelAndZoneTests {
    static let moscow = TimeZone(identifier: "Europe/Moscow")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    @Test func aTimeWithoutAZoneIsTheShops() {
        #expect(ISODate.seconds("2026-11-01", in: Self.moscow) == ISODate.seconds("2026-10-31T21:00:00Z"))
        #expect(ISODate.seconds("2026-11-01 10:30", in: Self.moscow) == ISODate.seconds("2026-11-01T07:30:00Z"))
        #expect(ISODate.seconds("2026-11-01T10:30:00Z", in: Self.moscow) == ISODate.seconds("2026-11-01T10:30:00Z"), "its own zone wins")
        #expect(ISODate.seconds("2026-11-01T10:30:00+05:00", in: Self.moscow) == ISODate.seconds("2026-11-01T05:30:00Z"))
        // Summer time: Berlin is UTC+2 in July, UTC+1 in January.
        #expect(ISODate.seconds("2026-07-01 12:00", in: Self.berlin) == ISODate.seconds("2026-07-01T10:00:00Z"))
        #expect(ISODate.seconds("2026-01-01 12:00", in: Self.berlin) == ISODate.seconds("2026-01-01T11:00:00Z"))
        #expect(ISODate.seconds("2026-11-01") == ISODate.seconds("2026-11-01T00:00:00Z"), "without a zone given, UTC")
        #expect(ISODate.string(ISODate.seconds("2026-10-31T21:00:00Z")!, in: Self.moscow) == "2026-11-01T00:00:00+03:00")
        #expect(ISODate.string(0, in: ISODate.utc) == "1970-01-01T00:00:00Z")
    }

    @Test func aFilesDatesAreReadInTheShopsZone() throws {
        let store = try Fixture.store()
        let source = try RowSources.open(path: try Fixture.file("c.csv", "id,name,joined\nC1,Анна,2024-01-15 09:00\nC2,Б,2024-01-15T09:00:00Z\n"),
                                         kind: .customers, format: .csv)
        _ = try store.importRows(from: source, options: ImportOptions(timeZone: Self.moscow))
        let joined = try store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT joined_at FROM customer ORDER BY id") }
        #expect(joined == [ISODate.seconds("2024-01-15T06:00:00Z"), ISODate.seconds("2024-01-15T09:00:00Z")])
    }

    @Test func theConfigNamesTheZone() throws {
        let config = try DeskConfig.parse("timezone = \"Europe/Moscow\"\n", file: "c.toml")
        #expect(config.shopTimeZone.identifier == "Europe/Moscow")
        #expect(try DeskConfig.parse("", file: "c.toml").shopTimeZone == TimeZone.current, "the system's by default")
        #expect(try DeskConfig.parse(config.toml, file: "again.toml") == config, "cdesk config prints it back")
        #expect(throws: ConfigError(file: "c.toml", line: 2, key: "timezone",
                                    reason: .unknown(what: .timeZone, name: nil, known: []))) {
            try DeskConfig.parse("currency = \"₽\"\ntimezone = \"Mars/Olympus\"\n", file: "c.toml")
        }
    }

    /// One case with a Cyrillic name holding `;`, a phone a spreadsheet would take for a
    /// formula, a refund of 1 500,50 ₽, resolved at 21:30 UTC: 00:30 the next day in Moscow.
    static func store() throws -> Store {
        let store = try Fixture.store()
        try Fixture.load(store, .customers, try Fixture.file("c.csv", "id,name,phone,joined\nC1,\"Петров; Иван\",+7 925 320-94-48,2024-01-01\n"))
        try Fixture.load(store, .tickets, try Fixture.file("t.csv", """
            id,customer_id,channel,reason,subject,status,created_at,resolved_at,resolution,resolution_amount
            T1,C1,email,wrong-item,one,closed,2024-02-01T09:05:00Z,2024-02-01T21:30:00Z,refunded,1500.50

            """))
        return store
    }

    /// The file's bytes as written (reading it as a String would drop the BOM).
    static func export(_ store: Store, _ filter: ExportFilter, splitAbove: Int = .max) throws -> [UInt8] {
        let path = Scratch.path("export.csv")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try store.exportCases(filter, format: .csv, to: handle, splitAbove: splitAbove)
        try handle.close()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func anExcelCSVHasABOMSemicolonsCRLFAndLocalDates() throws {
        let store = try Self.store()
        let filter = ExportFilter(excel: true, timeZone: Self.moscow)
        let bytes = try Self.export(store, filter)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 3 && lines[2].isEmpty, "two rows, each ended by CRLF")
        #expect(lines[0] == ExportCase.columns.joined(separator: ";"))
        #expect(lines[1] == "T1;C1;\"Петров; Иван\";;'+7 925 320-94-48;email;wrong-item;unknown;01.02.2024 12:05;;02.02.2024 00:30;"
                + "refunded;refund 1500.50;1500,50;;;")
        // The same store as a plain CSV: commas, LF, ISO dates in UTC, a decimal point.
        let plain = try ExportTests.export(store, .csv)
        #expect(plain.hasPrefix("ticket_id,") && plain.contains("2024-02-01T21:30:00Z") && plain.contains(",1500.50,"))
    }

    @Test func aSplitExcelExportHasOneBOM() throws {
        let store = try ExportTests.demoStore()
        let filter = ExportFilter(excel: true, timeZone: Self.moscow)
        let whole = try Self.export(store, filter)
        let split = try Self.export(store, filter, splitAbove: 10)
        #expect(split == whole)
        #expect(whole.prefix(3) == [0xEF, 0xBB, 0xBF] && String(decoding: whole.dropFirst(3), as: UTF8.self).contains("\u{FEFF}") == false)
    }
}
