/// Text measured the way a terminal draws it: in columns, not characters or bytes, one
/// extended grapheme cluster (a Swift `Character`) at a time. Cyrillic is one column a
/// letter, CJK two, combining marks none, an emoji sequence two.
///
/// The same measure the terminal's wcwidth makes for these ranges, without depending on
/// the process locale (tests and the terminal layer must agree).
public enum DisplayWidth {
    /// Most scalars one cell holds: ncursesw's CCHARW_MAX, a spacing character and four
    /// combining ones (the terminal layer's C shim checks that its ncurses agrees).
    public static let maxScalarsPerCell = 5
    /// Drawn instead of a cluster too long for one cell (a combining stack, a long ZWJ
    /// sequence): one column wide, or two (〓, the geta mark) for a wide one.
    public static let narrowPlaceholder: Character = "\u{FFFD}"
    public static let widePlaceholder: Character = "\u{3013}"

    /// Columns one grapheme cluster (a Swift `Character`) takes as drawn: see `drawn`.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first { return of(only) }
        let width = clusterWidth(character)
        return scalars.count > maxScalarsPerCell || width > 2 ? min(width, 2) : width
    }

    /// What a cell shows for `character`: the cluster itself; nil for one that takes no
    /// column (a zero-width space, a lone joiner); a placeholder for one with more scalars
    /// than a cell holds or wider than two columns.
    public static func drawn(_ character: Character) -> Character? {
        let scalars = character.unicodeScalars
        if scalars.count == 1 { return of(scalars.first!) == 0 ? nil : character }
        let width = clusterWidth(character)
        if width == 0 { return nil }
        if scalars.count > maxScalarsPerCell || width > 2 { return width >= 2 ? widePlaceholder : narrowPlaceholder }
        return character
    }

    /// An emoji sequence (a base with VS16, a ZWJ sequence, a skin tone, a flag of two regional
    /// indicators) is two columns; anything else is what its scalars take: its base, spacing
    /// marks (Thai SARA AM, Devanagari vowel signs) as the terminal draws them, combining
    /// marks, joiners and selectors nothing.
    static func clusterWidth(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 {
            if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }
            if first.properties.isEmoji, scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D || (0x1F3FB...0x1F3FF).contains($0.value) }) {
                return 2
            }
        }
        return scalars.reduce(0) { $0 + of($1) }
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if v < 0x300 { return 1 }
        switch v {
        // Prepended concatenation marks (Arabic number sign, …) are drawn, one column each.
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD: return 1
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v >= 0x1160 && v <= 0x11FF { return 0 }  // Hangul medial vowels and final consonants
        return isWide(v) ? 2 : 1
    }

    /// East Asian Wide and Fullwidth ranges, and the emoji drawn two columns wide.
    static func isWide(_ v: UInt32) -> Bool {
        guard v >= wideRanges[0].lowerBound, v <= wideRanges[wideRanges.count - 1].upperBound else { return false }
        // A binary search: the drawing code asks for every scalar it lays out.
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if v < range.lowerBound { high = middle - 1 } else if v > range.upperBound { low = middle + 1 } else { return true }
        }
        return false
    }

    /// In ascending order, none overlapping (a test checks).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
        0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393,
        0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E,
        0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
        0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
        0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
        0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD
    ]

    public static func of(_ text: String) -> Int {
        // ASCII: a column a byte, but NUL (CR LF, one cluster, is two, as its bytes).
        var ascii = true, nuls = 0
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte == 0 { nuls += 1 }
        }
        if ascii { return text.utf8.count - nuls }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The longest prefix of `text` that fits in `width` columns, with `…` at the end when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = of(ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        return endingAtACluster(out) + "…"
    }

    /// `text` without Prepend characters at its end: they would join what is written after
    /// them (the ellipsis, the padding) into one cluster, and the widths would no longer add up.
    static func endingAtACluster(_ text: String) -> String {
        guard let last = text.unicodeScalars.last, isPrepend(last) else { return text }
        var scalars = text.unicodeScalars
        while let last = scalars.last, isPrepend(last) { scalars.removeLast() }
        return String(scalars)
    }

    /// Grapheme_Cluster_Break=Prepend (Unicode 15).
    static func isPrepend(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x0D4E, 0x110BD, 0x110CD, 0x111C2...0x111C3,
             0x1193F, 0x11941, 0x11A3A, 0x11A84...0x11A89, 0x11D46, 0x11F02: true
        default: false
        }
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = endingAtACluster(truncate(text, to: width))
        let pad = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? pad + cut : cut + pad
    }

    /// Breaks `text` into lines of at most `width` columns, at spaces where it can.
    public static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = String(word)
            var w = of(word)
            let gap = current.isEmpty ? 0 : 1
            if currentWidth + gap + w <= width {
                current += (gap == 1 ? " " : "") + word
                currentWidth += gap + w
                continue
            }
            if !current.isEmpty { lines.append(current); current = ""; currentWidth = 0 }
            if w > width {  // a word longer than the line is broken, in one pass over it
                var head = "", used = 0
                for ch in word {
                    let cw = of(ch)
                    if used + cw > width, !head.isEmpty { lines.append(head); head = ""; used = 0 }
                    head.append(ch); used += cw
                }
                word = head
                w = used
            }
            current = word
            currentWidth = w
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
