import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import DeskCore

@Suite struct ImportTests {
    @Test func handWrittenFilesHoldExactlyTheirRows() throws {
        let store = try Fixture.handWritten()
        let t1 = try #require(try store.ticketDetail(id: "T1"))
        #expect(t1.customer == Customer(id: "C1", name: "Иван Петров", email: "ivan@example.com", phone: "+7 912 345-67-89",
                                        region: "Москва", tier: .vip, referrals: 3, joinedAt: Fixture.date("2023-05-01")))
        #expect(t1.ticket.subject == "Стул сломан,\r\nножка треснула")
        #expect(t1.ticket.priority == .urgent && t1.ticket.status == .open && t1.ticket.fault == .shop)
        #expect(t1.ticket.createdAt == Fixture.date("2024-02-04T09:00:00Z"))
        #expect(t1.ticket.slaDueAt == Fixture.date("2024-02-04T17:00:00Z"))  // urgent: 8 hours
        #expect(t1.ticket.updatedAt == t1.ticket.createdAt)
        #expect(t1.recentOrders == [Order(id: "O1", customerID: "C1", placedAt: Fixture.date("2024-02-01T12:00:00Z"),
                                          total: Money(minor: 123_450), deliveryFee: Money(minor: 30_000),
                                          status: .delivered, deliveredAt: Fixture.date("2024-02-03"))])
        #expect(t1.messages.map(\.body) == ["Здравствуйте! Ножка \"сломалась\" 😡", "Check with the warehouse"])
        #expect(t1.messages.map(\.isInternal) == [false, true])
        let t2 = try #require(try store.ticketDetail(id: "T2"))
        #expect(t2.customer.name == "Smith, Anna \"Annie\"")
        #expect(t2.customer.phone == nil)
        #expect(t2.ticket.subject == "=1+1 late")
        #expect(t2.ticket.status == .new && t2.ticket.priority == .normal && t2.ticket.fault == .unknown)
        #expect(t2.ticket.slaDueAt == Fixture.date("2024-02-08"))  // normal: 48 hours from midnight UTC
        #expect(t2.recentOrders.first?.total == Money(minor: 9_990))
        let c3 = try store.pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM customer WHERE id = 'C3'") }
        #expect(c3?["name"] == "Ли Мэй 😀")
        #expect(c3?["joined_at"] == ISODate.seconds("2024-01-15T05:30:00Z"))
        #expect(c3?["referrals"] == 0 && c3?["tier"] == "regular")
        let counts = try store.pool.read { db in
            try ["customer", "\"order\"", "ticket", "message"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") }
        }
        #expect(counts == [3, 2, 2, 2])
    }

    /// An agent's reply in a messages file answers the complaint (an internal note does not):
    /// the queue then follows its resolution deadline.
    @Test func anImportedReplyIsTheFirstAnswer() throws {
        let store = try Fixture.handWritten()
        #expect(try store.ticketDetail(id: "T1")?.ticket.firstResponseAt == nil, "only an internal note so far")
        #expect(try store.ticketDetail(id: "T1")?.ticket.awaitsFirstAnswer == true)
        let replies = """
            ticket_id,author,body,internal,at
            T1,agent,Разбираемся,false,2024-02-04T11:00:00Z
            T1,agent,Ещё раз,false,2024-02-04T12:00:00Z

            """
        _ = try Fixture.load(store, .messages, try Fixture.file("replies.csv", replies))
        let ticket = try #require(try store.ticketDetail(id: "T1")?.ticket)
        #expect(ticket.firstResponseAt == Fixture.date("2024-02-04T11:00:00Z"))
        #expect(!ticket.awaitsFirstAnswer)
    }

    @Test func importingTheSameFilesAgainChangesNothing() throws {
        let store = try Fixture.handWritten()
        let before = try Fixture.snapshot(store, withEvents: false)
        let events = try store.changeStamp()
        let again = try Fixture.load(store, .tickets, try Fixture.file("tickets.csv", Fixture.ticketsCSV))
        #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 2)
        let messages = try Fixture.load(store, .messages, try Fixture.file("m.csv", Fixture.messagesCSV))
        #expect(messages.unchanged == 2 && messages.inserted == 0)
        try Fixture.load(store, .customers, try Fixture.file("c.csv", Fixture.customersCSV))
        try Fixture.load(store, .orders, try Fixture.file("o.jsonl", Fixture.ordersJSONL))
        #expect(try Fixture.snapshot(store, withEvents: false) == before)
        #expect(try store.changeStamp() == events + 4)  // one audit event per import
    }

    @Test func anUpdatedNameReachesTheSearchIndex() throws {
        let store = try Fixture.handWritten()
        let file = try Fixture.file("c.csv", "id,name,joined\nC1,Пётр Сидоров,2023-05-01\n")
        let summary = try Fixture.load(store, .customers, file)
        #expect(summary.updated == 1 && summary.inserted == 0)
        let hits = try store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT t.id FROM ticket_search s JOIN ticket t ON t.seq = s.rowid WHERE ticket_search MATCH ?
                """, arguments: ["Сидоров"])
        }
        #expect(hits == ["T1"])
        let bodies = try store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM ticket_search s JOIN ticket t ON t.seq = s.rowid WHERE t.id = 'T1'")
        }
        #expect(bodies == "Здравствуйте! Ножка \"сломалась\" 😡\nCheck with the warehouse")
        // The audit log has the change: the columns that differ, old and new.
        let event = try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM event WHERE entity = 'customer' AND entity_id = 'C1' AND action = 'import-update'")
        }
        let old = try JSONSerialization.jsonObject(with: Data(((event?["old_value"] as String?) ?? "{}").utf8)) as? [String: String]
        let new = try JSONSerialization.jsonObject(with: Data(((event?["new_value"] as String?) ?? "{}").utf8)) as? [String: String]
        #expect(old?["name"] == "Иван Петров" && new?["name"] == "Пётр Сидоров")
        #expect(old?["tier"] == nil && new?["tier"] == nil, "a column the file lacks is left as stored")
        #expect(old?["joined_at"] == nil, "an unchanged column is not in the event")
    }

    @Test func aTicketUpdateBumpsItsVersion() throws {
        let store = try Fixture.handWritten()
        let file = try Fixture.file("t.csv", "id,customer_id,channel,reason,subject,priority,created_at\nT2,C2,chat,delivery-delay,late,high,2024-02-06\n")
        #expect(try Fixture.load(store, .tickets, file).updated == 1)
        let t2 = try #require(try store.ticketDetail(id: "T2")).ticket
        #expect(t2.version == 2 && t2.priority == .high && t2.subject == "late")
        #expect(t2.slaDueAt == Fixture.date("2024-02-07"))
    }

    @Test func aReimportLeavesTheDesksStatusAndResolvedImportsAreDated() throws {
        let store = try Fixture.handWritten()
        let version = try #require(try store.ticketDetail(id: "T2")).ticket.version
        try store.resolve(ticketID: "T2", expectedVersion: version, resolution: .explained, satisfaction: nil, agent: "olga")
        let file = try Fixture.file("t.csv", """
            id,customer_id,channel,reason,subject,status,created_at,resolved_at
            T2,C2,chat,delivery-delay,late,new,2024-02-06,
            T8,C2,chat,other,old case,closed,2024-01-03,
            T9,C2,chat,other,older case,resolved,2024-01-02,2024-01-04T10:00:00Z
            T10,C2,chat,other,open case,open,2024-01-02,

            """)
        try Fixture.load(store, .tickets, file)
        let t2 = try #require(try store.ticketDetail(id: "T2")).ticket
        #expect(t2.status == .resolved && t2.subject == "late", "the subject updates; the desk's status stays")
        // Done without a date: resolved when created; with one: then; still open: not resolved.
        let t8 = try #require(try store.ticketDetail(id: "T8")).ticket
        #expect(t8.resolvedAt == Fixture.date("2024-01-03"))
        let t9 = try #require(try store.ticketDetail(id: "T9")).ticket
        #expect(t9.resolvedAt == Fixture.date("2024-01-04T10:00:00Z"))
        let t10 = try #require(try store.ticketDetail(id: "T10")).ticket
        #expect(t10.resolvedAt == nil)
    }

    /// Each kind of bad input: the message names file, line and column, and the store is
    /// exactly as before (not even an audit event).
    @Test(arguments: [
        (ImportKind.tickets, "t.csv", "id,customer_id,channel,reason,subject,created_at\nT9,C1,email,broken,x,2024-01-01\n",
         "t.csv:2: reason: unknown value 'broken' (expected one of product-quality, wrong-item, delivery-delay, delivery-cost, competitor-price, service, moved-region, misuse, other)"),
        (.tickets, "t.csv", "id,customer_id,channel,reason,subject,created_at\nT9,C1,email,other,x,2024-13-01\n",
         "t.csv:2: created_at: bad date '2024-13-01' (expected ISO 8601, e.g. 2024-03-01 or 2024-03-01T14:05:00Z)"),
        (.orders, "o.csv", "id,customer_id,placed_at,total,status\nO9,C1,2024-01-01,12.345,placed\n",
         "o.csv:2: total: bad amount '12.345' (expected a non-negative decimal with a point, e.g. 1234.50)"),
        (.orders, "o.csv", "id,customer_id,placed_at,status\nO9,C1,2024-01-01,placed\n",
         "o.csv:1: total: missing required column"),
        (.orders, "o.jsonl", "{\"id\":\"O9\",\"customer_id\":\"C404\",\"placed_at\":\"2024-01-01\",\"total\":\"1\",\"status\":\"placed\"}\n",
         "o.jsonl:1: customer_id: no customer 'C404' in the store"),
        (.tickets, "t.csv", "id,customer_id,order_id,channel,reason,subject,created_at\nT9,C1,O404,email,other,x,2024-01-01\n",
         "t.csv:2: order_id: no order 'O404' in the store"),
        (.messages, "m.csv", "ticket_id,author,body,at\nT1,agent,ok,2024-02-05\n\"T404\",agent,\"two\nlines\",2024-02-05\n",
         "m.csv:3: ticket_id: no ticket 'T404' in the store"),
        (.messages, "m.csv", "ticket_id,author,body,at\nT1,agent,\"a\nb\",2024-02-05\nT1,agent,x\n",
         "m.csv:4: 3 fields, but the header has 4"),
        (.messages, "m.jsonl", "{\"ticket_id\":\"T1\",\"author\":\"agent\",\"body\":\"x\",\"at\":\"2024-02-05\"}\n{not json\n",
         "m.jsonl:2: not a JSON object"),
        (.customers, "c.csv", "id,name,joined\nC9,,2024-01-01\n", "c.csv:2: name: required, but empty or missing"),
        (.messages, "m.csv", "ticket_id,author,body,at\nT1,agent,early,2024-02-01\n",
         "m.csv:2: at: before ticket 'T1' was created (2024-02-04T09:00:00Z)"),
        (.customers, "c.csv", "id,name,joined\nC8,\"Ann,2024-01-01\nC9,Bob,2024-01-01\n",
         "c.csv:2: 2 fields, but the header has 3 (is a quote left open? the row took in the lines after it)"),
        (.tickets, "t.csv", "id,customer_id,channel,reason,subject,status,created_at,resolved_at\nT9,C1,email,other,x,closed,2024-01-02,2024-01-01\n",
         "t.csv:2: resolved_at: before created_at (2024-01-02T00:00:00Z)"),
        (.tickets, "t.csv", "id,customer_id,channel,reason,subject,status,created_at,resolved_at\nT9,C1,email,other,x,open,2024-01-02,2024-01-03\n",
         "t.csv:2: resolved_at: given, but the status is open (resolved or closed have one)"),
        (.customers, "c.csv", "id,name,joined\nC9,   ,2024-01-01\n", "c.csv:2: name: required, but empty or missing"),
        (.customers, "c.csv", "id,name,joined\nC9,Ann\u{0}Lee,2024-01-01\n", "c.csv:2: name: contains a NUL character"),
        (.customers, "c.jsonl", "{\"id\":\"C9\",\"name\":\"Ann\\u0000Lee\",\"joined\":\"2024-01-01\"}\n",
         "c.jsonl:1: name: contains a NUL character"),
        (.customers, "c.csv", "id,name,ID,joined\nC9,Ann,C10,2024-01-01\n", "c.csv:1: id: appears more than once in the header"),
        (.orders, "o.jsonl", "{\"id\":\"O9\",\"customer_id\":\"C1\",\"placed_at\":\"2024-01-01\",\"total\":true,\"status\":\"placed\"}\n",
         "o.jsonl:1: total: expected text or a number, not true"),
        // One id twice in one file: both lines are named (the last row used to win silently).
        (.customers, "c.csv", "id,name,joined\nC9,Ann,2024-01-01\nC8,Bob,2024-01-01\nC9,Eve,2024-01-02\n",
         "c.csv:4: id: 'C9' is already on line 2"),
        (.tickets, "t.jsonl", String(repeating: "{\"id\":\"T9\",\"customer_id\":\"C1\",\"channel\":\"email\",\"reason\":\"other\",\"subject\":\"x\",\"created_at\":\"2024-02-01\"}\n", count: 2),
         "t.jsonl:2: id: 'T9' is already on line 1"),
        // JSON as JSON says: no comma before a closing brace, and a flag is true or false.
        (.customers, "c.jsonl", "{\"id\":\"C9\",\"name\":\"Ann, }\",\"joined\":\"2024-01-01\",}\n",
         "c.jsonl:1: not a JSON object (a comma before '}' or ']')"),
        (.messages, "m.jsonl", "{\"ticket_id\":\"T1\",\"author\":\"agent\",\"body\":\"x\",\"internal\":\"yes\",\"at\":\"2024-02-05\"}\n",
         "m.jsonl:1: internal: expected true or false, not 'yes'"),
        (.messages, "m.jsonl", "{\"ticket_id\":\"T1\",\"author\":\"agent\",\"body\":\"x\",\"internal\":1,\"at\":\"2024-02-05\"}\n",
         "m.jsonl:1: internal: expected true or false, not 1"),
        (.orders, "o.csv", "id,customer_id,placed_at,total,status,delivered_at\nO9,C1,2024-02-01T12:00:00Z,10,delivered,2024-01-31\n",
         "o.csv:2: delivered_at: before placed_at (2024-02-01T12:00:00Z)"),
    ])
    func aBadFileIsPointedAtAndChangesNothing(kind: ImportKind, name: String, content: String, message: String) throws {
        let store = try Fixture.handWritten()
        let before = try Fixture.snapshot(store)
        let file = try Fixture.file(name, content)
        let failure = try #require(throws: ImportFailure.self) { try Fixture.load(store, kind, file) }
        #expect(failure.description == file.replacingOccurrences(of: name, with: "") + message)
        #expect(try Fixture.snapshot(store) == before)
    }

    @Test func invalidUTF8IsAnErrorWithItsLine() throws {
        let store = try Fixture.handWritten()
        let before = try Fixture.snapshot(store)
        let csv = try Fixture.bytes("c.csv", Array("id,name,joined\nC7,Ok,2024-01-01\nC8,Bad ".utf8) + [0xFF, 0xFE]
                                        + Array(",2024-01-01\n".utf8))
        let failure = try #require(throws: ImportFailure.self) { try Fixture.load(store, .customers, csv) }
        let hint = " (if the file is windows-1251, as 1C and Excel write it, say --encoding windows-1251)"
        #expect(failure.description == csv + ":3: name: invalid UTF-8" + hint)
        let jsonl = try Fixture.bytes("c.jsonl", Array("{\"id\":\"C8\",\"name\":\"".utf8) + [0xC3] + Array("\",\"joined\":\"2024-01-01\"}\n".utf8))
        let failure2 = try #require(throws: ImportFailure.self) { try Fixture.load(store, .customers, jsonl) }
        #expect(failure2.description == jsonl + ":1: invalid UTF-8" + hint)
        #expect(try Fixture.snapshot(store) == before)
    }

    /// A re-import may not move a complaint's creation after its first answer.
    @Test func aTicketIsNotCreatedAfterItWasAnswered() throws {
        let store = try Fixture.handWritten()
        try Fixture.load(store, .messages, try Fixture.file("m.csv", "ticket_id,author,body,at\nT1,agent,On it,2024-02-04T12:00:00Z\n"))
        let before = try Fixture.snapshot(store)
        let file = try Fixture.file("t.csv", "id,customer_id,channel,reason,subject,created_at\nT1,C1,email,other,x,2024-03-01\n")
        let failure = try #require(throws: ImportFailure.self) { try Fixture.load(store, .tickets, file) }
        #expect(failure.description == file + ":2: created_at: after the stored ticket's first message, answer or resolution (2024-02-04T09:00:00Z)")
        #expect(try Fixture.snapshot(store) == before)
        // Another change to the same ticket, its creation as stored, still goes in.
        let subject = try Fixture.file("t.csv", "id,customer_id,channel,reason,subject,created_at\nT1,C1,email,other,new words,2024-02-04T09:00:00Z\n")
        #expect(try Fixture.load(store, .tickets, subject).updated == 1)
    }

    /// JSON's true and false are a flag's values; numbers stand for text where a file has them.
    @Test func jsonBooleansAreFlags() throws {
        let store = try Fixture.handWritten()
        let file = try Fixture.file("m.jsonl", """
            {"ticket_id":"T1","author":"agent","body":"note","internal":true,"at":"2024-02-05"}
            {"ticket_id":"T1","author":"agent","body":"reply","internal":false,"at":"2024-02-05T01:00:00Z"}

            """)
        #expect(try Fixture.load(store, .messages, file).inserted == 2)
        let flags = try store.pool.read { db in
            try Bool.fetchAll(db, sql: "SELECT internal FROM message WHERE body IN ('note', 'reply') ORDER BY body")
        }
        #expect(flags == [true, false])
    }

    /// A header and no rows: nothing to import, and nothing in the audit log either.
    @Test func aHeaderAloneChangesNothingAndLeavesNoEvent() throws {
        let store = try Fixture.handWritten()
        let before = try Fixture.snapshot(store)
        let summary = try Fixture.load(store, .customers, try Fixture.file("c.csv", "id,name,joined\n"))
        #expect(summary.rows == 0 && summary.inserted == 0)
        #expect(try Fixture.snapshot(store) == before)
        // A delivery date alone on the order's own day is that day's delivery, not an earlier one.
        let sameDay = try Fixture.file("o.csv", "id,customer_id,placed_at,total,status,delivered_at\nO9,C1,2024-02-01T12:00:00Z,10,delivered,2024-02-01\n")
        #expect(try Fixture.load(store, .orders, sameDay).inserted == 1)
    }

    @Test func aDirectoryIsNotAFile() throws {
        let folder = Scratch.path("folder.csv")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let failure = try #require(throws: ImportFailure.self) { try RowSources.open(path: folder, kind: .customers, format: .csv) }
        #expect(failure.description == folder + ": is a directory; name a CSV or JSON Lines file")
    }

    @Test func aMissingFileIsNamedWithoutALine() throws {
        let failure = try #require(throws: ImportFailure.self) {
            try RowSources.open(path: "/nonexistent/c.csv", kind: .customers, format: .csv)
        }
        #expect(failure.description == "/nonexistent/c.csv: no such file")
    }

    @Test func spacesAroundAnIdOrAValueAreNotPartOfIt() throws {
        let store = try Fixture.handWritten()
        let file = try Fixture.file("c.csv", "id,name,phone,tier,joined\n C1 , Anna Petrova ,\t+7 900 ,vip , 2023-05-01 \n")
        let summary = try Fixture.load(store, .customers, file)
        #expect(summary.inserted == 0, "C1 is the stored customer, not a new one")
        let row = try store.pool.read { db in try Row.fetchOne(db, sql: "SELECT name, phone, tier FROM customer WHERE id = 'C1'") }
        // Ids, contacts, values and dates lose the spaces around them; free text keeps its own.
        let values: [String?] = [row?["name"], row?["phone"], row?["tier"]]
        #expect(values == [" Anna Petrova ", "+7 900", "vip"])
    }

    /// A dry run goes on past a row of invalid UTF-8 (in CSV as in JSON Lines), naming its column.
    @Test func aDryRunReportsEveryRowOfInvalidUTF8() throws {
        let store = try Fixture.handWritten()
        let before = try Fixture.snapshot(store)
        var bytes: [UInt8] = Array("id,name,tier,joined\nC7,Bad ".utf8) + [0xFF]
        bytes += Array(",regular,2024-01-01\nC8,Ok,gold,2024-01-01\nC9,\"two\nlines ".utf8) + [0xFE]
        bytes += Array("\",regular,2024-01-01\nC10,Ok,regular,2024-01-01\nC11,x,regular,never\n".utf8)
        let csv = try Fixture.bytes("c.csv", bytes)
        let failure = try #require(throws: ImportFailure.self) { try Fixture.load(store, .customers, csv, dryRun: true) }
        #expect(failure.problems.map { "\($0.line) \($0.column ?? "") \($0.reason.description.prefix(13))" }
                == ["2 name invalid UTF-8", "3 tier unknown value", "4 name invalid UTF-8", "7 joined bad date 'nev"])
        #expect(try Fixture.snapshot(store) == before)
    }

    @Test func aDryRunReportsEveryProblemUpToTheLimitAndWritesNothing() throws {
        let store = try Fixture.handWritten()
        let before = try Fixture.snapshot(store)
        let file = try Fixture.file("t.csv", """
            id,customer_id,channel,reason,subject,created_at
            T7,C1,fax,other,x,2024-01-01
            T8,C404,email,other,x,yesterday
            T9,C2,email,other,ok,2024-01-01

            """)
        let failure = try #require(throws: ImportFailure.self) { try Fixture.load(store, .tickets, file, dryRun: true) }
        #expect(failure.problems.map { "\($0.line) \($0.column ?? "")" } == ["2 channel", "3 created_at"])
        let limited = try #require(throws: ImportFailure.self) {
            try Fixture.load(store, .tickets, file, dryRun: true, maxErrors: 1)
        }
        #expect(limited.problems.count == 1 && limited.truncated)
        let good = try Fixture.file("t.csv", "id,customer_id,channel,reason,subject,created_at\nT9,C2,email,other,ok,2024-01-01\n")
        #expect(try Fixture.load(store, .tickets, good, dryRun: true).inserted == 1)
        #expect(try Fixture.snapshot(store) == before)
    }

    @Test func aLaterOrderRecoversAResolvedComplaint() throws {
        let store = try Fixture.store()
        let resolved = Fixture.date("2024-03-01")
        var batch = RecordBatch()
        batch.customers = ["C1", "C2"].map {
            Customer(id: $0, name: "A", email: nil, phone: nil, region: nil, tier: .regular, referrals: 0,
                     joinedAt: Fixture.date("2023-01-01"))
        }
        batch.tickets = ["T1", "T2"].map {
            Ticket(id: $0, customerID: $0 == "T1" ? "C1" : "C2", orderID: nil, channel: .email, reason: .service, subject: "s",
                   status: .resolved, priority: .normal, fault: .shop, assignee: nil,
                   createdAt: Fixture.date("2024-02-20"), firstResponseAt: nil, resolvedAt: resolved,
                   slaDueAt: Fixture.date("2024-02-22"), updatedAt: resolved, version: 1)
        }
        batch.recoveries = [Recovery(ticketID: "T1", customerID: "C1", state: .offered, followUpOn: nil, updatedAt: resolved),
                            Recovery(ticketID: "T2", customerID: "C2", state: .offered, followUpOn: nil, updatedAt: resolved)]
        // C2 ordered again already, but no file of this import says so: the import leaves T2
        // to the console's sweep.
        batch.orders = [Order(id: "O0", customerID: "C2", placedAt: Fixture.date("2024-03-02"), total: Money(minor: 100),
                              deliveryFee: Money(minor: 0), status: .placed, deliveredAt: nil)]
        try store.pool.write { db in try BulkWriter(db).write(batch) }
        let before = try Fixture.load(store, .orders, try Fixture.file("o.csv", "id,customer_id,placed_at,total,status\nO1,C1,2024-02-25,10,placed\n"))
        #expect(before.recovered == 0)
        #expect(try store.ticketDetail(id: "T1")?.recovery?.state == .offered)
        let after = try Fixture.load(store, .orders, try Fixture.file("o.csv", "id,customer_id,placed_at,total,status\nO2,C1,2024-03-05,10,placed\n"))
        #expect(after.recovered == 1)
        #expect(try store.ticketDetail(id: "T1")?.recovery?.state == .recovered)
        #expect(try store.ticketDetail(id: "T2")?.recovery?.state == .offered)
        let event = try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM event WHERE entity = 'recovery' AND entity_id = 'T1'")
        }
        #expect(event?["new_value"] == "{\"state\":\"recovered\"}")
        #expect(event?["old_value"] == "{\"state\":\"offered\"}")
    }

    @Test func isoDates() {
        #expect(ISODate.seconds("1970-01-01") == 0)
        #expect(ISODate.seconds("2024-02-29") == 1_709_164_800)
        #expect(ISODate.seconds("2024-02-29T01:02:03Z") == Int64(1_709_164_800 + 3723))
        #expect(ISODate.seconds("2024-02-29T01:02:03.250+01:00") == Int64(1_709_164_800 + 3723 - 3600))
        #expect(ISODate.seconds("2024-02-29 01:02") == Int64(1_709_164_800 + 3720))
        #expect(ISODate.seconds("2023-02-29") == nil)
        #expect(ISODate.seconds("2024-02-29T25:00") == nil)
        #expect(ISODate.seconds("29.02.2024") == nil)
        #expect(ISODate.string(1_709_164_800 + 3723) == "2024-02-29T01:02:03Z")
    }
}
