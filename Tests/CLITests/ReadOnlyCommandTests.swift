import DeskTestSupport
import Foundation
import Testing

/// `report`, `export` and `import --dry-run` on a store the user may only read. Run as
/// root, the commands run as `nobody` (through setpriv), for whom the store and its folder
/// are read-only; as anyone else, the store and its folder are made read-only.
@Suite struct ReadOnlyCommandTests {
    private func asReader(_ arguments: [String], home: String) throws -> (status: Int32, stdout: String, stderr: String) {
        guard getuid() == 0 else { return try runCDesk(arguments, environment: ["HOME": home]) }
        let setpriv = "/usr/bin/setpriv"
        return try spawn(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=" + home, "TZ=UTC",
                                   TmuxSession.binary] + arguments)
    }

    @Test(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func readingCommandsWorkOnAStoreTheUserMayOnlyRead() throws {
        let folder = Scratch.path("read-only")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = folder + "/desk.sqlite"
        #expect(try runCDesk(["demo", "--store", store, "--customers", "20", "--tickets", "60"]).status == 0)
        let file = folder + "/c.csv"
        try "id,name,joined\nC9,Ann,2024-01-01\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        chmod(store, getuid() == 0 ? 0o644 : 0o444)
        chmod(folder, getuid() == 0 ? 0o755 : 0o555)
        chmod(Scratch.folder, 0o755)
        defer { chmod(folder, 0o755); chmod(store, 0o644) }

        let report = try asReader(["report", "--store", store], home: folder)
        #expect(report.status == 0 && report.stdout.contains("Complaints: 60"), "\(report.stderr)")
        let export = try asReader(["export", "--store", store], home: folder)
        #expect(export.status == 0 && export.stdout.hasPrefix("ticket_id,"), "\(export.stderr)")
        let dry = try asReader(["import", "customers", file, "--store", store, "--dry-run"], home: folder)
        #expect(dry.status == 0 && dry.stdout.contains("1 inserted"), "\(dry.stderr)")
        let real = try asReader(["import", "customers", file, "--store", store], home: folder)
        #expect(real.status == 1)
        #expect(real.stderr == "cdesk: the store \(store) is read-only for you (no permission to write it or its folder): "
                + "reports, exports and import --dry-run work; changes need someone who may write it\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["c.csv", "desk.sqlite"])
    }
}
