import ComposeSpec

/// Container names.
extension LintRule {
    static let containerRules: [LintRule] = [
        LintRule(
            "container-name", .reliability, .info, title: "A fixed container name stops a service from scaling",
            explanation: """
                `container_name` names one container: `up --scale` cannot create a second replica, and two \
                copies of the project (another checkout, another `-p`) clash on the name. The loader already \
                refuses it with `scale` or `deploy.replicas` above 1; leave it out unless a tool needs the name.
                """
        ) { context in
            context.eachService { service in
                guard let name = service.field("container_name")?.scalarText else { return [] }
                return [
                    .about(
                        service, "sets container_name \(name): it cannot scale",
                        at: service.location(of: "container_name"))
                ]
            }
        },
        LintRule(
            "duplicate-container-name", .reliability, .error, title: "Container names must be unique",
            explanation: """
                Two services with the same `container_name` cannot both be created: the second fails with a name \
                conflict.
                """
        ) { context in
            var seen: [String: String] = [:]
            return context.services.compactMap { service in
                guard let name = service.field("container_name")?.scalarText else { return nil }
                if let other = seen[name] {
                    return .about(
                        service, "container_name \(name) is also service \"\(other)\"'s",
                        at: service.location(of: "container_name"))
                }
                seen[name] = service.name
                return nil
            }
        },
        LintRule(
            "container-name-invalid", .reliability, .error, title: "Container names must be valid engine names",
            explanation: """
                The engine accepts container names of letters, digits, `_`, `.` and `-`, starting with a letter \
                or digit (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`); others fail at create.
                """
        ) { context in
            context.eachService { service in
                guard let name = service.field("container_name")?.scalarText, !Self.isValidContainerName(name) else {
                    return []
                }
                return [
                    .about(
                        service, "container_name \"\(name)\" is not a valid container name",
                        at: service.location(of: "container_name"))
                ]
            }
        },
    ]

    static func isValidContainerName(_ name: String) -> Bool {
        guard name.count >= 2, let first = name.unicodeScalars.first, first.isASCII,
            first.properties.isAlphabetic || ("0"..."9").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "_.-".unicodeScalars.contains(scalar))
        }
    }
}
