import ComposeSpec
import DockerEngine

/// The project's networks and volumes: created when missing, recreated when their configuration hash differs from
/// the one the engine's carries (as Compose's reconciler does: a volume only once the user agrees, its data being
/// lost), refused when external and missing.
extension Planner {
    func networkPlans(_ target: Target, observed: ObservedState) -> [ResourcePlan] {
        let project = target.project
        return resourcePlans(
            "networks", of: project, observed: observed.networks,
            missingExternal: { name in
                OrchestrationError(
                    .notFound,
                    "network \(name) declared as external, but could not be found: create it with "
                        + "`docker network create \(name)`")
            }
        ) { key, name, definition, existing in
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
        return resourcePlans(
            "volumes", of: project, observed: observed.volumes,
            missingExternal: { name in
                OrchestrationError(
                    .notFound, "external volume \"\(name)\" not found: create it with `docker volume create \(name)`")
            }
        ) { key, name, definition, existing in
            var plan = ResourcePlan(key: key, name: name, action: .keep)
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

    /// The plan of each of the project's `section` resources, by key: created when missing, a failure when external
    /// and missing, kept when external; `planExisting` plans one of the project's own that exists.
    private func resourcePlans<Resource>(
        _ section: String, of project: ProjectContext, observed: [String: Resource],
        missingExternal: (_ name: String) -> OrchestrationError,
        planExisting: (_ key: String, _ name: String, _ definition: Node, _ existing: Resource) -> ResourcePlan
    ) -> [ResourcePlan] {
        let definitions = project.document[section]?.mapping ?? [:]
        return definitions.keys.sorted().map { key in
            let definition = definitions[key] ?? .null
            let name = project.engineName(section, key)
            let isExternal = definition.field("external")?.boolValue == true
            guard let existing = observed[name] else {
                return ResourcePlan(key: key, name: name, action: isExternal ? .fail(missingExternal(name)) : .create)
            }
            guard !isExternal else { return ResourcePlan(key: key, name: name, action: .keep) }
            return planExisting(key, name, definition, existing)
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
