import DeskCore

/// A problem found in a keymap file, pointed at by file and line.
public struct KeymapProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: Reason
    public var isWarning: Bool

    public init(file: String, line: Int, reason: Reason, isWarning: Bool = false) {
        self.file = file; self.line = line; self.reason = reason; self.isWarning = isWarning
    }

    /// The reason in English.
    public var message: String { reason.text(.en) }
    public var description: String { text(.en) }

    /// `FILE:LINE: reason`, in `l`.
    public func text(_ l: Language) -> String {
        (line > 0 ? "\(file):\(line): " : "\(file): ") + (isWarning ? l.pick("warning: ", "предупреждение: ") : "") + reason.text(l)
    }
}

/// Keys to actions, per context. Built from a preset, with a user's file applied over it.
///
/// The format, in the style of mutt and tig, one binding a line:
///
///     # comment
///     bind <context> <keys> <action>
///     unbind <context> <keys>
///     include <preset or file>
///
/// `<keys>` is one key (`d`, `<Enter>`, `<C-n>`) or a sequence of them (`gg`). An included
/// keymap's bindings apply where its line stands, so the lines after it change them.
public struct Keymap: Sendable, Equatable {
    public private(set) var bindings: [KeyContext: [[Key]: Action]] = [:]
    /// When each binding was made, later higher: a preset's own keys come before those of
    /// the keymap it includes (the `russian` preset's hints show its Cyrillic letters).
    private var boundAt: [KeyContext: [[Key]: Int]] = [:]
    private var bindCount = 0

    /// What `include NAME` on a line of `file` names: its text, and the file name its problems
    /// are reported under. Throws a `KeymapProblem` whose message says why it cannot.
    public typealias Includer = (_ name: String, _ file: String) throws -> (text: String, file: String)

    public init() {}

    /// Applies the lines of a keymap file over this keymap. Every problem is reported, not
    /// just the first; on any error (not warning) the keymap is left as it was. Without an
    /// `include` to find them, included keymaps are a problem.
    public mutating func apply(_ text: String, file: String, include: Includer? = nil) -> [KeymapProblem] {
        apply(text, file: file, include: include, within: [])
    }

    /// `includers`: the files whose `include` lines led here, outermost first.
    private mutating func apply(_ text: String, file: String, include: Includer?, within includers: [String]) -> [KeymapProblem] {
        var result = self
        var problems: [KeymapProblem] = []
        var boundHere: [KeyContext: [[Key]: Int]] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            func problem(_ reason: KeymapProblem.Reason) {
                problems.append(KeymapProblem(file: file, line: lineNumber, reason: reason))
            }
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let command = words.first, !command.hasPrefix("#") else { continue }
            switch command {
            case "include":
                guard words.count == 2 || (words.count > 2 && words[2].hasPrefix("#")) else {
                    problem(.expectedInclude); continue
                }
                problems += result.applyIncluded(words[1], line: lineNumber, of: file, using: include, within: includers)
                continue
            case "bind":
                guard words.count == 4 || (words.count > 4 && words[4].hasPrefix("#")) else {
                    problem(.expectedBind); continue
                }
            case "unbind":
                guard words.count == 3 || (words.count > 3 && words[3].hasPrefix("#")) else {
                    problem(.expectedUnbind); continue
                }
            default:
                problem(.unknownCommand(command)); continue
            }
            guard let context = KeyContext(rawValue: words[1]) else {
                problem(.unknownContext(words[1]))
                continue
            }
            guard let keys = Key.parseSequence(words[2]) else {
                problem(.unknownKey(words[2])); continue
            }
            if command == "unbind" {
                result.bindings[context]?[keys] = nil
                continue
            }
            guard let action = Action(rawValue: words[3]) else {
                problem(.unknownAction(words[3])); continue
            }
            guard action.applies(in: context) else {
                problem(.notInContext(action: action.rawValue, context: context.rawValue)); continue
            }
            if let earlier = boundHere[context]?[keys] {
                problem(.boundTwice(keys: words[2], context: context.rawValue, line: earlier)); continue
            }
            boundHere[context, default: [:]][keys] = lineNumber
            result.bindings[context, default: [:]][keys] = action
            result.bindCount += 1
            result.boundAt[context, default: [:]][keys] = result.bindCount
        }
        problems += result.prefixClashes(file: file)
        if problems.isEmpty { self = result }
        return problems
    }

    /// Applies the keymap that `include NAME` on `line` of `file` names over this one.
    private mutating func applyIncluded(_ name: String, line: Int, of file: String, using include: Includer?,
                                        within includers: [String]) -> [KeymapProblem] {
        func problem(_ reason: KeymapProblem.Reason) -> [KeymapProblem] {
            [KeymapProblem(file: file, line: line, reason: reason)]
        }
        guard let include else { return problem(.cannotIncludeHere(name)) }
        let source: (text: String, file: String)
        do {
            source = try include(name, file)
        } catch let thrown as KeymapProblem {
            return problem(thrown.reason)
        } catch {
            return problem(.cannotInclude(name, said: "\(error)"))
        }
        let chain = includers + [file]
        if chain.contains(source.file) {
            return problem(.includeCycle(chain + [source.file]))
        }
        // Another path to the same file (a symbolic link) can escape the cycle check.
        guard chain.count < 16 else { return problem(.nestedTooDeep) }
        return apply(source.text, file: source.file, include: include, within: chain)
    }

    /// A key that is bound and also starts a longer sequence could never reach the sequence.
    private func prefixClashes(file: String) -> [KeymapProblem] {
        var problems: [KeymapProblem] = []
        for context in KeyContext.allCases {
            let keys = bindings[context] ?? [:]
            for sequence in keys.keys where sequence.count > 1 {
                for length in 1..<sequence.count where keys[Array(sequence.prefix(length))] != nil {
                    let prefix = sequence.prefix(length).map(\.name).joined()
                    problems.append(KeymapProblem(
                        file: file, line: 0,
                        reason: .prefixClash(context: context.rawValue, prefix: prefix, sequence: sequence.map(\.name).joined())))
                }
            }
        }
        return problems.sorted { $0.message < $1.message }
    }

    /// Actions that no key reaches in any context where they apply.
    public func unboundWarnings(file: String) -> [KeymapProblem] {
        let bound = Set(bindings.values.flatMap(\.values))
        return Action.allCases.filter { !bound.contains($0) }.map {
            KeymapProblem(file: file, line: 0, reason: .noKey(action: $0.rawValue), isWarning: true)
        }
    }

    /// What `keys` do in `context`: an action, the start of a longer sequence, or nothing.
    public enum Lookup: Equatable { case action(Action), prefix, none }

    public func lookup(_ keys: [Key], in context: KeyContext) -> Lookup {
        var contexts = [context]
        if context != .prompt && context != .global { contexts.append(.global) }
        for c in contexts {
            let table = bindings[c] ?? [:]
            if let action = table[keys] { return .action(action) }
            if table.keys.contains(where: { $0.count > keys.count && Array($0.prefix(keys.count)) == keys }) {
                return .prefix
            }
        }
        return .none
    }

    /// The keys bound to `action` in `context` (or inherited from global), for help and hints.
    public func keys(for action: Action, in context: KeyContext) -> [[Key]] {
        var found = (bindings[context] ?? [:]).filter { $0.value == action }.map(\.key)
        if found.isEmpty, context != .prompt, context != .global {
            found = (bindings[.global] ?? [:]).filter { $0.value == action && bindings[context]?[$0.key] == nil }.map(\.key)
        }
        // Plain letters first (what the hints show), then named keys.
        func rank(_ keys: [Key]) -> (Int, Int, String) {
            let name = keys.map(\.name).joined()
            return (keys.count, name.hasPrefix("<") ? 1 : 0, name)
        }
        return found.sorted { rank($0) < rank($1) }
    }

    /// The key the hint line shows for `action`: of its plain keys, the one bound last, so
    /// that a preset's own key (the `russian` preset's Cyrillic letter) shows over the one
    /// of the keymap it includes.
    public func hintKey(for action: Action, in context: KeyContext) -> [Key]? {
        let keys = keys(for: action, in: context)
        guard let first = keys.first else { return nil }
        let plain = keys.filter { $0.count == first.count && !$0.map(\.name).joined().hasPrefix("<") }
        return plain.max { (boundAt[context]?[$0] ?? boundAt[.global]?[$0] ?? 0) < (boundAt[context]?[$1] ?? boundAt[.global]?[$1] ?? 0) }
            ?? first
    }

    /// The hint key's name (`e`, `у`, `<C-r>`), nil when the action has no key here: what
    /// a message names when it says which key does something.
    public func hintName(for action: Action, in context: KeyContext) -> String? {
        hintKey(for: action, in: context).map { $0.map(\.name).joined() }
    }
}
