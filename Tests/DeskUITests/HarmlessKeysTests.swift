import DeskCore
@testable import DeskUI
import DeskTestSupport
import Foundation
import Testing

/// Keys that must never hurt a customer: undo of everything in order, an undo that would
/// take back a code a reply gave, reopen and undo, the suggestion given twice, a reply that
/// still holds its placeholder; and prompts that read what the agent means.
@Suite struct HarmlessKeysTests {
    func type(_ console: Console, _ text: String) {
        for c in text { console.handle(.char(c)) }
    }

    func open(_ console: Console, _ id: String) {
        if console.state.page != .queue { ConsoleTests.press(console, .back) }
        ConsoleTests.press(console, .viewAll)
        for _ in 0..<20 where console.state.queue.selectedRow?.id != id { ConsoleTests.press(console, .moveDown) }
        #expect(console.state.queue.selectedRow?.id == id)
        ConsoleTests.press(console, .openTicket)
    }

    /// Every change of the session is undone, newest first: w, resolve, F, t.
    @Test func undoTakesBackEveryChangeInReverseOrder() throws {
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store)
        open(console, "T2")
        let before = try #require(try store.ticketDetail(id: "T2"))
        ConsoleTests.press(console, .ticketTake)
        ConsoleTests.press(console, .setFault)
        type(console, "carrier")
        ConsoleTests.press(console, .promptAccept)
        ConsoleTests.press(console, .ticketResolve)
        type(console, "explained")
        ConsoleTests.press(console, .promptAccept)
        ConsoleTests.press(console, .setRecovery)
        type(console, "offered +3d")
        ConsoleTests.press(console, .promptAccept)
        #expect(try store.ticketDetail(id: "T2")?.recovery?.state == .offered)
        for expected in ["win-back change", "resolve", "fault", "take"] {
            ConsoleTests.press(console, .undo)
            #expect(console.state.message?.text == "#T2: undid \(expected)")
        }
        let after = try #require(try store.ticketDetail(id: "T2"))
        #expect(after.ticket.status == before.ticket.status && after.ticket.assignee == nil && after.ticket.fault == .unknown)
        #expect(after.ticket.resolvedAt == nil && after.outcome == nil && after.recovery == nil)
        ConsoleTests.press(console, .undo)
        #expect(console.state.message?.text == "nothing of yours to undo in this session")
    }

    /// A closed ticket reopened and the reopen undone comes back exactly: status, time,
    /// outcome (who, when, satisfaction) and the win-back state the agent had set.
    @Test func reopenThenUndoRestoresExactly() throws {
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store)
        open(console, "T7")
        let before = try #require(try store.ticketDetail(id: "T7"))
        #expect(before.ticket.status == .closed && before.recovery?.state == .atRisk)
        ConsoleTests.press(console, .ticketReopen)
        #expect(try store.ticketDetail(id: "T7")?.ticket.status == .open)
        ConsoleTests.press(console, .undo)
        let after = try #require(try store.ticketDetail(id: "T7"))
        #expect(after.ticket.status == .closed)
        #expect(after.ticket.resolvedAt == before.ticket.resolvedAt)
        #expect(after.outcome == before.outcome)
        #expect(after.recovery == before.recovery)
        #expect(after.ticket.version == before.ticket.version + 2)
    }

    /// d, then a reply quoting the code, then u: the undo names the code and asks; yes
    /// revokes it, no keeps it and the next undo goes on to the change before.
    @Test func undoAfterAReplyThatGaveTheCodeAsks() throws {
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store)
        open(console, "T2")
        for answer: Character in ["д", "n"] {
            ConsoleTests.press(console, .compensateDiscount)
            ConsoleTests.press(console, .promptAccept)
            let given = try #require(try store.ticketDetail(id: "T2")?.compensations.first)
            let code = try #require(given.promoCode)
            let version = try #require(try store.ticketDetail(id: "T2")?.ticket.version)
            console.state.editing = EditRequest(isNote: false, ticketID: "T2", version: version, draft: "")
            console.finishEditing("Hello! Your code is \(code).")
            #expect(try store.ticketDetail(id: "T2")?.messages.last?.body.contains(code) == true)
            ConsoleTests.press(console, .undo)
            let prompt = try #require(console.state.prompt)
            #expect(prompt.purpose == .confirmUndo)
            #expect(prompt.detail?.contains(code) == true)
            console.handle(.char("x"))
            #expect(console.state.message?.text == "answer y or n (д or н on a Russian layout); Esc is no")
            #expect(console.state.prompt != nil, "only y n д н answer")
            console.handle(.char(answer))
            let state = try store.ticketDetail(id: "T2")?.compensations.first { $0.promoCode == code }?.state
            #expect(state == (answer == "д" ? .revoked : .offered))
        }
        ConsoleTests.press(console, .undo)
        #expect(console.state.message?.text == "nothing of yours to undo in this session")
    }

    /// Taking a new ticket opens it; undoing the take makes it new and nobody's again.
    @Test func undoOfATakePutsBackANewTicketsStatus() throws {
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store)
        open(console, "T3")
        ConsoleTests.press(console, .ticketTake)
        #expect(try store.ticketDetail(id: "T3")?.ticket.status == .open)
        ConsoleTests.press(console, .undo)
        let t3 = try #require(try store.ticketDetail(id: "T3")).ticket
        #expect(t3.status == .new && t3.assignee == nil)
    }

    /// c gives the suggestion once; again, or after a bigger discount by hand, it asks.
    @Test func theSuggestionIsGivenOnce() throws {
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store)
        open(console, "T3")
        ConsoleTests.press(console, .takeSuggestion)
        let given = try #require(try store.ticketDetail(id: "T3")?.compensations.count)
        #expect(given > 0)
        #expect(console.render().text.contains("Given as suggested:"), "the suggestion line reads as given")
        ConsoleTests.press(console, .takeSuggestion)
        #expect(console.state.prompt?.purpose == .confirmSuggestion)
        ConsoleTests.press(console, .promptAccept)  // Enter is no
        #expect(try store.ticketDetail(id: "T3")?.compensations.count == given)

        open(console, "T2")
        ConsoleTests.press(console, .compensateDiscount)
        type(console, "15")
        ConsoleTests.press(console, .promptAccept)
        ConsoleTests.press(console, .takeSuggestion)
        #expect(console.state.prompt?.detail == "already given on this complaint: discount 15%")
        console.handle(.char("y"))
        #expect(try store.ticketDetail(id: "T2")?.compensations.count == 2)
    }

    /// A reply still holding the template's placeholder is never sent; yes opens it again
    /// as written, no keeps it for the next r.
    @Test func aPlaceholderIsNeverSent() throws {
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store)
        open(console, "T4")
        ConsoleTests.press(console, .writeReply)
        let draft = try #require(console.state.editing?.draft)
        #expect(draft.contains(ReplyTemplates.placeholder(.russian)))
        #expect(draft.hasSuffix("С уважением,\nolga\nСлужба заботы о клиентах\n"))
        let written = draft.replacingOccurrences(of: "Здравствуйте", with: "Добрый день")
        console.finishEditing(written)
        #expect(console.state.prompt?.purpose == .placeholderLeft(written))
        console.handle(.char("y"))
        #expect(console.state.editing?.draft == written, "the editor opens again on what was written")
        console.finishEditing(written)
        console.handle(.char("n"))
        #expect(try store.ticketDetail(id: "T4")?.messages.count == 3, "nothing was sent")
        ConsoleTests.press(console, .writeReply)
        #expect(console.state.editing?.draft == written, "the next reply starts from it")
    }

    /// The reply's language follows what the customer wrote, then the name.
    @Test func theReplyFollowsTheCustomersLanguage() throws {
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store)
        open(console, "T5")  // Владимир Степанов, who writes in English
        ConsoleTests.press(console, .writeReply)
        #expect(console.state.editing?.draft.hasPrefix("Hello Владимир,") == true)
    }

    @Test func aTypedWordReplacesAPrefilledValueAndASpaceGoesOn() throws {
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .viewFollowUps)
        ConsoleTests.press(console, .setRecovery)
        #expect(console.state.prompt?.text == "contacted +7d" && console.state.prompt?.prefilled == true)
        type(console, "offered +3d")
        #expect(console.state.prompt?.text == "offered +3d")
        ConsoleTests.press(console, .promptCancel)
        ConsoleTests.press(console, .viewOpen)
        ConsoleTests.press(console, .ticketResolve)
        type(console, " 5")
        #expect(console.state.prompt?.text == "explained 5")
        ConsoleTests.press(console, .promptErase)
        ConsoleTests.press(console, .promptErase)
        #expect(console.state.prompt?.text == "explained")
    }

    @Test func tabCompletesOutcomesFaultsAndStatesInAnyCase() throws {
        let store = try Fixtures.desk()
        let console = ConsoleTests.console(store)
        ConsoleTests.press(console, .ticketResolve)
        type(console, "CO")
        ConsoleTests.press(console, .promptComplete)
        #expect(console.state.prompt?.text == "compensated ")
        ConsoleTests.press(console, .promptCancel)
        ConsoleTests.press(console, .setFault)
        type(console, "c")
        ConsoleTests.press(console, .promptComplete)
        #expect(console.state.prompt?.text == "c" && console.state.message?.text == "carrier  customer")
        type(console, "a")
        ConsoleTests.press(console, .promptComplete)
        #expect(console.state.prompt?.text == "carrier ")
        ConsoleTests.press(console, .promptAccept)
        #expect(try store.ticketDetail(id: "T1")?.ticket.fault == .carrier)
    }

    @Test func theHelpListsEveryKeyAndScrolls() throws {
        let console = ConsoleTests.console(try Fixtures.desk())
        ConsoleTests.press(console, .help)
        let first = console.render().text
        #expect(first.contains("↓ 32 more"))
        var seen = first
        for _ in 0..<40 { console.handle(.char("j")); seen += console.render().text }
        let last = console.render().text
        for key in ["s ", "= ", "X ", "R ", "d ", "f ", "b ", "a ", "c ", "e ", "t ", "E ", "F ", "u ", "w ", "n ", "r ", "0 ", "A ", "D "] {
            #expect(seen.contains("  " + key), "\(key)is listed")
        }
        #expect(last.contains("Colours and marks") && last.contains("priority urgent"), "the colours' legend ends the help")
        for mark in ["✗  ", "•  ", "9h  ", "2h  ", "!3d  "] { #expect(last.contains(mark), "\(mark)is explained") }
        #expect(last.contains("SLA time left: plain while over a quarter of it is left"), "plain and amber SLA cells told apart")
        #expect(last.contains("any key closes this help"))
        console.handle(.char("x"))
        #expect(!console.state.showingHelp)
    }

    /// Wide enough, the legend stands beside the keys, whole, and nothing scrolls; the
    /// ticket's legend says what the thread's colours are.
    @Test func onAWideTerminalTheLegendStandsBesideTheKeys() throws {
        let console = ConsoleTests.console(try Fixtures.desk(), width: 160, height: 48)
        ConsoleTests.press(console, .help)
        let lines = console.render().lines
        #expect(lines.contains { $0.hasPrefix("  q  ") && $0.contains("Colours and marks") }, "the legend's title beside the first key")
        #expect(lines.contains { $0.contains("Next ticket / scroll down") && $0.contains("priority high") })
        #expect(console.render().text.contains("any key closes this help"), "no more to scroll to")
        #expect(HelpOverlay.maxScroll(console.state, keymap: console.keymap) == 0)
        console.handle(.char("x"))
        ConsoleTests.press(console, .openTicket)
        ConsoleTests.press(console, .help)
        let ticket = console.render().text
        for meaning in ["the customer: their name and messages", "an internal note", "an agent's reply", "met or done well"] {
            #expect(ticket.contains(meaning), "\(meaning) in the ticket's legend")
        }
    }
}

/// The action table is the one place for what an action needs and where it shows on the
/// hint line; every action bound in a context does something there.
@Suite struct ActionTableTests {
    @Test func everyBoundActionHasItsHandlerOnItsScreen() throws {
        for preset in ["default", "vi", "emacs", "russian"] {
            var loader = KeymapLoader(environment: ["XDG_CONFIG_HOME": "/nonexistent", "HOME": "/nonexistent"])
            loader.presetFolders = [KeymapTests.repoRoot.appendingPathComponent("Keymaps").path]
            let keymap = try loader.load(preset: preset)
            for context in [KeyContext.queue, .ticket, .report] {
                for action in Action.allCases where action.applies(in: context) && !keymap.keys(for: action, in: context).isEmpty {
                    guard action != .quit else { continue }
                    let console = ConsoleTests.console(try Fixtures.desk())
                    switch context {
                    case .ticket: ConsoleTests.press(console, .openTicket)
                    case .report:
                        console.state.report = try Fixtures.desk().report()
                        console.state.page = .report
                    default: break
                    }
                    console.perform(action)
                    #expect(console.state.message?.text != L10n.english.notOnThisScreen(action.rawValue), "\(preset) \(context) \(action)")
                }
            }
        }
    }

    @Test func preconditionsSayWhatIsMissingAndHintsFollowThem() throws {
        let console = ConsoleTests.console(try Fixtures.desk())
        ConsoleTests.press(console, .viewResolved)
        ConsoleTests.press(console, .ticketResolve)
        #expect(console.state.prompt == nil)
        #expect(console.state.message?.text == "#T7 is resolved already (E reopens it)")
        let resolvedHints = StatusBar.hints(console.state, keymap: console.keymap).map(\.1)
        #expect(resolvedHints.contains("win-back") && !resolvedHints.contains("resolve"))
        ConsoleTests.press(console, .viewOpen)
        let openHints = StatusBar.hints(console.state, keymap: console.keymap).map(\.1)
        #expect(openHints.contains("resolve") && !openHints.contains("win-back"))
        ConsoleTests.press(console, .setRecovery)
        #expect(console.state.message?.text == "#T1 is still open: win-back follows a resolved complaint (e resolves it)")
    }
}
