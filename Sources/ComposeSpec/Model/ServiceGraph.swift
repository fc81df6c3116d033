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
    }

    public func dependencies(of service: String) -> [Dependency] {
        dependencies[service] ?? []
    }

    /// The services that depend on `service`, sorted by name.
    public func dependents(of service: String) -> [String] {
        services.filter { name in dependencies(of: name).contains { $0.service == service } }
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

    /// The services of `selection` with each after those it depends on; ties in name order.
    public func startOrder(of selection: Set<String>? = nil) -> [String] {
        let wanted = selection ?? Set(services)
        var order: [String] = []
        var placed = Set<String>()
        while order.count < wanted.count {
            let ready = services.filter { name in
                wanted.contains(name) && !placed.contains(name)
                    && dependencies(of: name).allSatisfy { !wanted.contains($0.service) || placed.contains($0.service) }
            }
            // The loader rejects cycles; should one remain, take the rest in name order rather than loop.
            let next = ready.isEmpty ? services.filter { wanted.contains($0) && !placed.contains($0) } : ready
            guard !next.isEmpty else { break }  // names that are not services
            order += next
            placed.formUnion(next)
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
