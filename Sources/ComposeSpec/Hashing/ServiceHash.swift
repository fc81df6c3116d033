import Digest
/// The configuration hashes Docker Compose labels what it creates with (`com.docker.compose.config-hash`), which
/// tell whether a container, network or volume is up to date. Pier computes the same, so a stack started by either
/// tool is left as it is by the other.
///
/// A hash is the SHA-256 of the object as Compose's JSON encoder writes it: keys in Compose's order, compact, `<`,
/// `>` and `&` escaped, nested `x-` extensions left out, `$` not escaped.
public enum ServiceHash {
    /// What does not change a container: build instructions, scale and replicas, dependencies, profiles, pull policy.
    static let ignoredKeys = ["build", "pull_policy", "scale", "depends_on", "profiles"]

    /// The hash of a canonical service: what `up` labels its containers with when they share nothing with other
    /// services' containers (see `of(_:containerIDs:)`), and what `config --hash` prints. (The reference's own
    /// `config --hash` differs for a service with `env_file`: it hashes the service before reading the files,
    /// but labels containers with the hash after.)
    public static func of(_ service: Node) -> String {
        guard service.mapping != nil else { return SHA256.hexDigest(JSONWriter.compact(service)) }
        var service = service
        for key in ignoredKeys where service[key] != nil { service.remove(key) }
        if var deploy = service["deploy"], deploy["replicas"] != nil {
            deploy.remove("replicas")
            service["deploy"] = deploy
        }
        return digest(ConfigPresentation.hashable(service: service))
    }

    /// The hash `up` labels a service's containers with. Compose first points what the service shares with other
    /// services at their containers: `network_mode`, `ipc` and `pid` of `service:NAME` become `container:ID`, and
    /// each `volumes_from` entry the bare container ID (or, for `container:NAME`, the name), access mode dropped.
    /// So a container is recreated when one it shares with is. `containerIDs` maps service names to the ID of
    /// their first container.
    public static func of(_ service: Node, containerIDs: [String: String]) -> String {
        var service = service
        for key in ["network_mode", "ipc", "pid"] {
            guard let reference = service[key]?.string, reference.hasPrefix("service:"),
                let id = containerIDs[String(reference.dropFirst("service:".count))]
            else { continue }
            service[key] = service[key]!.with(.string("container:" + id))
        }
        if let sources = service["volumes_from"]?.sequence {
            service["volumes_from"] = service["volumes_from"]!.with(
                .sequence(
                    sources.map { source in
                        guard let text = source.string else { return source }
                        let name = text.hasPrefix("container:") ? text.dropFirst("container:".count) : Substring(text)
                        let withoutMode = String(name.split(separator: ":", maxSplits: 1).first ?? name)
                        if text.hasPrefix("container:") { return source.with(.string(withoutMode)) }
                        return containerIDs[withoutMode].map { source.with(.string($0)) } ?? source
                    }))
        }
        return of(service)
    }

    /// The services whose containers `service` shares something with: `network_mode`, `ipc` or `pid` of
    /// `service:NAME`, and `volumes_from` entries that name a service (not `container:NAME`).
    public static func sharedServices(of service: Node) -> [String] {
        var names: [String] = []
        for key in ["network_mode", "ipc", "pid"] {
            if let reference = service[key]?.string, reference.hasPrefix("service:") {
                names.append(String(reference.dropFirst("service:".count)))
            }
        }
        for source in service["volumes_from"]?.sequence ?? [] {
            guard let text = source.string, !text.hasPrefix("container:") else { continue }
            names.append(String(text.split(separator: ":", maxSplits: 1).first ?? Substring(text)))
        }
        return names
    }

    /// The hash of a canonical top-level network.
    public static func network(_ definition: Node) -> String {
        digest(ConfigPresentation.hashable(definition, order: .network))
    }

    /// The hash of a canonical top-level volume: Compose hashes it with the `local` driver when none is set.
    public static func volume(_ definition: Node) -> String {
        var definition = definition
        if definition.mapping != nil, (definition["driver"]?.string ?? "").isEmpty {
            definition["driver"] = .string("local")
        }
        return digest(ConfigPresentation.hashable(definition, order: .volume))
    }

    private static func digest(_ hashable: Node) -> String {
        SHA256.hexDigest(JSONWriter.compact(hashable))
    }
}
