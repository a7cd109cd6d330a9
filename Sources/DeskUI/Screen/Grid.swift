import DeskCore

/// What a cell means; `Palette` gives each a look per theme and colour depth (the terminal
/// layer draws it), and without colour falls back to bold, reverse and underline. Each is a
/// role of the config's `[colors]` by its name.
public enum Style: Int, CaseIterable, Sendable {
    case normal, title, chip, header, status, hint, dim, prompt, prefill
    /// Priority marks.
    case urgent, high
    /// SLA due soon; late or failed (SLA breached, a follow-up overdue, an error, below target).
    case warning, danger
    /// Met or done well.
    case good
    case customer, vip, agent, note, system
    /// The report's bars, and a meter's empty track.
    case bar, track
    /// A search's words where they were found.
    case match
    /// A meter's fill: its target met, or missed. Graphics, never text: a colour with no
    /// background of its own, so that `█` shows it.
    case met, missed

    /// Drawn as blocks, not read as text: 3:1 is enough for them (WCAG's non-text contrast).
    public var isGraphic: Bool { self == .bar || self == .met || self == .missed }
}

/// One screen cell: a grapheme cluster (at most `DisplayWidth.maxScalarsPerCell` scalars, as
/// an ncursesw cell holds) and its style. A cluster two columns wide occupies its cell and
/// marks the next one as its continuation.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style
    /// The right half of a wide character: drawn by the cell to its left.
    public var isContinuation: Bool
    /// On the selection bar: drawn on its background, keeping the style's own colour.
    public var isSelected = false

    public init(text: String = " ", style: Style = .normal, isContinuation: Bool = false) {
        self.text = text; self.style = style; self.isContinuation = isContinuation
    }
}

public struct Size: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// A frame: the whole screen as cells. Views draw into it; a `Screen` shows it.
public struct Grid: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: Cell(), count: max(0, size.width * size.height))
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Writes `text` from column `x` of row `y`, clipped to `width` columns (to the right
    /// edge by default). Returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, width: Int? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return x }
        let limit = min(size.width, x + (width ?? size.width))
        var col = x
        // The last line of defence: whatever a view forgot, no control character reaches a cell.
        for ch in UntrustedText.line(text) {
            // A cluster that takes no column is not drawn; one too long for a cell is a placeholder.
            guard let shown = DisplayWidth.drawn(ch) else { continue }
            let w = DisplayWidth.of(shown)
            if col + w > limit { break }
            if col >= 0 {
                set(Cell(text: String(shown), style: style), x: col, y: y, width: w)
            } else if col + w > 0 {
                set(Cell(text: " ", style: style), x: 0, y: y, width: 1)  // the visible half of a wide one
            }
            col += w
        }
        return col
    }

    /// Puts `cell` (`width` columns) at `x`, first turning into a blank the half of any wide
    /// character it overwrites, as a terminal does: no cell is left claiming a column another owns.
    private mutating func set(_ cell: Cell, x: Int, y: Int, width: Int) {
        let row = y * size.width
        if cells[row + x].isContinuation, x > 0 { cells[row + x - 1] = Cell(text: " ", style: cells[row + x - 1].style) }
        let after = x + width
        if after < size.width, cells[row + after].isContinuation { cells[row + after] = Cell(text: " ", style: cells[row + after].style) }
        cells[row + x] = cell
        if width == 2 { cells[row + x + 1] = Cell(text: "", style: cell.style, isContinuation: true) }
    }

    /// The cells (a wide one by its left half) a screen now showing `previous` draws to show
    /// this frame: each one that differs, or every one when it shows nothing of this size.
    public func changedCells(since previous: Grid?) -> [(x: Int, y: Int)] {
        var changed: [(x: Int, y: Int)] = []
        let fresh = previous?.size != size
        for y in 0..<size.height {
            for x in 0..<size.width {
                let cell = self[x, y]
                if cell.isContinuation { continue }
                if fresh || previous![x, y] != cell || (x + 1 < size.width && previous![x + 1, y] != self[x + 1, y]) {
                    changed.append((x, y))
                }
            }
        }
        return changed
    }

    /// Copies cell `x`, `y` of `frame` here, as a terminal shows a cell sent to it: a wide
    /// character it overwrites half of is blanked.
    mutating func show(_ frame: Grid, x: Int, y: Int) {
        let cell = frame[x, y]
        set(cell, x: x, y: y, width: x + 1 < size.width && frame[x + 1, y].isContinuation ? 2 : 1)
    }

    /// Paints `width` cells of row `y` from `x` with `style`, keeping their text.
    public mutating func paint(y: Int, x: Int = 0, width: Int? = nil, style: Style) {
        guard y >= 0, y < size.height else { return }
        let end = min(size.width, x + (width ?? size.width))
        for col in max(0, x)..<max(max(0, x), end) { cells[y * size.width + col].style = style }
    }

    /// Puts `width` cells of row `y` from `x` on the selection bar, keeping text and style.
    public mutating func select(y: Int, x: Int = 0, width: Int? = nil) {
        guard y >= 0, y < size.height else { return }
        let end = min(size.width, x + (width ?? size.width))
        for col in max(0, x)..<max(max(0, x), end) { cells[y * size.width + col].isSelected = true }
    }

    /// The frame as plain text, one line a row, trailing spaces trimmed: what a person
    /// would read off the screen. Tests compare against this.
    public var text: String {
        lines.joined(separator: "\n")
    }

    public var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation { line += self[x, y].text }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
