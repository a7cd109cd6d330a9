@testable import DeskCore
import Testing

/// The sender's text and the quoted earlier text below it, exactly: the split runs on every
/// received message, so it is written for speed (UTF-8 lines), and these pin what it does.
@Suite struct QuotedTailTests {
    private func split(_ s: String) -> [String] { let r = QuotedTail.split(s); return [r.text, r.quoted] }

    @Test func aQuoteBelowTheAnswerIsCutOffWithItsAttribution() {
        #expect(split("Спасибо!\n\nВ письме от 3 мая Магазин написал:\n> Ваш заказ передан\n>\n> курьеру\n\n")
                == ["Спасибо!", "В письме от 3 мая Магазин написал:\n> Ваш заказ передан\n>\n> курьеру"])
        #expect(split("Thanks\r\nOn Mon, 3 May 2026 Shop\r\n<s@x> wrote:\r\n> text\r\n")
                == ["Thanks\nOn Mon, 3 May 2026 Shop", "<s@x> wrote:\n> text"])
        #expect(split("  Hi  \n\u{00A0}\n  > q  ") == ["  Hi", "  > q"])
    }

    @Test func onlyTheQuoteAtTheEndIsCut() {
        #expect(split("> вопрос\nответ\n> ещё вопрос\n") == ["> вопрос\nответ", "> ещё вопрос"])
        #expect(split("> only a quote\n") == ["> only a quote", ""])
    }

    @Test func outlooksSeparatorStartsTheQuote() {
        #expect(split("Ответ\n\n-----Original Message-----\nFrom: a\nтекст\n") == ["Ответ", "-----Original Message-----\nFrom: a\nтекст"])
        #expect(split("Ответ\n  -------- Пересылаемое сообщение --------\nтекст") == ["Ответ", "  -------- Пересылаемое сообщение --------\nтекст"])
    }

    @Test func textWithoutAQuoteIsTrimmedOnly() {
        #expect(split("\n\n  Привет, мир \t\nвторая строка  \n\n") == ["  Привет, мир\nвторая строка", ""])
        #expect(split("") == ["", ""])
        #expect(split("e\u{301}\n> q") == ["e\u{301}", "> q"])
    }
}
