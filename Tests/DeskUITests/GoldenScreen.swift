@testable import DeskUI
import Foundation
import Testing

/// Whole-screen golden files: the in-memory screen's full text compared with a file under
/// `Golden/`. `CDESK_RECORD_GOLDEN=1 swift test` writes them anew (read the diff in git
/// before committing); a mismatch prints the lines that differ, expected above actual.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["CDESK_RECORD_GOLDEN"] == "1"

    /// Screens show times in the local zone: golden files are made in UTC.
    static let utc: Void = {
        setenv("TZ", "UTC", 1)
        tzset()
        NSTimeZone.resetSystemTimeZone()
    }()

    /// The screen as a golden file holds it: a first line with its size, then every row,
    /// its trailing spaces dropped and its end marked with `|`.
    static func text(_ grid: Grid) -> String {
        var rows = ["# \(grid.size.width)x\(grid.size.height)"]
        for line in grid.lines {
            var row = line
            while row.hasSuffix(" ") { row.removeLast() }
            rows.append(row + "|")
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// The screen with its styles: each run of cells in a style other than `normal` is
    /// written `[style]text[/]`, and the selection bar `[sel]…[/sel]`, so that a golden file
    /// also pins what each thing is drawn in (the look of each style is `Palette`'s).
    static func styledText(_ grid: Grid) -> String {
        var rows = ["# \(grid.size.width)x\(grid.size.height) with styles"]
        for y in 0..<grid.size.height {
            var row = "", style = Style.normal, selected = false
            for x in 0..<grid.size.width where !grid[x, y].isContinuation {
                let cell = grid[x, y]
                if cell.style != style || cell.isSelected != selected {
                    if style != .normal { row += "[/]" }
                    if cell.isSelected != selected { row += cell.isSelected ? "[sel]" : "[/sel]" }
                    if cell.style != .normal { row += "[\(cell.style.role)]" }
                    (style, selected) = (cell.style, cell.isSelected)
                }
                row += cell.text
            }
            if style != .normal { row += "[/]" }
            if selected { row += "[/sel]" }
            while row.hasSuffix(" ") { row.removeLast() }
            rows.append(row + "|")
        }
        return rows.joined(separator: "\n") + "\n"
    }

    static func check(_ grid: Grid, _ name: String, styled: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = folder.appendingPathComponent(name + ".txt")
        let actual = styled ? styledText(grid) : text(grid)
        if recording {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden file \(name).txt; run CDESK_RECORD_GOLDEN=1 swift test to write it\n\(actual)",
                         sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        Issue.record(Comment(rawValue: "\(name) differs from its golden file:\n" + diff(expected, actual)), sourceLocation: sourceLocation)
    }

    /// The rows that differ, each as the golden file has it (`-`) and as drawn (`+`).
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : "(none)", y = i < b.count ? String(b[i]) : "(none)"
            if x != y { out += ["row \(i): - \(x)", "       + \(y)"] }
        }
        return out.joined(separator: "\n")
    }
}
