/// One key press, as the keymap names it.
public enum Key: Hashable, Sendable {
    /// A printable character, Cyrillic and other scripts included; `<Space>` is `char(" ")`.
    case char(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// `<C-x>`: a letter with Control.
    case control(Character)
    /// `<M-x>`: a character with Alt (Meta), which terminals send as Esc then the character.
    case alt(Character)
    /// The terminal changed size; never bound.
    case resize

    static let named: [(String, Key)] = [
        ("Enter", .enter), ("Esc", .escape), ("Tab", .tab), ("S-Tab", .backTab), ("Space", .char(" ")),
        ("BS", .backspace), ("Backspace", .backspace), ("Del", .delete), ("Delete", .delete), ("Insert", .insert),
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("PageUp", .pageUp), ("PageDown", .pageDown), ("Home", .home), ("End", .end),
        ("lt", .char("<")), ("gt", .char(">")),
    ]

    /// The name a keymap file uses: `d`, `Д`, `<Enter>`, `<C-n>`, `<F5>`.
    public var name: String {
        switch self {
        case .char(" "): return "<Space>"
        case .char("<"): return "<lt>"
        case .char(let c): return String(c)
        case .function(let n): return "<F\(n)>"
        case .control(let c): return "<C-\(c)>"
        case .alt(let c): return "<M-\(c == "<" ? "lt" : c == ">" ? "gt" : String(c))>"
        case .resize: return "<Resize>"
        default:
            return "<" + (Self.named.first { $0.1 == self }?.0 ?? "?") + ">"
        }
    }

    /// Parses a run of key names, as a keymap's key field holds them: `g`, `gg`, `<C-x>k`.
    /// Nil when any part is not a key name.
    public static func parseSequence(_ text: String) -> [Key]? {
        var keys: [Key] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first == "<", let close = rest.firstIndex(of: ">"), close > rest.index(after: rest.startIndex) {
                guard let key = parseName(String(rest[rest.index(after: rest.startIndex)..<close])) else { return nil }
                keys.append(key)
                rest = rest[rest.index(after: close)...]
            } else {
                guard first.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControlOrSeparator }) else {
                    return nil
                }
                keys.append(.char(first))
                rest = rest.dropFirst()
            }
        }
        return keys.isEmpty ? nil : keys
    }

    private static func parseName(_ name: String) -> Key? {
        if let match = named.first(where: { $0.0.lowercased() == name.lowercased() }) { return match.1 }
        if name.count >= 2, name.first == "F" || name.first == "f", let n = Int(name.dropFirst()), (1...12).contains(n) {
            return .function(n)
        }
        let parts = name.split(separator: "-", maxSplits: 1)
        let named = parts.count == 2 ? parseName(String(parts[1])) : nil
        if parts.count == 2, let c = parts[1].count == 1 ? parts[1].first : { if case .char(let c)? = named { c } else { nil } }() {
            switch parts[0] {
            case "C", "c":
                guard c.isASCII, c.isLetter else { return nil }
                return .control(Character(c.lowercased()))
            case "M", "m", "A", "a":
                return .alt(c)
            default:
                return nil
            }
        }
        return nil
    }
}

private extension Unicode.GeneralCategory {
    var isControlOrSeparator: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate, .unassigned: true
        default: false
        }
    }
}
