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
                        "created_at", "resolved_at"]
        case .messages: ["ticket_id", "author", "body", "internal", "at"]
        }
    }

    /// Columns a file must have and a row must fill; the others may be missing or empty
    /// (and then take their defaults: tier regular, referrals 0, delivery fee 0, status new,
    /// priority normal, fault unknown, internal false).
    /// The columns that hold true or false.
    public var flagColumns: Set<String> { self == .messages ? ["internal"] : [] }

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
    public var reason: String

    public init(file: String, line: Int, column: String?, reason: String) {
        self.file = file; self.line = line; self.column = column; self.reason = reason
    }

    /// Line 0 is the file as a whole (it is missing or unreadable).
    public var description: String {
        (line > 0 ? "\(file):\(line): " : "\(file): ") + (column.map { "\($0): " } ?? "") + reason
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

    public init(dryRun: Bool = false, maxErrors: Int = 20, agent: String = "import", recoveryWindowDays: Int = 90,
                sla: SLAPolicy = .standard) {
        self.dryRun = dryRun; self.maxErrors = maxErrors; self.agent = agent; self.recoveryWindowDays = recoveryWindowDays
        self.sla = sla
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

    public init() {}

    public var rowsPerSecond: Int { seconds > 0 ? Int(Double(rows) / seconds) : rows }

    public var line: String {
        var parts = ["\(counted(rows, "row")): \(inserted) inserted, \(updated) updated, \(unchanged) unchanged"]
        if recovered > 0 { parts.append("\(counted(recovered, "complaint")) recovered") }
        parts.append(String(format: "%.2f s", seconds) + " (\(rowsPerSecond) rows/s)")
        return parts.joined(separator: ", ")
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
