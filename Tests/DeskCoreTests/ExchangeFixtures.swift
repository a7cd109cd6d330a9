import DeskTestSupport
import Foundation
import GRDB
@testable import DeskCore

/// Temporary stores and files for the import, export and report tests.
enum Fixture {
    static func store() throws -> Store {
        try Store(path: Scratch.path("x.sqlite"))
    }

    static func file(_ name: String, _ content: String) throws -> String {
        try bytes(name, Array(content.utf8))
    }

    static func bytes(_ name: String, _ content: [UInt8]) throws -> String {
        let folder = Scratch.path("files")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try Data(content).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    static func load(_ store: Store, _ kind: ImportKind, _ path: String, dryRun: Bool = false,
                     maxErrors: Int = 20) throws -> ImportSummary {
        let format = ExchangeFormat.implied(by: path) ?? .csv
        let source = try RowSources.open(path: path, kind: kind, format: format)
        return try store.importRows(from: source, options: ImportOptions(dryRun: dryRun, maxErrors: maxErrors))
    }

    /// Every row of every table (the audit log apart unless asked), as text: equal
    /// snapshots mean an unchanged store.
    static func snapshot(_ store: Store, withEvents: Bool = true) throws -> [String] {
        try store.pool.read { db in
            var out: [String] = []
            var tables = ["customer", "\"order\"", "ticket", "message", "compensation", "outcome", "recovery"]
            if withEvents { tables.append("event") }
            for table in tables {
                out += try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1").map { "\(table) \($0)" }
            }
            out += try Row.fetchAll(db, sql: "SELECT rowid, * FROM ticket_search ORDER BY rowid").map { "search \($0)" }
            return out
        }
    }

    static func date(_ text: String) -> Date {
        Date(timeIntervalSince1970: TimeInterval(ISODate.seconds(text)!))
    }

    static let customersCSV = #"""
        id,name,email,phone,region,tier,referrals,joined
        C1,Иван Петров,ivan@example.com,+7 912 345-67-89,Москва,vip,3,2023-05-01
        C2,"Smith, Anna ""Annie""",anna@example.com,,London,loyal,0,2023-06-02T10:00:00Z
        C3,Ли Мэй 😀,,,,regular,,2024-01-15T08:30:00+03:00

        """#

    static let ordersJSONL = """
        {"id":"O1","customer_id":"C1","placed_at":"2024-02-01T12:00:00Z","total":"1234.50","delivery_fee":"300","status":"delivered","delivered_at":"2024-02-03"}
        {"id":"O2","customer_id":"C2","placed_at":"2024-02-05","total":99.9,"status":"placed"}

        """

    static let ticketsCSV = "id,customer_id,order_id,channel,reason,subject,status,priority,fault,created_at\r\n"
        + "T1,C1,O1,email,product-quality,\"Стул сломан,\r\nножка треснула\",open,urgent,shop,2024-02-04T09:00:00Z\r\n"
        + "T2,C2,,chat,delivery-delay,=1+1 late,,,,2024-02-06\r\n"

    static let messagesCSV = """
        ticket_id,author,body,internal,at
        T1,customer,"Здравствуйте! Ножка ""сломалась"" 😡",false,2024-02-04T09:00:00Z
        T1,agent,Check with the warehouse,true,2024-02-04T10:00:00Z

        """

    /// A store holding the four hand-written files.
    static func handWritten() throws -> Store {
        let store = try store()
        try load(store, .customers, try file("customers.csv", "\u{FEFF}" + customersCSV.replacingOccurrences(of: "\n", with: "\r\n")))
        try load(store, .orders, try file("orders.jsonl", ordersJSONL))
        try load(store, .tickets, try file("tickets.csv", ticketsCSV))
        try load(store, .messages, try file("messages.csv", messagesCSV))
        return store
    }
}
