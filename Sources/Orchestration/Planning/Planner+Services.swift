import ComposeSpec
import DockerEngine

/// Each selected service's replicas: create, recreate (and why), keep or remove; and the orphans.
extension Planner {
    /// - Parameters:
    ///   - imageIDs: the image ID each service's image resolves to now, when known.
    ///   - changingImages: the services whose image is still to be pulled or built, and which of the two.
    func servicePlans(
        _ target: Target, observed: ObservedState, imageIDs: [String: String], changingImages: [String: String] = [:]
    ) -> (services: [Plan.ServicePlan], orphans: [ObservedContainer]) {
        let services = target.services
        let current = observed.serviceContainers
        let byService = Dictionary(grouping: current, by: \.service)
        let resolver = ContainerResolver { service in
            (byService[service] ?? []).map {
                ServiceContainer(id: $0.id, name: $0.name, number: $0.number)
            }
        }
        let explicitlySelected = target.explicitlySelected
        let dependenciesToRecreate =
            alwaysRecreateDependencies
            ? target.graph.withDependencies(explicitlySelected).subtracting(explicitlySelected) : []
        var plans: [Plan.ServicePlan] = []
        // Services whose first container this plan replaces: those sharing with them get a new container ID in
        // their configuration hash, so Compose recreates them too.
        var renewed: Set<String> = []
        for name in target.graph.startOrder(of: target.selection) {
            guard let service = services[name] else { continue }
            let hash = ServiceHash.of(service, containerIDs: ComposeLabels.sharedContainerIDs(of: service, resolver))
            let policy = explicitlySelected.isEmpty || explicitlySelected.contains(name) ? recreate : .whenChanged
            var forced: [PlanReason] = []
            if dependenciesToRecreate.contains(name) { forced.append(PlanReason("--always-recreate-deps")) }
            for shared in ServiceHash.sharedServices(of: service) where renewed.contains(shared) {
                forced.append(PlanReason("service:\(shared)", "recreated"))
            }
            let containers = (byService[name] ?? []).sorted { $0.number < $1.number }
            let replicas = scale[name] ?? Self.replicas(of: service)
            var plan = Plan.ServicePlan(service: name, actions: [])
            for (index, container) in containers.enumerated() {
                guard index < replicas else {
                    plan.actions.append(.remove(container))
                    continue
                }
                let reasons = recreationReasons(
                    container, policy: policy, forced: forced,
                    change: Change(
                        hash: hash, imageID: imageIDs[name], pendingImage: changingImages[name],
                        expectedNetworks: Self.expectedNetworks(of: service, in: target.project)))
                if reasons.isEmpty {
                    plan.actions.append(.keep(container))
                } else {
                    plan.actions.append(.recreate(container))
                    plan.reasons[container.id] = explained(
                        reasons, container: container, service: name, target: target, observed: observed,
                        imageID: imageIDs[name], resolver: resolver)
                }
            }
            let used = Set(containers.prefix(replicas).map(\.number))
            var number = 1
            while plan.actions.filter(\.isKept).count < replicas {
                if !used.contains(number) { plan.actions.append(.create(number: number)) }
                number += 1
            }
            if let first = plan.actions.first(where: \.isKept), !first.keepsItsContainer { renewed.insert(name) }
            plans.append(plan)
        }
        let orphans = current.filter { services[$0.service] == nil && !target.knownServices.contains($0.service) }
        return (plans, orphans)
    }

    /// What a service's containers are compared with.
    struct Change {
        var hash: String
        var imageID: String?
        var pendingImage: String?
        /// The engine names of the networks the service's containers must be on, with the key of each.
        var expectedNetworks: [(name: String, key: String)]
    }

    /// Why `container` is recreated, empty when it is kept. `--force-recreate` and `--no-recreate` concern the
    /// services named on the command line (all when none is); the services they depend on are recreated only when
    /// changed, or with `--always-recreate-deps`.
    private func recreationReasons(
        _ container: ObservedContainer, policy: RecreatePolicy, forced: [PlanReason], change: Change
    ) -> [PlanReason] {
        switch policy {
        case .always: return [PlanReason("--force-recreate")]
        case .never: return []
        case .whenChanged:
            var reasons = forced
            if change.hash != container.configHash { reasons.append(PlanReason("configuration", "hash changed")) }
            if let pending = change.pendingImage, !container.imageID.isEmpty {
                reasons.append(PlanReason("image", pending))
            } else if let imageID = change.imageID, !container.imageID.isEmpty, imageID != container.imageID {
                reasons.append(PlanReason("image", "digest"))
            }
            // As Compose: a running container missing one of its networks is recreated.
            if container.isRunning {
                for network in change.expectedNetworks where !container.networks.contains(network.name) {
                    reasons.append(PlanReason("networks.\(network.key)", "not connected"))
                }
            }
            return reasons
        }
    }

    /// The networks a service's containers join, as engine names; none for a service with a `network_mode`.
    static func expectedNetworks(of service: Node, in project: ProjectContext) -> [(name: String, key: String)] {
        guard service["network_mode"] == nil else { return [] }
        let keys = service["networks"]?.mapping?.keys.sorted() ?? []
        return keys.map { (project.engineName("networks", $0), $0) }
    }

    /// `reasons` with "the configuration hash changed" replaced by the inputs that changed, where the container's
    /// inspection tells them.
    private func explained(
        _ reasons: [PlanReason], container: ObservedContainer, service: String, target: Target,
        observed: ObservedState, imageID: String?, resolver: ContainerResolver
    ) -> [PlanReason] {
        guard let index = reasons.firstIndex(where: { $0.input == "configuration" }),
            let inspection = observed.inspections[container.id], let definition = target.services[service]
        else { return reasons }
        let image = observed.images[inspection.config.image]?.config ?? .null
        let drift = ContainerDrift(
            project: target.project, serviceName: service, service: definition, apiVersion: target.apiVersion,
            containers: resolver)
        let inputs = drift.changes(from: inspection, number: container.number, imageID: imageID, imageConfig: image)
        guard !inputs.isEmpty else { return reasons }
        var explained = reasons
        explained.replaceSubrange(index...index, with: inputs)
        return explained
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
