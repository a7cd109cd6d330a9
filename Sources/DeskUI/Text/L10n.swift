import DeskCore
import Foundation

/// Every string the console shows a person, in English and Russian side by side. Each text
/// is given as `pick(english, russian)`, so a missing translation does not build. The
/// console's state carries the chosen one (`ConsoleState.text`), so rendering stays a pure
/// function of the state. Customer-written text never comes from here; it goes through
/// `UntrustedText`. Codes (actions, stored values) stay English in every language.
public struct L10n: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public static let english = L10n(.en)
    public static let russian = L10n(.ru)

    func pick(_ en: @autoclosure () -> String, _ ru: @autoclosure () -> String) -> String { language.pick(en(), ru()) }
    func count(_ n: Int, _ en: (one: String, other: String), _ ru: (one: String, few: String, many: String)) -> String {
        language.count(n, en, ru)
    }

    public var help: Help { Help(language: language) }
    public var column: Column { Column(language: language) }
    public var ticket: TicketText { TicketText(language: language) }
    public var prompt: Prompt { Prompt(language: language) }
    public var hint: Hint { Hint(language: language) }
    public var report: ReportText { ReportText(language: language) }
    public var undo: UndoText { UndoText(language: language) }
    public var legend: Legend { Legend(language: language) }

    /// A vocabulary value as shown: `delivery-delay`, `задержка`.
    public func name<T: Named>(_ value: T) -> String { value.name(language) }

    public struct Help: Sendable {
        let language: Language
        func pick(_ en: String, _ ru: String) -> String { language.pick(en, ru) }

        public var quit: String { pick("Quit cdesk", "Выйти из cdesk") }
        public var help: String { pick("Show the keys of this screen", "Клавиши этого экрана") }
        public var moveDown: String { pick("Next ticket / scroll down", "Следующее обращение / прокрутка вниз") }
        public var moveUp: String { pick("Previous ticket / scroll up", "Предыдущее обращение / прокрутка вверх") }
        public var pageDown: String { pick("One page down", "Страница вниз") }
        public var pageUp: String { pick("One page up", "Страница вверх") }
        public var moveFirst: String { pick("To the first ticket / top", "К первому обращению / в начало") }
        public var moveLast: String { pick("To the last ticket / bottom", "К последнему обращению / в конец") }
        public var openTicket: String { pick("Open the selected ticket", "Открыть выбранное обращение") }
        public var viewNext: String { pick("Next queue view", "Следующий список очереди") }
        public var exportCases: String {
            pick("Export the resolved cases to a file (CSV or JSON Lines by its name)",
                 "Выгрузить решённые обращения в файл (CSV или JSON Lines — по имени файла)")
        }
        public var showReport: String {
            pick("The report: recovery rate against 60%, compensation, reasons, times",
                 "Отчёт: доля вернувшихся против 60%, компенсации, причины, сроки")
        }
        public var filter: String {
            pick("Filter the view by reason, channel, priority or tier", "Фильтр по причине, каналу, приоритету или уровню клиента")
        }
        public var search: String {
            pick("Search subjects, messages, names, e-mail, phone; ticket or order id",
                 "Поиск по темам, письмам, именам, почте, телефону; номер обращения или заказа")
        }
        public var sortNext: String { pick("Next sort order of the view", "Следующий порядок сортировки") }
        public func showView(_ view: QueueView) -> String {
            switch view {
            case .open: pick("View: all open tickets", "Список: все открытые обращения")
            case .mine: pick("View: my open tickets", "Список: мои открытые обращения")
            case .unassigned: pick("View: open tickets nobody has taken", "Список: открытые, которые никто не взял")
            case .overdue: pick("View: open tickets past their SLA", "Список: открытые с нарушенным сроком")
            case .waiting: pick("View: waiting on the customer", "Список: ждут ответа покупателя")
            case .followUps: pick("View: win-back follow-ups due today or overdue", "Список: напоминания о возврате на сегодня и просроченные")
            case .vip: pick("View: open tickets of VIP customers", "Список: открытые обращения VIP-покупателей")
            case .resolved: pick("View: resolved tickets", "Список: решённые обращения")
            case .all: pick("View: every ticket", "Список: все обращения")
            case .search: pick("View: search results", "Список: результаты поиска")
            case .requests: pick("View: compensations agents asked a lead for", "Список: компенсации, которые просят у старшего")
            }
        }
        public var viewPrevious: String { pick("Previous queue view", "Предыдущий список очереди") }
        public var back: String { pick("Back to the queue", "Назад к очереди") }
        public var compensateDiscount: String { pick("Give a discount (percent) with a promo code", "Дать скидку (в процентах) с промокодом") }
        public var compensateFreeDelivery: String { pick("Give free delivery on the next order", "Дать бесплатную доставку следующего заказа") }
        public var compensateBonus: String { pick("Give bonus points", "Начислить бонусные баллы") }
        public var compensateApology: String { pick("Record an apology", "Записать извинение") }
        public var takeSuggestion: String {
            pick("Give what the playbook suggests for this complaint", "Дать то, что советует регламент для этой жалобы")
        }
        public var ticketResolve: String { pick("Resolve with an outcome (and satisfaction 1–5)", "Решить с исходом (и оценкой 1–5)") }
        public var ticketTake: String { pick("Take the ticket (assign it to me)", "Взять обращение себе") }
        public var ticketReopen: String { pick("Reopen a resolved ticket", "Переоткрыть решённое обращение") }
        public var setFault: String {
            pick("Set whose fault it was (shop, carrier, customer, unknown)", "Указать, чья вина (магазин, перевозчик, покупатель, неясно)")
        }
        public var setRecovery: String { pick("Set the win-back status and follow-up date", "Указать этап возврата покупателя и дату напоминания") }
        public var addNote: String { pick("Add an internal note (in $EDITOR)", "Добавить внутреннюю заметку (в $EDITOR)") }
        public var writeReply: String {
            pick("Write a reply to the customer (in $EDITOR, from a template)", "Написать ответ покупателю (в $EDITOR, по шаблону)")
        }
        public var toggleHistory: String {
            pick("The customer's whole history: orders, compensation, complaints", "Вся история покупателя: заказы, компенсации, жалобы")
        }
        public var undo: String {
            pick("Undo my last change in this session (recorded, never erased)", "Отменить своё последнее изменение (записывается, не стирается)")
        }
        public var approveRequest: String { pick("Approve the compensation asked of a lead (leads)", "Одобрить запрошенную компенсацию (старший)") }
        public var declineRequest: String { pick("Decline the compensation asked of a lead (leads)", "Отклонить запрошенную компенсацию (старший)") }
        public var saveAttachment: String { pick("Save a file the customer's mail carried to a folder", "Сохранить в папку файл из письма покупателя") }
        public var reportPeriod: String { pick("The report's period: all, 30d, 2026-11, 2026-11-01..2026-11-30", "Период отчёта: все, 30д, 2026-11, 2026-11-01..2026-11-30") }
        public var reportBreakdown: String { pick("Break the report down by reason, channel, agent, tier, or none", "Разбивка отчёта: по причинам, каналам, сотрудникам, уровням или без") }
        public var promptAccept: String { pick("Accept the prompt", "Принять ввод") }
        public var promptCancel: String { pick("Cancel the prompt", "Отменить ввод") }
        public var promptErase: String { pick("Erase the character before the cursor", "Стереть символ перед курсором") }
        public var promptClear: String { pick("Clear the prompt", "Очистить строку ввода") }
        public var promptComplete: String { pick("Complete the word typed (a filter's values)", "Дополнить набранное слово") }
    }

    public var appName: String { "cdesk" }
    public var helpTitle: String { pick("Keys", "Клавиши") }
    public var helpClose: String { pick("any key closes this help", "любая клавиша закрывает справку") }
    /// `down`: the keys that scroll the help (`j or <Down>`, `о или <Down>`).
    public func helpMore(_ n: Int, down: [String]) -> String {
        let keys = down.isEmpty ? "<Down>" : down.joined(separator: pick(" or ", " или "))
        return pick("↓ \(n) more: \(keys) scrolls, any other key closes this help",
                    "↓ ещё \(n): \(keys) прокручивает, другая клавиша закрывает справку")
    }
    /// The name of a key context, on the help's title.
    public func context(_ context: KeyContext) -> String {
        switch context {
        case .global: pick("everywhere", "везде")
        case .queue: pick("queue", "очередь")
        case .ticket: pick("ticket", "обращение")
        case .report: pick("report", "отчёт")
        case .prompt: pick("prompt", "ввод")
        }
    }
    public var emptyQueue: String { pick("No tickets in this view.", "В этом списке обращений нет.") }
    public var noTicketSelected: String { pick("no ticket selected", "обращение не выбрано") }
    public func notOnThisScreen(_ action: String) -> String {
        pick("\(action) does nothing on this screen", "\(action) на этом экране ничего не делает")
    }
    public var ticketGone: String { pick("that ticket is no longer in the store", "этого обращения больше нет в базе") }

    public func viewName(_ view: QueueView) -> String {
        switch view {
        case .open: pick("Open", "Открытые")
        case .mine: pick("Mine", "Мои")
        case .unassigned: pick("Unassigned", "Ничьи")
        case .waiting: pick("Waiting", "Ждут")
        case .followUps: pick("Follow-ups", "Напомнить")
        case .overdue: pick("Overdue", "Просрочены")
        case .vip: pick("VIP", "VIP")
        case .search: pick("Search", "Поиск")
        case .resolved: pick("Resolved", "Решённые")
        case .all: pick("All", "Все")
        case .requests: pick("Requests", "Запросы")
        }
    }

    public func sortName(_ sort: QueueSort) -> String {
        switch sort {
        case .slaDue: pick("by SLA due", "по сроку")
        case .newest: pick("newest first", "сначала новые")
        case .resolvedRecent: pick("recently resolved first", "сначала недавно решённые")
        case .followUp: pick("follow-up due first", "сначала ближние напоминания")
        case .priority: pick("by priority", "по приоритету")
        case .oldest: pick("oldest first", "сначала старые")
        case .updated: pick("recently changed first", "сначала недавно изменённые")
        case .match: pick("newest match first", "сначала новые совпадения")
        }
    }

    public struct Column: Sendable {
        let language: Language
        func pick(_ en: String, _ ru: String) -> String { language.pick(en, ru) }
        public var id: String { pick("ID", "№") }
        public var age: String { pick("AGE", "ВОЗР") }
        public var customer: String { pick("CUSTOMER", "ПОКУПАТЕЛЬ") }
        public var reason: String { pick("REASON", "ПРИЧИНА") }
        public var priority: String { pick("PRIO", "ПРИОР") }
        public var status: String { pick("STATUS", "СТАТУС") }
        public var sla: String { pick("SLA", "СРОК") }
        public var assignee: String { pick("ASSIGNEE", "ИСПОЛНИТЕЛЬ") }
        public var subject: String { pick("SUBJECT", "ТЕМА") }
        public var match: String { pick("FOUND IN", "НАЙДЕНО") }
        public var outcome: String { pick("OUTCOME", "ИСХОД") }
        public var winBack: String { pick("WIN-BACK", "ВОЗВРАТ") }
        public var followUp: String { pick("FOLLOW-UP", "НАПОМНИТЬ") }
    }

    public struct TicketText: Sendable {
        let language: Language
        func pick(_ en: String, _ ru: String) -> String { language.pick(en, ru) }
        var t: L10n { L10n(language) }

        public var thread: String { pick("Thread", "Переписка") }
        public func messageCut(bytes: Int) -> String {
            let size = bytes >= 1 << 20 ? String(format: "%.1f", Double(bytes) / 1_048_576) + pick(" MB", " МБ")
                : "\(bytes / 1024)" + pick(" KB", " КБ")
            return pick("… (the message goes on: \(size) in all; this is its beginning)",
                        "… (письмо длиннее: всего \(size); здесь его начало)")
        }
        public var lifetimeValue: String { pick("lifetime", "за всё время") }
        public var lastOrder: String { pick("last order", "последний заказ") }
        public var earlier: String { pick("Other complaints", "Другие жалобы") }
        public var compensations: String { pick("Compensation given", "Выданные компенсации") }
        public var recovery: String { pick("recovery", "возврат") }
        public var internalNote: String { pick("internal note", "внутренняя заметка") }
        public var unassigned: String { pick("unassigned", "ничьё") }
        public var vip: String { "VIP" }
        public var loyal: String { pick("loyal", "постоянный") }
        /// Before the SLA time left: of the first answer, or of the resolution.
        public var firstAnswer: String { pick("answer", "ответ") }
        public var resolveBy: String { pick("resolve", "решить") }
        public var followUp: String { pick("follow-up", "напомнить") }
        public var advocate: String { pick("brand advocate", "советует нас") }
        public var fault: String { pick("fault", "вина") }
        public var channel: String { pick("via", "канал") }
        /// What the customer holds now, from any of their complaints.
        public var given: String { pick("Holds", "Есть у покупателя") }
        public var noneStanding: String { pick("nothing standing", "ничего не действует") }
        public func moreCompensations(_ n: Int, key: String?) -> String {
            pick("+\(n) more", "ещё \(n)") + (key.map { " (\($0))" } ?? "")
        }
        public func moreLines(_ n: Int, key: String) -> String {
            pick("+\(n) more — \(key) shows the whole history", "ещё \(n) — \(key) покажет всю историю")
        }
        public func orderCount(_ n: Int) -> String { t.count(n, ("order", "orders"), ("заказ", "заказа", "заказов")) }
        /// `compensated ★5`: the outcome on the facts line.
        public func outcome(_ o: Outcome) -> String {
            o.resolution.name(language) + (o.satisfaction.map { " ★\($0)" } ?? "")
        }
        /// `Resolved: compensated · satisfaction 5/5 · by olga · 2 Dec 2026 14:02`.
        public func resolvedLine(_ o: Outcome, at: Date?) -> String {
            var parts = [pick("Resolved: ", "Решено: ") + o.resolution.name(language)]
            parts.append(o.satisfaction.map { pick("satisfaction \($0)/5", "оценка \($0)/5") }
                         ?? pick("satisfaction not known", "оценка неизвестна"))
            if let agent = o.agent { parts.append(pick("by ", "сотрудник ") + UntrustedText.line(agent)) }
            if let at = at ?? o.at { parts.append(t.dateTime(at)) }
            return parts.joined(separator: " · ")
        }
        /// Who wrote a message: the customer's name, the agent's (`olga`), or what it was.
        public func author(of m: Message, customer: String) -> String {
            let agent = m.agent.map(UntrustedText.line) ?? pick("agent", "сотрудник")
            switch (m.author, m.isInternal) {
            case (.customer, _): return customer
            case (.system, _): return pick("system", "система")
            case (.agent, false): return agent + pick(" (reply)", " (ответ)")
            case (.agent, true): return agent + " · " + internalNote
            }
        }
        public func quotedFolded(_ lines: Int) -> String {
            pick("… quoted text folded (", "… цитата свёрнута (") + language.count(lines, ("line", "lines"), ("строка", "строки", "строк")) + ")"
        }
        /// A reply's mail delivery: "queued", "sent 14:05", "NOT SENT: reason".
        public func delivery(_ d: Delivery) -> String {
            switch d {
            case .queued(nil): return pick("queued to send", "в очереди на отправку")
            case .queued(let reason?):
                return pick("queued, retrying (", "в очереди, повтор (") + UntrustedText.line(MailFailureReason.text(reason, language)) + ")"
            case .sent(let at): return pick("sent ", "отправлено ") + L10n(language).dateTime(at)
            case .failed(let reason):
                return pick("NOT SENT — the customer did not get this reply: ", "НЕ ОТПРАВЛЕНО — покупатель не получил ответ: ")
                    + UntrustedText.line(MailFailureReason.text(reason, language))
            }
        }
        public func daysAgo(_ days: Int) -> String { pick("\(days)d ago", "\(days) дн. назад") }
    }

    /// "12/3406"; "12/…" while the count is being made; "~12/3406" while the position is
    /// an estimate.
    public func position(_ index: Int, of count: Int?, exact: Bool, capped: Bool) -> String {
        guard let count else { return "\(index)/…" }
        return count == 0 ? "0/0" : (exact ? "" : "~") + "\(index)/\(total(count, capped: capped))"
    }

    /// A queue's count in full; "…" while it is being made; a search's count, which stops
    /// at `QueueQuery.searchCountCap`, with "+" when it stopped.
    public func total(_ count: Int?, capped: Bool) -> String {
        guard let count else { return "…" }
        return capped && count >= QueueQuery.searchCountCap ? "\(count)+" : "\(count)"
    }

    /// A count in at most four columns, rounded down: 987, 3.4k, 219k, 1.2M, 12M
    /// (3,4т, 219т, 1,2М).
    public func compact(_ count: Int?) -> String {
        guard let count else { return "…" }
        let point = pick(".", ","), k = pick("k", "т"), m = pick("M", "М")
        switch count {
        case ..<1000: return "\(count)"
        case ..<10_000: return "\(count / 1000)\(point)\(count % 1000 / 100)\(k)"
        case ..<1_000_000: return "\(count / 1000)\(k)"
        case ..<10_000_000: return "\(count / 1_000_000)\(point)\(count % 1_000_000 / 100_000)\(m)"
        default: return "\(count / 1_000_000)\(m)"
        }
    }

    /// "3m", "5h", "2d", "6w", "1y" ("3м", "5ч", "2д", "6н", "1г"): an age or a time left,
    /// in at most four columns.
    public func span(seconds: Int64) -> String {
        let s = abs(seconds)
        let (n, unit): (Int64, String) = s < 3600 ? (max(s / 60, 0), pick("m", "м")) : s < 86_400 ? (s / 3600, pick("h", "ч"))
            : s < 14 * 86_400 ? (s / 86_400, pick("d", "д")) : s < 365 * 86_400 ? (s / (7 * 86_400), pick("w", "н"))
            : (s / (365 * 86_400), pick("y", "г"))
        return "\(n)\(unit)"
    }

    /// "3h 20m", "3 ч 20 мин"; "2d 5h", "2 дн. 5 ч": a duration in two units.
    public func duration(seconds: Int64?) -> String {
        guard let s = seconds else { return "—" }
        if s < 3600 { return pick("\(s / 60)m", "\(s / 60) мин") }
        if s < 86_400 { return pick("\(s / 3600)h \(s % 3600 / 60)m", "\(s / 3600) ч \(s % 3600 / 60) мин") }
        return pick("\(s / 86_400)d \(s % 86_400 / 3600)h", "\(s / 86_400) дн. \(s % 86_400 / 3600) ч")
    }

    /// The SLA column: time left, or `!` and how long ago it was breached.
    public func slaLeft(seconds: Int64) -> String {
        seconds < 0 ? "!" + span(seconds: seconds) : span(seconds: seconds)
    }

    public var slaDone: String { "—" }
    public var terminalTooSmall: String {
        pick("The terminal is too small: cdesk needs at least 40×10.", "Терминал слишком мал: cdesk нужно не меньше 40×10.")
    }

    public func unboundKey(_ key: String, help: String) -> String {
        pick("\(key) does nothing here — \(help) shows the keys", "\(key) здесь ничего не делает — \(help) покажет клавиши")
    }
}

extension L10n {
    private func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = language.locale
        f.timeZone = TimeZone.current
        f.dateFormat = format
        return f
    }

    /// "2 Dec 2026 14:03", "2 дек. 2026 14:03" in the agent's time zone, 24-hour.
    public func dateTime(_ date: Date) -> String { formatter("d MMM yyyy HH:mm").string(from: date) }

    /// "2 Dec 2026", "2 дек. 2026".
    public func day(_ date: Date) -> String { formatter("d MMM yyyy").string(from: date) }

    /// "2026-12-02": a day in file names and typed dates, the same in every language.
    public static func isoDay(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// "1 234,50 ₽", "1,234.50 ₽": the locale's grouping and the shop's currency; whole
    /// amounts without the kopecks.
    public func money(_ money: Money, currency: String = "₽") -> String {
        let f = NumberFormatter()
        f.locale = language.locale
        f.numberStyle = .decimal
        let whole = money.minor % 100 == 0
        f.minimumFractionDigits = whole ? 0 : 2
        f.maximumFractionDigits = whole ? 0 : 2
        let number = f.string(from: NSDecimalNumber(mantissa: money.minor.magnitude, exponent: -2, isNegative: money.minor < 0))
            ?? money.decimal
        return number + " " + currency
    }

    public func compensation(_ kind: CompensationKind, value: Int64, currency: String = "₽") -> String {
        switch kind {
        case .discount: pick("discount \(value)%", "скидка \(value)%")
        case .freeDelivery: name(kind) + (value > 0 ? " (\(money(Money(minor: value), currency: currency)))" : "")
        case .bonus: pick("bonus \(value) pts", "бонусы \(value) б.")
        case .apology: name(kind)
        case .refund: name(kind) + " " + money(Money(minor: value), currency: currency)
        case .replacement: name(kind)
        }
    }

    /// A compensation in few words, for the ticket's summary line (a free delivery without
    /// its fee).
    public func compensationShort(_ kind: CompensationKind, value: Int64) -> String {
        kind == .freeDelivery ? name(kind) : compensation(kind, value: value)
    }

    public func recentCompensationWarning(_ n: Int, days: Int) -> String {
        pick("⚠ \(n) compensations in the last \(days) days",
             "⚠ \(count(n, ("compensation", "compensations"), ("компенсация", "компенсации", "компенсаций"))) за \(days) дн.")
    }
}

extension L10n {
    public struct Prompt: Sendable {
        let language: Language
        func pick(_ en: String, _ ru: String) -> String { language.pick(en, ru) }

        public func compensation(_ kind: CompensationKind, ticket: String, limit: Int64?) -> String {
            switch kind {
            case .discount:
                pick("Discount % for #\(ticket)", "Скидка % для #\(ticket)")
                    + (limit.map { pick(" (your limit \($0))", " (ваш предел \($0))") } ?? "") + ": "
            case .bonus:
                pick("Bonus points for #\(ticket)", "Бонусные баллы для #\(ticket)")
                    + (limit.map { pick(" (your limit \($0))", " (ваш предел \($0))") } ?? "") + ": "
            case .freeDelivery:
                pick("Free delivery on the next order for #\(ticket)? Enter gives, Esc cancels ",
                     "Бесплатная доставка следующего заказа для #\(ticket)? Enter — дать, Esc — отмена ")
            case .apology:
                pick("Record an apology on #\(ticket)? Enter records, Esc cancels ",
                     "Записать извинение в #\(ticket)? Enter — записать, Esc — отмена ")
            case .refund, .replacement:
                "\(kind.name(language)) #\(ticket): "
            }
        }
        public func resolve(ticket: String) -> String {
            pick("Resolve #\(ticket) — outcome [satisfaction 1–5]: ", "Решить #\(ticket) — исход [оценка 1–5]: ")
        }
        public var cancelled: String { pick("cancelled", "отменено") }
    }

    public func gave(_ kind: CompensationKind, value: Int64, code: String?, ticket: String, currency: String = "₽") -> String {
        pick("#\(ticket): gave ", "#\(ticket): выдано: ") + compensation(kind, value: value, currency: currency)
            + (code.map { pick(" — promo code ", " — промокод ") + $0 } ?? "")
    }
    public func resolved(_ ticket: String, _ resolution: Resolution) -> String {
        pick("#\(ticket) resolved: ", "#\(ticket) решено: ") + name(resolution)
    }
    public func took(_ ticket: String) -> String { pick("#\(ticket) is yours now", "#\(ticket) теперь ваше") }
    /// The words a prompt takes, in the language shown.
    func choices<T: Named>(_ type: T.Type) -> String { T.words(language).joined(separator: ", ") }
    public func badResolution(_ word: String) -> String {
        pick("'\(word)' is not an outcome: ", "«\(word)» — не исход: ") + choices(Resolution.self) + pick(" (Tab completes)", " (Tab дополняет)")
    }
    public func badSatisfaction(_ word: String) -> String {
        pick("satisfaction is a number 1–5, not '\(word)' (e.g. compensated 5)",
             "оценка — число 1–5, а не «\(word)» (например: компенсация 5)")
    }
    public func badAmount(_ word: String) -> String {
        pick("'\(word)' is not an amount: refunded 1500 or 1500.50", "«\(word)» — не сумма: возврат 1500 или 1500,50")
    }
    public func amountTooLarge(_ word: String) -> String {
        pick("\(word) is more than the desk takes", "\(word) — больше, чем принимает программа")
    }
    public func tooManyWords(_ text: String) -> String {
        pick("'\(text)': one word and an optional second one, e.g. compensated 5 or offered +7d",
             "«\(text)»: одно слово и, если нужно, второе, например: компенсация 5 или предложили +7д")
    }
    public func alreadyResolved(_ ticket: String, reopenKey: String?) -> String {
        pick("#\(ticket) is resolved already", "#\(ticket) уже решено")
            + (reopenKey.map { pick(" (\($0) reopens it)", " (\($0) переоткроет)") } ?? "")
    }
    public func alreadyOpen(_ ticket: String, _ status: TicketStatus) -> String {
        pick("#\(ticket) is \(status.rawValue): nothing to reopen", "#\(ticket) — \(name(status)): переоткрывать нечего")
    }
}

extension L10n {
    /// Short labels of the key hints on the bottom line.
    public struct Hint: Sendable {
        let language: Language
        func pick(_ en: String, _ ru: String) -> String { language.pick(en, ru) }
        public var open: String { pick("open", "открыть") }
        public var back: String { pick("back", "назад") }
        public var discount: String { pick("disc", "скидка") }
        public var freeDelivery: String { pick("free-dlv", "доставка") }
        public var bonus: String { pick("bonus", "бонусы") }
        public var apology: String { pick("sorry", "извин.") }
        public var resolve: String { pick("resolve", "решить") }
        public var suggestion: String { pick("suggested", "совет") }
        public var take: String { pick("take", "взять") }
        public var view: String { pick("view", "список") }
        public var search: String { pick("search", "поиск") }
        public var scroll: String { pick("scroll", "прокрутка") }
        public var help: String { pick("help", "справка") }
        public var quit: String { pick("quit", "выход") }
        public var accept: String { pick("accept", "принять") }
        public var cancel: String { pick("cancel", "отмена") }
        public var erase: String { pick("erase", "стереть") }
        public var winBack: String { pick("win-back", "возврат") }
        public var reply: String { pick("reply", "ответ") }
        public var reopen: String { pick("reopen", "переоткрыть") }
        public var history: String { pick("history", "история") }
        public var undo: String { pick("undo", "отмена") }
        public var approve: String { pick("approve", "одобрить") }
        public var save: String { pick("save file", "сохранить файл") }
        public var period: String { pick("period", "период") }
        public var breakdown: String { pick("by…", "разбивка") }
        public var decline: String { pick("decline", "отклонить") }
    }
}

extension L10n {
    public func suggestion(_ s: Playbook.Suggestion, currency: String = "₽") -> String {
        let gifts = s.gifts.isEmpty ? pick("nothing", "ничего")
            : s.gifts.map { compensation($0.kind, value: $0.value, currency: currency) }.joined(separator: " + ")
        return pick("Suggested: ", "Совет: ") + gifts + " — " + s.why(language)
    }
    public func suggestionGiven(_ s: Playbook.Suggestion, currency: String = "₽") -> String {
        pick("Given as suggested: ", "Выдано по совету: ")
            + s.gifts.map { compensation($0.kind, value: $0.value, currency: currency) }.joined(separator: " + ")
    }
    public func takeKey(_ key: String) -> String { pick("(\(key) gives it)", "(\(key) — выдать)") }
    public var nothingToGive: String {
        pick("the playbook suggests no compensation here; record the outcome with resolve",
             "регламент не советует здесь компенсации; запишите исход через «решить»")
    }
    public func gaveSuggestion(_ given: [Compensation], ticket: String, currency: String = "₽") -> String {
        pick("#\(ticket): gave ", "#\(ticket): выдано: ")
            + given.map { c in compensation(c.kind, value: c.value, currency: currency) + (c.promoCode.map { " \($0)" } ?? "") }
            .joined(separator: ", ")
    }
    public func suggestionAgain(ticket: String) -> String {
        pick("Give the suggestion on #\(ticket) again? ", "Выдать совет в #\(ticket) ещё раз? ") + yesNoKeys
    }
    public func suggestionGivenAlready(_ given: [Compensation]) -> String {
        pick("already given on this complaint: ", "уже выдано по этой жалобе: ")
            + given.map { compensationShort($0.kind, value: $0.value) }.joined(separator: ", ")
    }
}

extension L10n {
    public func faultPrompt(ticket: String) -> String { pick("Fault of #\(ticket): ", "Чья вина в #\(ticket): ") }
    public func badFault(_ text: String) -> String {
        pick("'\(text)' is not a fault: ", "«\(text)» — не вариант вины: ") + choices(Fault.self) + pick(" (Tab completes)", " (Tab дополняет)")
    }
    public func faultSet(_ ticket: String, _ fault: Fault) -> String { pick("#\(ticket): fault ", "#\(ticket): вина — ") + name(fault) }
    public func reopened(_ ticket: String) -> String { pick("#\(ticket) reopened", "#\(ticket) переоткрыто") }
    public var nothingToUndo: String { pick("nothing of yours to undo in this session", "в этом сеансе нечего отменять") }
    public func undone(_ what: String, ticket: String) -> String { pick("#\(ticket): undid \(what)", "#\(ticket): отменено: \(what)") }
    public func undoRevokeAnyway(ticket: String) -> String {
        pick("Undo revokes a code the customer has: revoke on #\(ticket)? ", "Отмена отзовёт код, который есть у покупателя: отозвать в #\(ticket)? ")
            + yesNoKeys
    }
    public func undoQuotedCode(_ codes: [String], at: Date) -> String {
        pick("your reply of \(dateTime(at)) gave the customer ", "ваш ответ от \(dateTime(at)) сообщил покупателю ")
            + codes.joined(separator: ", ")
    }
    public func undoKept(undoKey: String?) -> String {
        pick("kept: the customer keeps what the reply gave", "оставлено: у покупателя остаётся то, что дал ответ")
            + (undoKey.map { pick(" (\($0) now undoes the change before it)", " (\($0) теперь отменит предыдущее изменение)") } ?? "")
    }
    public func notSentBecause(_ why: String, replyKey: String?) -> String {
        pick("not sent (\(why))", "не отправлено (\(why))") + (replyKey.map { pick("; \($0) opens it again", "; \($0) откроет снова") } ?? "")
    }
}

extension L10n {
    public var editorFailed: String { pick("the editor did not finish; nothing was saved", "редактор не завершился; ничего не сохранено") }
    public var emptyMessage: String { pick("empty — nothing was saved", "пусто — ничего не сохранено") }
    public func placeholderLeft(ticket: String) -> String {
        pick("The reply to #\(ticket) still has the [placeholder]. Edit it? ", "В ответе в #\(ticket) остался [шаблонный текст]. Исправить? ")
            + yesNoKeys
    }
    /// How a yes/no question is answered, on either keyboard layout; Enter is no.
    public var yesNoKeys: String { pick("y/n (д/н) ", "д/н (y/n) ") }
    public var yesNoHint: String { pick("y yes  n no  (д да, н нет)  <Enter> or <Esc>: no", "д да  н нет  (y, n)  <Enter> или <Esc>: нет") }
    public var yesOrNo: String { pick("answer y or n (д or н on a Russian layout); Esc is no", "ответьте д или н (y или n в латинской раскладке); Esc — нет") }
    public func replied(_ ticket: String) -> String { pick("#\(ticket): reply queued to send", "#\(ticket): ответ поставлен в очередь на отправку") }
    public func repliedNoMailFirst(_ ticket: String) -> String {
        pick("#\(ticket): reply recorded, not sent: no mail set up", "#\(ticket): ответ записан, но не отправлен: почта не настроена")
    }
    public func repliedNoMail(_ ticket: String) -> String { pick("#\(ticket): reply recorded", "#\(ticket): ответ записан") }
    public func noted(_ ticket: String) -> String { pick("#\(ticket): note added", "#\(ticket): заметка добавлена") }
    public func notSent(replyKey: String?) -> String {
        pick("not sent", "не отправлено") + (replyKey.map { pick("; \($0) opens it again", "; \($0) откроет снова") } ?? "")
    }
}

extension L10n {
    public func recoveryPrompt(ticket: String) -> String {
        pick("Win-back #\(ticket) — state [+7d | YYYY-MM-DD]: ", "Возврат #\(ticket) — этап [+7д | ГГГГ-ММ-ДД]: ")
    }
    /// The follow-up a recovery prompt proposes: a week on.
    public var weekOn: String { pick("+7d", "+7д") }
    public func badRecovery(_ word: String) -> String {
        pick("'\(word)' is not a win-back state: ", "«\(word)» — не этап возврата: ") + choices(RecoveryState.self)
            + pick(" (Tab completes)", " (Tab дополняет)")
    }
    public func badFollowUp(_ word: String) -> String {
        pick("'\(word)' is not a follow-up: +7d or a date like 2026-12-01", "«\(word)» — не дата напоминания: +7д или дата вида 2026-12-01")
    }
    public func pastFollowUp(_ word: String) -> String {
        pick("\(word) is past: a follow-up is today or later", "\(word) уже прошло: напоминание — сегодня или позже")
    }
    public func finalTakesNoDate(_ state: RecoveryState) -> String {
        pick("\(state.rawValue) ends the follow-up: no date after it", "«\(name(state))» завершает возврат: дата не нужна")
    }
    public func recoveryNeedsResolved(_ ticket: String, resolveKey: String?) -> String {
        pick("#\(ticket) is still open: win-back follows a resolved complaint", "#\(ticket) ещё открыто: возврат покупателя — после решения жалобы")
            + (resolveKey.map { pick(" (\($0) resolves it)", " (\($0) решает)") } ?? "")
    }
    public func recoverySet(_ ticket: String, _ state: RecoveryState, _ followUp: Date?) -> String {
        pick("#\(ticket): recovery ", "#\(ticket): возврат — ") + name(state)
            + (followUp.map { pick(", follow-up ", ", напомнить ") + day($0) } ?? "")
    }
}

extension L10n {
    public var searchPrompt: String { pick("Search: ", "Поиск: ") }

    public func exportPrompt(_ view: QueueView) -> String {
        pick("Export resolved cases of \(viewName(view)) to: ", "Выгрузить решённые из «\(viewName(view))» в файл: ")
    }
    /// An export's messages name the file with its folder (from `~` or `/`), so that the
    /// agent knows where it went whatever the working directory was.
    public func exporting(_ view: QueueView, to path: String) -> String {
        let file = L10n.shortPath(path, width: 44, directory: "/")
        return pick("exporting \(viewName(view)) to \(file)…", "выгрузка «\(viewName(view))» в \(file)…")
    }
    public var reportRunning: String { pick("computing the report…", "считаю отчёт…") }
    public func reportReady(key: String) -> String { pick("the report is ready: \(key) shows it", "отчёт готов: \(key) покажет") }
    public var exportRunning: String { pick("an export is still running; wait for it to finish", "выгрузка ещё идёт; дождитесь её конца") }
    public var nothingToExport: String {
        pick("this view holds no resolved cases: nothing written (try Resolved, All or a search)",
             "в этом списке нет решённых обращений: ничего не записано (попробуйте «Решённые», «Все» или поиск)")
    }
    public func exported(_ n: Int, to path: String) -> String {
        let file = L10n.shortPath(path, width: 44, directory: "/")
        return pick("exported ", "выгружено: ") + count(n, ("case", "cases"), ("обращение", "обращения", "обращений"))
            + pick(" to ", " в ") + file
    }
    public func exportExists(_ path: String) -> String {
        pick("\(L10n.shortPath(path)) exists; give another name", "\(L10n.shortPath(path)) уже есть; дайте другое имя")
    }
    public func exportFormat(_ path: String) -> String {
        pick("\(L10n.shortPath(path)): name it .csv or .jsonl", "\(L10n.shortPath(path)): имя должно кончаться на .csv или .jsonl")
    }

    /// A file's path as the agent would type it, short enough for the status line: relative to
    /// the working directory when inside it, `~` for the home folder, and a long one
    /// shortened in the middle, so that the file's name always shows.
    public static func shortPath(_ path: String, width: Int = 48,
                                 directory: String = FileManager.default.currentDirectoryPath,
                                 home: String? = ProcessInfo.processInfo.environment["HOME"]) -> String {
        var short = path
        if directory != "/", path.hasPrefix(directory + "/") {
            short = String(path.dropFirst(directory.count + 1))
        } else if let home, home != "/", path.hasPrefix(home + "/") {
            short = "~" + path.dropFirst(home.count)
        }
        guard DisplayWidth.of(short) > width else { return short }
        let name = (short as NSString).lastPathComponent
        guard DisplayWidth.of(name) + 6 <= width, name != short else {
            // The name alone is too long: its beginning and its end (the extension) show.
            var tail = "", used = 0
            for ch in name.reversed() {
                let w = DisplayWidth.of(ch)
                if used + w > (width - 1) / 2 { break }
                tail.insert(ch, at: tail.startIndex); used += w
            }
            return DisplayWidth.truncate(name, to: width - used) + tail
        }
        let head = DisplayWidth.truncate(short, to: width - DisplayWidth.of(name) - 2)
        return (head.hasSuffix("…") ? String(head.dropLast()) : head) + "…/" + name
    }

    public struct ReportText: Sendable {
        let language: Language
        func pick(_ en: String, _ ru: String) -> String { language.pick(en, ru) }
        public var title: String { pick("Report", "Отчёт") }
        public var recovery: String { pick("Recovery rate", "Доля вернувшихся") }
        public var benchmark: String { pick("benchmark 60%", "ориентир 60%") }
        public var satisfaction: String { pick("Satisfied (4–5)", "Довольны (4–5)") }
        public var firstResponse: String { pick("First response", "Первый ответ") }
        public var resolution: String { pick("Resolution", "Решение") }
        public var byReason: String { pick("Complaints by reason", "Жалобы по причинам") }
        public var byChannel: String { pick("Complaints by channel", "Жалобы по каналам") }
        public var compensation: String { pick("Compensation given", "Выданные компенсации") }
        public func complaints(_ n: Int, since: Date?, until: Date?) -> String {
            language.count(n, ("complaint", "complaints"), ("жалоба", "жалобы", "жалоб")) + ", " + period(since: since, until: until)
        }
        /// The report's period: "all time", "from 1 Nov 2026", "1 Nov 2026 to 1 Dec 2026".
        public func period(since: Date?, until: Date?) -> String {
            let t = L10n(language)
            switch (since, until) {
            case (nil, nil): return pick("all time", "за всё время")
            case let (s?, nil): return pick("from ", "с ") + t.day(s)
            case let (nil, u?): return pick("before ", "до ") + t.day(u)
            case let (s?, u?): return pick("\(t.day(s)) to \(t.day(u))", "с \(t.day(s)) до \(t.day(u))")
            }
        }
        /// "67.0%", "67,0 %".
        public func percent(_ share: Double?) -> String {
            guard let share else { return "—" }
            return pick(String(format: "%.1f%%", share * 100), String(format: "%.1f", share * 100).replacingOccurrences(of: ".", with: ",") + " %")
        }
        public func recoveredLost(_ r: Int, _ l: Int) -> String {
            pick("\(r) recovered, \(l) lost", "вернулись: \(r), потеряны: \(l)")
        }
        public func timing(median: String, p90: String, n: Int) -> String {
            pick("median", "медиана") + " \(median) · p90 \(p90) · "
                + language.count(n, ("ticket", "tickets"), ("обращение", "обращения", "обращений"))
        }
        /// What a kind of compensation cost, in words: money for free delivery, refund and
        /// replacement; points and their money for a bonus; the average percent of a discount.
        public func given(_ g: Report.Given, currency: String) -> String {
            let t = L10n(language)
            switch g.kind {
            case .freeDelivery where g.total == 0, .apology: return "—"
            case .freeDelivery, .refund, .replacement: return t.money(Money(minor: g.total), currency: currency)
            case .bonus:
                let points = Int(clamping: g.total)
                return number(points) + " " + language.plural(points, ("pt", "pts"), ("балл", "балла", "баллов")) + " = "
                    + t.money(Money(minor: g.total &* GivenCompensation.bonusPoint.minor), currency: currency)
            case .discount:
                guard g.count > 0 else { return "—" }
                return pick("avg ", "в среднем ") + percent(Double(g.total) / Double(g.count) / 100)
            }
        }
        /// A report row's name (a reason's, a channel's or a tier's code) in this language;
        /// an agent's login as it is.
        public func countName(_ code: String) -> String {
            Reason(rawValue: code).map { $0.name(language) } ?? Channel(rawValue: code).map { $0.name(language) }
                ?? Tier(rawValue: code).map { $0.name(language) } ?? code
        }
        /// "1207 undecided (1100 being followed, 107 open)".
        public func undecided(_ u: Report.Undecided) -> String {
            pick("\(u.total) undecided (\(u.followed) being followed, \(u.open) open)",
                 "ещё не ясно: \(u.total) (отслеживаются: \(u.followed), открыты: \(u.open))")
        }
        /// The rate over complaints whose recovery window has ended.
        public func closedCohorts(_ c: Report.Cohort, days: Int) -> String {
            pick("closed cohorts (window of \(days) days over): \(percent(c.rate)) of \(c.recovered + c.lost)",
                 "по завершённым (окно \(days) дн. прошло): \(percent(c.rate)) из \(c.recovered + c.lost)")
        }
        public func cost(_ money: String) -> String { pick("Cost of compensation  ", "Стоимость компенсаций  ") + money }
        public func reopened(_ n: Int, of total: Int) -> String {
            let share = total > 0 ? percent(Double(n) / Double(total)) : "—"
            return pick("Reopened  \(n) of \(total) resolved (\(share))", "Переоткрыто  \(n) из \(total) решённых (\(share))")
        }
        public func failedReplies(_ n: Int) -> String {
            pick("E-mail replies that failed  \(n)", "Ответы, не дошедшие по почте  \(n)")
        }
        public func unknownTimes(_ n: Int) -> String {
            pick("\(n) closed without a resolution time: left out of the times",
                 "закрытых без времени решения: \(n) — не входят в сроки")
        }
        public func withinSLA(_ share: String) -> String { pick("\(share) within SLA", "\(share) в срок") }
        public var withinSLALabel: String { pick("within SLA", "в срок") }
        /// After a figure under its target: " · below 90%"; " · below" after the benchmark named.
        public func belowTarget(_ target: String) -> String {
            target.isEmpty ? pick(" · below", " · ниже") : pick(" · below \(target)", " · ниже \(target)")
        }
        /// A count, grouped as the language writes it: "191,300", "191 300".
        public func number(_ n: Int) -> String {
            let f = NumberFormatter()
            f.locale = language.locale
            f.numberStyle = .decimal
            return f.string(from: NSNumber(value: n)) ?? String(n)
        }
    }

    /// The colours' legend at the end of `?`.
    public struct Legend: Sendable {
        let language: Language
        func pick(_ en: String, _ ru: String) -> String { language.pick(en, ru) }
        public var title: String { pick("Colours and marks", "Цвета и знаки") }
        public var urgent: String { pick("priority urgent", "приоритет «срочный»") }
        public var high: String { pick("priority high", "приоритет «высокий»") }
        public var slaPlain: String {
            pick("SLA time left: plain while over a quarter of it is left", "срок: обычным, пока осталось больше четверти")
        }
        public var slaSoon: String {
            pick("SLA due soon: under a quarter of its time left", "срок скоро: осталось меньше четверти времени")
        }
        public var slaPassed: String {
            pick("SLA passed (!); red is late or failed: also an error", "срок прошёл (!); красное — опоздание или сбой")
        }
        public var replyFailed: String {
            pick("a reply sent as mail failed (the reason on the ticket)", "ответ по почте не ушёл (причина — в обращении)")
        }
        public var changed: String { pick("changed by someone else since drawn", "изменено кем-то другим после показа") }
        public var foundSample: String { pick("courier", "курьер") }
        public var found: String {
            pick("words of a search where found (column FOUND IN)", "слова поиска там, где найдены (столбец НАЙДЕНО)")
        }
        public var meterMet: String { pick("target met", "цель достигнута") }
        public var meterMissed: String { pick("below the target", "ниже цели") }
        public var meterMark: String {
            pick("the target: the 60% benchmark, the SLA's target_percent", "цель: ориентир 60 %, target_percent срока")
        }
        public var bar: String { pick("a count, against the largest", "число, в сравнении с наибольшим") }
        public var customerSample: String { pick("▌customer", "▌клиент") }
        public var customer: String { pick("the customer: their name and messages", "клиент: имя и сообщения") }
        public var vipSample: String { pick("▌VIP", "▌VIP") }
        public var vip: String { pick("a VIP customer", "VIP-клиент") }
        public var agentSample: String { pick("▌agent", "▌агент") }
        public var agent: String { pick("an agent's reply", "ответ агента") }
        public var noteSample: String { pick("▌note", "▌заметка") }
        public var note: String { pick("an internal note: the customer never sees it", "внутренняя заметка: клиент её не видит") }
        public var systemSample: String { pick("▌system", "▌система") }
        public var system: String { pick("a message of the desk itself", "сообщение самой системы") }
        public var suggestedSample: String { pick("Suggested", "Совет") }
        public var good: String {
            pick("met or done well: the suggestion, resolved, recovered", "удачно: совет, решено, клиент вернулся")
        }
        public var failedSample: String { pick("NOT SENT", "НЕ ОТПРАВЛЕНО") }
        public var failed: String {
            pick("failed or late: a reply not sent, many compensations lately", "сбой или опоздание: ответ не ушёл, много компенсаций")
        }
        /// The config's colours that read too faintly on the background, left out:
        /// "[colors] urgent 2.1:1 on light, under 4.5:1: not used".
        public func refused(_ refused: [Palette.Refused], theme: Theme) -> String {
            let list = refused.map { "\($0.role) " + ratio($0.contrast) }.joined(separator: ", ")
            let needed = ratio(refused.map(\.needed).max() ?? 4.5)
            return theme == .light
                ? pick("[colors] \(list) on light, under \(needed): not used", "[colors] \(list) на светлом фоне, меньше \(needed): не взяты")
                : pick("[colors] \(list) on dark, under \(needed): not used", "[colors] \(list) на тёмном фоне, меньше \(needed): не взяты")
        }
        private func ratio(_ r: Double) -> String {
            let text = String(format: "%.1f:1", r)
            return language == .ru ? text.replacingOccurrences(of: ".", with: ",") : text
        }
    }

    public var filterPrompt: String { pick("Filter (Tab completes; empty clears): ", "Фильтр (Tab дополняет; пусто — сбросить): ") }
    public var filterMenuTitle: String {
        pick("Filter by any of these; typed words narrow every view", "Фильтр по любому из этих; слова сужают каждый список")
    }
    public func filterKey(_ key: String) -> String { key.uppercased() }
    public func badFilter(_ word: String) -> String {
        pick("'\(word)' is not a reason, channel, priority or tier (e.g. reason=delivery-delay tier=vip)",
             "«\(word)» — не причина, канал, приоритет или уровень (например: причина=задержка уровень=vip)")
    }

    /// What an undo took back, for the status line.
    public struct UndoText: Sendable {
        let language: Language
        func pick(_ en: String, _ ru: String) -> String { language.pick(en, ru) }
        public var resolve: String { pick("resolve", "решение") }
        public var take: String { pick("take", "взятие") }
        public var fault: String { pick("fault", "вину") }
        public var reopen: String { pick("reopen", "переоткрытие") }
        public var recovery: String { pick("win-back change", "этап возврата") }
    }
}

extension L10n {
    /// What the core's typed errors say, in this language; any other error as it describes
    /// itself (a file system's or SQLite's own words).
    public func describe(_ error: any Error) -> String {
        switch error {
        case let refusal as CompensationPolicy.Refusal:
            return policyRefusal(refusal)
        case let StoreError.conflict(ticketID, by, what):
            return pick("ticket \(ticketID) was changed by \(UntrustedText.line(by)) meanwhile (\(what)); reloaded",
                        "обращение \(ticketID) тем временем изменил(а) \(UntrustedText.line(by)) (\(StoreError.actionName(what, language))); перечитано")
        case let StoreError.notFound(_, id):
            return pick("no ticket \(id)", "нет обращения \(id)")
        case TeamError.leadsOnly:
            return pick("only a lead may approve or decline a request", "одобрять и отклонять запросы может только старший")
        case TeamError.requestPending(let ticketID):
            return pick("#\(ticketID) has a request waiting for a lead already", "у #\(ticketID) уже есть запрос к старшему")
        case TeamError.noPendingRequest:
            return pick("that request was decided already", "этот запрос уже решён")
        default:
            let known = StoreError.explaining(error)
            return storeFailure(known) ?? (known as? StoreError)?.text(language) ?? "\(known)"
        }
    }

    /// A limit's value with its unit: "15%", "500 points" / "500 баллов".
    func limit(_ kind: CompensationKind, _ value: Int64) -> String {
        kind == .discount ? "\(value)%" : count(Int(clamping: value), ("point", "points"), ("балл", "балла", "баллов"))
    }

    public func policyRefusal(_ refusal: CompensationPolicy.Refusal) -> String {
        switch refusal {
        case .notANumber(let text):
            pick("'\(text)' is not a whole number", "«\(text)» — не целое число")
        case .notPositive:
            pick("the value must be more than 0", "значение должно быть больше 0")
        case let .overAgentLimit(kind, limit):
            pick("over your limit of \(self.limit(kind, limit)) for a \(name(kind)) — a lead must give it",
                 "больше вашего предела \(self.limit(kind, limit)) для «\(name(kind))» — это даёт старший")
        case let .overMaximum(kind, maximum):
            pick("over the policy's maximum of \(limit(kind, maximum)) for a \(name(kind))",
                 "больше предела политики \(limit(kind, maximum)) для «\(name(kind))»")
        }
    }
}

extension L10n {
    /// An agent over their limit: the prompt asking a lead, and what comes of it.
    public func askLead(_ kind: CompensationKind, value: Int64, ticket: String) -> String {
        pick("Over your limit: ask a lead for \(compensation(kind, value: value)) on #\(ticket)? Reason: ",
             "Больше вашего предела: попросить старшего о «\(compensation(kind, value: value))» для #\(ticket)? Причина: ")
    }
    public var askLeadNeedsReason: String { pick("say why, for the lead (Esc cancels)", "напишите причину для старшего (Esc — отмена)") }
    public func askedLead(_ ticket: String) -> String {
        pick("#\(ticket): asked a lead; it waits in Requests", "#\(ticket): запрос отправлен старшему; он ждёт в «Запросах»")
    }
    public func noRequest(_ ticket: String) -> String {
        pick("#\(ticket) has no request waiting for a lead", "у #\(ticket) нет запроса к старшему")
    }
    public func approved(_ ticket: String, _ given: Compensation, currency: String) -> String {
        pick("#\(ticket): approved ", "#\(ticket): одобрено: ") + compensation(given.kind, value: given.value, currency: currency)
            + (given.promoCode.map { pick(" — promo code ", " — промокод ") + $0 } ?? "")
    }
    public func declined(_ ticket: String) -> String { pick("#\(ticket): request declined", "#\(ticket): запрос отклонён") }
    /// The request on the ticket page: what, by whom, and why (the hint line has the lead's keys).
    public func requestLine(_ r: ApprovalRequest) -> String {
        pick("Asked of a lead: ", "Запрос старшему: ") + compensation(r.gift.kind, value: r.gift.value)
            + pick(" by ", ", просит ") + UntrustedText.line(r.agent) + " — " + UntrustedText.line(r.reason)
    }
}

extension L10n {
    public func mailFailed(_ n: Int) -> String {
        pick("\(n) \(n == 1 ? "reply" : "replies") not sent: the mail server refused (✗ in the queue, the reason on the ticket)",
             "не отправлено ответов: \(n) — почтовый сервер отказал (✗ в очереди, причина в обращении)")
    }
    public func mailWaiting(_ n: Int) -> String {
        pick("the mail server is not reachable: \(n) \(n == 1 ? "reply waits" : "replies wait"), tried again each minute",
             "почтовый сервер недоступен: ответов ждут \(n), повтор каждую минуту")
    }
}

extension L10n {
    /// The attachments under the thread.
    public func attachmentsTitle(key: String?) -> String {
        pick("Attachments", "Вложения") + (key.map { pick(" (\($0) saves one)", " (\($0) — сохранить)") } ?? "")
    }
    public func attachmentLine(_ number: Int, _ a: StoredAttachment) -> String {
        let size = a.size >= 1 << 20 ? String(format: "%.1f", Double(a.size) / 1_048_576) + pick(" MB", " МБ")
            : "\(max(1, a.size / 1024))" + pick(" KB", " КБ")
        return "\(number). " + UntrustedText.line(a.name) + " · " + UntrustedText.line(a.type) + " · " + size
            + (a.isKept ? "" : pick(" · not kept (over the size limit)", " · не сохранено (больше предела)"))
    }
    public func noAttachment(_ ticket: String) -> String { pick("#\(ticket) has no attachment to save", "у #\(ticket) нет вложений для сохранения") }
    public func saveAttachmentPrompt(ticket: String) -> String {
        pick("Save an attachment of #\(ticket) — number and folder: ", "Сохранить вложение #\(ticket) — номер и папка: ")
    }
    public func badAttachment(_ word: String) -> String {
        pick("'\(word)' is not the number of a kept attachment", "«\(word)» — не номер сохранённого вложения")
    }
    public func savedAttachment(_ path: String) -> String {
        pick("saved ", "сохранено: ") + L10n.shortPath(path, width: 56, directory: "/")
    }
}

extension L10n {
    public var reportPeriodPrompt: String {
        pick("Report period (all, 30d, 2026-11, 2026-11-01..2026-11-30): ", "Период отчёта (все, 30д, 2026-11, 2026-11-01..2026-11-30): ")
    }
    public func badPeriod(_ text: String) -> String {
        pick("'\(text)' is not a period: all, 30d, 2026-11 or 2026-11-01..2026-11-30",
             "«\(text)» — не период: все, 30д, 2026-11 или 2026-11-01..2026-11-30")
    }
    /// A period as typed: what the prompt proposes.
    public func periodWord(_ p: TypedPeriod) -> String {
        switch p {
        case .all: pick("all", "все")
        case .lastDays(let n): "\(n)" + pick("d", "д")
        case let .month(y, m): String(format: "%04d-%02d", y, m)
        case let .days(a, b): String(format: "%04d-%02d-%02d..%04d-%02d-%02d", a.year, a.month, a.day, b.year, b.month, b.day)
        }
    }
    public func breakdownTitle(_ b: Breakdown) -> String { pick("By ", "По ") + b.name(language) }
    /// A breakdown's row: name, complaints, recovery rate, satisfied, cost.
    public func sliceLine(_ s: Report.Slice, nameWidth: Int, currency: String) -> String {
        let name = DisplayWidth.fit(report.countName(s.name), to: nameWidth)
        return name + "  " + pick("\(s.complaints) complaints", "жалоб: \(s.complaints)") + " · "
            + pick("recovered ", "вернулись ") + report.percent(s.recoveryRate) + " · "
            + pick("satisfied ", "довольны ") + report.percent(s.satisfactionShare) + " · " + money(s.cost, currency: currency)
    }
}

extension L10n {
    /// The store's name on the status line when this user may only read it.
    public func readOnlyStoreName(_ name: String) -> String { pick("\(name) (read-only)", "\(name) (только чтение)") }
    /// An action that would change a store this user may only read.
    public var readOnlyRefusal: String {
        pick("the store is read-only for you: nothing can be changed here (ask whoever may write it)",
             "хранилище доступно вам только для чтения: здесь ничего не изменить (обратитесь к тому, кто может писать в него)")
    }
    /// A write that went through once the store was free again.
    public func wroteWhenBusy(_ said: String, tries: Int) -> String {
        said + pick(" (the store was busy; done on try \(tries))", " (хранилище было занято; сделано с \(tries)-й попытки)")
    }
    /// A failure of the store in the desk's words, nil for any other error.
    func storeFailure(_ error: any Error) -> String? {
        guard let error = error as? StoreError else { return nil }
        switch error {
        case .readOnly: return readOnlyRefusal
        case let .busy(tries):
            return pick("the store is busy: another process kept it locked" + (tries > 1 ? " through \(tries) tries" : "")
                            + "; nothing was changed, try again in a moment",
                        "хранилище занято: другой процесс держит его" + (tries > 1 ? " (попыток: \(tries))" : "")
                            + "; ничего не изменено, попробуйте чуть позже")
        case .damaged:
            return pick("the store is damaged (its file is not a whole database); restore it from a backup",
                        "хранилище повреждено (файл — не целая база данных); восстановите его из резервной копии")
        case .diskFull:
            return pick("the disk holding the store is full; nothing was changed, free some space and try again",
                        "диск с хранилищем заполнен; ничего не изменено — освободите место и попробуйте снова")
        case .unreadable:
            return pick("the store's file could not be read or written (an input/output error); check the disk",
                        "файл хранилища не удалось прочитать или записать (ошибка ввода-вывода); проверьте диск")
        case let .failed(code):
            return pick("the store could not do that (database error \(code)); nothing was changed",
                        "хранилище не смогло это сделать (ошибка базы данных \(code)); ничего не изменено")
        default:
            return nil
        }
    }
}

extension L10n {
    /// A message's text as shown: a note the desk wrote (`SystemNote`) in this language, any
    /// other as it was written.
    public func body(of m: Message) -> String {
        guard m.author == .system, language != .en, let note = SystemNote.parse(m.body) else { return m.body }
        switch note {
        case let .requested(agent, gift, reason):
            return "\(agent) просит старшего о компенсации «\(compensation(gift.kind, value: gift.value))»; причина: \(reason)"
        case let .approved(lead, gift, agent, code):
            return "\(lead) одобряет «\(compensation(gift.kind, value: gift.value))» по запросу \(agent)"
                + (code.map { "; промокод \($0)" } ?? "")
        case let .declined(lead, gift, agent):
            return "\(lead) отклоняет «\(compensation(gift.kind, value: gift.value))», о которой просил(а) \(agent)"
        case let .delivery(failed, reason, about):
            return (failed ? "Доставка не удалась: " : "Доставка задерживается: ") + reason
                + (about.map { "\n(о письме <\($0)>)" } ?? "")
        case let .autoReply(why, from, rest):
            return "Автоответ (\(Self.autoReplyWhy(why))) от \(from): \(rest)"
        }
    }

    /// Why a mail was taken for an automatic one: a header's name stays as it is.
    static func autoReplyWhy(_ why: String) -> String {
        if why == "empty Return-Path" { return "пустой Return-Path" }
        if why.hasPrefix("from ") { return "от " + why.dropFirst(5) }
        return why
    }
}
