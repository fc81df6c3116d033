/// The services of a project and what each waits for before it starts: its `depends_on` in canonical form
/// (which already includes what `links`, `volumes_from` and `network_mode: service:` imply).
public struct ServiceGraph: Sendable {
    public enum Condition: String, Sendable {
        case started = "service_started"
        case healthy = "service_healthy"
        case completedSuccessfully = "service_completed_successfully"
    }

    public struct Dependency: Sendable, Hashable {
        public var service: String
        public var condition: Condition
        public var required: Bool
        /// Restart this service when the dependency is restarted or recreated.
        public var restart: Bool
    }

    /// Every service of the project, sorted by name.
    public let services: [String]
    private let dependencies: [String: [Dependency]]
    /// The reverse of `dependencies`: the services that depend on each, sorted by name.
    private let dependents: [String: [String]]

    public init(document: Node) {
        var dependencies: [String: [Dependency]] = [:]
        let all = document["services"]?.mapping ?? [:]
        for (name, service) in all {
            dependencies[name] = (service["depends_on"]?.mapping ?? [:]).compactMap { dependency, entry in
                guard all[dependency] != nil else { return nil }  // an optional dependency that is not there
                return Dependency(
                    service: dependency,
                    condition: Condition(rawValue: entry["condition"]?.string ?? "") ?? .started,
                    required: entry["required"]?.value.isFalse != true,
                    restart: entry["restart"]?.value.isTrue == true)
            }.sorted { $0.service < $1.service }
        }
        self.services = all.keys.sorted()
        self.dependencies = dependencies
        var dependents: [String: [String]] = [:]
        for name in services {
            for dependency in dependencies[name] ?? [] { dependents[dependency.service, default: []].append(name) }
        }
        self.dependents = dependents
    }

    public func dependencies(of service: String) -> [Dependency] {
        dependencies[service] ?? []
    }

    /// The services that depend on `service`, sorted by name.
    public func dependents(of service: String) -> [String] {
        dependents[service] ?? []
    }

    /// Whether another service waits for `service` to complete successfully (`service_completed_successfully`):
    /// a one-shot, which `up --wait` waits for to exit 0 rather than to keep running.
    public func mustComplete(_ service: String) -> Bool {
        services.contains { name in
            dependencies(of: name).contains { $0.service == service && $0.condition == .completedSuccessfully }
        }
    }

    /// `selection` and everything it depends on, transitively.
    public func withDependencies(_ selection: some Sequence<String>) -> Set<String> {
        var result = Set<String>()
        var pending = Array(selection)
        while let name = pending.popLast() {
            guard result.insert(name).inserted else { continue }
            pending += dependencies(of: name).map(\.service)
        }
        return result
    }

    /// `selection` and everything that depends on it, transitively.
    public func withDependents(_ selection: some Sequence<String>) -> Set<String> {
        var result = Set<String>()
        var pending = Array(selection)
        while let name = pending.popLast() {
            guard result.insert(name).inserted else { continue }
            pending += dependents(of: name)
        }
        return result
    }

    /// The services of `selection` with each after those it depends on: in layers, each layer the services whose
    /// dependencies are all in earlier layers, in name order. Linear in the services and their dependencies.
    public func startOrder(of selection: Set<String>? = nil) -> [String] {
        let wanted = services.filter { selection?.contains($0) ?? true }
        var waitingFor = [String: Int]()
        for name in wanted {
            waitingFor[name] =
                Set(dependencies(of: name).map(\.service)).filter { selection?.contains($0) ?? true }
                .count
        }
        var order: [String] = []
        var layer = wanted.filter { waitingFor[$0] == 0 }
        while order.count < wanted.count {
            // The loader rejects cycles; should one remain, take the rest in name order rather than loop.
            if layer.isEmpty { layer = wanted.filter { (waitingFor[$0] ?? 0) > 0 } }
            order += layer
            var next: [String] = []
            for name in layer {
                waitingFor[name] = -1
                for dependent in dependents(of: name) where (waitingFor[dependent] ?? 0) > 0 {
                    waitingFor[dependent]! -= 1
                    if waitingFor[dependent] == 0 { next.append(dependent) }
                }
            }
            layer = next.sorted()
        }
        return order
    }
}

extension Node.Value {
    public var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }

    public var isFalse: Bool {
        if case .bool(false) = self { return true }
        return false
    }
}
