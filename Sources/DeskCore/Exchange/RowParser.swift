import Foundation

/// A checked row, ready for the store.
public enum ImportRecord: Sendable {
    case customer(Customer)
    case order(Order)
    /// A ticket, with how a done one was resolved when the file says (`resolution`,
    /// `resolution_amount`, `satisfaction`).
    case ticket(Ticket, ResolutionEntry?)
    case message(Message)
}

/// Turns raw rows into records, or says for each bad cell what is wrong with it. Checks
/// only what one row shows; whether a named customer, order or ticket exists is the
/// store's check.
public struct RowParser: Sendable {
    public let kind: ImportKind
    public let file: String
    /// The SLA a new ticket gets from its priority.
    public let sla: SLAPolicy
    /// Where a date or time the file writes without a zone is (the shop's zone).
    public let timeZone: TimeZone
    private let position: [String: Int]
    /// Days in `timeZone`.
    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    public init(kind: ImportKind, file: String, sla: SLAPolicy = .standard, timeZone: TimeZone = ISODate.utc) {
        self.kind = kind
        self.file = file
        self.sla = sla
        self.timeZone = timeZone
        position = Dictionary(uniqueKeysWithValues: kind.columns.enumerated().map { ($1, $0) })
    }

    /// The record of a row, or every problem it has.
    public func parse(_ row: RawRow) -> Result<ImportRecord, ImportFailure> {
        var cells = Cells(row: row, parser: self)
        // SQLite and C strings end text at a NUL: the rest of the cell would be lost unseen.
        for (index, value) in row.values.enumerated() where value?.utf8.contains(0) == true {
            cells.problem(kind.columns[index], .nulCharacter)
        }
        let record: ImportRecord? = switch kind {
        case .customers: cells.customer().map(ImportRecord.customer)
        case .orders: cells.order().map(ImportRecord.order)
        case .tickets: cells.ticket().map { ImportRecord.ticket($0.0, $0.1) }
        case .messages: cells.message().map(ImportRecord.message)
        }
        if let record, cells.problems.isEmpty { return .success(record) }
        return .failure(ImportFailure(problems: cells.problems, truncated: false))
    }


    /// Reads the cells of one row, collecting problems rather than stopping at the first.
    private struct Cells {
        let row: RawRow
        let parser: RowParser
        var problems: [ImportProblem] = []

        init(row: RawRow, parser: RowParser) { self.row = row; self.parser = parser }

        mutating func problem(_ column: String, _ reason: ImportProblem.Reason) {
            problems.append(ImportProblem(file: parser.file, line: row.line, column: column, reason: reason))
        }

        /// The cell without spaces or tabs around it; nil when that leaves nothing. Free text
        /// (a name, a subject, a message) keeps its spaces, as RFC 4180 has them: only a cell
        /// of nothing but spaces counts as empty.
        func optional(_ column: String, free: Bool = false) -> String? {
            guard let value = parser.position[column].flatMap({ row.values[$0] }) else { return nil }
            guard let first = value.utf8.first, let last = value.utf8.last else { return nil }
            let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
            guard blank(first) || blank(last) else { return value }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : free ? value : trimmed
        }

        mutating func text(_ column: String, free: Bool = false) -> String {
            guard let value = optional(column, free: free) else {
                problem(column, .required)
                return ""
            }
            return value
        }

        mutating func choice<T: RawRepresentable & CaseIterable>(_ column: String, default fallback: T? = nil) -> T?
        where T.RawValue == String {
            guard let raw = fallback == nil ? text(column) : optional(column) else { return fallback }
            if raw.isEmpty { return nil }
            // Most files write the value exactly; trimming and lowercasing are the slow path.
            if let value = T(rawValue: raw) { return value }
            guard let value = T(rawValue: raw.trimmingCharacters(in: .whitespaces).lowercased()) else {
                problem(column, .unknownValue(raw, expected: T.allCases.map(\.rawValue)))
                return nil
            }
            return value
        }

        mutating func date(_ column: String, required: Bool = true) -> Date? {
            guard let raw = required ? text(column) : optional(column), !raw.isEmpty else { return nil }
            guard let seconds = ISODate.seconds(raw, in: parser.timeZone) else {
                problem(column, .badDate(raw))
                return nil
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }

        mutating func money(_ column: String, required: Bool = true) -> Money? {
            guard let raw = required ? text(column) : optional(column), !raw.isEmpty else { return nil }
            guard let money = Money(decimal: raw.trimmingCharacters(in: .whitespaces)), money.minor >= 0 else {
                problem(column, .badAmount(raw))
                return nil
            }
            guard money <= Money.importMaximum else {
                problem(column, .amountTooLarge(money.decimal, maximum: Money.importMaximum.decimal))
                return nil
            }
            return money
        }

        mutating func count(_ column: String) -> Int {
            guard let raw = optional(column) else { return 0 }
            guard let n = Int(raw.trimmingCharacters(in: .whitespaces)), n >= 0 else {
                problem(column, .badNumber(raw))
                return 0
            }
            return n
        }

        mutating func flag(_ column: String) -> Bool {
            guard let raw = optional(column) else { return false }
            switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
            case "1", "true", "yes": return true
            case "0", "false", "no": return false
            default:
                problem(column, .badFlag(raw))
                return false
            }
        }

        mutating func customer() -> Customer? {
            let id = text("id"), name = text("name", free: true)
            let tier: Tier? = choice("tier", default: .regular)
            let referrals = count("referrals")
            let joined = date("joined")
            guard let tier, let joined else { return nil }
            return Customer(id: id, name: name, email: optional("email"), phone: optional("phone"),
                            region: optional("region"), tier: tier, referrals: referrals, joinedAt: joined)
        }

        mutating func order() -> Order? {
            let id = text("id"), customerID = text("customer_id")
            let placed = date("placed_at")
            let total = money("total")
            let fee = money("delivery_fee", required: false) ?? Money(minor: 0)
            let status: OrderStatus? = choice("status")
            let delivered = date("delivered_at", required: false)
            // A delivery date without a time, on the day of the order, is that day's delivery.
            if let placed, let delivered, delivered < placed,
               !parser.calendar.isDate(delivered, inSameDayAs: placed) {
                problem("delivered_at", .before(column: "placed_at", at: ISODate.string(placed.seconds)))
            }
            guard let placed, let total, let status else { return nil }
            return Order(id: id, customerID: customerID, placedAt: placed, total: total, deliveryFee: fee,
                         status: status, deliveredAt: delivered)
        }

        /// A value of a closed set that may be missing or empty (nil then).
        mutating func optionalChoice<T: RawRepresentable & CaseIterable>(_ column: String) -> T? where T.RawValue == String {
            guard let raw = optional(column) else { return nil }
            guard let value = T(rawValue: raw.trimmingCharacters(in: .whitespaces).lowercased()) else {
                problem(column, .unknownValue(raw, expected: T.allCases.map(\.rawValue)))
                return nil
            }
            return value
        }

        /// How a done complaint was resolved: a resolution, a refund's or replacement's
        /// amount, a satisfaction 1–5; nil when the row says none of them.
        mutating func resolutionEntry(status: TicketStatus?) -> ResolutionEntry? {
            let resolution: Resolution? = optionalChoice("resolution")
            let amount = money("resolution_amount", required: false)
            var satisfaction: Int?
            if let raw = optional("satisfaction") {
                if let n = Int(raw), (1...5).contains(n) { satisfaction = n } else {
                    problem("satisfaction", .badSatisfaction(raw))
                }
            }
            if resolution != nil, let status, status.isActive {
                problem("resolution", .givenButStatus(status))
            }
            if resolution == nil, optional("resolution") == nil {
                if satisfaction != nil { problem("satisfaction", .givenWithoutResolution) }
                if amount != nil { problem("resolution_amount", .givenWithoutResolution) }
            }
            if let resolution, amount != nil, !ResolutionEntry.takesAmount(resolution) {
                problem("resolution_amount", .amountNotFor(resolution))
            }
            return resolution.map { ResolutionEntry(resolution: $0, amount: amount, satisfaction: satisfaction) }
        }

        mutating func ticket() -> (Ticket, ResolutionEntry?)? {
            let id = text("id"), customerID = text("customer_id")
            let channel: Channel? = choice("channel")
            let reason: Reason? = choice("reason")
            let subject = text("subject", free: true)
            let status: TicketStatus? = choice("status", default: .new)
            let priority: Priority? = choice("priority", default: .normal)
            let fault: Fault? = choice("fault", default: .unknown)
            let created = date("created_at")
            // When a file says a complaint is done but not when, it counts as resolved when
            // it was created (so that it is exported with the others), marked as assumed so
            // that no time figure counts it as resolved in 0 s.
            let resolved = date("resolved_at", required: false)
            if let resolved, let created, resolved < created {
                problem("resolved_at", .before(column: "created_at", at: ISODate.string(created.seconds)))
            }
            if resolved != nil, let status, status.isActive {
                problem("resolved_at", .givenButStatus(status))
            }
            let entry = resolutionEntry(status: status)
            guard let channel, let reason, let status, let priority, let fault, let created else { return nil }
            let due = parser.sla.resolutionDue(created: created, priority: priority)
            var ticket = Ticket(id: id, customerID: customerID, orderID: optional("order_id"), channel: channel,
                          reason: reason, subject: subject, status: status, priority: priority, fault: fault,
                          assignee: nil, createdAt: created, firstResponseAt: nil,
                          resolvedAt: status.isActive ? nil : resolved ?? created, slaDueAt: due,
                          firstResponseDueAt: parser.sla.firstResponseDue(created: created, priority: priority),
                          updatedAt: created, version: 1)
            ticket.resolvedAtIsAssumed = !status.isActive && resolved == nil
            return (ticket, entry)
        }

        mutating func message() -> Message? {
            let ticketID = text("ticket_id")
            let author: Author? = choice("author")
            let body = text("body", free: true)
            let isInternal = flag("internal")
            let at = date("at")
            guard let author, let at else { return nil }
            return Message(ticketID: ticketID, author: author, body: body, isInternal: isInternal, at: at,
                           agent: optional("agent"))
        }
    }
}

/// ISO 8601 timestamps as the shop's files write them: `2024-03-01` (midnight),
/// `2024-03-01T14:05`, `2024-03-01T14:05:09`, with optional fraction (dropped), and `Z`,
/// `+03:00`, `+0300` or no zone (UTC, or the zone `seconds(_:in:)` is given: the shop's).
/// A space may stand for the `T`.
public enum ISODate {
    public static func seconds(_ text: String) -> Int64? {
        parse(text)?.seconds
    }

    /// The moment `text` names, a time without a zone being one in `zone` (the shop's): its
    /// offset there at that moment, so that summer time is taken into account. A wall time
    /// summer time skips or repeats is read with the offset before the change.
    public static func seconds(_ text: String, in zone: TimeZone) -> Int64? {
        guard let (seconds, zoned) = parse(text) else { return nil }
        return zoned ? seconds : utc(fromLocal: seconds, in: zone)
    }

    /// The moment whose wall time in `zone` is `local` (seconds as if that wall time were UTC).
    static func utc(fromLocal local: Int64, in zone: TimeZone) -> Int64 {
        let guess = local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local))))
        return local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(guess))))
    }

    /// `2024-03-01T17:05:09+03:00`: the moment as a wall time in `zone` with its offset
    /// (`Z` where the offset is 0).
    public static func string(_ seconds: Int64, in zone: TimeZone) -> String {
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        guard offset != 0 else { return string(seconds) }
        let local = string(seconds + offset).dropLast()
        let magnitude = abs(offset) / 60
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return local + (offset < 0 ? "-" : "+") + two(magnitude / 60) + ":" + two(magnitude % 60)
    }

    /// The seconds of `text` read as UTC, and whether it named its own zone.
    private static func parse(_ text: String) -> (seconds: Int64, zoned: Bool)? {
        var s = Array(text.utf8)
        while s.last == 0x20 { s.removeLast() }
        var i = 0
        func digits(_ n: Int) -> Int64? {
            guard i + n <= s.count else { return nil }
            var v: Int64 = 0
            for k in i..<i + n {
                guard (0x30...0x39).contains(s[k]) else { return nil }
                v = v * 10 + Int64(s[k] - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2),
              (1...12).contains(month), (1...daysIn(month, year)).contains(day) else { return nil }
        var seconds = daysFromCivil(year, month, day) * 86_400
        guard i < s.count else { return (seconds, false) }
        guard expect(0x54) || expect(0x20) || expect(0x74),
              let hour = digits(2), expect(0x3A), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        var second: Int64 = 0
        if expect(0x3A) {
            guard let sec = digits(2), sec < 61 else { return nil }
            second = min(sec, 59)
            if expect(0x2E) || expect(0x2C) {
                let start = i
                while i < s.count, (0x30...0x39).contains(s[i]) { i += 1 }
                guard i > start else { return nil }
            }
        }
        seconds += hour * 3600 + minute * 60 + second
        guard i < s.count else { return (seconds, false) }
        if expect(0x5A) || expect(0x7A) { return i == s.count ? (seconds, true) : nil }
        let sign: Int64
        if expect(0x2B) { sign = 1 } else if expect(0x2D) { sign = -1 } else { return nil }
        guard let zh = digits(2), zh < 24 else { return nil }
        _ = expect(0x3A)
        let zm = i < s.count ? digits(2) : 0
        guard let zm, zm < 60, i == s.count else { return nil }
        return (seconds - sign * (zh * 3600 + zm * 60), true)
    }

    public static let utc = TimeZone(identifier: "UTC")!

    /// `2024-03-01T14:05:09Z`.
    public static func string(_ seconds: Int64) -> String {
        let ((y, m, d), rest) = parts(seconds)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// The calendar day of `seconds`, and the seconds since its midnight.
    public static func parts(_ seconds: Int64) -> (date: (year: Int64, month: Int64, day: Int64), rest: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (civilFromDays(days), seconds - days * 86_400)
    }

    private static func daysIn(_ month: Int64, _ year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    private static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }
}
