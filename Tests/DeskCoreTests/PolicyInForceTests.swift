@testable import DeskCore
import DeskTestSupport
import Foundation
import Testing

/// A store that keeps its team is governed by a policy even when no lead set one (a team
/// added to an older store with `cdesk agents add`): the built-in one, as `cdesk init` sets
/// it, so that an agent's own config never raises their limit there.
@Suite struct PolicyInForceTests {
    static let generousConfig = "[compensation.discount]\ndefault = 10\nagent_limit = 50\nmaximum = 60\n"

    @Test func aTeamStoreWithoutAPolicyIsGovernedByTheBuiltInOne() throws {
        let store = try Fixtures.smallStore()
        #expect(try store.policyInForce() == nil, "no team: each person's own config holds")

        try store.addMember("anna", role: .lead, by: "anna", at: Fixtures.now)
        let policy = try #require(try store.policyInForce())
        #expect(policy == DeskConfig.standard.policyTOML)
        let governed = try DeskConfig.governed(own: Self.generousConfig, file: "config.toml", policy: policy)
        let standard = CompensationPolicy.standard.limits[.discount]!
        #expect(governed.policy.limits[.discount]?.agentLimit == standard.agentLimit, "the agent's 50% is not theirs to set")
        #expect(governed.policy.limits[.discount]?.maximum == standard.maximum)

        // A lead's own policy, once set, is the one in force.
        try store.setSharedPolicy("[compensation.discount]\nagent_limit = 20\nmaximum = 40\n", by: "anna", at: Fixtures.now)
        #expect(try store.policyInForce()?.contains("agent_limit = 20") == true)
    }

    /// The policy reads as one parse: a key that is each person's own is refused with its line.
    @Test func aPolicyRefusesAPersonsOwnKeysWithTheirLine() throws {
        #expect(throws: ConfigError(file: "p.toml", line: 3, key: "keymap",
                                    reason: .notAPolicyKey(policyKeys: ["compensation", "playbook", "recovery_window_days", "sla", "vip"]))) {
            try SharedPolicy.parse("recovery_window_days = 60\n\nkeymap = \"vi\"\n", file: "p.toml")
        }
        #expect(throws: ConfigError.self) { try SharedPolicy.parse("[$]\n", file: "p.toml") }
        #expect(try SharedPolicy.parse("recovery_window_days = 60\n", file: "p.toml").policy.recoveryWindowDays == 60)
    }
}
