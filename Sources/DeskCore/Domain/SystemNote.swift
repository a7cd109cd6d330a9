import Foundation

/// What the desk itself writes into a ticket's thread (a message by `system`): a typed
/// value, stored as one fixed English sentence and read back from it, so that each agent
/// reads it in their own language (`L10n.systemNote`). The stored form never changes: notes
/// written by earlier versions read back the same way, and whoever opens the store with
/// SQLite reads a sentence, not a code.
///
/// Why rendered when read and not when written: a Russian team may have a lead or an agent
/// working in English (or a script, which has no language); a note fixed in the writer's
/// language would reach every reader in it. Read back as a typed value, the thread is in the
/// reader's language throughout, and the agents' own words (a request's reason) stay as typed.
public enum SystemNote: Equatable, Sendable {
    /// An agent asked a lead for a compensation over their limit.
    case requested(agent: String, gift: Playbook.Gift, reason: String)
    case approved(lead: String, gift: Playbook.Gift, agent: String, promoCode: String?)
    case declined(lead: String, gift: Playbook.Gift, agent: String)
    /// A mail server's report on a reply: failed, or delayed; `reason` is the server's.
    case delivery(failed: Bool, reason: String, about: String?)
    /// An automatic reply (an out-of-office) to a ticket; `rest` is its subject and text.
    case autoReply(why: String, from: String, rest: String)

    /// The sentence the store keeps.
    public var stored: String {
        switch self {
        case let .requested(agent, gift, reason): "\(agent) asked a lead for \(gift.kind.rawValue) \(gift.value): \(reason)"
        case let .approved(lead, gift, agent, code):
            "\(lead) approved \(gift.kind.rawValue) \(gift.value) for \(agent)" + (code.map { ": \($0)" } ?? "")
        case let .declined(lead, gift, agent): "\(lead) declined \(gift.kind.rawValue) \(gift.value) asked by \(agent)"
        case let .delivery(failed, reason, about):
            (failed ? "Delivery failed" : "Delivery delayed") + ": \(reason)" + (about.map { "\n(about the message <\($0)>)" } ?? "")
        case let .autoReply(why, from, rest): "Auto-reply (\(why)) from \(from): \(rest)"
        }
    }

    /// The note a stored sentence is, nil for any other text.
    public static func parse(_ body: String) -> SystemNote? {
        func match(_ pattern: String) -> [String?]? {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
                  let m = regex.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)) else { return nil }
            return (1..<m.numberOfRanges).map { i in Range(m.range(at: i), in: body).map { String(body[$0]) } }
        }
        func gift(_ kind: String?, _ value: String?) -> Playbook.Gift? {
            guard let kind = kind.flatMap(CompensationKind.init(rawValue:)), let value = value.flatMap({ Int64($0) }) else { return nil }
            return Playbook.Gift(kind, value)
        }
        if let g = match(#"^(\S+) asked a lead for ([a-z-]+) (\d+): (.*)$"#), let agent = g[0], let gift = gift(g[1], g[2]) {
            return .requested(agent: agent, gift: gift, reason: g[3] ?? "")
        }
        if let g = match(#"^(\S+) approved ([a-z-]+) (\d+) for (\S+?)(?:: (\S+))?$"#), let lead = g[0], let gift = gift(g[1], g[2]),
           let agent = g[3] {
            return .approved(lead: lead, gift: gift, agent: agent, promoCode: g[4])
        }
        if let g = match(#"^(\S+) declined ([a-z-]+) (\d+) asked by (\S+)$"#), let lead = g[0], let gift = gift(g[1], g[2]), let agent = g[3] {
            return .declined(lead: lead, gift: gift, agent: agent)
        }
        if let g = match(#"^Delivery (failed|delayed): (.*?)(?:\n\(about the message <([^>\n]*)>\))?$"#), let state = g[0] {
            return .delivery(failed: state == "failed", reason: g[1] ?? "", about: g[2])
        }
        if let g = match(#"^Auto-reply \(([^)\n]*)\) from ([^\n]*?): (.*)$"#), let why = g[0], let from = g[1] {
            return .autoReply(why: why, from: from, rest: g[2] ?? "")
        }
        return nil
    }
}

/// Why a reply was not sent, as the outbox keeps it: the desk's own words around the send
/// command's or mail server's (those stay as they are), said in `l`.
public enum MailFailureReason {
    public static func text(_ stored: String, _ l: Language) -> String {
        guard l == .ru else { return stored }
        func after(_ prefix: String) -> String? { stored.hasPrefix(prefix) ? String(stored.dropFirst(prefix.count)) : nil }
        if let rest = after("not sent in "), let space = rest.firstIndex(of: " "), let hours = Int(rest[..<space]),
           rest[space...].hasPrefix(" hours: ") {
            return "не отправлено за \(hours) ч: " + text(String(rest[space...].dropFirst(" hours: ".count)), l)
        }
        if stored == "exit 75 (try again later)" { return "код выхода 75 (повторить позже)" }
        if let code = after("exit "), Int(code) != nil { return "код выхода \(code)" }
        if let rest = after("cannot write the message: ") { return "не удалось записать письмо: " + rest }
        if let rest = after("cannot run ") { return "не удалось запустить " + rest }
        return stored
    }
}
