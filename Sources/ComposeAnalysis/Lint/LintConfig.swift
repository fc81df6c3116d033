import ComposeSpec
import Foundation

/// The lint config file (`.pier-lint.yaml` in the project directory, or `--config`):
///
///     rules:
///       image-digest: off              # off, info, warning or error
///       missing-project-name: warning  # a rule off by default, turned on
///     exclude:
///       root-user: [db, cache]         # services a rule leaves alone
///
/// Unknown keys, rules and levels are errors naming where they were written.
public struct LintConfig: Sendable {
    /// The severity each configured rule reports at; nil turns it off.
    public var levels: [String: Severity?] = [:]
    /// Services each rule leaves alone.
    public var excludedServices: [String: Set<String>] = [:]

    public init() {}

    /// The names the config file is looked for under, in the project directory.
    public static let fileNames = [".pier-lint.yaml", ".pier-lint.yml"]

    /// The config of `directory`, or an empty one when it has no config file.
    public static func discover(in directory: String) throws(ComposeError) -> LintConfig {
        for name in fileNames {
            let path = directory + "/" + name
            if FileManager.default.fileExists(atPath: path) { return try load(path) }
        }
        return LintConfig()
    }

    public static func load(_ path: String) throws(ComposeError) -> LintConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ComposeError(.missingFile, "lint config \(path) not found", file: path)
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws(ComposeError) -> LintConfig {
        var config = LintConfig()
        guard let document = try YAMLReader.documents(text, file: file).first, !document.isNull else { return config }
        guard let entries = document.mapping else {
            throw ComposeError(.wrongType, "lint config must be a mapping", at: document.location)
        }
        for (key, value) in entries {
            switch key {
            case "rules":
                for (rule, level) in try mapping(value, "rules") {
                    try requireRule(rule, at: level.keyLocation ?? level.location)
                    let text = level.scalarText ?? ""
                    if text == "off" || text == "false" {
                        config.levels[rule] = .some(nil)
                    } else if let severity = Severity(rawValue: text) {
                        config.levels[rule] = severity
                    } else {
                        throw ComposeError(
                            .invalidValue, "rules.\(rule) must be off, info, warning or error, not \"\(text)\"",
                            at: level.location)
                    }
                }
            case "exclude":
                for (rule, services) in try mapping(value, "exclude") {
                    try requireRule(rule, at: services.keyLocation ?? services.location)
                    let names = services.sequence?.compactMap(\.scalarText) ?? services.scalarText.map { [$0] } ?? []
                    config.excludedServices[rule, default: []].formUnion(names)
                }
            default:
                throw ComposeError(
                    .unknownKey, "unknown lint config key \"\(key)\": expected rules or exclude",
                    at: value.keyLocation ?? value.location)
            }
        }
        return config
    }

    /// The severity `rule` reports at under this config; nil when it is off.
    func severity(of rule: LintRule) -> Severity? {
        if let configured = levels[rule.id] { return configured }
        return rule.enabledByDefault ? rule.severity : nil
    }

    private static func mapping(_ node: Node, _ key: String) throws(ComposeError) -> Node.Mapping {
        guard let entries = node.mapping else {
            throw ComposeError(.wrongType, "\(key) must be a mapping of rule ids", at: node.location)
        }
        return entries
    }

    private static func requireRule(_ id: String, at location: SourceLocation?) throws(ComposeError) {
        guard LintRule.named(id) != nil else {
            throw ComposeError(
                .undefinedReference, "unknown lint rule \"\(id)\" (pier lint --list-rules)", at: location)
        }
    }
}
