import Foundation

/// What a file holds: one of the four record kinds of PRODUCT.md, with its columns.
public enum ImportKind: String, CaseIterable, Sendable {
    case customers, orders, tickets, messages

    /// The columns, in PRODUCT.md's order: CSV header names and JSON keys.
    public var columns: [String] {
        switch self {
        case .customers: ["id", "name", "email", "phone", "region", "tier", "referrals", "joined"]
        case .orders: ["id", "customer_id", "placed_at", "total", "delivery_fee", "status", "delivered_at"]
        case .tickets: ["id", "customer_id", "order_id", "channel", "reason", "subject", "status", "priority", "fault",
                        "created_at", "resolved_at", "resolution", "resolution_amount", "satisfaction"]
        case .messages: ["ticket_id", "author", "body", "internal", "at", "agent"]
        }
    }

    /// The columns that hold true or false.
    public var flagColumns: Set<String> { self == .messages ? ["internal"] : [] }

    /// Columns with a default on a new record (tier, referrals, delivery fee, status,
    /// priority, fault, internal): on a stored record an empty cell of one leaves the value,
    /// as a missing column does (an empty tier must not demote a VIP). Other columns may be
    /// empty, and an empty cell clears them.
    public var defaulted: Set<String> {
        switch self {
        case .customers: ["tier", "referrals"]
        case .orders: ["delivery_fee"]
        case .tickets: ["status", "priority", "fault"]
        case .messages: ["internal"]
        }
    }

    /// The position of `column` in `columns`.
    public func index(of column: String) -> Int? { columns.firstIndex(of: column) }

    /// Why a column the kind does not have is refused, with the column it most likely
    /// means among those the file left out (`unused`).
    public func unknownColumnReason(_ name: String, unused: [String]) -> ImportProblem.Reason {
        let near = (unused.isEmpty ? columns : unused).map { ($0, editDistance(name, $0)) }
            .filter { column, distance in
                distance <= max(2, name.count / 2)
                    || (min(name.count, column.count) >= 3 && (name.hasPrefix(column) || column.hasPrefix(name)))
            }
            .min { $0.1 < $1.1 }
        return .unknownColumn(near: near?.0, kind: self)
    }

    /// Columns a file must have and a row must fill; the others may be missing or empty.
    /// On a new record a missing or empty one takes its default (tier regular, referrals 0,
    /// delivery fee 0, status new, priority normal, fault unknown, internal false); on a
    /// stored record a missing column leaves its value as it is, an empty cell clears it.
    public var required: Set<String> {
        switch self {
        case .customers: ["id", "name", "joined"]
        case .orders: ["id", "customer_id", "placed_at", "total", "status"]
        case .tickets: ["id", "customer_id", "channel", "reason", "subject", "created_at"]
        case .messages: ["ticket_id", "author", "body", "at"]
        }
    }
}

/// How a file is written.
public enum ExchangeFormat: String, CaseIterable, Sendable {
    case csv, jsonl

    /// The format a file name implies (`.csv`, `.jsonl`, `.ndjson`), or nil.
    public static func implied(by path: String) -> ExchangeFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": .csv
        case "jsonl", "ndjson": .jsonl
        default: nil
        }
    }
}

/// One problem with an input file: `FILE:LINE: column: reason`.
public struct ImportProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String?
    public var reason: Reason

    public init(file: String, line: Int, column: String?, reason: Reason) {
        self.file = file; self.line = line; self.column = column; self.reason = reason
    }

    /// Line 0 is the file as a whole (it is missing or unreadable).
    public var description: String { text(.en) }

    /// `FILE:LINE: column: reason`, the reason in `l`.
    public func text(_ l: Language) -> String {
        (line > 0 ? "\(file):\(line): " : "\(file): ") + (column.map { "\($0): " } ?? "") + reason.text(l)
    }
}

/// Everything wrong with a file, up to the limit asked for. Nothing was written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]
    /// Whether checking stopped at the limit with more of the file unread.
    public var truncated: Bool

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

public struct ImportOptions: Sendable {
    /// Check every row and report the problems, but write nothing.
    public var dryRun = false
    /// How many problems a dry run reports before it stops reading.
    public var maxErrors = 20
    /// The agent the audit log names.
    public var agent = "import"
    /// Orders within this many days of a resolution mark the complaint recovered.
    public var recoveryWindowDays = 90
    /// The SLA new tickets get.
    public var sla = SLAPolicy.standard
    /// The shop's zone: where a date or time written without a zone is.
    public var timeZone = ISODate.utc

    public init(dryRun: Bool = false, maxErrors: Int = 20, agent: String = "import", recoveryWindowDays: Int = 90,
                sla: SLAPolicy = .standard, timeZone: TimeZone = ISODate.utc) {
        self.dryRun = dryRun; self.maxErrors = maxErrors; self.agent = agent; self.recoveryWindowDays = recoveryWindowDays
        self.sla = sla; self.timeZone = timeZone
    }
}

/// What an import did.
public struct ImportSummary: Equatable, Sendable {
    public var rows = 0
    public var inserted = 0
    public var updated = 0
    /// Rows identical to what the store already held.
    public var unchanged = 0
    /// Complaints marked recovered because this import brought a later order.
    public var recovered = 0
    public var seconds = 0.0
    /// What the file changed in stored records, column by column (a dry run's too).
    public var changes: [ColumnChange] = []
    /// Values of stored tickets the file disagrees with, kept because they are the desk's.
    public var kept: [KeptColumn] = []

    public init() {}

    public var rowsPerSecond: Int { seconds > 0 ? Int(Double(rows) / seconds) : rows }

    public var line: String { line(.en) }

    /// `500 rows: 480 inserted, 20 updated, 0 unchanged, 1.20 s (416 rows/s)`, in `l`.
    public func line(_ l: Language) -> String {
        var parts = [l.pick("\(counted(rows, "row")): \(inserted) inserted, \(updated) updated, \(unchanged) unchanged",
                            "\(l.count(rows, ("", ""), ("строка", "строки", "строк"))): добавлено \(inserted), обновлено \(updated), без изменений \(unchanged)")]
        if recovered > 0 {
            parts.append(l.pick("\(counted(recovered, "complaint")) recovered", "вернулись покупатели по жалобам: \(recovered)"))
        }
        parts.append(String(format: "%.2f", seconds) + l.pick(" s (\(rowsPerSecond) rows/s)", " с (\(rowsPerSecond) строк/с)"))
        return parts.joined(separator: ", ")
    }
}

/// One column's changes to stored records: how many, and the first few.
public struct ColumnChange: Equatable, Sendable {
    public static let exampleLimit = 3

    public struct Example: Equatable, Sendable {
        public var id: String
        /// The values as a file writes them; nil is empty.
        public var old: String?
        public var new: String?
    }

    public var column: String
    public var rows = 0
    public var examples: [Example] = []

    public init(column: String) { self.column = column }

    /// `delivered_at: 4 rows, e.g. O1 2024-02-03T00:00:00Z → (empty)`, customer text made safe.
    public var line: String { line(.en) }

    public func line(_ l: Language) -> String {
        func value(_ text: String?) -> String {
            guard let text else { return l.pick("(empty)", "(пусто)") }
            let safe = UntrustedText.line(text)
            return safe.count > 40 ? String(safe.prefix(39)) + "…" : safe
        }
        let shown = examples.map { "\(UntrustedText.line($0.id)) \(value($0.old)) → \(value($0.new))" }
        let more = rows > examples.count ? "; …" : ""
        return "\(column): " + l.pick("\(counted(rows, "row")) changed, e.g. ",
                                         "изменено строк: \(rows), например: ") + shown.joined(separator: "; ") + more
    }
}

/// A column of stored tickets the desk owns (status, fault, resolution time): the file's
/// value differed on `rows` rows and the store's was kept.
public struct KeptColumn: Equatable, Sendable {
    public var column: String
    public var rows: Int

    /// `50 rows: status kept (the desk's)`.
    public var line: String { line(.en) }

    public func line(_ l: Language) -> String {
        l.pick("\(counted(rows, "row")): \(column) kept (the desk's)", "строк: \(rows) — \(column) оставлен (его ведёт программа)")
    }
}

/// How far an import has come, for a progress line.
public struct ImportProgress: Sendable {
    public var rows: Int
    /// Bytes of the file read so far (close to exact for CSV: counted from the fields).
    public var bytes: Int
}

/// `1 row`, `2 rows`: English plurals of the command line's summaries.
public func counted(_ n: Int, _ noun: String) -> String {
    n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
}

/// Levenshtein's distance between two short names: the fewest insertions, deletions and
/// substitutions of characters that turn one into the other.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
