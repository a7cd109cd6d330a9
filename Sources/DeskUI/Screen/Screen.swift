/// Where frames are shown and keys come from: ncurses in the terminal layer, or memory in tests.
public protocol Screen: AnyObject {
    var size: Size { get }
    func present(_ grid: Grid)
    /// The next key, or nil when none came within `timeoutMilliseconds`.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Hands the terminal to another program (the editor) and takes it back after.
    func suspend(while body: () throws -> Void) rethrows
}

/// A screen in memory: keys are queued by a test, frames kept for it to read. It also keeps
/// what a terminal would show (`shown`): a terminal is sent only the cells that changed
/// (`Grid.changedCells`, as the terminal layer sends them), so a cell left stale by a redraw
/// shows there as it would on the terminal.
public final class MemoryScreen: Screen {
    public var size: Size
    public private(set) var lastFrame: Grid
    public private(set) var shown: Grid
    private var presented = false
    public var pendingKeys: [Key] = []

    public init(width: Int = 80, height: Int = 24) {
        size = Size(width: width, height: height)
        lastFrame = Grid(size: size)
        shown = Grid(size: size)
    }

    public func present(_ grid: Grid) {
        if shown.size != grid.size { shown = Grid(size: grid.size) }
        for (x, y) in grid.changedCells(since: presented ? lastFrame : nil) { shown.show(grid, x: x, y: y) }
        lastFrame = grid
        presented = true
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func suspend(while body: () throws -> Void) rethrows { try body() }
}
