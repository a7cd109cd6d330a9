// The words the demo store is made of: names, places and agents, written for cdesk. Mostly
// Russian, some Latin, a few CJK and deliberately long names. What the customers and agents
// write is in DemoPhrases.

enum DemoText {
    /// `template` with each `{key}` replaced by `value(key)`, in one pass (Foundation's
    /// `replacingOccurrences` took 40% of building a large demo store). A key `value`
    /// does not know stays as written.
    static func fill(_ template: String, _ value: (Substring) -> String?) -> String {
        var rest = template[...]
        guard rest.utf8.contains(UInt8(ascii: "{")) else { return template }
        var out = ""
        out.reserveCapacity(template.utf8.count + 40)
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
            out += rest[..<open]
            let afterOpen = rest.utf8.index(after: open)
            if let close = rest.utf8[afterOpen...].firstIndex(of: UInt8(ascii: "}")),
               let replacement = value(rest[afterOpen..<close]) {
                out += replacement
                rest = rest[rest.utf8.index(after: close)...]
            } else {
                out += "{"
                rest = rest[afterOpen...]
            }
        }
        out += rest
        return out
    }

    /// `value` in decimal, zero-padded to `width` digits (`String(format: "%0*d")` without Foundation).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    struct RussianName { let male: String; let female: String }

    static let maleFirst = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья",
                            "Кирилл", "Михаил", "Никита", "Матвей", "Роман", "Егор", "Иван", "Павел",
                            "Олег", "Юрий", "Владимир", "Георгий", "Тимур", "Фёдор", "Глеб", "Лев"]
    static let femaleFirst = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Екатерина",
                              "Светлана", "Юлия", "Анастасия", "Дарья", "Ксения", "Алиса", "Полина", "Вера",
                              "Любовь", "Надежда", "Софья", "Виктория", "Милана", "Зоя", "Алёна", "Таисия"]
    static let surnames: [RussianName] = [
        .init(male: "Иванов", female: "Иванова"), .init(male: "Смирнов", female: "Смирнова"),
        .init(male: "Кузнецов", female: "Кузнецова"), .init(male: "Попов", female: "Попова"),
        .init(male: "Васильев", female: "Васильева"), .init(male: "Петров", female: "Петрова"),
        .init(male: "Соколов", female: "Соколова"), .init(male: "Михайлов", female: "Михайлова"),
        .init(male: "Новиков", female: "Новикова"), .init(male: "Фёдоров", female: "Фёдорова"),
        .init(male: "Морозов", female: "Морозова"), .init(male: "Волков", female: "Волкова"),
        .init(male: "Лебедев", female: "Лебедева"), .init(male: "Семёнов", female: "Семёнова"),
        .init(male: "Егоров", female: "Егорова"), .init(male: "Павлов", female: "Павлова"),
        .init(male: "Козлов", female: "Козлова"), .init(male: "Степанов", female: "Степанова"),
        .init(male: "Орлов", female: "Орлова"), .init(male: "Белов", female: "Белова"),
        .init(male: "Жуковский", female: "Жуковская"), .init(male: "Яковлев", female: "Яковлева"),
    ]
    static let latinFirst: [DemoName] = [
        .init("John", .male), .init("Emma", .female), .init("Lukas", .male), .init("Sofia", .female),
        .init("Marco", .male), .init("Anna", .female), .init("Pierre", .male), .init("Chloé", .female),
        .init("Jan", .male), .init("Zoë", .female), .init("Björn", .male), .init("Ingrid", .female),
        .init("Mehmet", .male), .init("Ayşe", .female), .init("David", .male), .init("Laura", .female),
    ]
    static let latinLast = ["Smith", "Müller", "Rossi", "Dubois", "Nowak", "García", "Jensen", "Yılmaz",
                            "O'Brien", "Novák", "Schmidt", "Lindqvist"]
    /// Written whole: the family name first, as their owners write them.
    static let cjkNames: [DemoName] = [
        .init("王伟", .male), .init("李娜", .female), .init("张敏", .female), .init("刘洋", .male),
        .init("佐藤 花子", .female), .init("鈴木 一郎", .male), .init("김민준", .male), .init("이서연", .female),
    ]
    /// Names too long for the queue's column; `address` is how a letter to them begins.
    static let longNames: [(name: DemoName, address: String, language: DemoLanguage)] = [
        (.init("Констанция Александровна Преображенская-Воскресенская", .female), "Констанция Александровна", .russian),
        (.init("Максимилиан Вольдемарович Достоевский-Растопчин", .male), "Максимилиан Вольдемарович", .russian),
        (.init("Maximiliane Wilhelmina von Hohenzollern-Sigmaringen", .female), "Maximiliane", .english),
    ]

    static let regions = ["Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург",
                          "Нижний Новгород", "Самара", "Ростов-на-Дону", "Краснодар", "Воронеж",
                          "Пермь", "Уфа", "Тверь", "Калининград", "Владивосток", "Минск", "Алматы"]

    /// Transliteration for e-mail addresses.
    static let translit: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "yu", "я": "ya",
    ]

    static let mailDomains = ["example.com", "example.org", "example.net", "mail.example", "post.example"]

    /// The shop's support agents; their gender decides the verb forms of what they write.
    static let agents: [(login: String, gender: DemoGender)] = [
        ("anna.k", .female), ("boris.m", .male), ("olga.s", .female), ("dmitry.v", .male), ("irina.p", .female),
    ]

    /// `seconds` as a day of the month and the month, as the customer would write it:
    /// "12 ноября", "12 November". Computed, not formatted: `DateFormatter` would cost more
    /// than the rest of a message.
    static func day(_ seconds: Int64, _ language: DemoLanguage) -> String {
        let (date, _) = ISODate.parts(seconds)
        let names = language == .russian ? russianMonths : englishMonths
        return String(date.day) + " " + names[Int(date.month) - 1]
    }

    private static let russianMonths = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                                        "сентября", "октября", "ноября", "декабря"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]
}
