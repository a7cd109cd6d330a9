import Foundation

/// One folder for every file a test run writes (stores, exports, keymaps), removed when the
/// run ends, so that test runs leave nothing in the temporary directory.
public enum Scratch {
    public static let folder: String = {
        let path = NSTemporaryDirectory() + "cdesk-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: Scratch.folder) }
        return path
    }()

    /// A new path in the folder, ending in `name`; nothing is made there.
    public static func path(_ name: String) -> String {
        folder + "/" + UUID().uuidString + "-" + name
    }
}
