import DeskCore
import Testing

/// The store's policy holds for every agent: an agent's own config can lower the limits,
/// never raise them, and never change the SLA targets or the playbook.
@Suite struct SharedPolicyTests {
    let policy = """
        recovery_window_days = 60
        [compensation.discount]
        default = 10
        agent_limit = 20
        maximum = 40
        [sla.high]
        first_response_hours = 2
        resolution_hours = 8
        """

    @Test func anAgentsConfigCannotRaiseALimit() throws {
        let own = """
            [compensation.discount]
            agent_limit = 50
            maximum = 90
            [sla.high]
            first_response_hours = 100
            resolution_hours = 200
            """
        let config = try DeskConfig.governed(own: own, file: "mine.toml", policy: policy)
        #expect(config.policy.limits[.discount]?.agentLimit == 20 && config.policy.limits[.discount]?.maximum == 40)
        #expect(config.sla.targets[.high]?.firstResponseHours == 2, "the SLA targets are the store's")
        #expect(config.policy.recoveryWindowDays == 60)
        #expect(throws: CompensationPolicy.Refusal.overAgentLimit(kind: .discount, limit: 20)) {
            try config.policy.check(.discount, typed: "30")
        }
    }

    @Test func anAgentsConfigMayNarrowAndKeepsItsOwnSettings() throws {
        let own = """
            keymap = "vi"
            [compensation.discount]
            agent_limit = 12
            """
        let config = try DeskConfig.governed(own: own, file: "mine.toml", policy: policy)
        #expect(config.policy.limits[.discount]?.agentLimit == 12 && config.policy.limits[.discount]?.defaultValue == 10)
        #expect(config.keymap == "vi")
        let none = try DeskConfig.governed(own: nil, file: "none.toml", policy: policy)
        #expect(none.policy.limits[.discount]?.agentLimit == 20, "without a config, the store's policy as it is")
    }

    @Test func aPolicyFileHoldsOnlyPolicyKeys() {
        #expect(throws: ConfigError.self) { try SharedPolicy.parse("keymap = \"vi\"\n", file: "p.toml") }
        #expect(throws: ConfigError.self) { try SharedPolicy.parse("[compensation.discount]\nagent_limit = -5\n", file: "p.toml") }
    }
}
