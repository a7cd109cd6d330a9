import DeskCore

extension KeymapProblem {
    /// What is wrong with a keymap line or file: a typed value said in the reader's
    /// language. Keys, contexts, actions and file names stay as written.
    public enum Reason: Equatable, Sendable {
        case expectedInclude, expectedBind, expectedUnbind
        case unknownCommand(String)
        case unknownContext(String)
        case unknownKey(String)
        case unknownAction(String)
        case notInContext(action: String, context: String)
        case boundTwice(keys: String, context: String, line: Int)
        case cannotIncludeHere(String)
        /// An include that failed another way: the error's own words.
        case cannotInclude(String, said: String)
        case includeCycle([String])
        case nestedTooDeep
        case prefixClash(context: String, prefix: String, sequence: String)
        case noKey(action: String)
        case noPreset(String, known: [String])
        case noPresetIn(folder: String?)
        case noFile(String)
        /// A problem of an included file, said with its path.
        indirect case inFile(String, Reason)
        case cannotReadFile, notUTF8
    }
}

extension KeymapProblem.Reason {
    public func text(_ l: Language) -> String {
        switch self {
        case .expectedInclude: l.pick("expected 'include <preset or file>'", "ожидается 'include <раскладка или файл>'")
        case .expectedBind: l.pick("expected 'bind <context> <keys> <action>'", "ожидается 'bind <контекст> <клавиши> <действие>'")
        case .expectedUnbind: l.pick("expected 'unbind <context> <keys>'", "ожидается 'unbind <контекст> <клавиши>'")
        case .unknownCommand(let c):
            l.pick("unknown command '\(c)' (expected bind, unbind or include)", "неизвестная команда '\(c)' (ожидается bind, unbind или include)")
        case .unknownContext(let c):
            l.pick("unknown context '\(c)' (expected ", "неизвестный контекст '\(c)' (ожидается ")
                + KeyContext.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case .unknownKey(let k): l.pick("unknown key '\(k)'", "неизвестная клавиша '\(k)'")
        case .unknownAction(let a): l.pick("unknown action '\(a)'", "неизвестное действие '\(a)'")
        case let .notInContext(action, context):
            l.pick("action '\(action)' does not apply in context '\(context)'", "действие '\(action)' не применяется в контексте '\(context)'")
        case let .boundTwice(keys, context, line):
            l.pick("\(keys) is already bound in '\(context)' on line \(line)", "\(keys) уже назначена в '\(context)' в строке \(line)")
        case .cannotIncludeHere(let name): l.pick("cannot include '\(name)' here", "здесь нельзя включить '\(name)'")
        case let .cannotInclude(name, said): l.pick("cannot include '\(name)': ", "не удалось включить '\(name)': ") + said
        case .includeCycle(let chain): l.pick("include cycle: ", "включения по кругу: ") + chain.joined(separator: " -> ")
        case .nestedTooDeep: l.pick("includes nested more than 16 deep", "включения вложены глубже 16 уровней")
        case let .prefixClash(context, prefix, sequence):
            l.pick("in '\(context)', \(prefix) is bound and also starts \(sequence)",
                   "в '\(context)' клавиша \(prefix) назначена и при этом начинает \(sequence)")
        case .noKey(let action): l.pick("action '\(action)' has no key", "у действия '\(action)' нет клавиши")
        case let .noPreset(name, known):
            l.pick("no keymap preset '\(name)' (known: \(known.joined(separator: ", ")); or a keymap file's path)",
                   "нет раскладки '\(name)' (есть: \(known.joined(separator: ", ")); или путь к файлу раскладки)")
        case .noPresetIn(let folder):
            l.pick("no such keymap preset (looked in \(folder ?? "the presets folder"))",
                   "нет такой раскладки (искали в \(folder ?? "папке раскладок"))")
        case .noFile(let path): l.pick("no keymap file \(path)", "нет файла раскладки \(path)")
        case let .inFile(path, reason): "\(path): " + reason.text(l)
        case .cannotReadFile: l.pick("cannot read the file", "файл не читается")
        case .notUTF8: l.pick("not valid UTF-8", "не в кодировке UTF-8")
        }
    }
}
