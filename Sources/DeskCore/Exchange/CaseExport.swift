import Foundation

/// Which resolved cases to export.
public struct ExportFilter: Sendable {
    /// Cases resolved (or created, by `basis`) at or after this moment.
    public var since: Date?
    /// Cases resolved (or created) before this moment (exclusive: `--since 2024-03-01
    /// --until 2024-04-01` is March).
    public var until: Date?
    /// Which date of a case the period is about; the report's default too.
    public var basis: PeriodBasis
    /// Mask e-mail and phone.
    public var redact: Bool
    /// Only the cases a queue view holds (with its filter, or a search's matches).
    public var view: QueueQuery?
    /// CSV as Excel and LibreOffice open it under a Russian locale (`--excel`): a UTF-8 BOM,
    /// `;` between cells, CRLF, dates `ДД.ММ.ГГГГ ЧЧ:ММ` in `timeZone`, a decimal comma.
    public var excel: Bool
    /// The shop's zone, where an Excel CSV's or a workbook's dates are written.
    public var timeZone: TimeZone

    public init(since: Date? = nil, until: Date? = nil, basis: PeriodBasis = .standard, redact: Bool = false,
                view: QueueQuery? = nil, excel: Bool = false, timeZone: TimeZone = .current) {
        self.since = since; self.until = until; self.basis = basis; self.redact = redact; self.view = view
        self.excel = excel; self.timeZone = timeZone
    }
}

/// One compensation given on a case (offered or accepted; declined and revoked ones were
/// not given and are left out).
public struct GivenCompensation: Hashable, Sendable {
    public var kind: CompensationKind
    public var value: Int64

    public init(kind: CompensationKind, value: Int64) { self.kind = kind; self.value = value }

    /// `discount 10%`, `free-delivery`, `bonus 500`, `refund 1200.00`, `apology`.
    public var text: String {
        switch kind {
        case .discount: "discount \(value)%"
        case .bonus: "bonus \(value)"
        case .apology: "apology"
        case .freeDelivery, .refund, .replacement:
            value > 0 ? "\(kind.rawValue) \(Money(minor: value).decimal)" : kind.rawValue
        }
    }

    /// What one bonus point is worth: one unit of the currency (1 ₽), as the shop's
    /// loyalty programme counts them.
    public static let bonusPoint = Money(minor: 100)

    /// The money the shop has given up with this compensation: a refund, a replacement, bonus
    /// points (credited at once, `bonusPoint` each), a free delivery's fee when one was
    /// recorded. A discount, and a free delivery recorded without a fee, cost the shop only
    /// when the customer's next order uses them, at a price not known here: no value.
    public var money: Money? {
        switch kind {
        case .freeDelivery, .refund, .replacement: Money(minor: value)
        case .bonus: Money(minor: value * Self.bonusPoint.minor)
        case .discount, .apology: nil
        }
    }
}

/// One resolved case as it leaves the desk: the columns of PRODUCT.md's `cdesk export`.
public struct ExportCase: Hashable, Sendable {
    public static let columns = ["ticket_id", "customer_id", "customer_name", "email", "phone", "channel", "reason",
                                 "fault", "created_at", "first_response_at", "resolved_at", "resolution",
                                 "compensations", "compensation_value", "satisfaction", "recovery", "agent"]

    public var ticketID: String
    public var customerID: String
    public var customerName: String
    public var email: String?
    public var phone: String?
    public var channel: String
    public var reason: String
    public var fault: String
    public var createdAt: Int64
    public var firstResponseAt: Int64?
    public var resolvedAt: Int64?
    public var resolution: String?
    public var compensations: [GivenCompensation]
    public var satisfaction: Int?
    public var recovery: String?
    public var agent: String?

    /// `discount 10%; free-delivery; bonus 500`.
    public var compensationsText: String { compensations.map(\.text).joined(separator: "; ") }

    /// One cell of a case as the writers put it in their format: text, a time, or a number
    /// (nil: empty). A number is a decimal with a point (`1500.50`).
    public enum Cell: Equatable, Sendable {
        case text(String?)
        case date(Int64?)
        case number(String?)
    }

    /// The cells in the order of `columns`, masked with `redact`: the one place that order is
    /// kept for both writers.
    public func cells(redact: Bool, _ visit: (Cell) -> Void) {
        visit(.text(ticketID))
        visit(.text(customerID))
        visit(.text(customerName))
        visit(.text(redact ? email.map(Redaction.email) : email))
        visit(.text(redact ? phone.map(Redaction.phone) : phone))
        visit(.text(channel))
        visit(.text(reason))
        visit(.text(fault))
        visit(.date(createdAt))
        visit(.date(firstResponseAt))
        visit(.date(resolvedAt))
        visit(.text(resolution))
        visit(.text(compensations.isEmpty ? nil : compensationsText))
        visit(.number(compensationValue.decimal))
        visit(.number(satisfaction.map(String.init)))
        visit(.text(recovery))
        visit(.text(agent))
    }

    /// The sum of the money-valued compensations (see `GivenCompensation.money`), `0.00` when none.
    public var compensationValue: Money {
        compensations.compactMap(\.money).reduce(Money(minor: 0), +)
    }
}

/// Masks for `--redact`.
public enum Redaction {
    /// `ivan@example.com` → `i***@example.com`; text that is no address → `***`.
    public static func email(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@"), at > address.startIndex else { return "***" }
        return String(address[address.startIndex]) + "***" + address[at...]
    }

    /// Every digit but the last two becomes `*`; separators stay: `+7 912 345-67-89` → `+* *** ***-**-89`.
    public static func phone(_ number: String) -> String {
        var digitsLeft = number.unicodeScalars.filter { ("0"..."9").contains($0) }.count
        var out = String.UnicodeScalarView()
        for scalar in number.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                out.append(digitsLeft > 2 ? "*" : scalar)
                digitsLeft -= 1
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// Spreadsheets run a cell that starts with `=`, `+`, `-`, `@` (or a tab, CR or LF before
/// one) as a formula; a leading `'` makes it text. Applied to text cells only, so numbers
/// stay numbers.
public enum FormulaGuard {
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.utf8.first, startsFormula(first) else { return cell }
        return "'" + cell
    }

    /// Whether a cell that starts with this byte would run as a formula.
    static func startsFormula(_ first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, 0x0A: true
        default: false
        }
    }
}
