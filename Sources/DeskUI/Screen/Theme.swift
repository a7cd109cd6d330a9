import DeskCore
import Foundation

/// A dark or a light background: the colours of every style are chosen for one of them.
public enum Theme: String, Sendable, CaseIterable {
    case dark, light

    /// `theme = auto` decided: the background the terminal reported (its answer to OSC 11),
    /// else `COLORFGBG` (`15;0`: its last field is the background's colour number), else
    /// dark. A set theme is taken as set.
    public static func choose(_ setting: LookSettings.ThemeSetting, reported: RGB?, colorFGBG: String?) -> Theme {
        switch setting {
        case .dark: return .dark
        case .light: return .light
        case .auto:
            if let reported { return reported.luminance > 0.4 ? .light : .dark }
            if let field = colorFGBG?.split(separator: ";").last, let colour = Int(field) {
                // rxvt's convention: 0–6 and 8 are dark backgrounds, 7 and 9–15 light.
                return colour == 7 || (9...15).contains(colour) ? .light : .dark
            }
            return .dark
        }
    }
}

/// A colour as red, green and blue, for contrast (WCAG 2's relative luminance).
public struct RGB: Equatable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }

    public var luminance: Double {
        func channel(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// The contrast ratio of two colours, 1 to 21.
    public static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (x, y) = (a.luminance, b.luminance)
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// xterm's colour `index`: its 16 colours, the 6×6×6 cube and the grey ramp.
    public static func xterm(_ index: Int) -> RGB {
        let base: [RGB] = [RGB(0, 0, 0), RGB(0xCD, 0, 0), RGB(0, 0xCD, 0), RGB(0xCD, 0xCD, 0), RGB(0, 0, 0xEE),
                           RGB(0xCD, 0, 0xCD), RGB(0, 0xCD, 0xCD), RGB(0xE5, 0xE5, 0xE5), RGB(0x7F, 0x7F, 0x7F),
                           RGB(0xFF, 0, 0), RGB(0, 0xFF, 0), RGB(0xFF, 0xFF, 0), RGB(0x5C, 0x5C, 0xFF),
                           RGB(0xFF, 0, 0xFF), RGB(0, 0xFF, 0xFF), RGB(0xFF, 0xFF, 0xFF)]
        switch index {
        case 0..<16: return base[index]
        case 16..<232:
            let steps: [UInt8] = [0, 95, 135, 175, 215, 255]
            let i = index - 16
            return RGB(steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
        default:
            let v = UInt8(8 + 10 * (min(255, index) - 232))
            return RGB(v, v, v)
        }
    }

    /// The nearest of the eight colours every colour terminal has to xterm's colour `index`:
    /// how a 256-colour index from the config is drawn where there are only eight.
    public static func nearestOfEight(_ index: Int) -> Int {
        guard index >= 8 else { return index }
        let want = xterm(index)
        func distance(_ c: RGB) -> Int {
            let (dr, dg, db) = (Int(c.r) - Int(want.r), Int(c.g) - Int(want.g), Int(c.b) - Int(want.b))
            return dr * dr + dg * dg + db * db
        }
        return (0..<8).min { distance(xterm($0)) < distance(xterm($1)) }!
    }

    /// An OSC 11 answer's colour: `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` (1 to 4 hex digits each),
    /// ended by BEL or ST.
    public static func osc11(_ answer: String) -> RGB? {
        guard let start = answer.range(of: "rgb:") else { return nil }
        let rest = answer[start.upperBound...].prefix { $0.isHexDigit || $0 == "/" }
        let parts = rest.split(separator: "/")
        guard parts.count == 3 else { return nil }
        var channels: [UInt8] = []
        for part in parts {
            guard (1...4).contains(part.count), let v = Int(part, radix: 16) else { return nil }
            let top = (1 << (4 * part.count)) - 1
            channels.append(UInt8(v * 255 / top))
        }
        return RGB(channels[0], channels[1], channels[2])
    }
}

/// How many colours the terminal shows: none (`NO_COLOR`, or a terminal without), the
/// eight of `TERM=xterm`, or 256.
public enum ColourDepth: Sendable, CaseIterable {
    case none, eight, full

    /// `NO_COLOR` set and not empty (no-color.org): no colour at all.
    public static func noColourAsked(_ environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The depth to draw in: none when the terminal has no colour or `NO_COLOR` asks for
    /// none, 256 when the terminal has them, else the eight every colour terminal has.
    public static func of(hasColours: Bool, colours: Int, environment: [String: String]) -> ColourDepth {
        guard hasColours, !noColourAsked(environment) else { return .none }
        return colours >= 256 ? .full : .eight
    }
}

/// How one style is drawn: colour indices (nil: the terminal's own) and attributes.
public struct Look: Equatable, Sendable {
    public var foreground: Int?
    public var background: Int?
    public var bold = false, underline = false, reverse = false, italic = false, dim = false

    public init(_ foreground: Int? = nil, on background: Int? = nil, bold: Bool = false, underline: Bool = false,
                reverse: Bool = false, italic: Bool = false, dim: Bool = false) {
        self.foreground = foreground; self.background = background
        self.bold = bold; self.underline = underline; self.reverse = reverse; self.italic = italic; self.dim = dim
    }

    /// A user's setting over this look: what it names replaces, attributes add up.
    func applying(_ s: ColorSetting) -> Look {
        var look = self
        if let f = s.foreground { look.foreground = f == -1 ? nil : f }
        if let b = s.background { look.background = b == -1 ? nil : b }
        look.bold = look.bold || s.bold; look.underline = look.underline || s.underline
        look.reverse = look.reverse || s.reverse; look.italic = look.italic || s.italic; look.dim = look.dim || s.dim
        return look
    }
}

extension Style {
    /// The style's name in the config's `[colors]` (`LookSettings.roles`).
    public var role: String { "\(self)" }
}

/// Every style's look on a theme and colour depth, with the user's `[colors]` over it.
/// Text colours hold at least 4.5:1 (WCAG AA) against the theme's background and against
/// the selection bar, on xterm's colours; where eight colours cannot, attributes or a
/// background of their own do the work. Each colour means one thing: red is late or failed,
/// amber (yellow) is due soon, magenta is priority, green is met, teal is the customer.
/// A colour of the config's that would read worse is not used (`refused` says which).
public struct Palette: Sendable {
    public let theme: Theme
    public let depth: ColourDepth
    public let colors: [String: ColorSetting]
    /// The config's colours left out because they read under 4.5:1 (3:1 for bars) on this
    /// theme: the theme's own are drawn instead.
    public let refused: [Refused]

    /// A role of `[colors]` that reads too faintly, and how it measured.
    public struct Refused: Equatable, Sendable {
        public var role: String
        /// Its worst contrast: against the background, or on the selection bar.
        public var contrast: Double
        /// What it needed: 4.5 for text, 3 for bars.
        public var needed: Double
    }

    public init(theme: Theme, depth: ColourDepth, colors: [String: ColorSetting] = [:]) {
        let wanted = depth == .none ? [:] : colors
        let trial = Palette(theme: theme, depth: depth, unchecked: wanted)
        let refused = trial.unreadable()
        self.theme = theme; self.depth = depth; self.refused = refused
        self.colors = wanted.filter { role, _ in !refused.contains { $0.role == role } }
    }

    private init(theme: Theme, depth: ColourDepth, unchecked colors: [String: ColorSetting]) {
        self.theme = theme; self.depth = depth; self.colors = colors; refused = []
    }

    /// The user's colours that read under their threshold, in the order of the roles: a text
    /// colour against the background and on the selection bar, the bar against every text
    /// drawn on it.
    func unreadable() -> [Refused] {
        LookSettings.roles.compactMap { role -> Refused? in
            guard colors[role.name] != nil else { return nil }
            let style = Style.allCases.first { $0.role == role.name }
            let looks = style.map { [look($0), selected($0)] } ?? Style.allCases.map(selected)
            let needed = style?.isGraphic == true ? 3.0 : 4.5
            let worst = looks.map(contrast).min() ?? 21
            return worst < needed ? Refused(role: role.name, contrast: worst, needed: needed) : nil
        }
    }

    /// A look's contrast as the terminal may draw it: xterm shows bold text of the first
    /// eight colours in their bright forms (`boldColors`), other terminals do not; the worse
    /// of the two counts.
    public func contrast(_ look: Look) -> Double {
        [true, false].map { bright in
            let (f, b) = rgb(look, boldIsBright: bright)
            return RGB.contrast(f, b)
        }.min()!
    }

    /// The colours a terminal shows when nothing is said: its text and its background.
    public var defaultForeground: RGB { theme == .dark ? RGB.xterm(252) : RGB.xterm(16) }
    public var defaultBackground: RGB { theme == .dark ? RGB.xterm(16) : RGB.xterm(231) }

    public func look(_ style: Style) -> Look {
        let own = Self.builtIn(style, theme, depth)
        return colors[style.role].map(own.applying) ?? own
    }

    /// The selection bar's background; nil: the bar is reverse video.
    public var selectionBackground: Int? {
        if let b = colors["selection"]?.background { return b == -1 ? nil : b }
        guard depth == .full else { return nil }
        return theme == .dark ? 18 : 153
    }

    /// How a cell of `style` is drawn on the selected row: on the bar's background with its
    /// own colour and attributes, never bold black. Reverse video (eight colours, none) keeps
    /// them too: a coloured word becomes a chip of its colour on the bar (a magenta `high`).
    public func selected(_ style: Style) -> Look {
        var look = look(style)
        if look.background != nil { return look }
        if let bar = selectionBackground {
            look.background = bar
            return look
        }
        look.reverse.toggle()
        return look
    }

    /// The colours a look shows as RGB: what contrast is measured on. Where there are eight
    /// colours a higher index is drawn as the nearest of them; `boldIsBright`, bold text of
    /// the first eight is drawn in their bright forms, as xterm does.
    public func rgb(_ look: Look, boldIsBright: Bool = false) -> (foreground: RGB, background: RGB) {
        func drawn(_ index: Int) -> Int { depth == .eight ? RGB.nearestOfEight(index) : index }
        let fi = look.foreground.map(drawn).map { boldIsBright && look.bold && $0 < 8 ? $0 + 8 : $0 }
        let f = fi.map(RGB.xterm) ?? defaultForeground
        let b = look.background.map(drawn).map(RGB.xterm) ?? defaultBackground
        return look.reverse ? (b, f) : (f, b)
    }

    static func builtIn(_ style: Style, _ theme: Theme, _ depth: ColourDepth) -> Look {
        let dark = theme == .dark
        switch depth {
        case .none:
            switch style {
            case .title, .status, .prompt, .prefill: return Look(reverse: true)
            case .match: return Look(bold: true, reverse: true)
            case .chip, .header, .hint, .urgent, .danger, .vip, .agent: return Look(bold: true)
            case .warning: return Look(underline: true)
            case .dim, .system, .track: return Look(dim: true)
            case .note: return Look(italic: true)
            case .normal, .high, .good, .customer, .bar, .met, .missed: return Look()
            }
        case .eight:
            // xterm's eight: on black, red text is 3.7:1 and blue 2.2:1; on white, yellow,
            // green and cyan are 1.3–2:1. Those go on a background of their own, or become
            // attributes. xterm draws bold red, magenta and blue bright: on white they fall
            // to 3.1–4:1, so no bold goes with them there.
            switch style {
            case .normal: return Look()
            case .title, .prompt: return Look(7, on: 4, bold: style == .title)
            case .chip, .prefill: return Look(4, on: 7)
            case .header, .hint, .agent: return Look(bold: true)
            case .status: return Look(reverse: true)
            // Faint text has no colour of its own to measure, and xterm draws it at half
            // intensity, under 4.5:1: secondary text stays plain.
            case .dim, .system, .track: return Look()
            case .note: return Look(italic: true)
            case .urgent: return dark ? Look(bold: true, underline: true) : Look(5, underline: true)
            case .high: return dark ? Look(bold: true) : Look(5)
            case .warning: return dark ? Look(3) : Look(0, on: 3)
            case .danger: return dark ? Look(7, on: 1, bold: true) : Look(1)
            case .good: return dark ? Look(2) : Look(bold: true)
            case .customer, .bar: return dark ? Look(6) : Look(4)
            case .match: return Look(0, on: 6)
            case .vip: return dark ? Look(6, bold: true) : Look(4, bold: true)
            // Green is 2:1 on white, as a bar too: a met meter is the text's colour there.
            case .met: return dark ? Look(2) : Look()
            case .missed: return dark ? Look(1, bold: true) : Look(1)
            }
        case .full:
            switch style {
            case .normal: return Look()
            case .title, .prompt: return Look(231, on: 24, bold: style == .title)
            case .chip, .prefill: return Look(24, on: 231, bold: style == .chip)
            case .header, .hint, .agent: return Look(bold: true)
            case .status: return dark ? Look(252, on: 236) : Look(232, on: 252)
            case .dim, .system, .track: return Look(dark ? 246 : 240)
            case .note: return Look(italic: true)
            case .urgent: return Look(dark ? 213 : 90, bold: true)
            case .high: return Look(dark ? 213 : 90)
            case .warning: return dark ? Look(214) : Look(16, on: 220)
            case .danger: return Look(dark ? 203 : 124, bold: true)
            case .good: return Look(dark ? 114 : 22)
            case .customer: return Look(dark ? 80 : 23)
            case .vip: return Look(dark ? 80 : 23, bold: true)
            case .bar: return Look(dark ? 110 : 24)
            case .match: return Look(16, on: 117)
            case .met: return Look(dark ? 114 : 22)
            case .missed: return Look(dark ? 203 : 124)
            }
        }
    }
}
