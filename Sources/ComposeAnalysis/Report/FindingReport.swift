import Foundation

/// Findings as `lint` and `check` print them: one line each, or JSON. Paths inside `baseDirectory` are written
/// relative to it (`compose.yaml:3:5`), others as they are.
public struct FindingReport: Sendable {
    public var findings: [Finding]
    public var baseDirectory: String
    /// The category of each rule, when the findings are lint findings.
    public var categories: [String: String] = [:]

    public init(findings: [Finding], baseDirectory: String, categories: [String: String] = [:]) {
        self.findings = findings
        self.baseDirectory = baseDirectory
        self.categories = categories
    }

    /// `file:line:column: severity [rule] message` lines, then a count; nothing but the count line when clean.
    public func text() -> String {
        var lines = findings.map { finding in
            let place = relativePlace(finding)
            return (place.isEmpty ? "" : place + ": ")
                + "\(finding.severity.rawValue) [\(finding.rule)] \(finding.message)"
        }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `3 problems (1 error, 1 warning, 1 info)`, or `no problems`.
    public var summary: String {
        guard !findings.isEmpty else { return "no problems" }
        let counts = Severity.allCases.reversed().map { severity in
            let count = findings.filter { $0.severity == severity }.count
            let noun = severity == .info ? "info" : severity.rawValue + (count == 1 ? "" : "s")
            return "\(count) \(noun)"
        }
        let problems = findings.count == 1 ? "1 problem" : "\(findings.count) problems"
        return "\(problems) (\(counts.joined(separator: ", ")))"
    }

    struct Entry: Encodable {
        var rule: String
        var severity: String
        var category: String?
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        var service: String?
        var fixable: Bool
    }

    struct Document: Encodable {
        var findings: [Entry]
        var summary: [String: Int]
    }

    /// `{"findings": [...], "summary": {"error": n, "warning": n, "info": n}}`, keys sorted.
    public func json() -> String {
        let entries = findings.map { finding in
            Entry(
                rule: finding.rule, severity: finding.severity.rawValue, category: categories[finding.rule],
                message: finding.message, file: finding.file.map(relative), line: finding.location?.line,
                column: finding.location?.column, service: finding.service, fixable: finding.fix != nil)
        }
        var summary: [String: Int] = [:]
        for severity in Severity.allCases {
            summary[severity.rawValue] = findings.filter { $0.severity == severity }.count
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Document(findings: entries, summary: summary))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func relative(_ path: String) -> String {
        path.hasPrefix(baseDirectory + "/") ? String(path.dropFirst(baseDirectory.count + 1)) : path
    }

    private func relativePlace(_ finding: Finding) -> String {
        guard let location = finding.location else { return finding.file.map(relative) ?? "" }
        return "\(relative(location.file)):\(location.line):\(location.column)"
    }
}
