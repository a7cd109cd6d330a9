import DeskCore
@testable import DeskUI
import DeskTestSupport
import Foundation
import Testing

/// Every screen and prompt of the working loop, whole, at 80×24 and 120×40, on the fixture
/// desk (`Fixtures.desk`). `CDESK_RECORD_GOLDEN=1 swift test --filter GoldenScreen` records.
@Suite(.serialized) struct GoldenScreenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    /// A console on the desk at `size`, after `steps`.
    static func console(_ size: Size, language: Language = .en, _ steps: @Sendable (Console) -> Void = { _ in }) throws -> Console {
        _ = Golden.utc
        let console = ConsoleTests.console(try Fixtures.desk(), width: size.width, height: size.height, language: language)
        steps(console)
        console.settle()
        return console
    }

    static func name(_ scene: String, _ size: Size) -> String { "\(scene)-\(size.width)x\(size.height)" }

    /// Opens ticket `id` from the All view.
    static func open(_ id: String) -> @Sendable (Console) -> Void {
        { console in
            ConsoleTests.press(console, .viewAll)
            for _ in 0..<20 where console.state.queue.selectedRow?.id != id { ConsoleTests.press(console, .moveDown) }
            ConsoleTests.press(console, .openTicket)
        }
    }

    static let scenes: [(String, @Sendable (Console) -> Void)] = [
        ("queue-open", { _ in }),
        ("queue-follow-ups", { ConsoleTests.press($0, .viewFollowUps) }),
        ("queue-resolved", { ConsoleTests.press($0, .viewResolved) }),
        ("ticket-open", open("T4")),
        ("ticket-overdue", open("T1")),
        ("ticket-resolved", open("T8")),
        ("ticket-history", { open("T4")($0); ConsoleTests.press($0, .toggleHistory) }),
        ("help-queue", { ConsoleTests.press($0, .help) }),
        ("help-ticket", { open("T4")($0); ConsoleTests.press($0, .help) }),
        ("prompt-discount", { open("T4")($0); ConsoleTests.press($0, .compensateDiscount) }),
        ("prompt-free-delivery", { ConsoleTests.press($0, .compensateFreeDelivery) }),
        ("prompt-bonus", { ConsoleTests.press($0, .compensateBonus) }),
        ("prompt-apology", { ConsoleTests.press($0, .compensateApology) }),
        ("prompt-resolve", { open("T4")($0); ConsoleTests.press($0, .ticketResolve) }),
        ("prompt-fault", { ConsoleTests.press($0, .setFault) }),
        ("prompt-recovery", { ConsoleTests.press($0, .viewFollowUps); ConsoleTests.press($0, .setRecovery) }),
        ("prompt-search", { console in
            ConsoleTests.press(console, .search)
            for c in "стул" { console.handle(.char(c)) }
            console.runPendingSearch()
        }),
        ("prompt-filter", { ConsoleTests.press($0, .filter) }),
        ("prompt-export", { ConsoleTests.press($0, .viewResolved); ConsoleTests.press($0, .exportCases) }),
        ("report", { ConsoleTests.press($0, .showReport) }),
        ("prompt-suggestion-again", { open("T4")($0); ConsoleTests.press($0, .takeSuggestion) }),
        ("prompt-error", { console in
            open("T4")(console)
            ConsoleTests.press(console, .ticketResolve)
            for c in "compensated 7" { console.handle(.char(c)) }
            ConsoleTests.press(console, .promptAccept)
        }),
    ]

    @Test(arguments: scenes.map(\.0))
    func screen(_ scene: String) throws {
        let steps = try #require(Self.scenes.first { $0.0 == scene }?.1)
        for size in Self.sizes {
            let console = try Self.console(size, steps)
            Golden.check(console.render(), Self.name(scene, size))
        }
    }

    /// The same screens in Russian (`ru-` golden files).
    @Test(arguments: scenes.map(\.0))
    func screenInRussian(_ scene: String) throws {
        let steps = try #require(Self.scenes.first { $0.0 == scene }?.1)
        for size in Self.sizes {
            let console = try Self.console(size, language: .ru, steps)
            Golden.check(console.render(), "ru-" + Self.name(scene, size))
        }
    }

    /// A few screens with their styles (`.styles` golden files): the selection bar, the
    /// priority and SLA marks, the report's meters, the help's legend.
    @Test(arguments: ["queue-open", "ticket-overdue", "report", "help-queue", "prompt-resolve"])
    func screenWithStyles(_ scene: String) throws {
        let steps = try #require(Self.scenes.first { $0.0 == scene }?.1)
        let console = try Self.console(Self.sizes[0], steps)
        Golden.check(console.render(), Self.name(scene, Self.sizes[0]) + ".styles", styled: true)
    }

    /// From 80×24 to 200×60 and back: every screen is drawn whole at the large size and
    /// comes back exactly as it was.
    @Test(arguments: scenes.map(\.0))
    func resizeAndBack(_ scene: String) throws {
        let steps = try #require(Self.scenes.first { $0.0 == scene }?.1)
        let console = try Self.console(Self.sizes[0], steps)
        let before = Golden.text(console.render())
        console.resize(to: Size(width: 200, height: 60))
        console.settle()
        let large = console.render()
        #expect(large.size == Size(width: 200, height: 60))
        #expect(!large.lines[0].trimmingCharacters(in: .whitespaces).isEmpty, "the title is drawn at 200×60")
        console.resize(to: Self.sizes[0])
        console.settle()
        #expect(Golden.text(console.render()) == before)
    }
}
