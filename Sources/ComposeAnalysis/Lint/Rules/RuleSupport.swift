import ComposeSpec

extension LintContext {
    /// Runs `check` on every service and gathers what it reports.
    func eachService(_ check: (ServiceView) -> [LintIssue]) -> [LintIssue] {
        services.flatMap(check)
    }
}

extension ServiceView {
    /// Where the service was declared: the place for findings about what it lacks.
    var declaration: SourceLocation? { node.keyLocation ?? node.location }

    /// Where `key` was written (its value, else its key), falling back on the service's declaration.
    func location(of key: String) -> SourceLocation? {
        guard let value = node[key] else { return declaration }
        return value.location ?? value.keyLocation ?? declaration
    }

    /// The string items of a list attribute with where each was written.
    func strings(_ key: String) -> [(text: String, location: SourceLocation?)] {
        list(key).compactMap { item in item.scalarText.map { ($0, item.location ?? location(of: key)) } }
    }

    /// The `environment` entries, with where each value was written.
    var environment: [(key: String, value: String, location: SourceLocation?)] {
        (field("environment")?.mapping ?? [:]).compactMap { key, value in
            value.scalarText.map { (key, $0, value.location ?? value.keyLocation) }
        }
    }

    /// Bind mounts: source, target, read-only flag and where each was written.
    var bindMounts: [(source: String, target: String, readOnly: Bool, node: Node)] {
        volumes.compactMap { volume in
            guard volume["type"]?.scalarText == "bind", let source = volume["source"]?.scalarText else { return nil }
            return (source, volume["target"]?.scalarText ?? "", volume["read_only"]?.isTrue == true, volume)
        }
    }

    /// `"service \"web\": "`, the prefix of every service finding.
    var subject: String { "service \"\(name)\"" }
}

extension LintIssue {
    static func about(_ service: ServiceView, _ message: String, at location: SourceLocation?, fix: TextEdit? = nil)
        -> LintIssue
    {
        LintIssue(
            "\(service.subject): \(message)", at: location ?? service.declaration, service: service.name, fix: fix)
    }
}
