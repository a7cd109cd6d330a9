import Foundation

/// The language a person reads: the console, the command line's messages, the report.
/// Stored values, exported codes, keymap action names and JSON keys stay English codes in
/// every language; only what is shown is translated.
public enum Language: String, CaseIterable, Sendable {
    case en, ru

    /// `--lang` first, then `language` in the config, then the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG`, `LANGUAGE` that is set: Russian when it starts with `ru`.
    /// Read from the variables, not from the C library's locale, so that it works on a
    /// machine where the Russian locale is not generated. Anything else is English.
    public static func choose(flag: String? = nil, config: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        if let flag, let language = Language(code: flag) { return language }
        if let config, let language = Language(code: config) { return language }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("ru") ? .ru : .en
        }
        return .en
    }

    /// `ru`, `RU`, `ru_RU.UTF-8`, `russian`; `en`, `english`, `C`.
    public init?(code: String) {
        let lower = code.lowercased()
        if lower.hasPrefix("ru") { self = .ru } else if lower.hasPrefix("en") || lower == "c" || lower == "posix" { self = .en } else { return nil }
    }

    /// The text in this language: both are always given, so a missing translation does not build.
    @inlinable
    public func pick(_ en: @autoclosure () -> String, _ ru: @autoclosure () -> String) -> String {
        switch self {
        case .en: en()
        case .ru: ru()
        }
    }

    /// The word for `n` things: English one/other; Russian by the CLDR rule (1 обращение,
    /// 2 обращения, 5 обращений; 11–14 many; 21 one, 22 few, 25 many; 111, 112 many).
    public func plural(_ n: Int, _ en: (one: String, other: String), _ ru: (one: String, few: String, many: String)) -> String {
        switch self {
        case .en: return n == 1 ? en.one : en.other
        case .ru: return Language.russianForm(n, ru)
        }
    }

    /// `n` and its word: "3 cases", "3 обращения".
    public func count(_ n: Int, _ en: (one: String, other: String), _ ru: (one: String, few: String, many: String)) -> String {
        "\(n) " + plural(n, en, ru)
    }

    static func russianForm(_ n: Int, _ forms: (one: String, few: String, many: String)) -> String {
        let n = n.magnitude
        let ten = n % 10, hundred = n % 100
        if ten == 1 && hundred != 11 { return forms.one }
        if (2...4).contains(ten) && !(12...14).contains(hundred) { return forms.few }
        return forms.many
    }

    /// The locale for dates, numbers and money (Foundation formats these correctly on
    /// Linux with an explicit locale, whatever the machine's locale is).
    public var locale: Locale { Locale(identifier: self == .ru ? "ru_RU" : "en_GB") }
}
