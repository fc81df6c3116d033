import ComposeSpec

/// Runs the lint rules over a loaded project and keeps the findings the config and the comments leave on.
public struct Linter: Sendable {
    public var config: LintConfig

    public init(config: LintConfig = LintConfig()) {
        self.config = config
    }

    /// The findings of every enabled rule, sorted by place, suppressed ones left out.
    public func lint(_ context: LintContext) -> [Finding] {
        let suppressions = Suppressions(sources: context.sources)
        var findings: [Finding] = []
        for rule in LintRule.all {
            guard let severity = config.severity(of: rule) else { continue }
            let excluded = config.excludedServices[rule.id] ?? []
            for issue in rule.check(context) {
                if let service = issue.service, excluded.contains(service) { continue }
                let finding = Finding(
                    rule: rule.id, severity: severity, message: issue.message, at: issue.location,
                    file: issue.location == nil ? context.project.configFiles.first : nil, service: issue.service,
                    fix: issue.fix)
                if !suppressions.suppresses(finding) { findings.append(finding) }
            }
        }
        return Finding.sorted(findings)
    }

    /// A project that does not load, as one finding of the `invalid-compose` rule (for JSON and SARIF output).
    public static func finding(for error: ComposeError) -> Finding {
        Finding(rule: "invalid-compose", severity: .error, error)
    }
}
