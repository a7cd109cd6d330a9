/// Customer-written text (names, subjects, messages, anything imported) is untrusted: it
/// may carry control characters, terminal escape sequences or bidi overrides. Every piece
/// of it passes through here before it reaches a screen, so none of them is ever sent to
/// the terminal; each becomes a visible placeholder instead.
public enum UntrustedText {
    /// One line of text safe to draw: no control character survives, including line breaks
    /// (shown as ␤).
    ///
    /// Text with nothing to replace (nearly all of it) is returned as it is, after one pass over
    /// its bytes: a search for a phone number passed every message of the customer's tickets
    /// through here, scalar by scalar, and that was most of its time.
    public static func line(_ text: String) -> String {
        var text = text
        guard text.withUTF8({ needsCleaning($0, forLine: true) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(placeholder(for: scalar))
        }
        return String(out)
    }

    /// Text that may span lines: split at line breaks, each line made safe.
    public static func lines(_ text: String) -> [String] {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        return normalised.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }
    }

    /// A cell of a file (CSV): tabs and line breaks (LF, CRLF) stay, as a spreadsheet reads
    /// them inside a quoted cell; every other control character — a CR alone, which would
    /// send a terminal's cursor back over the line, among them —, DEL, C1 control and bidi
    /// control becomes the same visible placeholder as on screen.
    public static func cell(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x09, 0x0A: out.append(scalar)
            case 0x0D where i + 1 < scalars.count && scalars[i + 1] == "\n": out.append(scalar)
            default: out.append(placeholder(for: scalar))
            }
        }
        return String(out)
    }

    /// Whether UTF-8 `bytes` hold anything `cell` would change: a control character other
    /// than tab, LF and CRLF, DEL, a C1 control (C2 80–9F) or a bidi control (U+061C, U+200E/F,
    /// U+202A–E, U+2066–9, U+2028/9). Checked on bytes, so a clean cell costs one pass.
    public static func needsCleaning(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        needsCleaning(bytes, forLine: false)
    }

    /// `forLine`: what `line` would change, where tabs and line breaks are replaced too.
    private static func needsCleaning(_ bytes: UnsafeBufferPointer<UInt8>, forLine: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x20 {
                if forLine { return true }
                if b == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 2; continue }
                if b != 0x09, b != 0x0A { return true }
            } else if b == 0x7F {
                return true
            } else if b == 0xC2, i + 1 < n, (0x80...0x9F).contains(bytes[i + 1]) {
                return true
            } else if b == 0xD8, i + 1 < n, bytes[i + 1] == 0x9C {
                return true
            } else if b == 0xE2, i + 2 < n {
                let (c, d) = (bytes[i + 1], bytes[i + 2])
                if c == 0x80, d == 0x8E || d == 0x8F || (0xA8...0xAE).contains(d) { return true }
                if c == 0x81, (0xA6...0xA9).contains(d) { return true }
            }
            i += 1
        }
        return false
    }

    private static func placeholder(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        switch v {
        case 0x09:
            return " "  // a tab would jump columns; one space keeps the layout
        case 0x00...0x1F:
            // The Control Pictures block: ␀ … ␛ … ␟, one column each.
            return Unicode.Scalar(0x2400 + v)!
        case 0x7F:
            return "\u{2421}"  // ␡
        case 0x80...0x9F:
            return "\u{FFFD}"  // C1 controls (CSI among them)
        case 0x2028, 0x2029:
            return "\u{2424}"  // ␤
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069:
            return "\u{FFFD}"  // bidi controls could reorder what is drawn after them
        default:
            return scalar
        }
    }
}
