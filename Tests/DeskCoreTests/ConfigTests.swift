import DeskCore
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func theFileOverridesTheDefaults() throws {
        let config = try DeskConfig.parse("""
            keymap = "vi"
            recovery_window_days = 60

            [compensation.discount]
            agent_limit = 20

            [[playbook]]
            reason = "delivery-cost"
            give = ["bonus 200"]
            why = "our shop's own rule"
            """, file: "config.toml")
        #expect(config.keymap == "vi")
        #expect(config.policy.recoveryWindowDays == 60)
        #expect(config.policy.limits[.discount] == .init(defaultValue: 10, agentLimit: 20, maximum: 50))
        #expect(config.policy.limits[.bonus] == CompensationPolicy.standard.limits[.bonus])
        let s = config.playbook.suggest(reason: .deliveryCost, fault: .unknown, tier: .regular, policy: config.policy)
        #expect(s.gifts == [Playbook.Gift(.bonus, 200)] && s.why == "our shop's own rule", "the playbook is data")
    }

    @Test func printedConfigReadsBackTheSame() throws {
        #expect(try DeskConfig.parse(DeskConfig.standard.toml, file: "x") == .standard)
    }

    @Test(arguments: [
        ("colour = \"blue\"\n", "config.toml:1: colour: unknown key"),
        ("\n[compensation.discount]\nagent_limit = \"lots\"\n", "config.toml:3: compensation.discount.agent_limit: expected a whole number above 0"),
        ("[compensation.discount]\nagent_limit = 80\n", "config.toml:1: compensation.discount: needs default ≤ agent_limit ≤ maximum"),
        ("[[playbook]]\nreason = \"weather\"\ngive = []\n", "config.toml:2: reason: unknown reason 'weather'"),
        ("[[playbook]]\ngive = [\"gold 5\"]\n", "config.toml:2: give: 'gold 5' is not a kind"),
        ("keymap = \n", "config.toml:1: "),
    ])
    func aBadFileNamesFileLineAndKey(text: String, expected: String) {
        #expect {
            _ = try DeskConfig.parse(text, file: "config.toml")
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }
}

@Suite struct SLAConfigTests {
    @Test func slaTargetsComeFromTheConfig() throws {
        let config = try DeskConfig.parse("[sla.urgent]\nfirst_response_hours = 2\nresolution_hours = 12\n", file: "c.toml")
        #expect(config.sla.targets[.urgent] == .init(firstResponseHours: 2, resolutionHours: 12))
        #expect(config.sla.targets[.low] == SLAPolicy.standard.targets[.low])
        #expect(throws: ConfigError.self) { try DeskConfig.parse("[sla.urgent]\nfirst_response_hours = 20\nresolution_hours = 12\n", file: "c") }
        #expect(throws: ConfigError.self) { try DeskConfig.parse("[sla.someday]\nresolution_hours = 12\n", file: "c") }
        let created = Date(timeIntervalSince1970: 0)
        #expect(config.sla.resolutionDue(created: created, priority: .urgent) == Date(timeIntervalSince1970: 12 * 3600))
    }
}
