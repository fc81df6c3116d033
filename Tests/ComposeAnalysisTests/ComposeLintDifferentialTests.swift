import ComposeSpec
import Foundation
import PierTestSupport
import Testing

@testable import ComposeAnalysis

/// Pier's security rules against compose-lint's (0.36.2, from PyPI, installed by `scripts/analysis-tools.sh`):
/// every finding compose-lint makes on a seed has a Pier finding of the matching rule for the same service,
/// except where Pier differs on purpose (a secret read from an env file is where the seeds say secrets belong).
@Suite struct ComposeLintDifferentialTests {
    /// compose-lint's rules and the Pier rules that cover each.
    static let coverage: [String: Set<String>] = [
        "CL-0001": ["docker-socket"], "CL-0002": ["privileged"], "CL-0003": ["no-new-privileges"],
        "CL-0004": ["image-unpinned"], "CL-0005": ["port-all-interfaces", "database-port-exposed"],
        "CL-0006": ["cap-drop-all"], "CL-0007": ["read-only-rootfs"], "CL-0008": ["host-network"],
        "CL-0009": ["unconfined-profile"], "CL-0010": ["host-namespace"], "CL-0011": ["dangerous-capability"],
        "CL-0013": ["sensitive-mount", "docker-socket"], "CL-0014": ["logging-disabled"],
        "CL-0016": ["dangerous-device"], "CL-0017": ["shared-propagation"], "CL-0018": ["root-user"],
        "CL-0019": ["image-digest"], "CL-0020": ["secret-in-environment", "secret-in-command", "secret-in-label"],
        "CL-0021": ["credentials-in-url"], "CL-0022": ["tmpfs-exec"], "CL-0024": ["dangerous-capability"],
        "CL-0025": ["sensitive-mount"], "CL-0026": ["missing-memory-limit"], "CL-0027": ["dangerous-capability"],
        "CL-0028": ["dangerous-capability"], "CL-0029": ["dangerous-capability"], "CL-0030": ["dangerous-capability"],
    ]

    @Test(.requiresComposeLint, arguments: LintSeedTests.seeds)
    func everyComposeLintFindingIsCovered(seed: String) async throws {
        let file = Fixtures.seedFlags[seed]?.files.first ?? "docker-compose.yml"
        let path = Fixtures.seedDirectory(seed) + "/" + file
        let result = try await Fixtures.run(["python3", "-m", "compose_lint", "check", "--format", "json", path])
        let json = String(result.stdout.drop { $0 != "{" })
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let theirs = try #require(object?["findings"] as? [[String: Any]], "\(result.stdout)\(result.stderr)")
        #expect(!theirs.isEmpty)
        let ours = Linter().lint(LintContext(project: try Fixtures.seed(seed)))
        for finding in theirs {
            let rule = finding["rule_id"] as? String ?? ""
            let service = finding["service"] as? String
            let message = finding["message"] as? String ?? ""
            if rule == "CL-0020", message.contains("from '") { continue }  // a secret in an env file: deliberate
            let rules = try #require(Self.coverage[rule], "compose-lint rule \(rule) has no Pier counterpart")
            #expect(
                ours.contains { rules.contains($0.rule) && $0.service == service },
                "\(rule) for \(service ?? "-") at line \(finding["line"] ?? 0): \(message)")
        }
    }
}
