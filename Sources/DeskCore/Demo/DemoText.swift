// The words the demo store is made of: names, places, complaint subjects and replies,
// written for cdesk. Mostly Russian, some Latin, a few CJK and deliberately long names.

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
    static let latinFirst = ["John", "Emma", "Lukas", "Sofia", "Marco", "Anna", "Pierre", "Chloé", "Jan",
                             "Zoë", "Björn", "Ingrid", "Mehmet", "Ayşe", "David", "Laura"]
    static let latinLast = ["Smith", "Müller", "Rossi", "Dubois", "Nowak", "García", "Jensen", "Yılmaz",
                            "O'Brien", "Novák", "Schmidt", "Lindqvist"]
    static let cjkNames = ["王伟", "李娜", "张敏", "刘洋", "佐藤 花子", "鈴木 一郎", "김민준", "이서연"]
    static let longNames = ["Констанция Александровна Преображенская-Воскресенская",
                            "Максимилиан Вольдемарович Достоевский-Растопчин",
                            "Maximiliane Wilhelmina von Hohenzollern-Sigmaringen"]

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

    static let agents = ["anna.k", "boris.m", "olga.s", "dmitry.v", "irina.p"]

    /// Subjects per reason; `{order}` becomes the order id.
    static let subjects: [Reason: [String]] = [
        .productQuality: ["Стул шатается после недели использования", "Чайник протекает по шву",
                          "Краска на куртке полиняла после первой стирки", "Наушники: левый не работает",
                          "Брак: трещина на корпусе", "Poor stitching on the backpack strap"],
        .wrongItem: ["Прислали не тот размер", "В коробке другой цвет", "Вместо кабеля пришёл адаптер",
                     "Заказ {order}: не тот товар", "Wrong item in order {order}"],
        .deliveryDelay: ["Заказ {order} задерживается уже неделю", "Курьер не приехал в назначенный день",
                         "Где мой заказ?", "Доставка опоздала к празднику", "Order {order} is late"],
        .deliveryCost: ["Доставка дороже самого товара", "Почему доставка стала платной?",
                        "Стоимость доставки в регион слишком высокая", "Delivery fee doubled"],
        .competitorPrice: ["У конкурента этот же товар дешевле на 20%", "Нашёл дешевле в другом магазине",
                           "Цена выросла сразу после заказа", "Cheaper elsewhere — price match?"],
        .service: ["Оператор не перезвонил", "Грубый ответ в чате поддержки", "Три дня жду ответа на письмо",
                   "Не могу дозвониться на горячую линию", "Support never answered my e-mail"],
        .movedRegion: ["Переехал, а в мой город вы не доставляете", "Нет доставки в новый регион",
                       "Переезд: как получить заказ?"],
        .misuse: ["Стул собран, но скрипит", "Сломался после стирки при 90°", "Не включается после зарядки от другого блока",
                  "Инструкция непонятная, всё развалилось"],
        .other: ["Вопрос по бонусам", "Не пришёл чек", "Хочу изменить адрес в профиле", "Question about my invoice"],
    ]

    static let customerOpeners = [
        "Здравствуйте! {subject}. Очень расстроен(а), заказывал(а) у вас не первый раз.",
        "Добрый день. {subject}. Прошу разобраться и ответить как можно скорее.",
        "{subject}!!! Уже второй раз такое, подумываю уйти к другому магазину.",
        "Здравствуйте, {subject}. Фото прикладываю. Что будем делать?",
        "Hello, {subject}. Please help, I have been a customer for years.",
    ]
    static let customerFollowUps = [
        "Спасибо за ответ, жду решения.", "Так и не получил(а) ничего, напишите, пожалуйста.",
        "Промокод получил(а), спасибо!", "Это не решает проблему, хочу возврат.",
        "Хорошо, попробую собрать по видеоинструкции.", "Thanks, that works for me.",
    ]
    static let agentReplies = [
        "{name}, здравствуйте! Простите за неудобство — уже разбираемся, ответим сегодня.",
        "{name}, спасибо, что написали. Мы проверили заказ {order} и готовы компенсировать.",
        "{name}, посмотрите, пожалуйста, видеоинструкцию по сборке — ссылку отправили на почту.",
        "{name}, мы начислили вам бонус и промокод на следующий заказ. Ещё раз извините!",
        "Hi {name}, sorry for the trouble — we have sent a replacement today.",
    ]
    static let internalNotes = [
        "Клиент постоянный, предложить скидку сверх политики — согласовать с руководителем.",
        "Проверил у курьерской службы: посылка потеряна на складе.",
        "Третья жалоба за квартал, отметить для VIP-менеджера.",
        "Ошибка сборки у клиента, компенсация не положена — объяснить вежливо.",
    ]
    static let systemMessages = [
        "Тикет создан из канала {channel}.", "SLA продлён: ожидание ответа клиента.",
        "Заказ {order} передан в службу доставки.",
    ]
}
