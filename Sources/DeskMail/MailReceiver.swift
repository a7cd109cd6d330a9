import DeskCore
import Foundation

/// `cdesk mail receive`: parse, store, and for a Maildir move each message from `new` to
/// `cur` (flag S) only after its transaction committed (a group's: `receive(group:)`). Mail that cannot be read at all is
/// copied to the quarantine folder beside the store before anything else happens to it.
public struct MailReceiver {
    public enum Outcome {
        case taken(MailIntakeResult)
        /// Unreadable: kept at `path`.
        case quarantined(path: String, reason: String)
    }

    public let store: any DeskStore
    let parser: MailParser
    let options: MailIntakeOptions

    public init(store: any DeskStore, config: DeskConfig, agent: String = "mail") {
        self.store = store
        parser = MailParser(maxAttachmentBytes: Int(config.mail.maxAttachmentMB) << 20)
        options = MailIntakeOptions(sla: config.sla, keywords: config.mail.reasons, agent: agent)
    }

    /// Takes the message in the file at `path`. Store errors (busy, missing) are thrown.
    public func receive(fileAt path: String) throws -> Outcome {
        try receive(fileAt: path) { mail, options in try store.receive(mail, options: options) }
    }

    /// Takes files from the front of `files` in one transaction (`Store.receiveGroup`), at
    /// most `limit` of them and no more once `deadline` has passed (at least one): what
    /// happened to each, in order. When this returns they are all committed and on disk;
    /// a store error (busy, missing) is thrown and then none of the group is taken.
    public func receive(group files: ArraySlice<String>, limit: Int, deadline: Date) throws -> [(file: String, outcome: Outcome)] {
        var outcomes: [(file: String, outcome: Outcome)] = []
        try store.receiveGroup { take in
            for file in files.prefix(limit) {
                if !outcomes.isEmpty, Date() >= deadline { break }
                outcomes.append((file, try receive(fileAt: file, taking: take)))
            }
        }
        return outcomes
    }

    /// One file through `take`: parsed, then stored; unreadable or refused by the store's
    /// rules, quarantined.
    private func receive(fileAt path: String, taking take: (ParsedMail, MailIntakeOptions) throws -> MailIntakeResult) throws -> Outcome {
        let mail: ParsedMail
        do {
            mail = try parser.parse(fileAt: path)
        } catch let error as MailParseError {
            return .quarantined(path: try quarantine(path), reason: error.reason)
        }
        var now = options
        now.now = Date()
        do {
            return .taken(try take(mail, now))
        } catch let error as StoreError {
            return .quarantined(path: try quarantine(path), reason: error.description)
        }
    }

    private func quarantine(_ path: String) throws -> String {
        let folder = store.quarantineFolder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let stamp = Int(Date().timeIntervalSince1970)
        let target = folder + "/\(stamp)-\(MailParser.sha256(ofFileAt: path).prefix(16)).eml"
        if !FileManager.default.fileExists(atPath: target) { try FileManager.default.copyItem(atPath: path, toPath: target) }
        return target
    }

    /// Standard input copied to a private temporary file (GMime needs a seekable stream to
    /// parse in bounded memory; a pipe would be read whole into memory).
    public static func spoolStandardInput() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/cdesk-mail-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw MailParseError(reason: "cannot make a temporary file: \(String(cString: strerror(errno)))") }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let out = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
            try out.write(contentsOf: chunk)
        }
        try out.close()
        return path
    }

    /// The messages waiting in `maildir/new`, oldest name first.
    public static func newMessages(maildir: String) throws -> [String] {
        let folder = maildir + "/new"
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
            .map { folder + "/" + $0 }
    }

    /// Moves a message from `new` to `cur`, marked seen (`:2,S`).
    public static func markSeen(_ path: String, maildir: String) throws {
        var name = (path as NSString).lastPathComponent
        if let colon = name.range(of: ":2,") {
            if !name[colon.upperBound...].contains("S") { name += "S" }
        } else {
            name += ":2,S"
        }
        try FileManager.default.createDirectory(atPath: maildir + "/cur", withIntermediateDirectories: true)
        guard rename(path, maildir + "/cur/" + name) == 0 else {
            throw MailParseError(reason: "cannot move \(path) to cur: \(String(cString: strerror(errno)))")
        }
    }
}
