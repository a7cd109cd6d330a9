/// Mail a program sent: it never opens a ticket and never gets an automatic answer (so two
/// auto-responders can never talk to each other through the desk).
public enum MachineMail: Equatable, Sendable {
    /// A person wrote it.
    case human
    /// An auto-reply, a list or bulk message, or one from a null sender or a mail system
    /// address; `why` names the sign.
    case automatic(why: String)
    /// A delivery-status report.
    case bounce

    public static func classify(_ mail: ParsedMail) -> MachineMail {
        if mail.deliveryReport != nil { return .bounce }
        let m = mail.markers
        if let value = m.autoSubmitted?.trimmingCharacters(in: .whitespaces).lowercased(), !value.isEmpty,
           value != "no", !value.hasPrefix("no;"), !value.hasPrefix("no ") {
            return .automatic(why: "Auto-Submitted: \(value)")
        }
        if let value = m.precedence?.trimmingCharacters(in: .whitespaces).lowercased(),
           ["bulk", "junk", "list", "auto_reply"].contains(value) {
            return .automatic(why: "Precedence: \(value)")
        }
        if m.autoreplyHeader { return .automatic(why: "X-Autoreply") }
        if m.emptyReturnPath { return .automatic(why: "empty Return-Path") }
        if let local = mail.from?.normalized.split(separator: "@").first,
           ["mailer-daemon", "postmaster"].contains(String(local)) {
            return .automatic(why: "from \(local)")
        }
        return .human
    }
}
