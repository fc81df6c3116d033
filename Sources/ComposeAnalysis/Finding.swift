import ComposeSpec

/// How much a finding matters: an `error` stops `up` or is dangerous, a `warning` should be fixed, an `info` is
/// advice. SARIF calls them `error`, `warning` and `note`.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One thing an analysis found, pointing at the file, line and column the value was written at (through merges,
/// `extends`, `include` and interpolation), or at a file only when no line is known.
public struct Finding: Sendable, Hashable {
    /// The rule or check that found it (`privileged`, `bind-source-missing`…).
    public var rule: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// The file the finding is about when no line is known (a missing env file, the project's first file).
    public var file: String?
    /// The service the finding is about, if any.
    public var service: String?
    /// An edit that fixes the finding safely, when there is one (`--fix`).
    public var fix: TextEdit?

    public init(
        rule: String, severity: Severity, message: String, at location: SourceLocation? = nil,
        file: String? = nil, service: String? = nil, fix: TextEdit? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.location = location
        self.file = file ?? location?.file
        self.service = service
        self.fix = fix
    }
}

extension Finding {
    /// A loader's error or warning as a finding of `rule`, at the place it names.
    public init(rule: String, severity: Severity, _ loaded: some PositionedMessage) {
        self.init(rule: rule, severity: severity, message: loaded.message, at: loaded.location, file: loaded.file)
    }

    /// Orders findings by file, line, column, then rule: the order every output prints them in.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted { left, right in
            let leftKey = (left.file ?? "", left.location?.line ?? 0, left.location?.column ?? 0)
            let rightKey = (right.file ?? "", right.location?.line ?? 0, right.location?.column ?? 0)
            if leftKey != rightKey { return leftKey < rightKey }
            if left.rule != right.rule { return left.rule < right.rule }
            return left.message < right.message
        }
    }
}

/// A replacement of whole lines of one file: `lines` (1-based, inclusive) become `replacement` (no line at all
/// removes them). Fixes are line edits so that they can be shown as a unified diff and never overlap silently.
public struct TextEdit: Sendable, Hashable {
    public var file: String
    public var lines: ClosedRange<Int>
    public var replacement: [String]

    public init(file: String, lines: ClosedRange<Int>, replacement: [String]) {
        self.file = file
        self.lines = lines
        self.replacement = replacement
    }
}
