import ArgumentParser
import DeskCore
import DeskTerminal
import DeskUI
import Foundation

struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "Open the console on the store (the default).")

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Open the console on the demo store (demo.sqlite in the data folder), creating it on first use.")
    var demo = false

    @Option(help: ArgumentHelp("A keymap preset (default, vi, emacs, russian) or a keymap file.", valueName: "name|path"))
    var keymap: String?

    @Option(help: "The agent to act as (default: $CDESK_AGENT, else your login name).")
    var agent: String?

    @Option(help: ArgumentHelp("The console's language (default: language in the config, else ru when LC_ALL, LC_MESSAGES, LANG or LANGUAGE starts with ru, else en).",
                               valueName: "en|ru"))
    var lang: String?

    func run() throws {
        try reportingUserErrors {
            let own = try loadConfig()
            let language = try chosenLanguage(lang, config: own)
            let keys = try loadKeymap(keymap ?? own.keymap)
            // Refuse early, before any store is created, when there is no terminal to draw on.
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw UserError(TerminalScreen.StartError.notATerminal.text(language))
            }
            let store = try storeOptions.open(demo: demo)
            if demo, try store.isEmpty() {
                FileHandle.standardError.write(Data(language.pick("cdesk: creating the demo store \(storeOptions.path(demo: true))…\n",
                                                                   "cdesk: создаю демонстрационное хранилище \(storeOptions.path(demo: true))…\n").utf8))
                try DemoCommand.fill(store, options: DemoOptions(now: DemoCommand.startOfHour()), indexesLast: false)
            }
            // The store's policy over this person's config, and who they are on this store.
            let config = try governedConfig(store)
            let agentName = try actingAgent(agent, on: store)
            var policy = config.policy
            if try store.role(of: agentName) == .lead {
                // A lead gives up to the policy's maximum.
                for (kind, limits) in policy.limits { policy.limits[kind]?.agentLimit = limits.maximum }
            }
            try applySLA(config, to: store, agent: agentName)
            let screen: TerminalScreen
            do {
                screen = try TerminalScreen(look: config.look)
            } catch let error as TerminalScreen.StartError {
                throw UserError(error.text(language))
            }
            defer { screen.close() }
            var settings = ConsoleSettings(currency: config.policy.currency, signature: config.signature,
                                           apologyOpensReply: config.apologyOpensReply,
                                           outbox: Outbox(config.mail), mail: config.mail, timeZone: config.shopTimeZone)
            settings.slaTargetPercent = config.sla.targetPercent
            let console = Console(store: store, keymap: keys, agent: agentName, size: screen.size,
                                  policy: policy, playbook: config.playbook, settings: settings, language: language)
            console.start()
            if !screen.refusedColours.isEmpty {
                console.warn(L10n(language).legend.refused(screen.refusedColours, theme: screen.theme))
            }
            if !store.isReadOnly {
                Self.sweepInBackground(store, windowDays: config.policy.recoveryWindowDays, agent: agentName)
            }
            ConsoleLoop.run(console, on: screen)
        }
    }

    /// Complaints that came back or ran out of time since anyone last looked: swept in the
    /// background (a large store takes seconds); the console notices the result. The group
    /// is left when the sweep is done.
    @discardableResult
    static func sweepInBackground(_ store: any DeskStore, windowDays: Int, agent: String) -> DispatchGroup {
        let done = DispatchGroup()
        DispatchQueue.global(qos: .utility).async(group: done) {
            _ = try? store.sweepRecovery(windowDays: windowDays, agent: agent, now: Date())
        }
        return done
    }
}
