import Foundation

/// Lint findings as SARIF 2.1.0 (the Static Analysis Results Interchange Format that code-scanning services read):
/// one run of the `pier lint` tool, every rule described, every finding with its location and its fix.
public struct SARIFReport: Sendable {
    public var findings: [Finding]
    /// Artifact URIs are relative to this directory (the `PROJECTROOT` base), when inside it.
    public var baseDirectory: String
    public var toolVersion: String

    public init(findings: [Finding], baseDirectory: String, toolVersion: String) {
        self.findings = findings
        self.baseDirectory = baseDirectory
        self.toolVersion = toolVersion
    }

    public func json() -> String {
        let rules = LintRule.all
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let run: [String: Any] = [
            "tool": [
                "driver": [
                    "name": "pier lint", "version": toolVersion, "semanticVersion": semanticVersion,
                    "rules": rules.map(descriptor),
                ] as [String: Any]
            ],
            "originalUriBaseIds": ["PROJECTROOT": ["uri": URL(fileURLWithPath: baseDirectory + "/").absoluteString]],
            "columnKind": "unicodeCodePoints",
            "results": findings.map { result($0, index: ruleIndex[$0.rule]) },
        ]
        let document: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run],
        ]
        let data =
            (try? JSONSerialization.data(
                withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// SARIF's `semanticVersion` must look like `1.2.3`: the version's leading numbers.
    private var semanticVersion: String {
        let numbers = toolVersion.split(whereSeparator: { !$0.isNumber && $0 != "." }).first.map(String.init) ?? ""
        return numbers.split(separator: ".").count == 3 ? numbers : "0.0.0"
    }

    private func descriptor(_ rule: LintRule) -> [String: Any] {
        [
            "id": rule.id,
            "name": rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
            "shortDescription": ["text": rule.title],
            "fullDescription": ["text": rule.explanation],
            "help": ["text": rule.explanation],
            "defaultConfiguration": ["level": Self.level(rule.severity), "enabled": rule.enabledByDefault],
            "properties": ["category": rule.category.rawValue, "tags": [rule.category.rawValue]],
        ]
    }

    private func result(_ finding: Finding, index: Int?) -> [String: Any] {
        var result: [String: Any] = [
            "ruleId": finding.rule, "level": Self.level(finding.severity), "message": ["text": finding.message],
        ]
        if let index { result["ruleIndex"] = index }
        if let file = finding.file {
            var physical: [String: Any] = ["artifactLocation": artifact(file)]
            if let location = finding.location {
                physical["region"] = ["startLine": location.line, "startColumn": location.column]
            }
            result["locations"] = [["physicalLocation": physical]]
        }
        if let fix = finding.fix {
            let inserted = fix.replacement.map { $0 + "\n" }.joined()
            result["fixes"] = [
                [
                    "description": ["text": "Replace lines \(fix.lines.lowerBound)-\(fix.lines.upperBound)"],
                    "artifactChanges": [
                        [
                            "artifactLocation": artifact(fix.file),
                            "replacements": [
                                [
                                    "deletedRegion": [
                                        "startLine": fix.lines.lowerBound, "startColumn": 1,
                                        "endLine": fix.lines.upperBound + 1, "endColumn": 1,
                                    ],
                                    "insertedContent": ["text": inserted],
                                ] as [String: Any]
                            ],
                        ] as [String: Any]
                    ],
                ] as [String: Any]
            ]
        }
        return result
    }

    private func artifact(_ path: String) -> [String: Any] {
        guard path.hasPrefix(baseDirectory + "/") else { return ["uri": URL(fileURLWithPath: path).absoluteString] }
        let relative = String(path.dropFirst(baseDirectory.count + 1))
        let encoded = relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
        return ["uri": encoded, "uriBaseId": "PROJECTROOT"]
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }
}
