/// How the console looks: the theme (`theme = "dark" | "light" | "auto"`) and the colours a
/// user set over it (`[colors]`, as tig's `color` lines and k9s's skins let them). The core
/// keeps these as plain values; the UI knows which role is drawn where, and the terminal
/// layer turns them into colour pairs.
public struct LookSettings: Sendable, Equatable {
    public enum ThemeSetting: String, Sendable, CaseIterable {
        /// Read from the terminal: its answer to OSC 11, else `COLORFGBG`, else dark.
        case auto, dark, light
    }

    public var theme: ThemeSetting = .auto
    /// Colours set per role (`urgent = "bold 196"`), over the theme's own.
    public var colors: [String: ColorSetting] = [:]
    public init() {}

    /// The roles a colour can be set for, in the order `cdesk config` prints them; each is
    /// something the console draws, and means one thing.
    public static let roles: [(name: String, meaning: String)] = [
        ("normal", "text"),
        ("title", "the title bar"),
        ("chip", "the current view on the title bar"),
        ("header", "column headings and section titles"),
        ("selection", "the selected row's bar (its background)"),
        ("status", "the status line"),
        ("hint", "keys on the hint line and in help"),
        ("dim", "secondary text: ages, subjects, done"),
        ("prompt", "the prompt line"),
        ("prefill", "a prompt's prefilled value"),
        ("urgent", "priority urgent"),
        ("high", "priority high"),
        ("warning", "SLA due soon: under a quarter of its time left"),
        ("danger", "late or failed: SLA breached, follow-up overdue, an error, below target"),
        ("good", "met or done well: target met, recovered, the suggestion"),
        ("customer", "the customer's messages and name"),
        ("vip", "a VIP customer"),
        ("agent", "an agent's reply"),
        ("note", "an internal note"),
        ("system", "messages of the system"),
        ("bar", "the report's bars"),
        ("track", "a meter's empty track"),
        ("match", "a search's words where they were found"),
        ("met", "a meter's fill when its target is met"),
        ("missed", "a meter's fill when its target is missed"),
    ]
}

/// One role's colours: a foreground, an optional background (`on ...`) and attributes,
/// written as words in any order: `"bold red"`, `"214"`, `"#ffaf00 on 236"`, `"reverse"`.
/// A colour is a name (black, red, green, yellow, blue, magenta, cyan, white, and their
/// `bright-` forms), a number 0–255, or `#rrggbb` (taken to the nearest of 256 colours), or
/// `default` (the terminal's own).
public struct ColorSetting: Sendable, Equatable {
    /// A colour index 0–255, -1 the terminal's default, nil: the theme's.
    public var foreground: Int?
    public var background: Int?
    public var bold = false, underline = false, reverse = false, italic = false, dim = false

    public init(foreground: Int? = nil, background: Int? = nil) {
        self.foreground = foreground; self.background = background
    }

    public static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// The setting `text` writes, or why it is not one.
    public static func parse(_ text: String) -> Result<ColorSetting, ColorSettingProblem> {
        var setting = ColorSetting()
        var wantsBackground = false
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { return .failure(.init("is empty (e.g. \"bold red\", \"214\", \"#ffaf00 on 236\")")) }
        for word in words {
            switch word {
            case "bold": setting.bold = true
            case "underline": setting.underline = true
            case "reverse": setting.reverse = true
            case "italic": setting.italic = true
            case "dim": setting.dim = true
            case "on":
                guard !wantsBackground else { return .failure(.init("'on' twice")) }
                wantsBackground = true
            default:
                guard let colour = color(word) else {
                    return .failure(.init("'\(word)' is not a colour (a name like red, 0–255, #rrggbb, default) "
                                          + "or an attribute (bold, underline, reverse, italic, dim)"))
                }
                if wantsBackground {
                    guard setting.background == nil else { return .failure(.init("two background colours")) }
                    setting.background = colour
                } else {
                    guard setting.foreground == nil else { return .failure(.init("two colours; a background is written 'on COLOUR'")) }
                    setting.foreground = colour
                }
            }
        }
        if wantsBackground, setting.background == nil { return .failure(.init("'on' needs a colour after it")) }
        return .success(setting)
    }

    /// A colour word as an index 0–255, -1 for `default`; nil when it is none.
    static func color(_ word: String) -> Int? {
        if word == "default" { return -1 }
        if let i = colorNames.firstIndex(of: word) { return i }
        if word.hasPrefix("bright-"), let i = colorNames.firstIndex(of: String(word.dropFirst(7))) { return i + 8 }
        if let n = Int(word), (0...255).contains(n) { return n }
        if word.hasPrefix("#"), word.count == 7, let v = Int(word.dropFirst(), radix: 16) {
            return nearest256(r: (v >> 16) & 0xFF, g: (v >> 8) & 0xFF, b: v & 0xFF)
        }
        return nil
    }

    /// The nearest of the 256 colours' cube (16–231) and grey ramp (232–255) to an RGB.
    static func nearest256(r: Int, g: Int, b: Int) -> Int {
        let steps = [0, 95, 135, 175, 215, 255]
        func step(_ v: Int) -> Int { steps.indices.min { abs(steps[$0] - v) < abs(steps[$1] - v) }! }
        let (cr, cg, cb) = (step(r), step(g), step(b))
        let cube = 16 + 36 * cr + 6 * cg + cb
        let cubeDistance = sq(steps[cr] - r) + sq(steps[cg] - g) + sq(steps[cb] - b)
        let grey = max(0, min(23, ((r + g + b) / 3 - 8 + 5) / 10))
        let level = 8 + 10 * grey
        let greyDistance = sq(level - r) + sq(level - g) + sq(level - b)
        return greyDistance < cubeDistance ? 232 + grey : cube
    }

    private static func sq(_ v: Int) -> Int { v * v }

    /// The setting as written back (`cdesk config`).
    public var text: String {
        func name(_ c: Int) -> String {
            c == -1 ? "default" : c < 8 ? Self.colorNames[c] : c < 16 ? "bright-" + Self.colorNames[c - 8] : String(c)
        }
        var words: [String] = []
        if bold { words.append("bold") }
        if underline { words.append("underline") }
        if reverse { words.append("reverse") }
        if italic { words.append("italic") }
        if dim { words.append("dim") }
        if let foreground { words.append(name(foreground)) }
        if let background { words += ["on", name(background)] }
        return words.joined(separator: " ")
    }
}

public struct ColorSettingProblem: Error, Equatable {
    public var reason: String
    init(_ reason: String) { self.reason = reason }
}
