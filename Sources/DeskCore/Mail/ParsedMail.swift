import Foundation

/// One received message as the desk needs it, decoded to UTF-8: what DeskMail makes of an
/// RFC 5322 message. Every string is the sender's text, untrusted (`UntrustedText` before
/// it is shown anywhere).
public struct ParsedMail: Sendable, Equatable {
    /// Without the angle brackets; a message without one gets `MailIdentity.synthetic`.
    public var messageID: String
    public var from: MailAddress?
    public var to: [MailAddress] = []
    public var subject: String = ""
    /// As the sender's Date header says (not trusted for deadlines: the desk uses the time
    /// it received the message).
    public var date: Date?
    public var inReplyTo: [String] = []
    public var references: [String] = []
    /// The text the sender wrote, the quoted earlier text cut off (`QuotedTail`).
    public var text: String = ""
    /// The quoted earlier text below it ("> …", "On … wrote:", "… написал(а):"), or "".
    public var quoted: String = ""
    public var attachments: [MailAttachment] = []
    /// The markers of machine mail (`MachineMail`).
    public var markers = MachineMarkers()
    /// A delivery-status report's fields, when the message is one (a bounce).
    public var deliveryReport: DeliveryReport?

    public init(messageID: String) { self.messageID = messageID }

    /// The ids this message answers, nearest first: In-Reply-To, then References from the
    /// last (its parent) back; its own id left out (some mailers list it).
    public var answeredIDs: [String] {
        var seen: Set<String> = [messageID]
        var ids: [String] = []
        for id in inReplyTo + references.reversed() where seen.insert(id).inserted { ids.append(id) }
        return ids
    }
}

public struct MailAddress: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) { self.name = name; self.address = address }

    /// The address as the desk compares it: any case.
    public var normalized: String { address.lowercased() }
}

public struct MailAttachment: Sendable, Equatable {
    public var name: String
    public var type: String
    /// Decoded size in bytes.
    public var size: Int
    /// The content; nil when it was over `[mail] max_attachment_mb` and dropped.
    public var data: Data?

    public init(name: String, type: String, size: Int, data: Data?) {
        self.name = name; self.type = type; self.size = size; self.data = data
    }
}

/// Headers that say a program, not a person, sent the message.
public struct MachineMarkers: Sendable, Equatable {
    public var autoSubmitted: String?
    public var precedence: String?
    /// X-Autoreply or X-Autorespond present.
    public var autoreplyHeader = false
    /// Return-Path: <> (the null sender of bounces and auto-replies).
    public var emptyReturnPath = false

    public init(autoSubmitted: String? = nil, precedence: String? = nil, autoreplyHeader: Bool = false,
                emptyReturnPath: Bool = false) {
        self.autoSubmitted = autoSubmitted; self.precedence = precedence
        self.autoreplyHeader = autoreplyHeader; self.emptyReturnPath = emptyReturnPath
    }
}

/// A delivery-status report (RFC 3464): which message failed, to whom, why.
public struct DeliveryReport: Sendable, Equatable {
    public struct Recipient: Sendable, Equatable {
        public var address: String
        /// failed, delayed, delivered, relayed, expanded.
        public var action: String
        public var status: String
        public var diagnostic: String?

        public init(address: String, action: String, status: String, diagnostic: String?) {
            self.address = address; self.action = action; self.status = status; self.diagnostic = diagnostic
        }
    }

    /// The Message-ID of the message the report is about (from the returned message or its headers).
    public var originalMessageID: String?
    public var recipients: [Recipient]

    public init(originalMessageID: String?, recipients: [Recipient]) {
        self.originalMessageID = originalMessageID; self.recipients = recipients
    }

    /// Whether it says delivery failed (not merely delayed).
    public var isFailure: Bool { recipients.isEmpty || recipients.contains { $0.action.lowercased() == "failed" } }

    /// One line: "a@b: 5.1.1 (smtp; 550 5.1.1 user unknown)".
    public var reason: String {
        let failed = recipients.filter { $0.action.lowercased() == "failed" }
        let shown = failed.isEmpty ? recipients : failed
        guard !shown.isEmpty else { return "delivery failed (no recipient details)" }
        return shown.map { r in
            "\(r.address): \(r.status)" + (r.diagnostic.map { " (\($0))" } ?? "")
        }.joined(separator: "; ")
    }

    /// The per-recipient fields of a message/delivery-status body: blocks of header-style
    /// lines separated by blank lines; the first block is the per-message one.
    public static func recipients(fromStatusBody body: String) -> [Recipient] {
        var blocks: [[String: String]] = []
        var fields: [String: String] = [:]
        var lastKey: String?
        for raw in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !fields.isEmpty { blocks.append(fields) }
                fields = [:]
                lastKey = nil
            } else if line.first == " " || line.first == "\t", let key = lastKey {
                fields[key, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                lastKey = key
            }
        }
        if !fields.isEmpty { blocks.append(fields) }
        return blocks.compactMap { block in
            guard let recipient = block["final-recipient"] ?? block["original-recipient"] else { return nil }
            // "rfc822; user@example.com": the address type goes.
            let address = recipient.split(separator: ";", maxSplits: 1).last.map {
                $0.trimmingCharacters(in: .whitespaces) } ?? recipient
            return Recipient(address: address, action: block["action"] ?? "failed", status: block["status"] ?? "",
                             diagnostic: block["diagnostic-code"])
        }
    }
}
