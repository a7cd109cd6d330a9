import CNcursesw
import DeskCore
import DeskUI
import Foundation

/// The only code of cdesk that knows ncurses: it shows frames and reads keys. Every curses
/// call happens on the thread that created the screen (the main thread).
public final class TerminalScreen: Screen {
    public private(set) var size: Size
    /// The theme drawn in: the config's, or for `auto` what the terminal said.
    public let theme: Theme
    /// The config's colours left out as too faint on this theme (the console says so).
    public let refusedColours: [Palette.Refused]
    private let pairs: ColourPairs
    private var previous: Grid?

    public enum StartError: Error, CustomStringConvertible {
        case notATerminal, noTerm, unknownTerm(String)
        public var description: String { text(.en) }
        public func text(_ l: Language) -> String {
            switch self {
            case .notATerminal:
                l.pick("the console needs a terminal, and standard input or output is not one (to fill or query a store without one, see cdesk --help)",
                       "консоли нужен терминал, а стандартный ввод или вывод — не терминал (работа с хранилищем без него — см. cdesk --help)")
            case .noTerm: l.pick("the console needs a terminal, and TERM is not set", "консоли нужен терминал, а TERM не задан")
            case .unknownTerm(let term):
                l.pick("the console cannot drive this terminal: TERM=\(term) is unknown to ncurses",
                       "консоль не умеет работать с этим терминалом: ncurses не знает TERM=\(term)")
            }
        }
    }

    /// Takes over the terminal; `close()` (or a signal, see `TerminalGuard`) gives it back.
    /// The environment's locale, and UTF-8 characters whatever it says: ncursesw draws
    /// nothing beyond ASCII under the C locale, which is what a locale named but not
    /// generated on the machine (`LANG=ru_RU.UTF-8` on a fresh server) falls back to.
    static func useUTF8Locale() {
        let chosen = setlocale(LC_ALL, "")
        if chosen != nil, let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8" {
            return
        }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil { return }
    }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, look: LookSettings = LookSettings()) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.notATerminal }
        guard let term = environment["TERM"], !term.isEmpty else { throw StartError.noTerm }
        Self.useUTF8Locale()
        let noColour = ColourDepth.noColourAsked(environment)
        // Only `auto` asks, and not when no colour is drawn anyway; nor the Linux console,
        // which would show the question.
        let reported = look.theme == .auto && !noColour && term != "linux" ? BackgroundQuery.ask() : nil
        theme = Theme.choose(look.theme, reported: reported, colorFGBG: environment["COLORFGBG"])
        // newterm, unlike initscr, reports an unknown terminal instead of exiting.
        guard let screen = cdesk_newterm() else { throw StartError.unknownTerm(term) }
        set_term(screen)
        TerminalGuard.install()
        raw()
        noecho()
        nonl()
        keypad(cdesk_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        let wantsColour = has_colors() && !noColour
        if wantsColour {
            start_color()
            use_default_colors()
        }
        // COLORS is known once colour is started.
        let depth = ColourDepth.of(hasColours: wantsColour, colours: Int(cdesk_colors()), environment: environment)
        let palette = Palette(theme: theme, depth: depth, colors: look.colors)
        refusedColours = palette.refused
        pairs = ColourPairs(palette: palette)
        size = Size(width: Int(cdesk_cols()), height: Int(cdesk_lines()))
    }

    public func close() {
        TerminalGuard.restore()
    }

    /// Draws what changed. A cell ncurses can hold (one spacing character of the cell's
    /// width, then combining ones) is drawn through it. Any other cluster — an emoji with VS16
    /// or a skin tone, a ZWJ sequence, a flag, Thai SARA AM, whose scalars ncurses would measure
    /// one by one and cut — is drawn by ncurses as blanks of its width, then written over
    /// them at its absolute position after the refresh (an overlay). What the terminal makes
    /// of it cannot shift the rest of the row: that was drawn at its place already; and the
    /// columns a terminal that draws it wider spilled into are written again after it.
    public func present(_ grid: Grid) {
        if grid.size != size || previous?.size != grid.size { erase(); previous = nil; overlaid = [] }
        var overlays: [(x: Int, y: Int)] = []
        for (x, y) in grid.changedCells(since: previous) {
            let cell = grid[x, y]
            let width = x + 1 < grid.size.width && grid[x + 1, y].isContinuation ? 2 : 1
            if Self.ncursesHolds(cell.text, width: width) {
                put(cell.text, x: x, y: y, cell: cell)
            } else {
                for c in x..<x + width { put(" ", x: c, y: y, cell: cell) }
                overlays.append((x, y))
            }
        }
        // Columns an overlay covered, now showing something else, are written again as well:
        // ncurses believes they hold blanks and would not send a blank there.
        for (x, y, width) in overlaid where !overlays.contains(where: { $0 == (x, y) }) && grid[x, y] != previous?[x, y] {
            for c in x..<min(grid.size.width, x + width) { overlays.append((grid[c, y].isContinuation ? c - 1 : c, y)) }
        }
        refresh()
        overlaid = overlaid.filter { grid[$0.x, $0.y] == previous?[$0.x, $0.y] }
        guard !overlays.isEmpty else { previous = grid; return }
        var written = Set<Int>()
        for (x, y) in overlays.sorted(by: { ($0.y, $0.x) < ($1.y, $1.x) }) where written.insert(y * grid.size.width + x).inserted {
            let cell = grid[x, y]
            let width = x + 1 < grid.size.width && grid[x + 1, y].isContinuation ? 2 : 1
            let spill = Self.spill(cell.text, width: width)
            guard x + width + spill <= grid.size.width else {
                // Too near the edge for a terminal that draws it wider to spill into nothing.
                put(String(width == 2 ? DisplayWidth.widePlaceholder : DisplayWidth.narrowPlaceholder), x: x, y: y, cell: cell)
                continue
            }
            overlay(cell, x: x, y: y)
            if !Self.ncursesHolds(cell.text, width: width) { overlaid.append((x, y, width)) }
            // The columns it may have spilled into, as they should be.
            var c = x + width
            while c < x + width + spill {
                if !grid[c, y].isContinuation { overlay(grid[c, y], x: c, y: y) }
                c += 1
            }
        }
        cdesk_overlay_end()
        previous = grid
    }

    /// The overlays on the terminal now: position and width.
    private var overlaid: [(x: Int, y: Int, width: Int)] = []

    private func put(_ text: String, x: Int, y: Int, cell: Cell) {
        let (attrs, pair) = pairs.attributes(cell.style, selected: cell.isSelected)
        var scalars = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        if scalars.isEmpty { scalars = [32] }
        scalars.append(0)
        _ = cdesk_put_cell(Int32(y), Int32(x), scalars, attrs, pair)
    }

    private func overlay(_ cell: Cell, x: Int, y: Int) {
        let (attrs, pair) = pairs.attributes(cell.style, selected: cell.isSelected)
        cdesk_overlay(Int32(y), Int32(x), cell.text.isEmpty ? " " : cell.text, attrs, pair)
    }

    /// Whether ncurses measures and keeps `text` whole: its first scalar as wide as the cell,
    /// every other one of no width, no more than a cell holds.
    static func ncursesHolds(_ text: String, width: Int) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.count <= DisplayWidth.maxScalarsPerCell,
              cdesk_wcwidth(first.value) == Int32(width) else { return false }
        return scalars.dropFirst().allSatisfy { cdesk_wcwidth($0.value) == 0 }
    }

    /// How many columns past the cell a terminal that does not join the cluster draws it:
    /// its scalars one by one, as wcwidth measures them.
    static func spill(_ text: String, width: Int) -> Int {
        let naive = text.unicodeScalars.reduce(0) { $0 + max(0, Int(cdesk_wcwidth($1.value))) }
        return max(0, naive - width)
    }

    /// A signal asking cdesk to end (TERM, HUP) reads as Ctrl-C, which always quits: the
    /// loop ends the normal way and the terminal is restored outside the handler.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        if TerminalGuard.endRequested { return .control("c") }
        timeout(Int32(timeoutMilliseconds))
        var code: UInt32 = 0
        let result = cdesk_get_key(&code)
        if TerminalGuard.endRequested { return .control("c") }
        if result == cdesk_err() { return nil }
        if result == cdesk_key_code_yes() {
            if Int32(code) == cdesk_key_resize() {
                size = Size(width: Int(cdesk_cols()), height: Int(cdesk_lines()))
                previous = nil
                overlaid = []
                return .resize
            }
            return KeyDecoder.special(Int32(code))
        }
        if code == 27 {
            // Esc alone, or Alt+key (Esc then the key at once).
            timeout(0)
            var next: UInt32 = 0
            if cdesk_get_key(&next) == 0, let scalar = Unicode.Scalar(next), next >= 32 {
                if next == 0x5D {
                    // An OSC answer that came late (the background, asked at start over a
                    // slow link): swallowed to its BEL or ST, never typed as keys.
                    var previous: UInt32 = 0
                    while cdesk_get_key(&next) == 0, next != 7, !(previous == 27 && next == 0x5C) { previous = next }
                    return nil
                }
                if next == 0x5B || next == 0x4F {
                    // A CSI or SS3 sequence ncurses did not know (TERM describes another
                    // terminal): swallow it whole rather than type "[4~" into a prompt.
                    while cdesk_get_key(&next) == 0, !(0x40...0x7E).contains(next) || next == 0x5B {}
                    return nil
                }
                return .alt(Character(scalar))
            }
            return .escape
        }
        return KeyDecoder.character(code)
    }

    public func suspend(while body: () throws -> Void) rethrows {
        def_prog_mode()
        endwin()
        defer {
            reset_prog_mode()
            previous = nil
            overlaid = []
            refresh()
        }
        try body()
    }
}

/// ncurses key codes and control characters to keymap keys.
enum KeyDecoder {
    static func special(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_NPAGE: .pageDown
        case KEY_PPAGE: .pageUp
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_IC: .insert
        case KEY_BTAB: .backTab
        case KEY_F0 + 1...KEY_F0 + 12: .function(Int(code - KEY_F0))
        default: nil
        }
    }

    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        case 0...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }
}
