import CNcursesw
import DeskUI

/// Colours and attributes for each style; without colour (NO_COLOR, or a terminal with
/// none) the styles stay apart by bold, reverse, dim and underline alone.
enum Palette {
    private static let pairs: [Style: (fg: Int16, bg: Int16)] = [
        .title: (Int16(COLOR_WHITE), Int16(COLOR_BLUE)),
        .header: (Int16(COLOR_CYAN), -1),
        .selected: (Int16(COLOR_BLACK), Int16(COLOR_CYAN)),
        .status: (Int16(COLOR_BLACK), Int16(COLOR_WHITE)),
        .hint: (Int16(COLOR_YELLOW), -1),
        .warning: (Int16(COLOR_YELLOW), -1),
        .danger: (Int16(COLOR_RED), -1),
        .good: (Int16(COLOR_GREEN), -1),
        .customer: (Int16(COLOR_CYAN), -1),
        .agent: (Int16(COLOR_GREEN), -1),
        .note: (Int16(COLOR_MAGENTA), -1),
        .system: (Int16(COLOR_BLUE), -1),
        .prompt: (Int16(COLOR_WHITE), Int16(COLOR_BLUE)),
    ]

    static func install() {
        for style in Style.allCases {
            if let p = pairs[style] { init_pair(Int16(style.rawValue + 1), p.fg, p.bg) }
        }
    }

    static func attributes(_ style: Style, colours: Bool) -> (attrs: Int32, pair: Int32) {
        if colours {
            let pair = pairs[style] == nil ? 0 : Int32(style.rawValue + 1)
            let bold: Set<Style> = [.title, .header, .selected, .hint, .danger]
            let dim: Set<Style> = [.dim]
            return ((bold.contains(style) ? cdesk_a_bold() : 0) | (dim.contains(style) ? cdesk_a_dim() : 0), pair)
        }
        switch style {
        case .title, .selected, .status, .prompt: return (cdesk_a_reverse() | (style == .selected ? cdesk_a_bold() : 0), 0)
        case .header, .danger, .hint: return (cdesk_a_bold(), 0)
        case .dim, .system: return (cdesk_a_dim(), 0)
        case .note, .warning: return (cdesk_a_underline(), 0)
        default: return (0, 0)
        }
    }
}
