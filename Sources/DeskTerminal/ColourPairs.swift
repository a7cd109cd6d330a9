import CNcursesw
import DeskUI

/// The palette's looks as ncurses attributes and colour pairs. A pair is made the first time
/// a combination of colours is drawn; a colour the terminal lacks (a 256-colour index on an
/// eight-colour terminal, from the user's `[colors]`) is drawn as the nearest of its eight.
final class ColourPairs {
    let palette: Palette
    private var pairs: [PairKey: Int16] = [:]
    private var cache: [CacheKey: (attrs: Int32, pair: Int16)] = [:]

    private struct PairKey: Hashable { var foreground: Int16, background: Int16 }
    private struct CacheKey: Hashable { var style: Style, selected: Bool }

    init(palette: Palette) {
        self.palette = palette
    }

    /// Attributes and pair of a cell.
    func attributes(_ style: Style, selected: Bool) -> (attrs: Int32, pair: Int16) {
        let key = CacheKey(style: style, selected: selected)
        if let known = cache[key] { return known }
        let look = selected ? palette.selected(style) : palette.look(style)
        var attrs: Int32 = 0
        if look.bold { attrs |= cdesk_a_bold() }
        if look.underline { attrs |= cdesk_a_underline() }
        if look.reverse { attrs |= cdesk_a_reverse() }
        if look.italic { attrs |= cdesk_a_italic() }
        if look.dim { attrs |= cdesk_a_dim() }
        let result = (attrs, pair(look))
        cache[key] = result
        return result
    }

    private func pair(_ look: Look) -> Int16 {
        guard palette.depth != .none, look.foreground != nil || look.background != nil else { return 0 }
        let key = PairKey(foreground: colour(look.foreground), background: colour(look.background))
        if let known = pairs[key] { return known }
        let number = Int16(pairs.count + 1)
        guard Int32(number) < cdesk_color_pairs() else { return 0 }
        init_pair(number, key.foreground, key.background)
        pairs[key] = number
        return number
    }

    /// An index the terminal has; -1 is its default colour.
    private func colour(_ index: Int?) -> Int16 {
        guard let index else { return -1 }
        if index < Int(cdesk_colors()) { return Int16(index) }
        return Int16(RGB.nearestOfEight(index))
    }
}
