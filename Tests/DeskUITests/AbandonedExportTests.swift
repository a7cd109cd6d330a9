import DeskCore
@testable import DeskUI
import DeskTestSupport
import Foundation
import Testing

/// Quitting while an export runs: the export is cancelled and its thread joined before its
/// file is closed and removed, so no thread writes to a closed handle and no cut file stays.
@Suite struct AbandonedExportTests {
    @Test func quittingMidExportJoinsTheThreadAndLeavesNoCutFile() throws {
        let store = try Store(path: Fixtures.temporaryPath("abandon"))
        try store.loadDemo(DemoGenerator(options: DemoOptions(seed: 5, customers: 300, tickets: 3000, now: Fixtures.now)),
                           agent: "test")
        let folder = Scratch.path("exports")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for round in 0..<3 {
            let console = ConsoleTests.console(store)
            ConsoleTests.press(console, .viewResolved)
            let target = folder + "/cases-\(round).csv"
            // The prompt by its keys, without waiting for the export to end.
            for key in console.keymap.keys(for: .exportCases, in: .queue).first ?? [] { console.handle(key) }
            for key in console.keymap.keys(for: .promptClear, in: .prompt).first ?? [] { console.handle(key) }
            for c in target { console.handle(.char(c)) }
            for key in console.keymap.keys(for: .promptAccept, in: .prompt).first ?? [] { console.handle(key) }
            let job = try #require(console.exportJob)
            console.abandonExport()
            #expect(job.task.outcome != nil, "the export's thread has ended")
            #expect(console.exportJob == nil)
            // Either it had finished (and is in place, whole) or nothing is there.
            if FileManager.default.fileExists(atPath: target) {
                let lines = try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n").count
                #expect(lines == (try store.exportCases(ExportFilter()) { _ in }) + 1)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.hasPrefix(".") })
        }
    }
}
