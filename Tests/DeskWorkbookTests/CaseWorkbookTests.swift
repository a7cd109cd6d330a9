import DeskCore
import DeskTestSupport
import DeskWorkbook
import Foundation
import Testing

/// The xlsx export read back as a spreadsheet program reads it: with openpyxl, from the
/// Python that `$CDESK_TEST_PYTHON` names (`.ci/run` makes a virtual environment with it).
@Suite struct CaseWorkbookTests {
    static let python = ProcessInfo.processInfo.environment["CDESK_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    static let skipReason: Comment = "CDESK_TEST_PYTHON is not set: it names a Python with openpyxl (.ci/run makes one in .venv-ci)"

    /// Customers whose text a spreadsheet would misread: a formula, a name that looks like a
    /// date, a phone that looks like a number, Cyrillic, an escape sequence.
    static func store() throws -> Store {
        let store = try Fixtures.emptyStore()
        var batch = RecordBatch()
        func customer(_ id: String, _ name: String, phone: String?) -> Customer {
            Customer(id: id, name: name, email: nil, phone: phone, region: nil, tier: .regular, referrals: 0,
                     joinedAt: Date(timeIntervalSince1970: 1_700_000_000))
        }
        batch.customers = [customer("C1", "=1+1", phone: "89161234567"), customer("C2", "2026-03-08", phone: "+7 (925) 3209448"),
                           customer("C3", "Анна \u{1B}[31mПетрова", phone: nil)]
        let created = Date(timeIntervalSince1970: TimeInterval(ISODate.seconds("2026-11-02T21:30:00Z")!))
        batch.tickets = ["C1", "C2", "C3"].enumerated().map { index, customer in
            Ticket(id: "T\(index + 1)", customerID: customer, orderID: nil, channel: .email, reason: .wrongItem, subject: "s",
                   status: .resolved, priority: .normal, fault: .shop, assignee: "olga", createdAt: created,
                   firstResponseAt: nil, resolvedAt: created.addingTimeInterval(3600), slaDueAt: created.addingTimeInterval(86_400),
                   updatedAt: created, version: 1)
        }
        batch.compensations = [Compensation(ticketID: "T1", customerID: "C1", kind: .refund, value: 150_050, promoCode: nil,
                                            agent: "olga", at: created, state: .accepted)]
        batch.outcomes = [Outcome(ticketID: "T1", resolution: .refunded, satisfaction: 4, note: nil, agent: "olga", at: created)]
        try store.add(batch, agent: "test")
        return store
    }

    /// The workbook's cells as openpyxl reads them: per sheet, rows of [type, value, format].
    static func readBack(_ path: String, python: String) throws -> [String: Any] {
        let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": wb.sheetnames, "freeze": wb["cases"].freeze_panes, "cells": {}}
            for ws in wb.worksheets:
                out["cells"][ws.title] = [[[c.data_type, c.value.isoformat() if hasattr(c.value, "isoformat") else c.value,
                                            c.number_format] for c in row] for row in ws.iter_rows()]
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openpyxl could not read \(path)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(.enabled(if: python != nil, skipReason))
    func accountingOpensTypedCells() throws {
        let store = try Self.store()
        let path = Scratch.path("cases.xlsx")
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        let workbook = try CaseWorkbook(path: path, redact: false, timeZone: moscow, currency: "₽")
        try store.exportCases(ExportFilter()) { try workbook.write($0) }
        try workbook.finish(report: try store.report(ReportOptions(timeZone: moscow)))

        let read = try Self.readBack(path, python: try #require(Self.python))
        #expect(read["sheets"] as? [String] == ["cases", "report"])
        #expect(read["freeze"] as? String == "A2", "the header row is frozen")
        let sheets = try #require(read["cells"] as? [String: [[[Any]]]])
        let cases = try #require(sheets["cases"])
        let header = cases[0].map { $0[1] as? String ?? "" }
        #expect(header == ExportCase.columns)
        func cell(_ row: Int, _ column: String) -> (type: String, value: Any, format: String) {
            let c = cases[row][header.firstIndex(of: column)!]
            return (c[0] as? String ?? "", c[1], c[2] as? String ?? "")
        }
        let rows = Dictionary(uniqueKeysWithValues: (1..<cases.count).map { (cell($0, "ticket_id").value as? String ?? "", $0) })
        let t1 = try #require(rows["T1"]), t2 = try #require(rows["T2"]), t3 = try #require(rows["T3"])
        // Text stays text: no formula, no ' guard, no date, no number.
        #expect(cell(t1, "customer_name").type == "s" && cell(t1, "customer_name").value as? String == "=1+1")
        #expect(cell(t1, "phone").type == "s" && cell(t1, "phone").value as? String == "89161234567")
        #expect(cell(t2, "customer_name").type == "s" && cell(t2, "customer_name").value as? String == "2026-03-08")
        #expect(cell(t2, "phone").value as? String == "+7 (925) 3209448")
        #expect(cell(t3, "customer_name").value as? String == "Анна ␛[31mПетрова", "Cyrillic kept, the escape made visible")
        #expect(cases.allSatisfy { $0.allSatisfy { $0[0] as? String != "f" } }, "no formulas anywhere")
        // Numbers stay numbers; times are dates, in Moscow.
        #expect(cell(t1, "compensation_value").type == "n" && cell(t1, "compensation_value").value as? Double == 1500.5)
        #expect(cell(t1, "satisfaction").type == "n" && cell(t1, "satisfaction").value as? Int == 4)
        #expect(cell(t1, "created_at").type == "d" && cell(t1, "created_at").value as? String == "2026-11-03T00:30:00")
        #expect(cell(t1, "resolved_at").value as? String == "2026-11-03T01:30:00")
        #expect(cell(t1, "created_at").format == "dd.mm.yyyy hh:mm")
        #expect(cell(t1, "first_response_at").value is NSNull)
        // The report: figures as numbers.
        let report = try #require(sheets["report"])
        let complaints = try #require(report.first { $0.first?[1] as? String == "complaints" })
        #expect(complaints[1][0] as? String == "n" && complaints[1][1] as? Int == 3)
        let cost = try #require(report.first { $0.first?[1] as? String == "compensation cost" })
        #expect(cost[1][1] as? Double == 1500.5 && (cost[1][2] as? String ?? "").contains("₽"))
    }

}
