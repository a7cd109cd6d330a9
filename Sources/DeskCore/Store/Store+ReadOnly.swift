import Foundation
import GRDB

extension Store {
    /// Runs `body` on a private copy of this store in the temporary folder (0700), removed
    /// afterwards: a dry run on a store this user may only read writes there, and rolls back.
    func withScratchCopy<T>(_ body: (Store) throws -> T) throws -> T {
        let folder = NSTemporaryDirectory() + "cdesk-dry-run-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotCreateFolder(path: folder, reason: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copyPath = folder + "/" + URL(fileURLWithPath: path).lastPathComponent
        do {
            let queue = try DatabaseQueue(path: copyPath)
            try pool.backup(to: queue)
            try queue.close()
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: copyPath, reason: "\(StoreError.from(error))")
        }
        let copy = try Store(path: copyPath)
        defer { try? copy.closeFile() }
        return try body(copy)
    }
}
