import DeskTestSupport
import Foundation
import Testing
@testable import DeskCore

/// `cdesk import` as a lead runs it on the shop's nightly files.
@Suite struct ImportCommandTests {
    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = Scratch.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aDryRunPrintsWhatWouldChangeAndASemicolonWindows1251FileImports() throws {
        let store = Fixtures.temporaryPath("import-store")
        let customers = try file("c.csv", Array("""
            id,name,email,phone,joined
            C1,Ann Lee,ann@example.com,+7 900 000-00-01,2024-01-01
            C2,Bob Ray,bob@example.com,+7 900 000-00-02,2024-01-02

            """.utf8))
        #expect(try runCDesk(["import", "customers", customers, "--store", store]).status == 0)
        // The shop's file, written by Excel: `;`, windows-1251 ("Анна Ли"), no phone column.
        let cp1251: [UInt8] = Array("id;name;joined\r\nC1;".utf8) + [0xC0, 0xED, 0xED, 0xE0, 0x20, 0xCB, 0xE8]
            + Array(";2024-01-01\r\nC2;Bob Ray;2024-01-02\r\n".utf8)
        let excel = try file("excel.csv", cp1251)
        let plain = try runCDesk(["import", "customers", excel, "--store", store, "--dry-run"])
        #expect(plain.status == 1 && plain.stderr.contains("say --encoding windows-1251"), "\(plain.stderr)")
        let dry = try runCDesk(["import", "customers", excel, "--store", store, "--dry-run", "--encoding", "windows-1251"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == """
            dry run, nothing written: 2 rows, no problems; it would make 0 inserted, 1 updated, 1 unchanged
              name: 1 row changed, e.g. C1 Ann Lee → Анна Ли

            """)
        let real = try runCDesk(["import", "customers", excel, "--store", store, "--encoding", "cp1251", "--delimiter", ";"])
        #expect(real.status == 0 && real.stdout.contains("  name: 1 row changed"), "\(real.stderr)")
        let export = try runCDesk(["import", "customers", customers, "--store", store, "--dry-run"])
        #expect(export.stdout.contains("C1 Анна Ли → Ann Lee"), "the phones were kept, so only the name differs: \(export.stdout)")
        #expect(!export.stdout.contains("phone"))
    }

    @Test func aMisspeltColumnIsRefusedWithTheColumnMeant() throws {
        let store = Fixtures.temporaryPath("import-store")
        let bad = try file("o.csv", Array("id,customer_id,placed_at,total,delivery_cost,status\n".utf8))
        let result = try runCDesk(["import", "orders", bad, "--store", store])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(bad):1: delivery_cost: unknown column (did you mean delivery_fee?)"), "\(result.stderr)")
    }

    @Test func aBadSeparatorOrCharsetIsAUsageError() throws {
        for option in [["--delimiter", "ab"], ["--delimiter", "\""], ["--encoding", "latin-9"]] {
            let result = try runCDesk(["import", "customers", "x.csv"] + option)
            #expect(result.status == 2, "\(option): \(result.stderr)")
        }
    }
}

/// Batch jobs wait their turn: an import started while another process holds the write lock
/// for longer than an agent's key would wait still goes through.
@Suite struct ImportWaitsItsTurnTests {
    @Test func anImportWaitsForAnotherWriter() throws {
        let path = Fixtures.temporaryPath("busy")
        let store = try Store(path: path)
        let file = Scratch.path("c.csv")
        try "id,name,joined\nC1,Ann Lee,2024-01-01\n".write(toFile: file, atomically: true, encoding: .utf8)
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? store.add(RecordBatch(), agent: "holder", note: "lock")  // warm the handle
            _ = try? Store(path: path).holdWriteLock(seconds: 6.5) { holding.signal() }
            done.signal()
        }
        holding.wait()
        let result = try runCDesk(["import", "customers", file, "--store", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 inserted"))
        done.wait()
        let quick = try runCDesk(["import", "customers", file, "--store", path, "--wait", "0"])
        #expect(quick.status == 0, "nothing holds the store now: \(quick.stderr)")
    }
}

/// The smaller mistakes each say what is wrong.
@Suite struct ImportMistakeTests {
    @Test func negativeCountsADirectoryAndAHeaderAloneAreSaidPlainly() throws {
        let path = Fixtures.temporaryPath("mistakes")
        let folder = Scratch.path("customers")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let header = Scratch.path("c.csv")
        try "id,name,joined\n".write(toFile: header, atomically: true, encoding: .utf8)
        let cases: [([String], Int32, String)] = [
            (["import", "customers", header, "--store", path, "--dry-run", "--max-errors", "-1"], 2,
             "Error: --max-errors must be at least 1"),
            (["demo", "--store", path, "--tickets", "-5"], 2, "Error: --tickets must not be negative"),
            (["import", "customers", folder, "--store", path], 1, "cdesk: \(folder) is a directory; name a CSV or JSON Lines file"),
        ]
        for (arguments, status, first) in cases {
            let result = try runCDesk(arguments)
            #expect(result.status == status && result.stderr.hasPrefix(first + "\n"), "\(arguments): \(result.stderr)")
        }
        let empty = try runCDesk(["import", "customers", header, "--store", path])
        #expect(empty.status == 0 && empty.stdout == "nothing to import: \(header) has no rows\n", "\(empty.stderr)")
    }
}

@Suite struct MailCommandStoreTests {
    /// Sending and counting never make an empty store of a mistyped path.
    @Test func mailSendAndStatusRefuseAMissingStore() throws {
        let path = Fixtures.temporaryPath("no-mail-store")
        for command in [["mail", "status"], ["mail", "send"]] {
            let result = try runCDesk(command + ["--store", path],
                                      environment: ["CDESK_CONFIG": "", "XDG_CONFIG_HOME": "/nonexistent"])
            #expect(!FileManager.default.fileExists(atPath: path), "\(command)")
            if command[1] == "status" { #expect(result.status == 1 && result.stderr == "cdesk: no store at \(path)\n") }
        }
    }
}

/// Batch jobs take turns: two large imports started at the same moment both succeed, the
/// second waiting for the first (up to --wait, 10 minutes by default).
@Suite struct ConcurrentImportTests {
    static let rows = 100_000

    @Test func twoLargeImportsStartedAtOnceBothSucceed() throws {
        let store = Fixtures.temporaryPath("concurrent")
        // The store exists (made and migrated) before the two start.
        let first = Scratch.path("first.csv")
        try "id,name,joined\nZ0,Zoe,2024-01-01\n".write(toFile: first, atomically: true, encoding: .utf8)
        #expect(try runCDesk(["import", "customers", first, "--store", store]).status == 0)
        var files: [String] = []
        for prefix in ["A", "B"] {
            var text = "id,name,email,joined\n"
            text.reserveCapacity(Self.rows * 48)
            for i in 0..<Self.rows { text += "\(prefix)\(i),Customer \(i),c\(i)@\(prefix.lowercased()).example,2024-01-01\n" }
            let path = Scratch.path("\(prefix).csv")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        let logs = files.map { $0 + ".log" }
        let pids = try zip(files, logs).map { file, log in
            try startInBackground("exec \(quoted(TmuxSession.binary)) import customers \(quoted(file)) --store \(quoted(store)) >\(quoted(log)) 2>&1")
        }
        for (pid, log) in zip(pids, logs) {
            let end = waitForExit(pid)
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(end.status == 0, "\(output)")
            #expect(output.contains("\(Self.rows) rows: \(Self.rows) inserted"), "\(output)")
        }
    }
}
