import Foundation

/// The report as plain text for a terminal. Money always carries its currency; names that
/// came from files (agents, ticket ids) are made safe to print.
extension Report {
    public static func percent(_ share: Double?) -> String { percent(share, .en) }

    /// `3d 4h`, `5h 12m`, `42m`.
    public static func duration(_ seconds: Int64?) -> String { duration(seconds, .en) }

    /// `2026-11-01T00:00:00+03:00 to 2026-12-01T00:00:00+03:00` (in the shop's zone), `all time`.
    public var period: String { period(.en) }

    /// `Complaints: 12 (resolved 2026-11-01T00:00:00Z to 2026-12-01T00:00:00Z)`.
    public var headline: String { headline(.en) }

    func headline(_ l: Language) -> String {
        let basisWord = basis == .created ? l.pick("created", "созданные") : l.pick("resolved", "решённые")
        return since == nil && until == nil ? l.pick("Complaints: \(complaints) (all time)", "Жалоб: \(complaints) (за всё время)")
            : l.pick("Complaints: \(complaints) (\(basisWord) \(period))", "Жалоб: \(complaints) (\(basisWord) \(period(l)))")
    }

    /// The period in `l`: `с 2026-11-01T00:00:00+03:00 до …`.
    func period(_ l: Language) -> String {
        func shown(_ date: Date) -> String { ISODate.string(date.seconds, in: timeZone) }
        return switch (since, until) {
        case (nil, nil): l.pick("all time", "за всё время")
        case let (s?, nil): l.pick("from ", "с ") + shown(s)
        case let (nil, u?): l.pick("before ", "до ") + shown(u)
        case let (s?, u?): l.pick("\(shown(s)) to \(shown(u))", "с \(shown(s)) до \(shown(u))")
        }
    }

    /// "67.0%", "67,0 %".
    static func percent(_ share: Double?, _ l: Language) -> String {
        guard let share else { return "-" }
        return l.pick(String(format: "%.1f%%", share * 100), String(format: "%.1f", share * 100).replacingOccurrences(of: ".", with: ",") + " %")
    }

    /// `3d 4h`, `3 дн. 4 ч`.
    static func duration(_ seconds: Int64?, _ l: Language) -> String {
        guard let seconds else { return "-" }
        let minutes = seconds / 60, hours = minutes / 60, days = hours / 24
        if days > 0 { return l.pick("\(days)d \(hours % 24)h", "\(days) дн. \(hours % 24) ч") }
        if hours > 0 { return l.pick("\(hours)h \(minutes % 60)m", "\(hours) ч \(minutes % 60) мин") }
        return l.pick("\(minutes)m", "\(minutes) мин")
    }

    /// A vocabulary code (a reason, a channel, a tier) as `l` names it; anything else as it is.
    static func shownName(_ code: String, _ l: Language) -> String {
        Reason(rawValue: code).map { $0.name(l) } ?? Channel(rawValue: code).map { $0.name(l) }
            ?? Tier(rawValue: code).map { $0.name(l) } ?? backlogAges[code].map { l.pick(code, $0) } ?? UntrustedText.line(code)
    }

    /// The backlog's age groups (`Store+Report`'s names) in Russian.
    static let backlogAges = ["under 1 day": "до 1 дня", "1–3 days": "1–3 дня", "3–7 days": "3–7 дней",
                              "7–30 days": "7–30 дней", "over 30 days": "больше 30 дней"]

    /// A label padded to `width` columns, so that the figures after it line up in any language.
    private func label(_ text: String, _ width: Int = 19) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    /// After a share within SLA under the target (`[sla] target_percent`): ", below the 90% target".
    private func belowSLATarget(_ timing: Timing, _ l: Language) -> String {
        guard let share = timing.withinSLAShare, share < slaTarget else { return "" }
        return l.pick(", below the \(slaTargetPercent)% target", ", ниже цели \(slaTargetPercent) %")
    }

    public func table(currency: String = "₽", language l: Language = .en) -> String {
        let percent = { (share: Double?) in Self.percent(share, l) }
        let duration = { (s: Int64?) in Self.duration(s, l) }
        var out: [String] = [headline(l), ""]
        let verdict: String = recoveryRate.map { $0 >= Self.recoveryBenchmark ? l.pick("at or above", "достигнут") : l.pick("below", "не достигнут") }
            ?? l.pick("no data", "нет данных")
        out.append(label(l.pick("Recovery rate", "Вернулись")) + percent(recoveryRate)
                   + l.pick("  (\(recovered) recovered, \(lost) lost, \(undecided.total) undecided)  benchmark 60%: \(verdict)",
                            "  (вернулись: \(recovered), потеряны: \(lost), не ясно: \(undecided.total))  ориентир 60 %: \(verdict)"))
        out.append("  " + label(l.pick("closed cohorts", "завершённые"), 17) + percent(closed.rate)
                   + l.pick("  (\(closed.recovered) recovered, \(closed.lost) lost, of \(closed.complaints) whose \(recoveryWindowDays)-day window has ended)",
                            "  (вернулись: \(closed.recovered), потеряны: \(closed.lost), из \(closed.complaints) с завершённым окном \(recoveryWindowDays) дн.)"))
        out.append("  " + label(l.pick("undecided", "не ясно"), 17)
                   + l.pick("\(undecided.total): \(undecided.followed) followed within their window, \(undecided.open) not resolved yet; \(notFollowed) resolved and not followed",
                            "\(undecided.total): отслеживаются в окне \(undecided.followed), ещё не решены \(undecided.open); решены и не отслеживаются \(notFollowed)"))
        out.append(label(l.pick("Satisfaction 4–5", "Довольны (4–5)")) + percent(satisfactionShare)
                   + l.pick("  (\(satisfied) of \(rated) rated)", "  (\(satisfied) из \(rated) оценивших)"))
        out.append(label(l.pick("First response", "Первый ответ")) + l.pick("median ", "медиана ") + duration(firstResponse.median)
                   + ", p90 " + duration(firstResponse.p90)
                   + l.pick("  (\(firstResponse.count) answered, \(percent(firstResponse.withinSLAShare)) within SLA",
                            "  (с ответом: \(firstResponse.count), в срок: \(percent(firstResponse.withinSLAShare))")
                   + belowSLATarget(firstResponse, l) + ")")
        var resolutionLine = label(l.pick("Resolution", "Решение")) + l.pick("median ", "медиана ") + duration(resolution.median)
            + ", p90 " + duration(resolution.p90)
            + l.pick("  (\(resolution.count) resolved, \(percent(resolution.withinSLAShare)) within SLA",
                     "  (решено: \(resolution.count), в срок: \(percent(resolution.withinSLAShare))")
            + belowSLATarget(resolution, l) + ")"
        if unknownResolutionTimes > 0 {
            resolutionLine += l.pick("; \(unknownResolutionTimes) without a resolution time left out",
                                     "; без времени решения (не учтены): \(unknownResolutionTimes)")
        }
        out.append(resolutionLine)
        out.append(label(l.pick("Reopened", "Переоткрыты")) + percent(reopenRate)
                   + l.pick("  (\(reopened) of \(everResolved) resolved)", "  (\(reopened) из \(everResolved) решённых)"))
        out.append(label(l.pick("Failed e-mail", "Не ушло по почте")) + "\(failedReplies) "
                   + l.plural(failedReplies, ("reply not sent", "replies not sent"), ("ответ", "ответа", "ответов")))
        func section(_ title: String, _ counts: [Count], of total: Int) {
            out += ["", title]
            let names = counts.map { Self.shownName($0.name, l) }
            let width = names.map(\.count).max() ?? 0
            for (c, name) in zip(counts, names) {
                let share = total > 0 ? Double(c.count) / Double(total) : 0
                out.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
                           + "  " + pad(String(c.count), 7) + "  " + percent(share))
            }
        }
        section(l.pick("By reason", "По причинам"), byReason, of: complaints)
        section(l.pick("By channel", "По каналам"), byChannel, of: complaints)
        out += ["", l.pick("Compensation given", "Выданные компенсации")]
        let kindWidth = max(13, compensations.map { $0.kind.name(l).count }.max() ?? 0)
        for g in compensations {
            out.append("  " + g.kind.name(l).padding(toLength: kindWidth, withPad: " ", startingAt: 0)
                       + pad(String(g.count), 7) + "  " + given(g, currency: currency, l))
        }
        out.append("  " + l.pick("total cost", "всего стоит").padding(toLength: kindWidth + 9, withPad: " ", startingAt: 0)
                   + compensationCost.display(currency: currency))
        section(l.pick("Open now, by age", "Открыты сейчас, по возрасту"), backlog, of: backlog.reduce(0) { $0 + $1.count })
        out += breachLines(l)
        if let breakdown { out += sliceTable(l.pick("By ", "По ") + breakdown.name(l), slices, currency: currency, l) }
        if let every { out += sliceTable(every.trendTitle(l), trend, currency: currency, l) }
        return out.joined(separator: "\n") + "\n"
    }

    /// What a kind of compensation cost, in `l`.
    private func given(_ g: Given, currency: String, _ l: Language) -> String {
        switch g.kind {
        case .bonus:
            // Points grouped as money is ("108 800 pts"), so that neither reads as the other's figure.
            Money(minor: g.total * 100).display(currency: "").trimmingCharacters(in: .whitespaces) + " "
                + l.plural(Int(clamping: g.total), ("pt", "pts"), ("балл", "балла", "баллов")) + " = "
                + (g.money ?? Money(minor: 0)).display(currency: currency)
        case .discount:
            g.count > 0 ? l.pick("avg ", "в среднем ") + Self.percent(Double(g.total) / Double(g.count) / 100, l) : "-"
        default:
            g.value(currency: currency)
        }
    }

    private func breachLines(_ l: Language) -> [String] {
        var out = ["", l.pick("SLA breaches: \(breaches.firstAnswer) first answers, \(breaches.resolution) resolutions",
                              "Нарушены сроки: первых ответов \(breaches.firstAnswer), решений \(breaches.resolution)")
                   + (breaches.worst.isEmpty ? "" : l.pick(" (the \(breaches.worst.count) most overdue)", " (самые просроченные: \(breaches.worst.count))"))]
        let idWidth = min(24, breaches.worst.map { UntrustedText.line($0.ticketID).count }.max() ?? 0)
        for b in breaches.worst {
            let id = UntrustedText.line(b.ticketID)
            let deadline = b.deadline.name(l)
            let priority = Priority(rawValue: b.priority).map { $0.name(l) } ?? UntrustedText.line(b.priority)
            out.append("  " + id.padding(toLength: max(idWidth, id.count), withPad: " ", startingAt: 0)
                       + "  " + deadline.padding(toLength: 12, withPad: " ", startingAt: 0)
                       + "  " + priority.padding(toLength: 7, withPad: " ", startingAt: 0)
                       + l.pick("  due ", "  срок ") + ISODate.string(b.due, in: timeZone) + "  " + Self.duration(b.late, l)
                       + l.pick(" late", " опоздания")
                       + (b.pending ? l.pick(" (still waiting)", " (всё ещё ждёт)") : "")
                       + (b.agent.map { "  " + UntrustedText.line($0) } ?? ""))
        }
        return out
    }

    /// A breakdown or a trend: one row per slice, the figures in columns.
    private func sliceTable(_ title: String, _ slices: [Slice], currency: String, _ l: Language) -> [String] {
        let names = slices.map { Self.shownName($0.name, l) }
        let width = max(10, min(24, names.map(\.count).max() ?? 0))
        let headings = l.pick("complaints  resolved  recovered     lost    rate  CSAT 4–5  rated           cost",
                              "     жалоб    решено  вернулись  потеряны    доля  довольны  оценок      стоимость")
        var out = ["", title, String(repeating: " ", count: width + 2) + headings]
        for (slice, name) in zip(slices, names) {
            let shown = name.count > width ? String(name.prefix(width - 1)) + "…" : name
            out.append("  " + shown.padding(toLength: width, withPad: " ", startingAt: 0)
                       + pad(String(slice.complaints), 10) + pad(String(slice.resolved), 10)
                       + pad(String(slice.recovered), 11) + pad(String(slice.lost), 9)
                       + pad(Self.percent(slice.recoveryRate, l), 8) + pad(Self.percent(slice.satisfactionShare, l), 10)
                       + pad(String(slice.rated), 7) + pad(slice.cost.display(currency: currency), 15))
        }
        return out
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
