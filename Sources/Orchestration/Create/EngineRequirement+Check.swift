import ComposeSpec
import DockerEngine

/// Finding the attributes an engine is too old for, each as an error located where it was written.
extension EngineRequirement {
    /// The uses in `services` (all when nil) and in the networks the project creates of attributes that `api`
    /// lacks, in file order of the table: the services first, then the networks.
    public static func violations(
        in project: ProjectContext, services: Set<String>? = nil, api: APIVersion
    ) -> [OrchestrationError] {
        var found: [OrchestrationError] = []
        for (name, service) in project.document["services"]?.mapping ?? [:] where services?.contains(name) ?? true {
            found += violations(service: name, service, api: api)
        }
        for (key, network) in project.document["networks"]?.mapping ?? [:]
        where network.field("external")?.boolValue != true {
            found += violations(network: key, network, api: api)
        }
        return found
    }

    /// The uses in one service of attributes that `api` lacks.
    static func violations(service name: String, _ service: Node, api: APIVersion) -> [OrchestrationError] {
        all.filter { $0.scope == .service && api < $0.api }.flatMap { requirement in
            requirement.uses(service).map { use in
                OrchestrationError.service(
                    name, .engineTooOld, requirement.message(use, api: api),
                    at: use.node.keyLocation ?? use.node.location)
            }
        }
    }

    /// The uses in one top-level network of attributes that `api` lacks.
    static func violations(network key: String, _ network: Node, api: APIVersion) -> [OrchestrationError] {
        all.filter { $0.scope == .network && api < $0.api }.flatMap { requirement in
            requirement.uses(network).map { use in
                OrchestrationError(
                    .engineTooOld, "network \"\(key)\": " + requirement.message(use, api: api),
                    at: use.node.keyLocation ?? use.node.location)
            }
        }
    }

    /// `healthcheck.start_interval needs Docker Engine 25.0 (API 1.44); this engine speaks API 1.41`.
    func message(_ use: Use, api: APIVersion) -> String {
        let speaks =
            api < APIVersion.newestKnown
            ? "this engine speaks API \(api)" : "Pier speaks API \(APIVersion.newestKnown) at most"
        return "\(use.path) needs Docker Engine \(engine) (API \(self.api)); \(speaks)"
    }
}
