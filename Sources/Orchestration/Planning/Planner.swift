import ComposeSpec

/// Compares the project with what the engine runs and decides, for every replica, what to do. Pure: it reads
/// no engine, so every decision is tested on its own.
public struct Planner: Sendable {
    public var recreate: RecreatePolicy = .whenChanged
    /// Dependencies of the selected services are recreated too (`--always-recreate-deps`).
    public var alwaysRecreateDependencies = false
    /// Replica counts from `--scale`, over the file's `scale` / `deploy.replicas`.
    public var scale: [String: Int] = [:]

    public init() {}

    /// - Parameters:
    ///   - selection: the services to converge (those named on the command line and, unless `--no-deps`,
    ///     their dependencies); nil for all.
    ///   - configHashes: each service's configuration hash.
    ///   - imageIDs: the image ID each service's image resolves to now, when known.
    public func plan(
        document: Node, graph: ServiceGraph, observed: [ObservedContainer], selection: Set<String>? = nil,
        configHashes: [String: String], imageIDs: [String: String] = [:], explicitlySelected: Set<String> = [],
        knownServices: Set<String> = []
    ) -> Plan {
        let services = document["services"]?.mapping ?? [:]
        let current = observed.filter { !$0.isOneOff }
        let byService = Dictionary(grouping: current, by: \.service)
        let dependenciesToRecreate =
            alwaysRecreateDependencies
            ? graph.withDependencies(explicitlySelected).subtracting(explicitlySelected) : []
        var plans: [Plan.ServicePlan] = []
        // Services whose first container this plan replaces: those sharing with them get a new container ID in
        // their configuration hash, so Compose recreates them too.
        var renewed: Set<String> = []
        for name in graph.startOrder(of: selection) {
            guard let service = services[name] else { continue }
            let sharesWithRenewed = ServiceHash.sharedServices(of: service).contains { renewed.contains($0) }
            let containers = (byService[name] ?? []).sorted { $0.number < $1.number }
            let replicas = scale[name] ?? Self.replicas(of: service)
            var actions: [Plan.ReplicaAction] = []
            for (index, container) in containers.enumerated() {
                if index >= replicas {
                    actions.append(.remove(container))
                } else if mustRecreate(
                    container,
                    policy: explicitlySelected.isEmpty || explicitlySelected.contains(name) ? recreate : .whenChanged,
                    hash: configHashes[name], imageID: imageIDs[name],
                    forced: dependenciesToRecreate.contains(name) || sharesWithRenewed)
                {
                    actions.append(.recreate(container))
                } else {
                    actions.append(.keep(container))
                }
            }
            let used = Set(containers.prefix(replicas).map(\.number))
            var number = 1
            while actions.filter(\.isKept).count < replicas {
                if !used.contains(number) { actions.append(.create(number: number)) }
                number += 1
            }
            if let first = actions.first(where: \.isKept), !first.keepsItsContainer { renewed.insert(name) }
            plans.append(Plan.ServicePlan(service: name, actions: actions))
        }
        let orphans = current.filter { services[$0.service] == nil && !knownServices.contains($0.service) }
        return Plan(services: plans, orphans: orphans)
    }

    /// `--force-recreate` and `--no-recreate` concern the services named on the command line (all when none is);
    /// the services they depend on are recreated only when changed, or with `--always-recreate-deps`.
    private func mustRecreate(
        _ container: ObservedContainer, policy: RecreatePolicy, hash: String?, imageID: String?, forced: Bool
    ) -> Bool {
        switch policy {
        case .always: return true
        case .never: return false
        case .whenChanged:
            if forced { return true }
            if let hash, hash != container.configHash { return true }
            if let imageID, !container.imageID.isEmpty, imageID != container.imageID { return true }
            return false
        }
    }

    /// `scale`, else `deploy.replicas`, else 1; a `global` service runs once here.
    public static func replicas(of service: Node) -> Int {
        if case .int(let scale) = service["scale"]?.value { return max(0, scale) }
        if service["deploy"]?["mode"]?.string == "global" { return 1 }
        if case .int(let replicas) = service["deploy"]?["replicas"]?.value { return max(0, replicas) }
        return 1
    }
}

extension Plan.ReplicaAction {
    /// Whether the replica's container stays as it is.
    var keepsItsContainer: Bool {
        if case .keep = self { return true }
        return false
    }

    /// Whether the action leaves a container for the replica (everything but removal).
    var isKept: Bool {
        if case .remove = self { return false }
        return true
    }
}
