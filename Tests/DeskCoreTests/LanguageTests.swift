import DeskCore
import Testing

@Suite struct LanguageTests {
    /// 0–30 and 100–125, as the CLDR rule for Russian has them (one: 1, 21, 101, 121; few:
    /// 2–4, 22–24, 102–104, 122–124; many: the rest, 11–14 and 111–114 included).
    @Test func russianPluralForms() {
        let forms = ("обращение", "обращения", "обращений")
        let expected: [Int: String] = [
            0: "обращений", 1: "обращение", 2: "обращения", 3: "обращения", 4: "обращения", 5: "обращений",
            6: "обращений", 7: "обращений", 8: "обращений", 9: "обращений", 10: "обращений", 11: "обращений",
            12: "обращений", 13: "обращений", 14: "обращений", 15: "обращений", 16: "обращений", 17: "обращений",
            18: "обращений", 19: "обращений", 20: "обращений", 21: "обращение", 22: "обращения", 23: "обращения",
            24: "обращения", 25: "обращений", 26: "обращений", 27: "обращений", 28: "обращений", 29: "обращений",
            30: "обращений",
            100: "обращений", 101: "обращение", 102: "обращения", 103: "обращения", 104: "обращения", 105: "обращений",
            106: "обращений", 107: "обращений", 108: "обращений", 109: "обращений", 110: "обращений", 111: "обращений",
            112: "обращений", 113: "обращений", 114: "обращений", 115: "обращений", 116: "обращений", 117: "обращений",
            118: "обращений", 119: "обращений", 120: "обращений", 121: "обращение", 122: "обращения", 123: "обращения",
            124: "обращения", 125: "обращений",
        ]
        for (n, word) in expected {
            #expect(Language.ru.plural(n, ("case", "cases"), forms) == word, "\(n)")
        }
        #expect(Language.en.count(1, ("case", "cases"), forms) == "1 case")
        #expect(Language.en.count(0, ("case", "cases"), forms) == "0 cases")
    }

    @Test func theLanguageIsChosenFlagFirstThenConfigThenLocaleVariables() {
        #expect(Language.choose(flag: "ru", config: "en", environment: ["LANG": "C.UTF-8"]) == .ru)
        #expect(Language.choose(flag: nil, config: "ru", environment: ["LANG": "C.UTF-8"]) == .ru)
        #expect(Language.choose(environment: ["LANG": "ru_RU.UTF-8"]) == .ru, "a locale not generated here still counts")
        #expect(Language.choose(environment: ["LC_ALL": "C.UTF-8", "LANG": "ru_RU.UTF-8"]) == .en, "LC_ALL comes first")
        #expect(Language.choose(environment: ["LC_MESSAGES": "ru_RU.KOI8-R", "LANG": "en_US.UTF-8"]) == .ru)
        #expect(Language.choose(environment: ["LANGUAGE": "ru"]) == .ru)
        #expect(Language.choose(environment: ["LC_ALL": "", "LANG": "ru_UA.UTF-8"]) == .ru, "an empty variable is not set")
        #expect(Language.choose(environment: ["LANG": "de_DE.UTF-8"]) == .en)
        #expect(Language.choose(environment: [:]) == .en)
    }
}
