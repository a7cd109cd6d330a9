@testable import DeskUI
import Testing

@Suite struct TextLayoutTests {
    @Test func widthsByScript() {
        #expect(DisplayWidth.of("Анна Петрова") == 12)
        #expect(DisplayWidth.of("王伟") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)       // e + combining acute
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("❤\u{FE0F}") == 2)
    }

    /// Paths in status messages: as typed where possible, and the file's name always whole.
    @Test func shortPathsKeepTheFileName() {
        #expect(L10n.shortPath("/work/cases/x.csv", directory: "/work", home: "/root") == "cases/x.csv")
        #expect(L10n.shortPath("/root/x.csv", directory: "/work", home: "/root") == "~/x.csv")
        #expect(L10n.shortPath("/tmp/x.csv", directory: "/", home: "/") == "/tmp/x.csv")
        let long = "/srv/shop/exports/nightly/accounting/2026/november/week-48/cdesk-resolved-2026-11-28.csv"
        let short = L10n.shortPath(long, width: 48, directory: "/work", home: "/root")
        #expect(short.hasSuffix("…/cdesk-resolved-2026-11-28.csv") && short.hasPrefix("/srv/"))
        #expect(DisplayWidth.of(short) <= 48)
        // A bare name too long keeps its beginning and its end, with no made-up folder.
        let name = L10n.shortPath("/work/resolved-cases-november-2026-final.csv", width: 30, directory: "/work", home: nil)
        #expect(name == "resolved-cases-…2026-final.csv")
        let wide = L10n.shortPath("/work/" + String(repeating: "报告", count: 20) + ".csv", width: 30, directory: "/work", home: nil)
        #expect(DisplayWidth.of(wide) <= 30 && wide.contains("…") && wide.hasSuffix(".csv"))
    }

    /// A word longer than a line (a pasted blob in a message) breaks into full lines, in one
    /// pass: 200,000 characters wrap at once.
    @Test func aHugeWordBreaksIntoFullLines() {
        let lines = DisplayWidth.wrap(String(repeating: "ж", count: 200_000) + " end", to: 78)
        #expect(lines.count == 200_000 / 78 + 1)
        #expect(lines.dropLast().allSatisfy { DisplayWidth.of($0) == 78 })
        #expect(lines.last == String(repeating: "ж", count: 200_000 % 78) + " end")
    }

    @Test func truncatesByColumnsWithEllipsis() {
        #expect(DisplayWidth.truncate("Константин", to: 6) == "Конст…")
        #expect(DisplayWidth.truncate("王伟王伟", to: 5) == "王伟…")
        #expect(DisplayWidth.of(DisplayWidth.fit("王伟王伟王", to: 6)) == 6)
    }

    @Test func wrapsAtSpacesAndBreaksLongWords() {
        #expect(DisplayWidth.wrap("один два три", to: 8) == ["один два", "три"])
        #expect(DisplayWidth.wrap("ааааааааааа", to: 4) == ["аааа", "аааа", "ааа"])
        #expect(DisplayWidth.wrap("王伟", to: 1) == ["王", "伟"])
    }

    @Test func gridPlacesWideCharactersInTwoCells() {
        var grid = Grid(size: Size(width: 10, height: 1))
        let end = grid.put("王a", x: 0, y: 0)
        #expect(end == 3)
        #expect(grid[1, 0].isContinuation)
        #expect(grid.text == "王a")
    }
}

@Suite struct CompactCountTests {
    @Test func countsFitFourColumns() {
        #expect(L10n.english.compact(nil) == "…")
        #expect(L10n.english.compact(987) == "987")
        #expect(L10n.english.compact(3_456) == "3.4k")
        #expect(L10n.english.compact(9_999) == "9.9k")
        #expect(L10n.english.compact(219_347) == "219k")
        #expect(L10n.english.compact(1_000_000) == "1.0M")
        #expect(L10n.english.compact(12_345_678) == "12M")
    }
}
