import DeskCore
@testable import DeskUI
import Testing

/// The colours as drawn: every style readable on both themes, on 256 and on eight colours,
/// measured with WCAG 2's formula from the RGB the palette declares (xterm's colours).
@Suite struct PaletteTests {
    static let coloured: [(Theme, ColourDepth)] = Theme.allCases.flatMap { theme in [(theme, .eight), (theme, .full)] }

    @Test func theContrastFormulaIsWCAGs() {
        #expect(abs(RGB.contrast(RGB(0, 0, 0), RGB(255, 255, 255)) - 21) < 0.001)
        #expect(abs(RGB.contrast(RGB(0x76, 0x76, 0x76), RGB(255, 255, 255)) - 4.54) < 0.01)
        #expect(RGB.contrast(RGB(0, 0, 0xEE), RGB(0, 0, 0)) < 4.5, "xterm's blue on black fails: blue is not a text colour")
    }

    @Test(arguments: coloured)
    func everyStyleHoldsFourAndAHalfToOne(theme: Theme, depth: ColourDepth) {
        let palette = Palette(theme: theme, depth: depth)
        for style in Style.allCases {
            let (f, b) = palette.rgb(palette.look(style))
            #expect(RGB.contrast(f, b) >= 4.5, "\(style) on \(theme), \(depth): \(RGB.contrast(f, b))")
            #expect(!palette.look(style).dim, "\(style): faint text has no measurable contrast (\(theme), \(depth))")
            let (sf, sb) = palette.rgb(palette.selected(style))
            #expect(RGB.contrast(sf, sb) >= 4.5, "\(style) selected on \(theme), \(depth): \(RGB.contrast(sf, sb))")
        }
    }

    @Test(arguments: Theme.allCases)
    func theSelectionIsNeverBoldBlackAndKeepsTheRowsCues(theme: Theme) {
        for depth in ColourDepth.allCases {
            let palette = Palette(theme: theme, depth: depth)
            for style in Style.allCases {
                let look = palette.selected(style)
                #expect(!(look.bold && look.foreground == 0), "\(style): bold black on \(theme), \(depth)")
            }
            // Urgent and a breached SLA still stand out on the bar.
            for style in [Style.urgent, .danger] {
                let on = palette.selected(style), plain = palette.selected(.normal)
                #expect(on != plain, "\(style) looks like plain text on the bar (\(theme), \(depth))")
            }
        }
        #expect(Palette(theme: theme, depth: .full).selectionBackground != nil, "256 colours: a background, not reverse video")
        #expect(Palette(theme: theme, depth: .none).selected(.normal).reverse, "no colour: reverse video")
    }

    /// Priority and the SLA's states never share a look; nor does the rest of a colour's meaning.
    @Test(arguments: coloured)
    func priorityAndSLAMarksAreApart(theme: Theme, depth: ColourDepth) {
        let palette = Palette(theme: theme, depth: depth)
        let marks: [Style] = [.urgent, .high, .warning, .danger, .normal]
        for a in marks {
            for b in marks where a != b {
                #expect(palette.look(a) != palette.look(b), "\(a) and \(b) look alike on \(theme), \(depth)")
            }
        }
        #expect(palette.look(.urgent).foreground == nil || palette.look(.urgent).foreground != palette.look(.danger).foreground)
        #expect(palette.look(.high).foreground == nil || palette.look(.high).foreground != palette.look(.warning).foreground)
        for style in Style.allCases {
            #expect(palette.look(style).foreground != 4 || palette.look(style).background != nil || theme == .light,
                    "no blue text on dark: \(style)")
        }
    }

    @Test func noColourIsAttributesAlone() {
        let palette = Palette(theme: .dark, depth: .none, colors: ["urgent": ColorSetting(foreground: 196)])
        for style in Style.allCases {
            let look = palette.look(style)
            #expect(look.foreground == nil && look.background == nil, "\(style) has a colour under NO_COLOR")
        }
        #expect(palette.look(.urgent).bold && palette.look(.warning).underline && palette.look(.title).reverse)
    }

    @Test func noColorAndTheTerminalDecideTheDepth() {
        #expect(ColourDepth.of(hasColours: true, colours: 256, environment: [:]) == .full)
        #expect(ColourDepth.of(hasColours: true, colours: 8, environment: ["TERM": "xterm"]) == .eight)
        #expect(ColourDepth.of(hasColours: true, colours: 256, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColourDepth.of(hasColours: true, colours: 256, environment: ["NO_COLOR": ""]) == .full, "an empty NO_COLOR is unset")
        #expect(ColourDepth.of(hasColours: false, colours: 0, environment: [:]) == .none)
    }

    @Test func theThemeComesFromTheSettingThenTheTerminalThenCOLORFGBGThenDark() {
        let white = RGB(255, 255, 255), black = RGB(0, 0, 0)
        #expect(Theme.choose(.light, reported: black, colorFGBG: "15;0") == .light, "a set theme is taken as set")
        #expect(Theme.choose(.dark, reported: white, colorFGBG: "0;15") == .dark)
        #expect(Theme.choose(.auto, reported: white, colorFGBG: "15;0") == .light, "the terminal's answer first")
        #expect(Theme.choose(.auto, reported: black, colorFGBG: "0;15") == .dark)
        #expect(Theme.choose(.auto, reported: nil, colorFGBG: "0;15") == .light, "then COLORFGBG")
        #expect(Theme.choose(.auto, reported: nil, colorFGBG: "0;default;15") == .light)
        #expect(Theme.choose(.auto, reported: nil, colorFGBG: "15;0") == .dark)
        #expect(Theme.choose(.auto, reported: nil, colorFGBG: "7;8") == .dark)
        #expect(Theme.choose(.auto, reported: nil, colorFGBG: nil) == .dark, "else dark")
        #expect(Theme.choose(.auto, reported: nil, colorFGBG: "garbage") == .dark)
    }

    @Test func anOSC11AnswerIsRead() {
        #expect(RGB.osc11("\u{1B}]11;rgb:ffff/ffff/ffff\u{07}") == RGB(255, 255, 255))
        #expect(RGB.osc11("\u{1B}]11;rgb:1e1e/1e1e/2e2e\u{1B}\\\u{1B}[?62;22c") == RGB(0x1E, 0x1E, 0x2E))
        #expect(RGB.osc11("\u{1B}]11;rgb:f/f/e\u{07}") == RGB(255, 255, 238))
        #expect(RGB.osc11("\u{1B}[?1;2c") == nil, "a terminal that answered only DA1")
    }

    @Test func theConfigsColoursGoOverTheTheme() {
        let palette = Palette(theme: .dark, depth: .full, colors: ["urgent": ColorSetting(foreground: 201),
                                                                    "selection": ColorSetting(background: 236)])
        #expect(palette.look(.urgent).foreground == 201 && palette.look(.urgent).bold, "the colour replaced, the bold kept")
        #expect(palette.selectionBackground == 236)
        #expect(palette.selected(.dim).background == 236)
    }

    /// Every role of the config is a style or the selection, and every style is a role.
    @Test func theConfigsRolesAreTheStyles() {
        let roles = Set(LookSettings.roles.map(\.name))
        #expect(Set(Style.allCases.map(\.role)).union(["selection"]) == roles)
    }
}
