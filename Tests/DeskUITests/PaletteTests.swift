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

    /// Text holds 4.5:1, a bar 3:1 (WCAG's non-text contrast), whether or not the terminal
    /// draws bold in bright colours (xterm does: bold red on white is #FF0000, 4:1).
    @Test(arguments: coloured)
    func everyStyleHoldsFourAndAHalfToOne(theme: Theme, depth: ColourDepth) {
        let palette = Palette(theme: theme, depth: depth)
        for style in Style.allCases {
            let needed = style.isGraphic ? 3.0 : 4.5
            let contrast = palette.contrast(palette.look(style))
            #expect(contrast >= needed, "\(style) on \(theme), \(depth): \(contrast)")
            #expect(!palette.look(style).dim, "\(style): faint text has no measurable contrast (\(theme), \(depth))")
            let selected = palette.contrast(palette.selected(style))
            #expect(selected >= needed, "\(style) selected on \(theme), \(depth): \(selected)")
        }
    }

    @Test func boldIsMeasuredAsXtermDrawsIt() {
        let light = Palette(theme: .light, depth: .eight)
        #expect(light.rgb(Look(1, bold: true), boldIsBright: true).foreground == RGB(255, 0, 0))
        #expect(light.contrast(Look(1, bold: true)) < 4.5, "bold red on white is bright red in xterm: 4:1")
        #expect(light.contrast(Look(1)) >= 4.5)
        #expect(light.rgb(Look(196)).foreground == RGB.xterm(1), "eight colours draw 196 as the nearest of eight")
    }

    /// A meter's fill is never a chip: `█` drawn in the colour of its text on a background of
    /// its own would be a slab of the text's colour (white on dark, eight colours).
    @Test(arguments: coloured)
    func barsAreColoursWithoutABackground(theme: Theme, depth: ColourDepth) {
        let palette = Palette(theme: theme, depth: depth)
        for style in Style.allCases where style.isGraphic {
            #expect(palette.look(style).background == nil && !palette.look(style).reverse, "\(style) on \(theme), \(depth)")
        }
        #expect(palette.look(.met) != palette.look(.missed), "met and missed apart on \(theme), \(depth)")
    }

    /// Colours from the config's `[colors]` are measured as the theme's are: under 4.5:1
    /// (3:1 for a bar) on the theme's background or on the selection bar, they are left out,
    /// the theme's own drawn instead, and the console says which.
    @Test func theConfigsFaintColoursAreRefused() {
        let dark = Palette(theme: .dark, depth: .full, colors: ["urgent": ColorSetting(foreground: 18),  // navy on black
                                                                 "high": ColorSetting(foreground: 201),
                                                                 "bar": ColorSetting(foreground: 236)])
        #expect(dark.refused.map(\.role) == ["urgent", "bar"], "in the order of the roles")
        #expect(dark.refused.first { $0.role == "urgent" }.map { $0.contrast < 1.5 && $0.needed == 4.5 } == true)
        #expect(dark.refused.first { $0.role == "bar" }?.needed == 3)
        #expect(dark.look(.urgent) == Palette(theme: .dark, depth: .full).look(.urgent), "the theme's own urgent")
        #expect(dark.look(.high).foreground == 201, "a readable colour is kept")
        let bar = Palette(theme: .dark, depth: .full, colors: ["selection": ColorSetting(background: 236)])
        #expect(bar.refused.map(\.role) == ["selection"] && bar.selectionBackground == 18,
                "a bar that grey text cannot be read on (4.4:1) is refused")
        // What reads on dark may not on light: magenta 201 on white is 3.1:1.
        let light = Palette(theme: .light, depth: .full, colors: ["high": ColorSetting(foreground: 201)])
        #expect(light.refused.map(\.role) == ["high"])
        // On eight colours a colour is measured as drawn: 226 is yellow there, 1.1:1 on white.
        let eight = Palette(theme: .light, depth: .eight, colors: ["high": ColorSetting(foreground: 226)])
        #expect(eight.refused.map(\.role) == ["high"] && eight.look(.high).foreground == 5)
        #expect(Palette(theme: .dark, depth: .none, colors: ["urgent": ColorSetting(foreground: 18)]).refused.isEmpty,
                "no colour, nothing to refuse")
        #expect(L10n.english.legend.refused(dark.refused, theme: .dark) == "[colors] urgent 1.0:1, bar 1.2:1 on dark, under 4.5:1: not used")
        #expect(L10n.english.legend.refused(bar.refused, theme: .dark) == "[colors] selection 4.4:1 on dark, under 4.5:1: not used")
        #expect(L10n.russian.legend.refused(light.refused, theme: .light)
                == "[colors] high 2,1:1 на светлом фоне, меньше 4,5:1: не взяты", "on the selection bar, the worst")
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
                                                                    "selection": ColorSetting(background: 17)])
        #expect(palette.refused.isEmpty)
        #expect(palette.look(.urgent).foreground == 201 && palette.look(.urgent).bold, "the colour replaced, the bold kept")
        #expect(palette.selectionBackground == 17)
        #expect(palette.selected(.dim).background == 17)
    }

    /// Every role of the config is a style or the selection, and every style is a role.
    @Test func theConfigsRolesAreTheStyles() {
        let roles = Set(LookSettings.roles.map(\.name))
        #expect(Set(Style.allCases.map(\.role)).union(["selection"]) == roles)
    }
}
