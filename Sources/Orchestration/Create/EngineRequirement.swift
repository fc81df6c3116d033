import ComposeSpec
import DockerEngine

/// A Compose attribute that needs a newer Engine API than the oldest Pier speaks (1.41). ``all`` is the one list
/// Pier checks a project against before it changes anything on the engine (docs/engine-versions.md prints it): an
/// older engine ignores or refuses these fields, so Pier refuses the project instead, naming where each was written.
public struct EngineRequirement: Sendable {
    /// Where the attribute is written, as the documentation's table names it.
    public let attribute: String
    /// The oldest Engine API that honours it.
    public let api: APIVersion
    /// The Docker Engine release that brought that API.
    public let engine: String
    let scope: Scope
    /// The uses in one service (or one top-level network): each value with its path inside the service or network.
    let uses: @Sendable (Node) -> [Use]

    enum Scope {
        case service, network
    }

    struct Use {
        var path: String
        var node: Node
    }

    /// Every attribute that needs more than API 1.41, oldest first.
    public static let all: [EngineRequirement] = [
        EngineRequirement("services.*.annotations", APIVersion(1, 43), "24.0", .service) { service in
            service.field("annotations").map { [Use(path: "annotations", node: $0)] } ?? []
        },
        EngineRequirement("services.*.healthcheck.start_interval", APIVersion(1, 44), "25.0", .service) { service in
            guard let value = service.field("healthcheck")?.field("start_interval"), (value.nanoseconds ?? 0) > 0
            else { return [] }
            return [Use(path: "healthcheck.start_interval", node: value)]
        },
        EngineRequirement(
            "services.*.networks.*.mac_address (of a network other than the first)", APIVersion(1, 44), "25.0",
            .service
        ) { service in
            // The first network's address goes in the container's own `MacAddress`, which older engines take.
            ContainerSpec.networkKeysByPriority(service.field("networks")).dropFirst().compactMap { key in
                networkSetting(service, key, "mac_address")
            }
        },
        EngineRequirement(
            "services.*.volumes[].bind.recursive: writable or readonly", APIVersion(1, 44), "25.0", .service
        ) { service in
            volumeSettings(service, "bind", "recursive").filter { ["writable", "readonly"].contains($0.node.string) }
        },
        EngineRequirement("services.*.volumes[].volume.subpath", APIVersion(1, 45), "26.0", .service) { service in
            volumeSettings(service, "volume", "subpath")
        },
        EngineRequirement("networks.*.enable_ipv4: false", APIVersion(1, 47), "28.0", .network) { network in
            guard let value = network.field("enable_ipv4"), value.boolValue == false else { return [] }
            return [Use(path: "enable_ipv4", node: value)]
        },
        EngineRequirement("services.*.networks.*.gw_priority", APIVersion(1, 48), "28.0", .service) { service in
            networkSettings(service, "gw_priority")
        },
        EngineRequirement("services.*.volumes[].type: image", APIVersion(1, 48), "28.0", .service) { service in
            (service.field("volumes")?.sequence ?? []).enumerated().compactMap { index, volume in
                guard let type = volume.field("type"), type.string == "image" else { return nil }
                return Use(path: "volumes[\(index)].type", node: type)
            }
        },
        EngineRequirement("services.*.networks.*.interface_name", APIVersion(1, 49), "28.1", .service) { service in
            networkSettings(service, "interface_name")
        },
    ]

    init(
        _ attribute: String, _ api: APIVersion, _ engine: String, _ scope: Scope,
        uses: @escaping @Sendable (Node) -> [Use]
    ) {
        self.attribute = attribute
        self.api = api
        self.engine = engine
        self.scope = scope
        self.uses = uses
    }

    /// `setting` of each network the service joins.
    private static func networkSettings(_ service: Node, _ setting: String) -> [Use] {
        (service.field("networks")?.mapping ?? [:]).keys.compactMap { networkSetting(service, $0, setting) }
    }

    private static func networkSetting(_ service: Node, _ key: String, _ setting: String) -> Use? {
        service.field("networks")?.field(key)?.field(setting).map { Use(path: "networks.\(key).\(setting)", node: $0) }
    }

    /// `group.setting` of each long-syntax volume (`volume.subpath`, `bind.recursive`).
    private static func volumeSettings(_ service: Node, _ group: String, _ setting: String) -> [Use] {
        (service.field("volumes")?.sequence ?? []).enumerated().compactMap { index, volume in
            volume.field(group)?.field(setting).map { Use(path: "volumes[\(index)].\(group).\(setting)", node: $0) }
        }
    }
}
