import ComposeSpec
import DockerEngine

/// The project's networks and volumes: created when missing, recreated when their configuration hash differs from
/// the one the engine's carries (as Compose's reconciler does: a volume only once the user agrees, its data being
/// lost), refused when external and missing.
extension Planner {
    func networkPlans(_ target: Target, observed: ObservedState) -> [ResourcePlan] {
        let project = target.project
        let definitions = project.document["networks"]?.mapping ?? [:]
        return definitions.keys.sorted().map { key in
            let definition = definitions[key] ?? .null
            let name = project.engineName("networks", key)
            let isExternal = definition.field("external")?.boolValue == true
            guard let existing = observed.networks[name] else {
                return ResourcePlan(
                    key: key, name: name,
                    action: isExternal
                        ? .fail(
                            OrchestrationError(
                                .notFound,
                                "network \(name) declared as external, but could not be found: create it with "
                                    + "`docker network create \(name)`")) : .create)
            }
            guard !isExternal else { return ResourcePlan(key: key, name: name, action: .keep) }
            // A network of the same name that this project did not create is not taken over.
            guard existing.labels[ComposeLabels.network] == key else {
                return ResourcePlan(
                    key: key, name: name,
                    action: .fail(
                        OrchestrationError(
                            .conflict,
                            "network \(name) was found but has incorrect label \(ComposeLabels.network) set to "
                                + "\"\(existing.labels[ComposeLabels.network] ?? "")\" (expected: \"\(key)\"); "
                                + "declare it `external: true` to use it, or remove it")))
            }
            let desired = ComposeLabels.network(project: project, key: key, definition: definition)
            guard Self.diverges(existing.labels, from: desired, project: project.name) else {
                return ResourcePlan(key: key, name: name, action: .keep)
            }
            var plan = ResourcePlan(key: key, name: name, action: .recreate)
            plan.reasons = ResourceDrift.network(existing, definition: definition, desiredLabels: desired)
            plan.containers = observed.serviceContainers.filter { container in
                target.services[container.service].map { Self.expectedNetworks(of: $0, in: project) }?
                    .contains { $0.key == key } == true
            }
            return plan
        }
    }

    func volumePlans(_ target: Target, observed: ObservedState) -> [ResourcePlan] {
        let project = target.project
        let definitions = project.document["volumes"]?.mapping ?? [:]
        return definitions.keys.sorted().map { key in
            let definition = definitions[key] ?? .null
            let name = project.engineName("volumes", key)
            let isExternal = definition.field("external")?.boolValue == true
            guard let existing = observed.volumes[name] else {
                return ResourcePlan(
                    key: key, name: name,
                    action: isExternal
                        ? .fail(
                            OrchestrationError(
                                .notFound,
                                "external volume \"\(name)\" not found: create it with `docker volume create \(name)`"))
                        : .create)
            }
            var plan = ResourcePlan(key: key, name: name, action: .keep)
            guard !isExternal else { return plan }
            if existing.labels[ComposeLabels.project] != project.name {
                plan.warnings.append(
                    ComposeWarning(
                        "volume \"\(name)\" already exists but was not created by this project; use `external: true` "
                            + "to use an existing volume (down -v leaves it alone)", at: definition.location))
            }
            let desired = ComposeLabels.volume(project: project, key: key, definition: definition)
            guard Self.diverges(existing.labels, from: desired, project: project.name) else { return plan }
            plan.action = confirmedVolumes.contains(key) ? .recreate : .keepDiverged
            plan.reasons = ResourceDrift.volume(existing, definition: definition, desiredLabels: desired)
            plan.containers = observed.containers.filter { $0.volumes.contains(name) }
            return plan
        }
    }

    /// Whether a resource of this project carries a configuration hash other than the desired one (one without a
    /// hash, made by an older Compose, is taken as it is).
    private static func diverges(_ labels: [String: String], from desired: [String: String], project: String) -> Bool {
        guard labels[ComposeLabels.project] == project, let current = labels[ComposeLabels.configHash] else {
            return false
        }
        return current != desired[ComposeLabels.configHash]
    }
}
