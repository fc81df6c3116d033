import Foundation
import Testing

@testable import Orchestration

@Suite struct PullPolicyTests {
    @Test(arguments: [
        ("always", PullPolicy.always), ("never", .never), ("missing", .missing), ("if_not_present", .missing),
        ("refresh", .missing), ("build", .build), ("daily", .refresh(every: .seconds(86_400))),
        ("weekly", .refresh(every: .seconds(604_800))), ("every_12h", .refresh(every: .seconds(43_200))),
        ("every_1w2d3h4m5s", .refresh(every: .seconds(604_800 + 172_800 + 10_800 + 240 + 5))),
    ])
    func readsComposeValues(text: String, policy: PullPolicy) {
        #expect(PullPolicy(text) == policy)
    }

    @Test(arguments: ["every_", "every_5", "every_5x", "every_h", "sometimes", ""])
    func refusesOthers(text: String) {
        #expect(PullPolicy(text) == nil)
    }

    @Test func timeBasedPoliciesMeasureFromTheLastTag() {
        let now = Date()
        let daily = PullPolicy.refresh(every: .seconds(86_400))
        #expect(daily.refreshes(lastTagged: nil, now: now))
        #expect(daily.refreshes(lastTagged: now.addingTimeInterval(-90_000), now: now))
        #expect(!daily.refreshes(lastTagged: now.addingTimeInterval(-3_600), now: now))
        #expect(PullPolicy.always.refreshes(lastTagged: now, now: now))
        #expect(!PullPolicy.missing.refreshes(lastTagged: nil, now: now))
        #expect(!PullPolicy.never.refreshes(lastTagged: nil, now: now))
    }
}
