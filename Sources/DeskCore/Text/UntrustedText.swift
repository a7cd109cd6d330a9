/// Customer-written text (names, subjects, messages, anything imported) is untrusted: it
/// may carry control characters, terminal escape sequences or bidi overrides. Every piece
/// of it passes through here before it reaches a screen, so none of them is ever sent to
/// the terminal; each becomes a visible placeholder instead.
public enum UntrustedText {
    /// One line of text safe to draw: no control character survives, including line breaks
    /// (shown as ␤).
    public static func line(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(contentsOf: placeholder(for: scalar, keepNewline: false))
        }
        return String(out)
    }

    /// Text that may span lines: split at line breaks, each line made safe.
    public static func lines(_ text: String) -> [String] {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        return normalised.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }
    }

    private static func placeholder(for scalar: Unicode.Scalar, keepNewline: Bool) -> [Unicode.Scalar] {
        let v = scalar.value
        switch v {
        case 0x09:
            return [" "]  // a tab would jump columns; one space keeps the layout
        case 0x00...0x1F:
            // The Control Pictures block: ␀ … ␛ … ␟, one column each.
            return [Unicode.Scalar(0x2400 + v)!]
        case 0x7F:
            return ["\u{2421}"]  // ␡
        case 0x80...0x9F:
            return ["\u{FFFD}"]  // C1 controls (CSI among them)
        case 0x2028, 0x2029:
            return ["\u{2424}"]  // ␤
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069:
            return ["\u{FFFD}"]  // bidi controls could reorder what is drawn after them
        default:
            return [scalar]
        }
    }
}
