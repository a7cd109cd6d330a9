/// The fixed parts of the screen, shared by the views and the console (which must know how
/// many rows a page holds).
public enum Layout {
    /// Title line and column headings above the rows.
    public static let headerRows = 2
    /// Status line and key hints below them.
    public static let footerRows = 2

    public static func bodyRows(_ size: Size) -> Int {
        max(1, size.height - headerRows - footerRows)
    }

    public static let minimum = Size(width: 40, height: 10)
}
