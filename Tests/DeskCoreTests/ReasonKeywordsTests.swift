@testable import DeskCore
import Testing

/// The reason of a new mail complaint, from the config's words (folded once, matched on bytes).
@Suite struct ReasonKeywordsTests {
    @Test func theReasonWithMostWordsWinsTheSubjectCountingDouble() {
        let k = ReasonKeywords.standard
        #expect(k.guess(subject: "ЗАДЕРЖКА заказа, до сих пор жду", text: "Стул сломан") == .deliveryDelay)
        #expect(k.guess(subject: "Вопрос", text: "Стул сломан, ножка с браком, задержали") == .productQuality)
        #expect(k.guess(subject: "Hello", text: "The kettle is Broken") == .productQuality)
        #expect(k.guess(subject: "Привет", text: "всё хорошо") == .other)
        #expect(k.guess(subject: "", text: "Опять перепутали!") == .wrongItem, "a word matches a word's beginning")
    }

    @Test func changedWordsAreUsed() {
        var k = ReasonKeywords.standard
        k.words[.misuse] = ["ёлка"]
        #expect(k.guess(subject: "Елка не горит", text: "") == .misuse)
        #expect(k == { var c = ReasonKeywords.standard; c.words[.misuse] = ["ёлка"]; return c }())
        #expect(k != .standard)
    }
}
