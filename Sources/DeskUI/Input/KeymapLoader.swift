import Foundation
import DeskCore

/// Finds and assembles the active keymap: a preset (built-in `default`, or a file from the
/// presets folder), then the user's own file over it, each with the keymaps it includes.
public struct KeymapLoader {
    public var environment: [String: String]
    /// Folders searched for `NAME.keymap`, in order.
    public var presetFolders: [String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executablePath: String = CommandLine.arguments.first ?? "") {
        self.environment = environment
        let exe = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        var folders: [String] = []
        if let explicit = environment["CDESK_KEYMAPS"] { folders.append(explicit) }
        folders.append(exe.appendingPathComponent("Keymaps").path)                   // next to the binary
        folders.append(exe.appendingPathComponent("../share/cdesk/keymaps").standardized.path)  // install prefix
        // A build inside the source tree (.build/debug/cdesk): the repository's Keymaps/.
        var dir = exe
        for _ in 0..<4 {
            dir = dir.deletingLastPathComponent()
            folders.append(dir.appendingPathComponent("Keymaps").path)
        }
        presetFolders = folders
    }

    /// The user's own keymap file: `$XDG_CONFIG_HOME/cdesk/keymap`, else `~/.config/cdesk/keymap`.
    public var userKeymapPath: String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/cdesk/keymap"
    }

    /// The text and file name of a preset by name (`vi`), or of a file by path.
    public func source(of nameOrPath: String) throws -> (text: String, file: String) {
        if nameOrPath == BuiltInKeymap.name { return (BuiltInKeymap.text, "default.keymap (built in)") }
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".keymap") {
            return (try read(nameOrPath), nameOrPath)
        }
        for folder in presetFolders {
            let path = folder + "/" + nameOrPath + ".keymap"
            if FileManager.default.fileExists(atPath: path) { return (try read(path), path) }
        }
        throw KeymapProblem(file: nameOrPath, line: 0,
                            reason: .noPresetIn(folder: presetFolders.first { FileManager.default.fileExists(atPath: $0) }))
    }

    /// Every preset's name: the built-in default and each `NAME.keymap` in the presets folders.
    public var presetNames: [String] {
        let files = presetFolders.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }
        return Set(files.filter { $0.hasSuffix(".keymap") }.map { String($0.dropLast(7)) } + [BuiltInKeymap.name]).sorted()
    }

    /// What `include NAME` on a line of `file` names: a preset by its name, or a keymap file
    /// by a path relative to `file`'s folder.
    public func included(_ name: String, from file: String) throws -> (text: String, file: String) {
        func problem(_ reason: KeymapProblem.Reason) -> KeymapProblem {
            KeymapProblem(file: file, line: 0, reason: reason)
        }
        guard name.contains("/") || name.hasSuffix(".keymap") else {
            guard presetNames.contains(name) else {
                throw problem(.noPreset(name, known: presetNames))
            }
            return try source(of: name)
        }
        let folder = (file as NSString).deletingLastPathComponent
        let path = ((name.hasPrefix("/") ? name : (folder as NSString).appendingPathComponent(name)) as NSString).standardizingPath
        guard FileManager.default.fileExists(atPath: path) else { throw problem(.noFile(path)) }
        do {
            return try source(of: path)
        } catch let unreadable as KeymapProblem {
            throw problem(.inFile(path, unreadable.reason))
        }
    }

    /// The active keymap: `preset` (default when nil), then the user's file if there is one.
    /// Throws the problems of whichever file is broken.
    public func load(preset: String?) throws -> Keymap {
        var keymap = Keymap()
        let base = try source(of: preset ?? BuiltInKeymap.name)
        var problems = keymap.apply(base.text, file: base.file, include: included)
        if problems.isEmpty, FileManager.default.fileExists(atPath: userKeymapPath) {
            problems = keymap.apply(try read(userKeymapPath), file: userKeymapPath, include: included)
        }
        if !problems.isEmpty { throw KeymapErrors(problems: problems) }
        return keymap
    }

    private func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeymapProblem(file: path, line: 0, reason: .cannotReadFile)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KeymapProblem(file: path, line: 0, reason: .notUTF8)
        }
        return text
    }
}

/// All the problems of a keymap that cannot be used.
public struct KeymapErrors: Error, CustomStringConvertible {
    public var problems: [KeymapProblem]
    public var description: String { text(.en) }
    public func text(_ l: Language) -> String { problems.map { $0.text(l) }.joined(separator: "\n") }
}
