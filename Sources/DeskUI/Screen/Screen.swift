/// Where frames are shown and keys come from: ncurses in the terminal layer, or memory in tests.
public protocol Screen: AnyObject {
    var size: Size { get }
    func present(_ grid: Grid)
    /// The next key, or nil when none came within `timeoutMilliseconds`.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Hands the terminal to another program (the editor) and takes it back after.
    func suspend(while body: () throws -> Void) rethrows
}

/// A screen in memory: keys are queued by a test, frames kept for it to read.
public final class MemoryScreen: Screen {
    public var size: Size
    public private(set) var lastFrame: Grid
    public var pendingKeys: [Key] = []

    public init(width: Int = 80, height: Int = 24) {
        size = Size(width: width, height: height)
        lastFrame = Grid(size: size)
    }

    public func present(_ grid: Grid) { lastFrame = grid }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func suspend(while body: () throws -> Void) rethrows { try body() }
}
