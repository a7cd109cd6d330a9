import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import DeskCore

/// A stopped demo or export leaves nothing that looks whole (the CLI tests kill the real
/// binary with SIGKILL; these look at the pieces).
@Suite struct NothingHalfMadeTests {
    private func folder() throws -> String {
        let path = Scratch.path("folder")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func names(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test func aDemoIsBuiltBesideItsPlaceAndAppearsWhole() throws {
        let folder = try folder()
        let target = folder + "/desk.sqlite"
        var seenWhileBuilding: [String] = []
        try DemoFile.build(at: target) { store in
            try store.loadDemo(DemoGenerator(options: DemoOptions(seed: 3, customers: 20, tickets: 60)), agent: "test")
            seenWhileBuilding = try names(folder)
        }
        #expect(!seenWhileBuilding.contains("desk.sqlite"))
        #expect(seenWhileBuilding.contains { $0.hasPrefix(".desk.sqlite.demo-") && $0.hasSuffix(".partial") })
        #expect(try names(folder) == ["desk.sqlite"], "\((try? names(folder)) ?? []): the log is copied back and the hidden file is gone")
        let store = try Store(path: target)
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket") } == 60)
    }

    @Test func aFailedDemoLeavesNothingAndAKilledOnesFileIsRemovedNextTime() throws {
        let folder = try folder()
        let target = folder + "/desk.sqlite"
        struct Stop: Error {}
        #expect(throws: Stop.self) { try DemoFile.build(at: target) { _ in throw Stop() } }
        #expect(try names(folder).isEmpty)
        // What a killed demo left: its process is gone (no pid is this large).
        for suffix in ["", "-wal", "-shm"] {
            _ = FileManager.default.createFile(atPath: folder + "/.desk.sqlite.demo-2147483646.partial" + suffix, contents: Data("x".utf8))
        }
        _ = FileManager.default.createFile(atPath: folder + "/.other.sqlite.demo-2147483646.partial", contents: nil)
        try DemoFile.build(at: target) { store in
            try store.loadDemo(DemoGenerator(options: DemoOptions(seed: 3, customers: 5, tickets: 5)), agent: "test")
        }
        #expect(try names(folder) == [".other.sqlite.demo-2147483646.partial", "desk.sqlite"], "\((try? names(folder)) ?? [])")
    }

    @Test func aStoreADemoWasStoppedInSaysItIsIncomplete() throws {
        let store = try Fixture.store()
        let generator = DemoGenerator(options: DemoOptions(seed: 3, customers: 20, tickets: 60))
        // A run stopped after its first batches: the demo's first event, some tickets, no last event.
        try store.pool.write { db in
            try AuditLog.append(db, agent: "test", entity: "store", entityID: "demo", action: "demo-started", old: nil, new: [:])
        }
        try store.add(Fixtures.deskBatch(), agent: "test")
        let error = try #require(throws: StoreError.self) { try store.loadDemo(generator, agent: "test") }
        #expect("\(error)".hasSuffix("holds an incomplete demo (the run that built it was stopped); remove it and run cdesk demo again"))
        // A finished demo is simply full.
        let whole = try Fixture.store()
        try whole.loadDemo(generator, agent: "test")
        let again = try #require(throws: StoreError.self) { try whole.loadDemo(generator, agent: "test") }
        #expect("\(again)".contains("already holds tickets"))
    }

    @Test func anExportHasNoNameUntilItIsWhole() throws {
        let folder = try folder()
        let target = folder + "/cases.csv"
        let file = try ExportFile(target: target, overwrite: false)
        file.handle.write(Data("id\n1\n".utf8))
        #expect(try names(folder).isEmpty, "written with no name (O_TMPFILE)")
        #expect(file.hiddenName == nil)
        try file.commit()
        #expect(try names(folder) == ["cases.csv"])
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "id\n1\n")
        // Over an existing file when asked; refused otherwise.
        let again = try ExportFile(target: target, overwrite: true)
        again.handle.write(Data("id\n2\n".utf8))
        try again.commit()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "id\n2\n")
        #expect(try names(folder) == ["cases.csv"])
        #expect(throws: ExportFile.Problem.self) { try ExportFile(target: target, overwrite: false) }
        let discarded = try ExportFile(target: folder + "/other.csv", overwrite: false)
        discarded.handle.write(Data("cut".utf8))
        discarded.discard()
        #expect(try names(folder) == ["cases.csv"])
    }

    /// Where there is no unnamed file, the hidden one carries its writer's process id, and the
    /// next export to the folder removes those of writers that have gone.
    @Test func aNamedPartialFileOfAGoneWriterIsRemovedByTheNextExport() throws {
        let folder = try folder()
        let target = folder + "/cases.csv"
        let dead = ".cases.csv.partial-2147483646-0a1b2c3d"
        let alive = ".cases.csv.partial-\(getppid())-0a1b2c3d"
        let foreign = ".notes.txt.partial-2147483646-0a1b2c3d"
        for name in [dead, alive, foreign] { _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: nil) }
        let file = try ExportFile(target: target, overwrite: false, unnamed: false)
        let hidden = try #require(file.hiddenName)
        #expect(hidden.hasPrefix(folder + "/.cases.csv.partial-\(getpid())-"))
        #expect(try names(folder) == [alive, URL(fileURLWithPath: hidden).lastPathComponent, foreign].sorted())
        file.handle.write(Data("id\n".utf8))
        try file.commit()
        #expect(try names(folder) == [alive, "cases.csv", foreign].sorted())
    }
}
