import ComposeSpec

/// One lint rule: what it is called, how much it matters, what it is about, its documentation, and its check.
public struct LintRule: Sendable {
    public enum Category: String, Sendable, CaseIterable, Codable {
        case security, reliability, portability, style
    }

    /// The id findings, suppression comments and the config file use (`privileged`).
    public let id: String
    /// One line: what the rule wants.
    public let title: String
    public let severity: Severity
    public let category: Category
    /// What the rule checks, why it matters, and how to fix it: `pier lint --explain ID` prints it.
    public let explanation: String
    /// Rules off by default run only when the config file turns them on.
    public let enabledByDefault: Bool
    /// Whether some of its findings come with a safe fix (`--fix`).
    public let fixable: Bool
    let check: @Sendable (LintContext) -> [LintIssue]

    init(
        _ id: String, _ category: Category, _ severity: Severity, title: String, fixable: Bool = false,
        enabledByDefault: Bool = true, explanation: String, check: @escaping @Sendable (LintContext) -> [LintIssue]
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.category = category
        self.explanation = explanation
        self.enabledByDefault = enabledByDefault
        self.fixable = fixable
        self.check = check
    }
}

/// What a rule reports; the linter adds the rule's id and (configured) severity.
struct LintIssue: Sendable {
    var message: String
    var location: SourceLocation?
    var service: String?
    var fix: TextEdit?

    init(_ message: String, at location: SourceLocation?, service: String? = nil, fix: TextEdit? = nil) {
        self.message = message
        self.location = location
        self.service = service
        self.fix = fix
    }
}

extension LintRule {
    /// Every rule, sorted by category then id.
    public static let all: [LintRule] =
        (securityRules + mountRules + secretRules + imageRules + portRules + reliabilityRules
        + containerRules + styleRules + orderRules).sorted {
            ($0.category.rawValue, $0.id) < ($1.category.rawValue, $1.id)
        }

    public static func named(_ id: String) -> LintRule? { all.first { $0.id == id } }
}
