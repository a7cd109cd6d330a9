import ArgumentParser
import DeskCore
import DeskUI
import Foundation

extension Role: ExpressibleByArgument {}

/// `cdesk policy set FILE` and `show`: the compensation limits, SLA targets and playbook that
/// hold for every agent of the store. An agent's own config can only lower the limits.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Set or show the store's shared policy: compensation limits, SLA targets, the playbook.",
        subcommands: [PolicySet.self, PolicyShow.self]
    )

    struct PolicySet: ParsableCommand {
        /// `--lang`: the language of its messages.
        @OptionGroup var languageOption: LanguageOption
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Keep FILE (TOML: compensation, vip, sla, playbook, recovery_window_days) as the store's policy; leads only.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The policy file.", valueName: "file")) var file: String
        @Option(help: "The lead setting it (default: your login name).") var agent: String?

        func run() throws {
            try reportingUserErrors {
                guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                    throw UserError(cliLanguage().pick("cannot read \(file)", "не удаётся прочитать \(file)"))
                }
                do { _ = try SharedPolicy.parse(text, file: file) } catch let error as ConfigError { throw UserError(error.text(cliLanguage())) }
                let store = try storeOptions.open(mustExist: true)
                let lead = try actingAgent(agent, on: store)
                try store.setSharedPolicy(text, by: lead, at: Date())
                print(cliLanguage().pick("the store's policy is now \(UntrustedText.line(file)); every agent's limits follow it",
                                         "политика хранилища теперь из \(UntrustedText.line(file)); пределы всех сотрудников следуют ей"))
            }
        }
    }

    struct PolicyShow: ParsableCommand {
        /// `--lang`: the language of its messages.
        @OptionGroup var languageOption: LanguageOption
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the store's policy in force.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try reportingUserErrors {
                let store = try storeOptions.open(mustExist: true)
                guard let text = try store.policyInForce() else {
                    print(cliLanguage().pick("# no shared policy set: each agent's config.toml (or the built-in defaults) holds",
                                             "# общая политика не задана: действует config.toml каждого (или встроенная)"))
                    return
                }
                let policy = try SharedPolicy.parse(text, file: "the store's policy")
                if try store.sharedPolicy() == nil {
                    print(cliLanguage().pick("# no policy set yet: the built-in one holds for this store's team (cdesk policy set FILE)",
                                             "# политика ещё не задана: для команды этого хранилища действует встроенная (cdesk policy set ФАЙЛ)"))
                } else {
                    print(cliLanguage().pick("# the store's policy (cdesk policy set), as it holds", "# политика хранилища (cdesk policy set), как она действует"))
                }
                print(policy.policyTOML, terminator: "")
            }
        }
    }
}

/// `cdesk agents add NAME --role agent|lead` and `list`.
struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "The store's team: who works it, as agent or lead.",
        discussion: "Until the store has a lead anyone may add the first one; after, only leads add people or change roles.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        /// `--lang`: the language of its messages.
        @OptionGroup var languageOption: LanguageOption
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add NAME (a login name) or change their role.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The operating-system login name of the person.", valueName: "name")) var name: String
        @Option(help: "agent or lead.") var role: Role = .agent
        @Option(help: "The lead adding them (default: your login name).") var agent: String?

        func run() throws {
            try reportingUserErrors {
                let store = try storeOptions.open(mustExist: true)
                try store.addMember(name, role: role, by: try actingAgent(agent, on: store), at: Date())
                print(cliLanguage().pick("\(UntrustedText.line(name)) is \(role == .lead ? "a lead" : "an agent") of this store",
                                         "\(UntrustedText.line(name)) — \(role == .lead ? "старший" : "сотрудник") в этом хранилище"))
            }
        }
    }

    struct List: ParsableCommand {
        /// `--lang`: the language of its messages.
        @OptionGroup var languageOption: LanguageOption
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the team: name, role, added by, when.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try reportingUserErrors {
                let store = try storeOptions.open(mustExist: true)
                let team = try store.team()
                if team.isEmpty {
                    print(cliLanguage().pick("# no team kept: anyone may act as any agent (cdesk agents add NAME --role lead)",
                                             "# состав не ведётся: любой может действовать от имени любого (cdesk agents add ИМЯ --role lead)"))
                }
                for member in team {
                    print("\(UntrustedText.line(member.name))\t\(member.role.rawValue)\t\(UntrustedText.line(member.addedBy))\t"
                          + ISODate.string(Int64(member.addedAt.timeIntervalSince1970)))
                }
            }
        }
    }
}

/// `cdesk init --group NAME`: a store several Unix users share, in a setgid folder of their group.
struct InitCommand: ParsableCommand {
    /// `--lang`: the language of its messages.
    @OptionGroup var languageOption: LanguageOption
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a new store; with --group, one the group's members share (folder 2770, files 0660).")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("The Unix group whose members work the store.", valueName: "name")) var group: String?
    @Option(help: "The first lead (default: your login name).") var lead: String?

    func run() throws {
        try reportingUserErrors {
            let path = storeOptions.path()
            guard !FileManager.default.fileExists(atPath: path) else { throw UserError(cliLanguage().pick("\(path) exists already", "\(path) уже существует")) }
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if let group {
                guard let entry = getgrnam(group) else { throw UserError(cliLanguage().pick("no group \(group)", "нет группы \(group)")) }
                guard chown(folder, uid_t.max, entry.pointee.gr_gid) == 0, chmod(folder, 0o2770) == 0 else {
                    throw UserError("cannot give \(folder) to group \(group): \(String(cString: strerror(errno)))")
                }
                // The store and its -wal and -shm files are made readable and writable by the group.
                umask(0o007)
            }
            let store = try storeOptions.open()
            if group != nil { chmod(path, 0o660) }
            let first = lead ?? loginName()
            try store.addMember(first, role: .lead, by: first, at: Date())
            // The built-in policy holds from the start: no agent's config can raise a limit
            // before a lead sets the shop's own (cdesk policy set).
            try store.setSharedPolicy(DeskConfig.standard.policyTOML, by: first, at: Date())
            let l = cliLanguage()
            print(l.pick("made ", "создано: ") + UntrustedText.line(path)
                  + (group.map { l.pick(" for group ", " для группы ") + UntrustedText.line($0) } ?? "")
                  + l.pick("; \(UntrustedText.line(first)) is its lead (cdesk agents add NAME adds the others)",
                           "; \(UntrustedText.line(first)) — старший (cdesk agents add ИМЯ добавит остальных)"))
        }
    }
}

/// The operating-system login name of whoever runs cdesk.
func loginName() -> String {
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
    return ProcessInfo.processInfo.environment["USER"] ?? "agent"
}

/// Who is named to act: `--agent`, else `CDESK_AGENT`, else the login name.
func namedAgent(_ explicit: String?) -> String {
    explicit ?? ProcessInfo.processInfo.environment["CDESK_AGENT"] ?? loginName()
}

/// Who acts (`namedAgent`). On a store that keeps its team, only yourself, unless the store
/// allows anyone (a demo store).
func actingAgent(_ explicit: String?, on store: any DeskStore) throws -> String {
    let login = loginName(), named = namedAgent(explicit)
    guard named != login else { return login }
    guard try store.identityIsFree() else { throw UserError(TeamError.notYourself(named: named, login: login).message(cliLanguage())) }
    return named
}

/// This person's config under the store's policy in force (`policyInForce`: the one a lead
/// set, the built-in one on a team store without one), when it has one.
func governedConfig(_ store: any DeskStore) throws -> DeskConfig {
    let (config, file) = try loadConfigFile()
    guard let policy = try store.policyInForce() else { return config }
    let path = file ?? DeskConfig.defaultPath()
    let own = file.flatMap { FileManager.default.contents(atPath: $0) }.flatMap { String(data: $0, encoding: .utf8) }
    do {
        var governed = try DeskConfig.governed(own: own, file: path, policy: policy)
        governed.keymap = config.keymap
        return governed
    } catch let error as ConfigError {
        throw UserError(error.text(cliLanguage()))
    }
}
