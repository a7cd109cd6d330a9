import Foundation

extension ImportProblem {
    /// Why a file or a row is refused: a typed value, said in the reader's language
    /// (`text(_:)`). Column names, codes and values from the file stay as they are.
    public enum Reason: Equatable, Sendable {
        // The file as a whole.
        case noSuchFile
        case isDirectory
        case cannotReadFile
        /// The operating system's own words.
        case cannotRead(String)
        case noHeader(expected: [String])
        case repeatedInHeader
        /// `near`: the column the file most likely meant, else the kind's columns are listed.
        case unknownColumn(near: String?, kind: ImportKind)
        case missingColumn
        case fieldCount(found: Int, header: Int, quoteOpen: Bool)
        case invalidUTF8(suggestWindows1251: Bool)
        case notJSONObject(trailingComma: Bool)
        case expectedFlag(shown: String)
        case expectedTextOrNumber(shown: String)
        case expectedScalar
        // A cell.
        case nulCharacter
        case required
        case unknownValue(String, expected: [String])
        case badDate(String)
        case badAmount(String)
        case amountTooLarge(String, maximum: String)
        case badNumber(String)
        case badFlag(String)
        case badSatisfaction(String)
        /// `delivered_at` before `placed_at`, `resolved_at` before `created_at`.
        case before(column: String, at: String)
        case givenButStatus(TicketStatus)
        case givenWithoutResolution
        case amountNotFor(Resolution)
        // The row against the store.
        case repeatedID(String, firstLine: Int)
        case notInStore(what: String, id: String)
        case orderOfOtherCustomer(order: String, owner: String, customer: String, stored: Bool)
        case ticketNotWritten(String)
        case afterFirstAnswer(at: String)
        case beforeTicket(String, created: String)
        case storeRefused
        case store(StoreError)
    }
}

extension ImportProblem.Reason {
    public var description: String { text(.en) }

    /// The reason in `l`.
    public func text(_ l: Language) -> String {
        switch self {
        case .noSuchFile: l.pick("no such file", "нет такого файла")
        case .isDirectory: l.pick("is a directory; name a CSV or JSON Lines file", "это папка; укажите файл CSV или JSON Lines")
        case .cannotReadFile: l.pick("cannot read the file", "файл не читается")
        case .cannotRead(let why): l.pick("cannot read: \(why)", "не читается: \(why)")
        case .noHeader(let expected):
            l.pick("no header row (expected \(expected.joined(separator: ",")))",
                   "нет строки заголовка (ожидается \(expected.joined(separator: ",")))")
        case .repeatedInHeader: l.pick("appears more than once in the header", "в заголовке больше одного раза")
        case let .unknownColumn(near?, _): l.pick("unknown column (did you mean \(near)?)", "неизвестный столбец (может быть, \(near)?)")
        case let .unknownColumn(nil, kind):
            l.pick("unknown column (\(kind.rawValue) have \(kind.columns.joined(separator: ", ")))",
                   "неизвестный столбец (у \(kind.rawValue) есть \(kind.columns.joined(separator: ", ")))")
        case .missingColumn: l.pick("missing required column", "нет обязательного столбца")
        case let .fieldCount(found, header, quoteOpen):
            l.pick("\(found) fields, but the header has \(header)", "полей \(found), а в заголовке \(header)")
                + (quoteOpen ? l.pick(" (is a quote left open? the row took in the lines after it)",
                                      " (не закрыта кавычка? строка захватила следующие строки)") : "")
        case .invalidUTF8(let windows):
            l.pick("invalid UTF-8", "неверная кодировка UTF-8")
                + (windows ? l.pick(" (if the file is windows-1251, as 1C and Excel write it, say --encoding windows-1251)",
                                    " (если файл в windows-1251, как пишут 1С и Excel, укажите --encoding windows-1251)") : "")
        case .notJSONObject(false): l.pick("not a JSON object", "не объект JSON")
        case .notJSONObject(true): l.pick("not a JSON object (a comma before '}' or ']')", "не объект JSON (запятая перед '}' или ']')")
        case .expectedFlag(let shown): l.pick("expected true or false, not \(shown)", "ожидается true или false, а не \(shown)")
        case .expectedTextOrNumber(let shown): l.pick("expected text or a number, not \(shown)", "ожидается текст или число, а не \(shown)")
        case .expectedScalar: l.pick("expected a string, number or boolean", "ожидается строка, число или true/false")
        case .nulCharacter: l.pick("contains a NUL character", "содержит нулевой символ")
        case .required: l.pick("required, but empty or missing", "обязателен, но пуст или отсутствует")
        case let .unknownValue(raw, expected):
            l.pick("unknown value '\(raw)' (expected one of \(expected.joined(separator: ", ")))",
                   "неизвестное значение «\(raw)» (ожидается одно из: \(expected.joined(separator: ", ")))")
        case .badDate(let raw):
            l.pick("bad date '\(raw)' (expected ISO 8601, e.g. 2024-03-01 or 2024-03-01T14:05:00Z)",
                   "неверная дата «\(raw)» (ожидается ISO 8601, например 2024-03-01 или 2024-03-01T14:05:00Z)")
        case .badAmount(let raw):
            l.pick("bad amount '\(raw)' (expected a non-negative decimal with a point, e.g. 1234.50)",
                   "неверная сумма «\(raw)» (ожидается неотрицательное число с точкой, например 1234.50)")
        case let .amountTooLarge(amount, maximum):
            l.pick("amount \(amount) is above the most a file may hold (\(maximum))",
                   "сумма \(amount) больше наибольшей допустимой в файле (\(maximum))")
        case .badNumber(let raw):
            l.pick("bad number '\(raw)' (expected a whole number, 0 or more)", "неверное число «\(raw)» (ожидается целое, 0 или больше)")
        case .badFlag(let raw): l.pick("bad flag '\(raw)' (expected true or false)", "неверный флаг «\(raw)» (ожидается true или false)")
        case .badSatisfaction(let raw):
            l.pick("bad satisfaction '\(raw)' (expected a whole number 1 to 5)", "неверная оценка «\(raw)» (ожидается целое от 1 до 5)")
        case let .before(column, at): l.pick("before \(column) (\(at))", "раньше, чем \(column) (\(at))")
        case .givenButStatus(let status):
            l.pick("given, but the status is \(status.rawValue) (resolved or closed have one)",
                   "указано, но статус — \(status.rawValue) (бывает только у resolved и closed)")
        case .givenWithoutResolution: l.pick("given without a resolution", "указано без resolution")
        case .amountNotFor(let resolution):
            l.pick("only a refunded or replaced complaint has an amount, not \(resolution.rawValue)",
                   "сумма бывает только у refunded и replaced, а не у \(resolution.rawValue)")
        case let .repeatedID(id, first): l.pick("'\(id)' is already on line \(first)", "«\(id)» уже есть в строке \(first)")
        case let .notInStore(what, id): l.pick("no \(what) '\(id)' in the store", "в хранилище нет: \(Self.record(what, l)) «\(id)»")
        case let .orderOfOtherCustomer(order, owner, customer, stored):
            stored ? l.pick("the stored ticket's order '\(order)' is customer '\(owner)'s, not '\(customer)'s",
                            "заказ «\(order)» сохранённого обращения — покупателя «\(owner)», а не «\(customer)»")
                : l.pick("order '\(order)' is customer '\(owner)'s, not '\(customer)'s",
                         "заказ «\(order)» — покупателя «\(owner)», а не «\(customer)»")
        case .ticketNotWritten(let id): l.pick("ticket '\(id)' could not be written", "обращение «\(id)» не удалось записать")
        case .afterFirstAnswer(let at):
            l.pick("after the stored ticket's first message, answer or resolution (\(at))",
                   "позже первого письма, ответа или решения сохранённого обращения (\(at))")
        case let .beforeTicket(id, created):
            l.pick("before ticket '\(id)' was created (\(created))", "раньше создания обращения «\(id)» (\(created))")
        case .storeRefused:
            l.pick("the store refused the row (it breaks one of the store's rules)",
                   "хранилище не приняло строку (она нарушает одно из его правил)")
        case .store(let error): error.text(l)
        }
    }

    /// A record's kind as a row names it: customer, order, ticket.
    static func record(_ what: String, _ l: Language) -> String {
        switch what {
        case "customer": l.pick(what, "покупатель")
        case "order": l.pick(what, "заказ")
        case "ticket": l.pick(what, "обращение")
        default: what
        }
    }
}

extension ImportFailure {
    /// Every problem, one a line, in `l`.
    public func text(_ l: Language) -> String { problems.map { $0.text(l) }.joined(separator: "\n") }
}
