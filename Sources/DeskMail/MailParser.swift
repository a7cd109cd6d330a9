import CGMime
import DeskCore
import Foundation

/// Why a message could not be read at all (the mail is quarantined, exit status 65).
public struct MailParseError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// Turns one RFC 5322 message in a file into a `ParsedMail`, with GMime 3. The file is
/// parsed as a seekable stream, so a part's content stays in the file until it is read, and
/// no more is read than kept: the text up to `textLimit`, HTML up to `htmlLimit` (libxml2's
/// tree costs about ten times its input), an attachment only when it is within
/// `maxAttachmentBytes`. A 30 MB message takes tens of MB, not hundreds.
public struct MailParser: Sendable {
    public var maxAttachmentBytes: Int
    public var textLimit = 1 << 20
    public var htmlLimit = 2 << 20

    public init(maxAttachmentBytes: Int) {
        self.maxAttachmentBytes = maxAttachmentBytes
        _ = Self.ready
    }

    /// GMime's global set-up, once: fallback charsets (UTF-8, then windows-1251, instead of
    /// the default Latin-1) for undeclared 8-bit headers and text, and loose parsing.
    private static let ready: Bool = {
        g_mime_init()
        cgm_set_fallback_charsets("UTF-8", "windows-1251")
        let options = g_mime_parser_options_get_default()
        g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        return true
    }()

    public func parse(fileAt path: String) throws -> ParsedMail {
        guard let stream = g_mime_stream_fs_open(path, O_RDONLY, 0, nil) else {
            throw MailParseError(reason: "cannot open \(path)")
        }
        defer { cgm_unref(stream) }
        guard g_mime_stream_length(stream) > 0 else { throw MailParseError(reason: "the message is empty") }
        let parser = g_mime_parser_new_with_stream(stream)
        let message = g_mime_parser_construct_message(parser, nil)
        cgm_unref(parser)
        guard let message else { throw MailParseError(reason: "not an RFC 5322 message (no header could be read)") }
        defer { cgm_unref(message) }
        let object = cgm_object(message)!
        let from = HeaderDecoding.addresses(object, "From")
        guard let sender = from.first else {
            throw MailParseError(reason: "no sender address (From)")
        }
        let id = g_mime_message_get_message_id(message).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        var mail = ParsedMail(messageID: id ?? MailIdentity.synthetic(sha256Hex: Self.sha256(ofFileAt: path)))
        mail.from = sender
        mail.to = HeaderDecoding.addresses(object, "To")
        mail.subject = HeaderDecoding.text(object, "Subject") ?? ""
        if let date = g_mime_message_get_date(message) {
            mail.date = Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix(date)))
        }
        mail.inReplyTo = HeaderDecoding.messageIDs(object, "In-Reply-To")
        mail.references = HeaderDecoding.messageIDs(object, "References")
        mail.markers = MachineMarkers(
            autoSubmitted: HeaderDecoding.plain(object, "Auto-Submitted"),
            precedence: HeaderDecoding.plain(object, "Precedence"),
            autoreplyHeader: HeaderDecoding.plain(object, "X-Autoreply") != nil || HeaderDecoding.plain(object, "X-Autorespond") != nil,
            emptyReturnPath: HeaderDecoding.plain(object, "Return-Path").map { $0 == "<>" || $0.isEmpty } ?? false)

        var walk = Walk(parser: self)
        if let top = g_mime_message_get_mime_part(message) { walk.visit(top) }
        let body: String
        if let plain = walk.plain {
            body = walk.text(of: plain, limit: textLimit, keepingWholeAs: "message.txt")
        } else if let html = walk.html {
            body = HTMLText.text(walk.text(of: html, limit: htmlLimit, keepingWholeAs: "message.html"))
        } else {
            body = ""
        }
        (mail.text, mail.quoted) = QuotedTail.split(body)
        if walk.textCut { mail.text += "\n\n[" + "the text goes on; the whole of it is the attachment \(walk.attachments.last?.name ?? "")]" }
        mail.attachments = walk.attachments
        if walk.isDeliveryReport {
            mail.deliveryReport = DeliveryReport(originalMessageID: walk.originalMessageID,
                                                 recipients: DeliveryReport.recipients(fromStatusBody: walk.deliveryStatus))
            mail.attachments = []
        }
        return mail
    }

    /// SHA-256 of the file's bytes, hex (a stable id for a message without Message-ID).
    static func sha256(ofFileAt path: String) -> String {
        guard let checksum = g_checksum_new(G_CHECKSUM_SHA256) else { return "" }
        defer { g_checksum_free(checksum) }
        if let file = FileHandle(forReadingAtPath: path) {
            defer { try? file.close() }
            while let data = try? file.read(upToCount: 1 << 20), !data.isEmpty {
                data.withUnsafeBytes { g_checksum_update(checksum, $0.bindMemory(to: guchar.self).baseAddress, gssize(data.count)) }
            }
        }
        return g_checksum_get_string(checksum).map { String(cString: $0) } ?? ""
    }
}

/// One walk over a message's MIME tree: the body to show (the first text/plain that is not
/// an attachment, else the first text/html), the attachments, and a delivery report's parts.
private struct Walk {
    let parser: MailParser
    var plain: UnsafeMutablePointer<GMimePart>?
    var html: UnsafeMutablePointer<GMimePart>?
    var attachments: [MailAttachment] = []
    var isDeliveryReport = false
    var deliveryStatus = ""
    var originalMessageID: String?
    var textCut = false

    init(parser: MailParser) { self.parser = parser }

    mutating func visit(_ object: UnsafeMutablePointer<GMimeObject>) {
        let type = g_mime_object_get_content_type(object)
        if cgm_is_multipart(object) {
            let multipart = cgm_multipart(object)
            if is_(type, "multipart", "report"),
               g_mime_content_type_get_parameter(type, "report-type").map({ String(cString: $0).lowercased().contains("delivery-status") }) == true {
                isDeliveryReport = true
            }
            // A signed message's content is its first part; the signature is no attachment.
            let count = cgm_is_multipart_signed(object) ? min(1, g_mime_multipart_get_count(multipart)) : g_mime_multipart_get_count(multipart)
            for i in 0..<count {
                if let child = g_mime_multipart_get_part(multipart, i) { visit(child) }
            }
        } else if cgm_is_message_part(object) {
            guard let inner = g_mime_message_part_get_message(cgm_message_part(object)) else { return }
            if isDeliveryReport {
                originalMessageID = originalMessageID ?? g_mime_message_get_message_id(inner).map { String(cString: $0) }
            } else {
                keepMessage(inner, type: mimeType(type))
            }
        } else if cgm_is_part(object) {
            visitLeaf(cgm_part(object)!, type: type)
        }
    }

    private mutating func visitLeaf(_ part: UnsafeMutablePointer<GMimePart>, type: UnsafeMutablePointer<GMimeContentType>?) {
        let object = cgm_object(part)!
        if isDeliveryReport {
            if is_(type, "message", "delivery-status") || is_(type, "message", "global-delivery-status") {
                let (bytes, _) = PartContent.read(part, limit: 256 * 1024)
                deliveryStatus = PartContent.utf8(bytes, charset: "utf-8")
                return
            }
            if is_(type, "text", "rfc822-headers") {
                originalMessageID = originalMessageID ?? Self.messageID(inHeaders: PartContent.read(part, limit: 256 * 1024).bytes)
                return
            }
        }
        let disposition = g_mime_object_get_content_disposition(object)
        let isAttachment = (disposition != nil && g_mime_content_disposition_is_attachment(disposition) != 0)
            || !is_(type, "text", "*")
        if !isAttachment, is_(type, "text", "plain"), plain == nil {
            plain = part
        } else if !isAttachment, is_(type, "text", "html"), html == nil {
            html = part
        } else if !isAttachment, is_(type, "text", "*"), plain == nil {
            plain = part  // text/enriched, text/calendar…: better than nothing
        } else {
            keep(part, name: HeaderDecoding.fileName(part) ?? "attachment", type: mimeType(type))
        }
    }

    private mutating func keep(_ part: UnsafeMutablePointer<GMimePart>, name: String, type: String) {
        let size = PartContent.decodedSize(part)
        let data = size <= parser.maxAttachmentBytes ? Data(PartContent.read(part, limit: parser.maxAttachmentBytes).bytes) : nil
        attachments.append(MailAttachment(name: name, type: type, size: size, data: data))
    }

    /// A forwarded message (message/rfc822) kept as an .eml attachment.
    private mutating func keepMessage(_ message: UnsafeMutablePointer<GMimeMessage>, type: String) {
        guard let null = g_mime_stream_null_new() else { return }
        defer { cgm_unref(null) }
        let size = Int(max(0, g_mime_object_write_to_stream(cgm_object(message), nil, null)))
        var data: Data?
        if size <= parser.maxAttachmentBytes, let memory = g_mime_stream_mem_new() {
            defer { cgm_unref(memory) }
            _ = g_mime_object_write_to_stream(cgm_object(message), nil, memory)
            if let array = g_mime_stream_mem_get_byte_array(cgm_stream_mem(memory)) {
                data = Data(bytes: array.pointee.data, count: Int(array.pointee.len))
            }
        }
        let subject = g_mime_message_get_subject(message).map { String(cString: $0) } ?? "message"
        attachments.append(MailAttachment(name: subject + ".eml", type: type, size: size, data: data))
    }

    /// The chosen text part as UTF-8, up to `limit` bytes; a longer one is also kept whole
    /// as an attachment named `name`.
    mutating func text(of part: UnsafeMutablePointer<GMimePart>, limit: Int, keepingWholeAs name: String) -> String {
        let charset = g_mime_object_get_content_type_parameter(cgm_object(part), "charset").map { String(cString: $0) }
        var (bytes, cut) = PartContent.read(part, limit: limit)
        if cut {
            bytes = PartContent.atLineEnd(bytes)
            keep(part, name: name, type: mimeType(g_mime_object_get_content_type(cgm_object(part))))
            textCut = true
        }
        return PartContent.utf8(bytes, charset: charset)
    }

    private static func messageID(inHeaders bytes: [UInt8]) -> String? {
        let withEnd = bytes + Array("\n\n".utf8)
        guard let stream = withEnd.withUnsafeBufferPointer({ g_mime_stream_mem_new_with_buffer(
            UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), $0.count) }) else { return nil }
        defer { cgm_unref(stream) }
        let parser = g_mime_parser_new_with_stream(stream)
        defer { cgm_unref(parser) }
        guard let message = g_mime_parser_construct_message(parser, nil) else { return nil }
        defer { cgm_unref(message) }
        return g_mime_message_get_message_id(message).map { String(cString: $0) }
    }
}

private func is_(_ type: UnsafeMutablePointer<GMimeContentType>?, _ major: String, _ minor: String) -> Bool {
    guard let type else { return major == "text" && (minor == "plain" || minor == "*") }
    return g_mime_content_type_is_type(type, major, minor) != 0
}

private func mimeType(_ type: UnsafeMutablePointer<GMimeContentType>?) -> String {
    guard let type else { return "text/plain" }
    return owned(g_mime_content_type_get_mime_type(type))?.lowercased() ?? "application/octet-stream"
}
