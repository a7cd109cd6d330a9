import CGMime
import Foundation

/// A leaf part's content, decoded (base64, quoted-printable) as it is read, so that no more
/// than asked for is ever in memory.
enum PartContent {
    /// The decoded size in bytes, counted by decoding into a stream that keeps nothing.
    static func decodedSize(_ part: UnsafeMutablePointer<GMimePart>) -> Int {
        guard let content = g_mime_part_get_content(part), let null = g_mime_stream_null_new() else { return 0 }
        defer { cgm_unref(null) }
        _ = g_mime_data_wrapper_write_to_stream(content, null)
        return Int(g_mime_stream_length(null))
    }

    /// Up to `limit` decoded bytes, and whether there was more.
    static func read(_ part: UnsafeMutablePointer<GMimePart>, limit: Int) -> (bytes: [UInt8], cut: Bool) {
        guard let content = g_mime_part_get_content(part), let source = g_mime_data_wrapper_get_stream(content) else {
            return ([], false)
        }
        _ = g_mime_stream_reset(source)
        guard let stream = g_mime_stream_filter_new(source) else { return ([], false) }
        defer { cgm_unref(stream) }
        let encoding = g_mime_data_wrapper_get_encoding(content)
        if let filter = g_mime_filter_basic_new(encoding, 0) {
            _ = g_mime_stream_filter_add(cgm_stream_filter(stream), filter)
            cgm_unref(filter)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let n = chunk.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { g_mime_stream_read(stream, $0.baseAddress, buffer.count) }
            }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        guard bytes.count > limit else { return (bytes, false) }
        bytes.removeLast(bytes.count - limit)
        return (bytes, true)
    }

    /// Text bytes in `charset` (nil: none declared) as UTF-8, LF line ends. The policy that
    /// reads Russian mail right: a declared charset is believed only when the bytes are valid
    /// in it (a "utf-8" or "us-ascii" label on windows-1251 bytes is common); iso-8859-N
    /// with bytes 0x80–0x9F is really windows-125N; everything else falls back to GMime's
    /// list (UTF-8, then windows-1251), so undeclared 8-bit text is not read as Latin-1.
    static func utf8(_ bytes: [UInt8], charset: String?) -> String {
        let text = decode(bytes, charset: charset)
        return text.contains("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
    }

    private static func decode(_ bytes: [UInt8], charset: String?) -> String {
        if let charset, let canonical = g_mime_charset_canon_name(charset) {
            let name = String(cString: canonical).lowercased()
            if name == "utf-8" {
                if let s = String(validating: bytes, as: UTF8.self) { return s }
            } else if name == "us-ascii" {
                if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            } else if let converted = convert(bytes, from: name.hasPrefix("iso-8859-") && bytes.contains(where: { (0x80...0x9F).contains($0) })
                                                ? g_mime_charset_iso_to_windows(canonical) : canonical) {
                return converted
            }
        }
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return withCString(bytes) { owned(g_mime_utils_decode_8bit(nil, $0, bytes.count)) } ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Strict conversion with iconv; nil when a byte is not valid in `charset`.
    private static func convert(_ bytes: [UInt8], from charset: UnsafePointer<CChar>?) -> String? {
        guard let charset, let iconvName = g_mime_charset_iconv_name(charset) else { return nil }
        var written: gsize = 0
        let converted = withCString(bytes) { g_convert($0, gssize(bytes.count), "UTF-8", iconvName, nil, &written, nil) }
        guard let converted else { return nil }
        defer { g_free(converted) }
        return String(decoding: UnsafeRawBufferPointer(start: converted, count: Int(written)), as: UTF8.self)
    }

    /// Bytes cut at their last line end, so that no character is cut in two (LF is one
    /// byte in every charset mail uses for text).
    static func atLineEnd(_ bytes: [UInt8]) -> [UInt8] {
        guard let last = bytes.lastIndex(of: 0x0A) else { return bytes }
        return Array(bytes[...last])
    }
}
