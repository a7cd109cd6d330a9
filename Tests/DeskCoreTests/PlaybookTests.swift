import DeskCore
import Testing

@Suite struct PlaybookTests {
    let playbook = Playbook.standard
    let policy = CompensationPolicy.standard

    func kinds(_ reason: Reason, _ fault: Fault, _ tier: Tier = .regular) -> [String] {
        playbook.suggest(reason: reason, fault: fault, tier: tier, policy: policy).gifts.map { "\($0.kind.rawValue) \($0.value)" }
    }

    @Test func theShopsPlaybook() {
        #expect(kinds(.deliveryCost, .unknown) == ["free-delivery 0"])
        #expect(kinds(.competitorPrice, .unknown) == ["discount 10"])
        #expect(kinds(.productQuality, .shop) == ["discount 10", "bonus 500"], "shop at fault: in full plus a surprise")
        #expect(kinds(.misuse, .customer) == ["apology 0"], "customer at fault: explain, no compensation")
        #expect(kinds(.productQuality, .customer) == ["apology 0"], "fault decides before reason")
        #expect(kinds(.movedRegion, .unknown) == [], "nothing to compensate")
        #expect(kinds(.service, .unknown) == ["apology 0", "bonus 300"])
    }

    @Test func vipGetsOneStepMoreButNeverOverTheAgentLimit() {
        #expect(kinds(.productQuality, .shop, .vip) == ["discount 15", "bonus 1000", "free-delivery 0"])
        #expect(kinds(.competitorPrice, .unknown, .vip) == ["discount 15", "free-delivery 0"])
        #expect(kinds(.misuse, .customer, .vip) == ["apology 0"], "no compensation owed stays so for a VIP")
    }

    @Test(arguments: Reason.allCases) func everyReasonFaultAndTierGetsASuggestionWithinPolicy(reason: Reason) {
        for fault in Fault.allCases {
            for tier in Tier.allCases {
                let s = playbook.suggest(reason: reason, fault: fault, tier: tier, policy: policy)
                #expect(!s.why.isEmpty)
                for gift in s.gifts where CompensationPolicy.hasValue(gift.kind) {
                    #expect((try? policy.check(gift.kind, typed: String(gift.value))) == gift.value,
                            "\(reason) \(fault) \(tier): \(gift.kind) \(gift.value) is within the agent's limit")
                }
            }
        }
    }
}
