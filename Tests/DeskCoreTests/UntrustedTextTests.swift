import DeskCore
import Testing

@Suite struct UntrustedTextTests {
    @Test func escapeSequencesBecomeVisible() {
        let evil = "Иван\u{1B}[2J\u{1B}]0;pwned\u{07}"
        let safe = UntrustedText.line(evil)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(safe == "Иван␛[2J␛]0;pwned␇")
    }

    @Test func bidiAndC1ControlsAreReplaced() {
        let safe = UntrustedText.line("abc\u{202E}def\u{9B}31m")
        #expect(safe == "abc\u{FFFD}def\u{FFFD}31m")
    }

    @Test func linesSplitAndStaySafe() {
        #expect(UntrustedText.lines("a\r\nb\nc\u{0D}") == ["a", "b", "c␍"])
        #expect(UntrustedText.line("a\nb") == "a␊b")
    }
}
