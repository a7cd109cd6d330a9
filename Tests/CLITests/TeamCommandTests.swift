import DeskTestSupport
import Foundation
import Testing

/// A team on one store from the command line: the first lead, agents, the shared policy that
/// an agent's own config cannot raise, and who may act as whom.
@Suite(.serialized) struct TeamCommandTests {
    static func login() -> String {
        getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "root"
    }

    @Test func initMakesAGroupStoreWithItsLeadAndThePolicyHoldsForEveryone() throws {
        let folder = Scratch.path("team")
        let store = folder + "/desk.sqlite"
        let group = getgrgid(getegid()).map { String(cString: $0.pointee.gr_name) } ?? "root"
        let made = try runCDesk(["init", "--store", store, "--group", group])
        #expect(made.status == 0, "\(made.stderr)")
        var info = stat()
        #expect(stat(folder, &info) == 0 && info.st_mode & 0o7777 == 0o2770, "a setgid folder of the group")
        #expect(stat(store, &info) == 0 && info.st_mode & 0o777 == 0o660, "a store the group reads and writes")
        let me = Self.login()

        let list = try runCDesk(["agents", "list", "--store", store])
        #expect(list.stdout.hasPrefix("\(me)\tlead\t"))
        #expect(try runCDesk(["agents", "add", "olga", "--store", store]).status == 0)

        // Acting as someone else is refused on a store that keeps its team.
        let other = try runCDesk(["import", "customers", "/nonexistent.csv", "--store", store, "--agent", "olga"])
        #expect(other.status == 1 && other.stderr.contains("may name only yourself"), "\(other.stderr)")

        let policy = Scratch.path("policy.toml")
        try "[compensation.discount]\ndefault = 10\nagent_limit = 20\nmaximum = 40\n".write(toFile: policy, atomically: true, encoding: .utf8)
        let set = try runCDesk(["policy", "set", policy, "--store", store])
        #expect(set.status == 0, "\(set.stderr)")
        let show = try runCDesk(["policy", "show", "--store", store])
        #expect(show.stdout.contains("agent_limit = 20"))

        let bad = Scratch.path("bad-policy.toml")
        try "keymap = \"vi\"\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try runCDesk(["policy", "set", bad, "--store", store])
        #expect(refused.status == 1 && refused.stderr.contains("not a policy key"))
    }

    @Test func onlyALeadChangesTheTeamOnceThereIsOne() throws {
        let store = Scratch.path("team2.sqlite")
        #expect(try runCDesk(["init", "--store", store, "--lead", "anna"]).status == 0)
        // This user is not on the team: adding someone is a lead's.
        let add = try runCDesk(["agents", "add", "boris", "--role", "lead", "--store", store])
        #expect(add.status == 1 && add.stderr.contains("only a lead may do this"), "\(add.stderr)")
    }
}

extension TeamCommandTests {
    /// An agent's config pointing at a higher limit changes nothing on a store made by init:
    /// the built-in policy holds from the start.
    @Test func aNewStoresPolicyHoldsAgainstAnAgentsOwnConfig() throws {
        let store = Scratch.path("team3.sqlite")
        #expect(try runCDesk(["init", "--store", store]).status == 0)
        let show = try runCDesk(["policy", "show", "--store", store])
        #expect(show.stdout.contains("[compensation.discount]") && show.stdout.contains("agent_limit = 15"), "\(show.stdout)")
    }

    /// A team added to a store made without one (a demo, an older store): no policy was set,
    /// and the built-in one holds for the team, as `policy show` says.
    @Test func aTeamAddedToAnOlderStoreIsGovernedByTheBuiltInPolicy() throws {
        let store = Scratch.path("team4.sqlite")
        #expect(try runCDesk(["demo", "--store", store, "--customers", "5", "--tickets", "10"]).status == 0)
        let before = try runCDesk(["policy", "show", "--store", store])
        #expect(before.stdout.hasPrefix("# no shared policy set"), "\(before.stdout)")
        #expect(try runCDesk(["agents", "add", Self.login(), "--role", "lead", "--store", store]).status == 0)
        let show = try runCDesk(["policy", "show", "--store", store])
        #expect(show.stdout.hasPrefix("# no policy set yet: the built-in one holds for this store's team"), "\(show.stdout)")
        #expect(show.stdout.contains("[compensation.discount]") && show.stdout.contains("agent_limit = 15"), "\(show.stdout)")
    }
}
