/// A service another depends on without `depends_on` saying so: through `links`, `volumes_from`, or a
/// `network_mode`, `ipc` or `pid` of `service:NAME`. All but `volumes_from` restart the dependent with it.
public struct ImplicitDependency: Sendable, Hashable {
    /// The attribute that makes the dependency: `links`, `volumes_from`, `network_mode`, `ipc` or `pid`.
    public var attribute: String
    public var service: String
    public var restart: Bool
    /// Where the link, the `volumes_from` item or the mode was written.
    public var location: SourceLocation?

    /// The implicit dependencies of `service` (a service's tree, raw or canonical), in attribute order.
    public static func all(of service: Node) -> [ImplicitDependency] {
        var implicit: [ImplicitDependency] = []
        for link in service["links"]?.sequence ?? [] {
            if let name = link.scalarText?.split(separator: ":").first {
                implicit.append(ImplicitDependency(String(name), "links", restart: true, link.location))
            }
        }
        for key in ["network_mode", "ipc", "pid"] {
            if let mode = service[key], let text = mode.string, text.hasPrefix("service:") {
                let name = String(text.dropFirst("service:".count))
                implicit.append(ImplicitDependency(name, key, restart: true, mode.location))
            }
        }
        for source in service["volumes_from"]?.sequence ?? [] {
            guard let text = source.scalarText, !text.hasPrefix("container:") else { continue }
            let name = String(text.split(separator: ":").first ?? "")
            implicit.append(ImplicitDependency(name, "volumes_from", restart: false, source.location))
        }
        return implicit
    }

    private init(_ service: String, _ attribute: String, restart: Bool, _ location: SourceLocation?) {
        self.attribute = attribute
        self.service = service
        self.restart = restart
        self.location = location
    }
}
