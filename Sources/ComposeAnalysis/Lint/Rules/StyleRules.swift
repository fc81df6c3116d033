import Foundation
import ComposeSpec

/// Obsolete and redundant things in the files as written.
extension LintRule {
    static let styleRules: [LintRule] = [
        LintRule(
            "obsolete-version", .portability, .warning, title: "The top-level version is obsolete", fixable: true,
            explanation: """
                Compose v2 ignores the top-level `version` and warns about it; the Compose Specification has no \
                versions. Remove it. `--fix` removes the line.
                """
        ) { context in
            context.rawDocuments.compactMap { file, document in
                guard let version = document["version"] else { return nil }
                let location = version.keyLocation ?? version.location
                return LintIssue(
                    "the top-level version is obsolete and ignored", at: location,
                    fix: location.flatMap { Self.removeLine($0, sources: context.sources) })
            }
        },
        LintRule(
            "missing-project-name", .style, .info, title: "Projects should be named in the file",
            enabledByDefault: false,
            explanation: """
                Without a top-level `name`, the project is named after its directory: the same files checked out \
                elsewhere become another project (other containers, networks and volumes). Off by default.
                """
        ) { context in
            guard !context.rawDocuments.contains(where: { $0.document["name"] != nil }) else { return [] }
            return [LintIssue("the project has no top-level name: it is named after its directory", at: nil)]
        },
        LintRule(
            "deprecated-links", .portability, .info, title: "links is a legacy feature",
            explanation: """
                Services on a shared network reach each other by service name; `links` only adds aliases and a \
                start order. Use `depends_on` for the order and network `aliases` for other names.
                """
        ) { context in
            context.eachService { service in
                guard service.field("links") != nil else { return [] }
                return [.about(service, "uses links", at: service.location(of: "links"))]
            }
        },
        LintRule(
            "deprecated-external-name", .portability, .warning, title: "external.name is deprecated",
            explanation: """
                `external: {name: x}` is the legacy way to name an external resource: Compose warns about it. \
                Write `external: true` and `name: x`.
                """
        ) { context in
            context.rawDocuments.flatMap { _, document in
                ["networks", "volumes", "secrets", "configs"].flatMap { section in
                    (document[section]?.mapping ?? [:]).compactMap { key, resource -> LintIssue? in
                        guard let external = resource["external"], external["name"] != nil else { return nil }
                        return LintIssue("\(section).\(key) uses the deprecated external.name", at: external.location)
                    }
                }
            }
        },
        LintRule(
            "duplicate-entry", .reliability, .warning, title: "Lists should not repeat an entry",
            explanation: """
                A port, volume, or other list entry written twice is collapsed silently; an `environment` or \
                `labels` list that sets a key twice keeps only the last value. Remove the repeat.
                """
        ) { context in
            context.rawServices.flatMap { _, name, node in
                var issues: [LintIssue] = []
                for key in [
                    "ports", "volumes", "expose", "dns", "cap_add", "cap_drop", "devices", "secrets", "configs",
                ] {
                    var seen = Set<String>()
                    for item in node[key]?.sequence ?? [] {
                        guard let text = item.scalarText, !seen.insert(text).inserted else { continue }
                        issues.append(
                            LintIssue("service \"\(name)\": \(key) repeats \(text)", at: item.location, service: name))
                    }
                }
                for key in ["environment", "labels"] {
                    var seen = Set<String>()
                    for item in node[key]?.sequence ?? [] {
                        guard let text = item.scalarText else { continue }
                        let variable = String(text.prefix { $0 != "=" })
                        if !seen.insert(variable).inserted {
                            issues.append(
                                LintIssue(
                                    "service \"\(name)\": \(key) sets \(variable) twice", at: item.location,
                                    service: name))
                        }
                    }
                }
                return issues
            }
        },
        LintRule(
            "quoted-volume", .style, .info, title: "Short-syntax volumes need no quotes", fixable: true,
            enabledByDefault: false,
            explanation: """
                A volume written `"./data:/data"` reads the same as `./data:/data`: the quotes are noise. Off \
                by default (dclint's no-quotes-in-volumes); `--fix` removes quotes that YAML does not need.
                """
        ) { context in
            context.rawServices.flatMap { _, name, node in
                (node["volumes"]?.sequence ?? []).compactMap { item -> LintIssue? in
                    guard let span = ScalarSpan(item.location, sources: context.sources), span.quote != nil else {
                        return nil
                    }
                    let fix = Self.needsNoQuotes(span.text) ? span.edit(replacingWith: span.text) : nil
                    return LintIssue(
                        "service \"\(name)\": volume \(span.text) is quoted", at: item.location, service: name, fix: fix
                    )
                }
            }
        },
        LintRule(
            "unused-resource", .style, .info, title: "Declared networks, volumes, secrets and configs should be used",
            explanation: """
                A top-level network, volume, secret or config that no service uses is left out of the project: \
                it is dead configuration, or a service forgot to use it.
                """
        ) { context in
            let used = Self.usedResources(context.services)
            return context.rawDocuments.flatMap { _, document in
                ["networks", "volumes", "secrets", "configs"].flatMap { section in
                    (document[section]?.mapping ?? [:]).compactMap { key, resource -> LintIssue? in
                        guard !used.contains("\(section).\(key)"), !(section == "networks" && key == "default") else {
                            return nil
                        }
                        return LintIssue(
                            "\(section).\(key) is declared but no service uses it",
                            at: resource.keyLocation ?? resource.location)
                    }
                }
            }
        },
    ]

    /// Whether `text` reads the same as a plain YAML scalar: path-like characters only, no `: ` or ` #`.
    static func needsNoQuotes(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first.isNumber || "./~_$".contains(first) else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./~_:,-${}@=+")
        return text.allSatisfy { allowed.contains($0) } && !text.hasSuffix(":")
    }

    /// `section.key` of every resource some service uses.
    static func usedResources(_ services: [ServiceView]) -> Set<String> {
        var used = Set<String>()
        for service in services {
            for network in service.networks { used.insert("networks.\(network)") }
            for volume in service.volumes where volume["type"]?.scalarText == "volume" {
                if let source = volume["source"]?.scalarText { used.insert("volumes.\(source)") }
            }
            for section in ["secrets", "configs"] {
                for reference in service.list(section) {
                    if let source = reference["source"]?.scalarText { used.insert("\(section).\(source)") }
                }
            }
            for secret in service.build?["secrets"]?.sequence ?? [] {
                if let source = secret["source"]?.scalarText ?? secret.scalarText { used.insert("secrets.\(source)") }
            }
        }
        return used
    }

    /// Removes the line at `location` (a one-line `key: value`), and a blank line after it when nothing but blank
    /// lines or the file's start comes before it.
    static func removeLine(_ location: SourceLocation, sources: SourceFiles) -> TextEdit? {
        guard let line = sources.line(location.file, location.line), line.contains(":") else { return nil }
        let value = line.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !value.isEmpty else { return nil }
        var last = location.line
        let before = sources.line(location.file, location.line - 1)
        if (before == nil || before!.trimmingCharacters(in: .whitespaces).isEmpty),
            sources.line(location.file, location.line + 1)?.trimmingCharacters(in: .whitespaces).isEmpty == true
        {
            last += 1
        }
        return TextEdit(file: location.file, lines: location.line...last, replacement: [])
    }
}
