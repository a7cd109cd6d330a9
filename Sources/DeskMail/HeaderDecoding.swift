import CGMime
import DeskCore
import Foundation

/// Header values as the desk reads them. GMime 3.2.13 (Debian 12) loses the rest of a run
/// of adjacent base64 encoded-words once one ends in `=` padding (upstream issue #133, fixed
/// in 3.2.14), and long Cyrillic subjects and names are split that way all the time. So
/// Subject, From, To and file names are read raw, each run of same-charset B words merged
/// into one word, and only then decoded by GMime. On bytes: a raw header may hold
/// undeclared 8-bit text, which GMime's fallback charsets decode and Swift's UTF-8 repair
/// would destroy.
enum HeaderDecoding {
    /// The raw value of header `name`, unfolded, with the B-word runs merged; nil when absent.
    static func raw(_ object: UnsafeMutablePointer<GMimeObject>, _ name: String) -> [UInt8]? {
        guard let list = g_mime_object_get_header_list(object),
              let header = g_mime_header_list_get_header(list, name),
              let value = g_mime_header_get_raw_value(header),
              let unfolded = g_mime_utils_header_unfold(value) else { return nil }
        defer { g_free(unfolded) }
        return EncodedWords.mergingBase64Runs(Array(UnsafeRawBufferPointer(start: unfolded, count: strlen(unfolded))))
    }

    static func text(_ object: UnsafeMutablePointer<GMimeObject>, _ name: String) -> String? {
        guard let raw = raw(object, name) else { return nil }
        return withCString(raw) { owned(g_mime_utils_header_decode_text(nil, $0)) }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A header GMime decodes well enough (no display text): its value, trimmed.
    static func plain(_ object: UnsafeMutablePointer<GMimeObject>, _ name: String) -> String? {
        g_mime_object_get_header(object, name).map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    static func addresses(_ object: UnsafeMutablePointer<GMimeObject>, _ name: String) -> [MailAddress] {
        guard let raw = raw(object, name), let list = withCString(raw, { internet_address_list_parse(nil, $0) }) else { return [] }
        defer { cgm_unref(list) }
        return mailboxes(list)
    }

    private static func mailboxes(_ list: UnsafeMutablePointer<InternetAddressList>) -> [MailAddress] {
        var found: [MailAddress] = []
        for i in 0..<internet_address_list_length(list) {
            let address = internet_address_list_get_address(list, i)
            if cgm_is_mailbox(address), let addr = internet_address_mailbox_get_addr(cgm_mailbox(address)) {
                let name = internet_address_get_name(address).map { String(cString: $0) }
                let text = String(cString: addr)
                if !text.isEmpty { found.append(MailAddress(name: name, address: text)) }
            } else if cgm_is_group(address), let members = internet_address_group_get_members(cgm_group(address)) {
                found += mailboxes(members)
            }
        }
        return found
    }

    /// The message ids a header (In-Reply-To, References) names, without angle brackets.
    static func messageIDs(_ object: UnsafeMutablePointer<GMimeObject>, _ name: String) -> [String] {
        guard let value = g_mime_object_get_header(object, name), let refs = g_mime_references_parse(nil, value) else { return [] }
        defer { g_mime_references_free(refs) }
        return (0..<g_mime_references_length(refs)).compactMap { i in
            g_mime_references_get_message_id(refs, i).map { String(cString: $0) }
        }
    }

    /// An attachment's file name: Content-Disposition's `filename`, else Content-Type's
    /// `name` (RFC 2231 and RFC 2047 decoded, the latter with the B-word runs merged).
    static func fileName(_ part: UnsafeMutablePointer<GMimePart>) -> String? {
        let object = cgm_object(part)
        if let raw = raw(object!, "Content-Disposition"), raw.contains(UInt8(ascii: "?")),
           let disposition = withCString(raw, { g_mime_content_disposition_parse(nil, $0) }) {
            defer { cgm_unref(disposition) }
            if let name = g_mime_content_disposition_get_parameter(disposition, "filename") { return String(cString: name) }
        }
        if let raw = raw(object!, "Content-Type"), raw.contains(UInt8(ascii: "?")),
           let type = withCString(raw, { g_mime_content_type_parse(nil, $0) }) {
            defer { cgm_unref(type) }
            if let name = g_mime_content_type_get_parameter(type, "name") { return String(cString: name) }
        }
        return g_mime_part_get_filename(part).map { String(cString: $0) }
    }
}

/// A GLib-allocated string copied into Swift and freed.
func owned(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    defer { g_free(pointer) }
    return String(cString: pointer)
}

/// Calls `body` with `bytes` as a NUL-terminated C string (bytes as they are, no UTF-8 repair).
func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
    (bytes + [0]).withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
}

/// RFC 2047 encoded words, as far as the GMime 3.2.13 workaround needs them.
enum EncodedWords {
    private struct Word {
        var charset: ArraySlice<UInt8>
        var isBase64: Bool
        var payload: ArraySlice<UInt8>
        var end: Int
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// The encoded word `=?charset?B|Q?payload?=` starting at `i`, if there is one.
    private static func word(_ b: [UInt8], at i: Int) -> Word? {
        guard i + 1 < b.count, b[i] == UInt8(ascii: "="), b[i + 1] == UInt8(ascii: "?") else { return nil }
        var j = i + 2
        while j < b.count, b[j] != UInt8(ascii: "?") {
            if isSpace(b[j]) { return nil }
            j += 1
        }
        guard j > i + 2, j + 2 < b.count, b[j + 2] == UInt8(ascii: "?") else { return nil }
        let encoding = b[j + 1] & 0xDF
        guard encoding == UInt8(ascii: "B") || encoding == UInt8(ascii: "Q") else { return nil }
        var k = j + 3
        while k + 1 < b.count, !(b[k] == UInt8(ascii: "?") && b[k + 1] == UInt8(ascii: "=")) {
            if isSpace(b[k]) { return nil }
            k += 1
        }
        guard k + 1 < b.count else { return nil }
        return Word(charset: b[(i + 2)..<j], isBase64: encoding == UInt8(ascii: "B"), payload: b[(j + 3)..<k], end: k + 2)
    }

    /// `header` with every run of adjacent base64 words of one charset (only white space
    /// between them) made one word: each payload decoded on its own, the bytes joined and
    /// encoded again. Everything else is left as it is.
    static func mergingBase64Runs(_ header: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var run: (charset: ArraySlice<UInt8>, bytes: [UInt8])?
        var pendingSpace: [UInt8] = []
        func flush() {
            if let r = run {
                let encoded = r.bytes.withUnsafeBufferPointer { owned(g_base64_encode($0.baseAddress, gsize($0.count))) } ?? ""
                out += Array("=?".utf8) + r.charset + Array("?B?".utf8) + Array(encoded.utf8) + Array("?=".utf8)
                run = nil
            }
            out += pendingSpace
            pendingSpace = []
        }
        var i = 0
        while i < header.count {
            if isSpace(header[i]) {
                if run != nil { pendingSpace.append(header[i]) } else { out.append(header[i]) }
                i += 1
            } else if let w = word(header, at: i), w.isBase64 {
                if let r = run, r.charset.count == w.charset.count,
                   zip(r.charset, w.charset).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) {
                    pendingSpace = []
                } else {
                    flush()
                    run = (w.charset, [])
                }
                run!.bytes += decodeBase64(Array(w.payload))
                i = w.end
            } else {
                flush()
                if let w = word(header, at: i) {
                    out += header[i..<w.end]
                    i = w.end
                } else {
                    out.append(header[i])
                    i += 1
                }
            }
        }
        flush()
        return out
    }

    private static func decodeBase64(_ payload: [UInt8]) -> [UInt8] {
        var state: gint = 0
        var save: guint = 0
        var buffer = [UInt8](repeating: 0, count: payload.count * 3 / 4 + 3)
        let n = withCString(payload) { g_base64_decode_step($0, gsize(payload.count), &buffer, &state, &save) }
        return Array(buffer[0..<Int(n)])
    }
}
