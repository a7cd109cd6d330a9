import Foundation

extension ConfigError {
    /// Why a config (or a shared policy) is refused: a typed value said in the reader's
    /// language (`text(_:)`). Keys, names and values from the file stay as they are.
    public enum Reason: Equatable, Sendable {
        case noSuchFile(namedByEnvironment: Bool)
        case cannotReadFile
        case notUTF8
        case badTableName
        /// Input toml++ would abort on, refused before it sees it (`TOMLHeaderCheck`).
        case braceInArray, lineSeparator, badValue
        /// TOML's own parser: its words (English), and the line the error carries.
        case syntax(String)
        case notAPolicyKey(policyKeys: [String])
        case unknownKey(known: [String])
        /// An unknown kind, role, priority, reason or fault: `what` is the word's sort.
        case unknown(what: What, name: String?, known: [String])
        case expected(Expectation)
        /// `needs default ≤ agent_limit ≤ maximum`: the keys, in the order they must keep.
        case needsOrder([String])
        case empty
        case notAGift(String)
        /// A keymap or a colour the UI refused, in its own words.
        case refused(String)

        public enum What: String, Sendable { case kind, role, priority, reason, fault, timeZone }

        public enum Expectation: Equatable, Sendable {
            case enOrRu, trueOrFalse, theme, address, wordList, playbookEntries, giftList, strings, string, percent
            case wholeNumber(allowZero: Bool)
            case table(String)
        }
    }
}

extension ConfigError.Reason {
    public var description: String { text(.en) }

    public func text(_ l: Language) -> String {
        switch self {
        case .noSuchFile(true): l.pick("no such file (named by $CDESK_CONFIG)", "нет такого файла (его называет $CDESK_CONFIG)")
        case .noSuchFile(false): l.pick("no such file", "нет такого файла")
        case .cannotReadFile: l.pick("cannot read the file", "файл не читается")
        case .notUTF8: l.pick("cannot read the file as UTF-8", "файл не читается как UTF-8")
        case .badTableName:
            l.pick("a table name must start with a letter, digit, _, - or a quote", "имя таблицы должно начинаться с буквы, цифры, _, - или кавычки")
        case .braceInArray: l.pick("an array is closed with ], not }", "массив закрывается ], а не }")
        case .lineSeparator:
            l.pick("a line or paragraph separator (U+0085, U+2028, U+2029) outside a string",
                   "разделитель строк или абзацев (U+0085, U+2028, U+2029) вне строки")
        case .badValue:
            l.pick("not a value: text needs quotes; a number, date or time is written as TOML writes it",
                   "не значение: текст берут в кавычки, а число, дату и время пишут так, как их пишет TOML")
        case .syntax(let said): l.pick(said, "ошибка синтаксиса TOML")
        case .notAPolicyKey(let keys):
            l.pick("not a policy key (a policy holds " + keys.joined(separator: ", ") + "; the rest is each person's own config)",
                   "не ключ политики (в политике: " + keys.joined(separator: ", ") + "; остальное — в личной конфигурации каждого)")
        case .unknownKey(let known): l.pick("unknown key (known: ", "неизвестный ключ (известны: ") + known.joined(separator: ", ") + ")"
        case .unknown(.timeZone, _, _):
            l.pick("unknown time zone (expected a name like \"Europe/Moscow\" or \"UTC\")",
                   "неизвестный часовой пояс (ожидается имя вроде \"Europe/Moscow\" или \"UTC\")")
        case let .unknown(what, name, known):
            Self.unknownWord(what, l) + (name.map { " '\($0)'" } ?? "")
                + (known.isEmpty ? "" : l.pick(" (known: ", " (известны: ") + known.joined(separator: ", ") + ")")
        case .expected(let e): Self.expected(e, l)
        case .needsOrder(let keys): l.pick("needs ", "нужно ") + keys.joined(separator: " ≤ ")
        case .empty: l.pick("is empty", "пусто")
        case .notAGift(let text):
            l.pick("'\(text)' is not a kind with an optional value (discount 10, bonus 500, free-delivery, apology)",
                   "«\(text)» — не вид компенсации со значением или без (discount 10, bonus 500, free-delivery, apology)")
        case .refused(let said): said
        }
    }

    static func unknownWord(_ what: What, _ l: Language) -> String {
        switch what {
        case .kind: l.pick("unknown kind", "неизвестный вид")
        case .role: l.pick("unknown role", "неизвестная роль")
        case .priority: l.pick("unknown priority", "неизвестный приоритет")
        case .reason: l.pick("unknown reason", "неизвестная причина")
        case .fault: l.pick("unknown fault", "неизвестный вариант вины")
        case .timeZone: l.pick("unknown time zone", "неизвестный часовой пояс")
        }
    }

    static func expected(_ e: Expectation, _ l: Language) -> String {
        switch e {
        case .enOrRu: l.pick("expected en or ru", "ожидается en или ru")
        case .trueOrFalse: l.pick("expected true or false", "ожидается true или false")
        case .theme: l.pick("expected dark, light or auto", "ожидается dark, light или auto")
        case .address: l.pick("expected an address, like \"Магазин <support@shop.example>\"",
                              "ожидается адрес вида \"Магазин <support@shop.example>\"")
        case .wordList: l.pick("expected a list of words, like [\"задерж\", \"late\"]", "ожидается список слов вида [\"задерж\", \"late\"]")
        case .playbookEntries: l.pick("expected [[playbook]] entries", "ожидаются записи [[playbook]]")
        case .giftList: l.pick("expected a list like [\"discount 10\", \"bonus 500\"]", "ожидается список вида [\"discount 10\", \"bonus 500\"]")
        case .strings: l.pick("expected a list of strings", "ожидается список строк")
        case .string: l.pick("expected a string", "ожидается строка")
        case .percent: l.pick("expected a percent from 1 to 100", "ожидается процент от 1 до 100")
        case .wholeNumber(true): l.pick("expected a whole number, 0 or more", "ожидается целое число, 0 или больше")
        case .wholeNumber(false): l.pick("expected a whole number above 0", "ожидается целое число больше 0")
        case .table(let key): l.pick("expected a table ([\(key)])", "ожидается таблица ([\(key)])")
        }
    }
}
