@testable import DeskCore
import Foundation
import Testing

/// What the core says (import problems, store errors, the desk's notes, mail failures) is a
/// typed value said in the reader's language: Russian with no English word, English with no
/// Russian one. Codes, column names, file names and values from a file stay as they are.
@Suite struct RussianMessagesTests {
    /// Latin words of three letters or more that are not codes: what an agent reading
    /// Russian would not understand.
    static func english(_ text: String) -> [String] {
        var codes: Set<String> = ["csv", "jsonl", "UTF", "JSON", "CSV", "Lines", "ISO", "true", "false", "windows", "encoding",
                                  "Excel", "cdesk", "demo", "import", "dry", "run", "store", "tmp", "desk", "sqlite", "Return",
                                  "Path", "Auto", "Submitted", "auto", "replied", "smtp", "user", "unknown", "olga", "anna", "yes",
                                  "shop", "example", "mailer", "daemon", "sendmail", "pdf"]
        for kind in ImportKind.allCases { codes.insert(kind.rawValue); codes.formUnion(kind.columns.flatMap { $0.split(separator: "_").map(String.init) }) }
        codes.formUnion(Tier.allCases.map(\.rawValue) + TicketStatus.allCases.map(\.rawValue) + Resolution.allCases.map(\.rawValue))
        codes.formUnion(["gold", "nev", "never", "placed", "created", "order"])
        return text.split { !($0.isASCII && $0.isLetter) }.map(String.init).filter { $0.count >= 3 && !codes.contains($0) }
    }

    static func russian(_ text: String) -> Bool { text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }

    static let reasons: [ImportProblem.Reason] = [
        .noSuchFile, .isDirectory, .cannotReadFile, .noHeader(expected: ImportKind.orders.columns), .repeatedInHeader,
        .unknownColumn(near: "customer_id", kind: .orders), .unknownColumn(near: nil, kind: .customers), .missingColumn,
        .fieldCount(found: 3, header: 8, quoteOpen: true), .fieldCount(found: 9, header: 8, quoteOpen: false),
        .invalidUTF8(suggestWindows1251: true), .invalidUTF8(suggestWindows1251: false), .notJSONObject(trailingComma: true),
        .notJSONObject(trailingComma: false), .expectedFlag(shown: "\"yes\""), .expectedTextOrNumber(shown: "true"), .expectedScalar,
        .nulCharacter, .required, .unknownValue("gold", expected: Tier.allCases.map(\.rawValue)), .badDate("never"),
        .badAmount("12.x"), .amountTooLarge("99999999999.00", maximum: "1000000000.00"), .badNumber("-1"), .badFlag("2"),
        .badSatisfaction("9"), .before(column: "placed_at", at: "2026-01-01T00:00:00Z"), .givenButStatus(.open),
        .givenWithoutResolution, .amountNotFor(.explained), .repeatedID("C1", firstLine: 2),
        .notInStore(what: "customer", id: "C9"), .notInStore(what: "order", id: "O9"), .notInStore(what: "ticket", id: "T9"),
        .orderOfOtherCustomer(order: "O1", owner: "C1", customer: "C2", stored: true),
        .orderOfOtherCustomer(order: "O1", owner: "C1", customer: "C2", stored: false), .ticketNotWritten("T1"),
        .afterFirstAnswer(at: "2026-01-01T00:00:00Z"), .beforeTicket("T1", created: "2026-01-01T00:00:00Z"), .storeRefused,
        .store(.busy(tries: 3)),
    ]

    static let storeErrors: [StoreError] = [
        .cannotCreateFolder(path: "/tmp/x", reason: "Нет доступа"), .cannotOpen(path: "/tmp/x", reason: "Нет доступа"),
        .newerStore(path: "/tmp/desk.sqlite"), .notFound(what: "ticket", id: "T1"),
        .conflict(ticketID: "T1", by: "olga", what: "resolve"), .conflict(ticketID: "T1", by: "olga", what: "set-fault"),
        .conflict(ticketID: "T1", by: "olga", what: "approval-request"), .conflict(ticketID: "T1", by: "olga", what: "some-new-code"),
        .alreadyDone(ticketID: "T1", status: .resolved), .notResolvedYet(ticketID: "T1"),
        .notEmpty(path: "/tmp/desk.sqlite", incompleteDemo: true), .notEmpty(path: "/tmp/desk.sqlite", incompleteDemo: false),
        .cannotPlaceDemo(path: "/tmp/desk.sqlite", reason: nil), .cannotPlaceDemo(path: "/tmp/desk.sqlite", reason: "Нет места"),
        .cannotWrite(path: "/tmp/a.pdf", reason: "Нет доступа"), .tooManyFiles(name: "a.pdf", folder: "/tmp"), .noSender,
        .readOnly(path: "/tmp/desk.sqlite"), .readOnly(path: nil), .busy(tries: 1), .busy(tries: 4), .damaged, .diskFull,
        .unreadable, .failed(code: 1),
    ]

    @Test func importProblemsAreSaidInEitherLanguage() {
        for reason in Self.reasons {
            let problem = ImportProblem(file: "/tmp/c.csv", line: 2, column: "tier", reason: reason)
            let ru = problem.text(.ru), en = problem.text(.en)
            #expect(Self.english(ru).isEmpty, "English in: \(ru)")
            #expect(!Self.russian(en), "Russian in: \(en)")
            #expect(problem.description == en && ru.hasPrefix("/tmp/c.csv:2: tier: "))
        }
        #expect(ImportProblem.Reason.unknownValue("gold", expected: ["regular", "loyal", "vip"]).text(.en)
                == "unknown value 'gold' (expected one of regular, loyal, vip)", "the English stays as it was")
    }

    @Test func storeErrorsAreSaidInEitherLanguage() {
        for error in Self.storeErrors {
            let ru = error.text(.ru), en = error.text(.en)
            #expect(Self.english(ru).isEmpty, "English in: \(ru)")
            // The OS's own words are passed through; the desk's are English.
            #expect(!Self.russian(en.replacingOccurrences(of: "Нет доступа", with: "").replacingOccurrences(of: "Нет места", with: "")),
                    "Russian in: \(en)")
            #expect(error.description == en)
        }
        #expect(StoreError.conflict(ticketID: "T1", by: "olga", what: "resolve").text(.ru).contains("решил(а) обращение"),
                "the other agent's action in words, not its code")
    }

    @Test func theDesksNotesReadBackTypedAndInRussian() {
        let notes: [SystemNote] = [
            .requested(agent: "olga", gift: Playbook.Gift(.bonus, 900), reason: "third broken chair: she is upset"),
            .approved(lead: "anna", gift: Playbook.Gift(.discount, 25), agent: "olga", promoCode: "CD-ABCD-EF"),
            .approved(lead: "anna", gift: Playbook.Gift(.apology), agent: "olga", promoCode: nil),
            .declined(lead: "anna", gift: Playbook.Gift(.bonus, 900), agent: "olga"),
            .delivery(failed: true, reason: "anna@x.ru: 5.1.1 (smtp; 550 5.1.1 user unknown)", about: "a1@x"),
            .delivery(failed: false, reason: "mailbox full", about: nil),
            .autoReply(why: "Auto-Submitted: auto-replied", from: "a@b.c", rest: "Out of office\n\nBack on Monday"),
        ]
        for note in notes {
            #expect(SystemNote.parse(note.stored) == note, "\(note.stored)")
        }
        #expect(SystemNote.delivery(failed: true, reason: "r", about: "m@x").stored == "Delivery failed: r\n(about the message <m@x>)",
                "the stored sentence of earlier versions")
        #expect(SystemNote.requested(agent: "olga", gift: Playbook.Gift(.bonus, 900), reason: "why").stored
                == "olga asked a lead for bonus 900: why")
        #expect(SystemNote.parse("Привет, я заказала стул") == nil)
        #expect(SystemNote.parse("olga asked a lead for a refund") == nil)
    }

    @Test func mailFailuresKeepTheServersWordsAndSayTheDesksInRussian() {
        #expect(MailFailureReason.text("not sent in 48 hours: no such user", .ru) == "не отправлено за 48 ч: no such user")
        #expect(MailFailureReason.text("not sent in 48 hours: exit 1", .ru) == "не отправлено за 48 ч: код выхода 1")
        #expect(MailFailureReason.text("exit 75 (try again later)", .ru) == "код выхода 75 (повторить позже)")
        #expect(MailFailureReason.text("cannot run sendmail -t: No such file", .ru) == "не удалось запустить sendmail -t: No such file")
        #expect(MailFailureReason.text("not sent in 48 hours: no such user", .en) == "not sent in 48 hours: no such user")
    }

    /// A config's mistakes, as a lead meets them editing `config.toml` or `cdesk policy set`.
    @Test func configMistakesAreSaidInEitherLanguage() {
        let texts = ["language = \"de\"\n", "theme = \"pink\"\n", "timezone = \"Mars/Olympus\"\n", "colour = 1\n",
                     "[compensation.discount]\ndefault = 30\nagent_limit = 10\n", "[sla.high]\nfirst_response_hours = 0\n",
                     "[[playbook]]\nreason = \"weather\"\n", "[[playbook]]\ngive = [\"cake 3\"]\n", "[mail]\nfrom = \"nobody\"\n",
                     "[mail]\nsend_command = \" \"\n", "[vip]\nextra = 1\n", "[$]\n", "a = = 1\n", "[sla.never]\n"]
        let keys: Set<String> = ["language", "theme", "timezone", "colour", "compensation", "discount", "default", "agent",
                                 "limit", "maximum", "sla", "high", "first", "response", "hours", "resolution", "playbook",
                                 "reason", "weather", "give", "cake", "mail", "from", "send", "command", "vip", "extra",
                                 "keymap", "currency", "recovery", "window", "days", "signature", "apology", "opens", "reply",
                                 "colors", "dark", "light", "auto", "Europe", "Moscow", "UTC", "toml", "TOML", "bonus",
                                 "free", "delivery", "shop", "example", "support", "never", "urgent", "normal", "low", "step",
                                 "factor", "retry", "max", "attachment", "reasons", "why", "fault", "CDESK", "CONFIG", "target", "percent"]
        for text in texts {
            do {
                _ = try DeskConfig.parse(text, file: "c.toml")
                Issue.record("\(text) is refused")
            } catch let error as ConfigError {
                let ru = error.text(.ru), en = error.text(.en)
                let english = Self.english(ru).filter { !keys.contains($0) }
                #expect(english.isEmpty, "English in: \(ru)")
                #expect(!Self.russian(en.replacingOccurrences(of: "Магазин", with: "").replacingOccurrences(of: "задерж", with: "")),
                        "Russian in: \(en)")
                #expect(error.description == en)
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
    }
}
