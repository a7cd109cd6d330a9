import DeskCore
import Foundation
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

    /// A text returned as it is (nothing to replace) and one rebuilt scalar by scalar agree
    /// with replacing each scalar alone, whatever the mix.
    @Test func aCleanTextIsKeptAndADirtyOneIsCleanedAlike() {
        let pieces: [Unicode.Scalar] = ["a", "Ж", "ё", "\u{1B}", "\t", "\n", "\r", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}",
                                        "\u{2028}", "\u{2029}", "\u{200E}", "\u{200F}", "\u{200D}", "\u{061C}", "\u{202A}",
                                        "\u{202E}", "\u{202F}", "\u{2066}", "\u{2069}", "\u{206A}", "\u{2027}", "👍", "\u{301}"]
        var rng = SeededRandom(seed: 3)
        var cleaned = 0, kept = 0
        for _ in 0..<3_000 {
            let scalars = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
            let text = String(String.UnicodeScalarView(scalars))
            let oneByOne = scalars.map { UntrustedText.line(String(String.UnicodeScalarView([$0]))) }.joined()
            let line = UntrustedText.line(text)
            #expect(line.unicodeScalars.elementsEqual(oneByOne.unicodeScalars), "\(text.debugDescription)")
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            if line.unicodeScalars.elementsEqual(text.unicodeScalars) { kept += 1 } else { cleaned += 1 }
        }
        #expect(kept > 100 && cleaned > 100)
    }

    @Test func linesSplitAndStaySafe() {
        #expect(UntrustedText.lines("a\r\nb\nc\u{0D}") == ["a", "b", "c␍"])
        #expect(UntrustedText.line("a\nb") == "a␊b")
    }
}
