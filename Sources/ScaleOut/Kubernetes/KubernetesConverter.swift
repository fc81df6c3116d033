import ComposeSpec

/// Kubernetes manifests for a project, and what did not carry over.
public struct KubernetesConversion: Sendable {
    public var manifests: [KubernetesManifest]
    public var losses: LossReport
}

/// Converts a loaded project (its active profiles already selected, as `up` selects them) to Kubernetes manifests:
/// a Deployment per service (a StatefulSet when it mounts named volumes, a DaemonSet for `mode: global`, a Job for a
/// service others wait on to complete), Services, PersistentVolumeClaims, ConfigMaps and Secrets, a NetworkPolicy per
/// Compose network, and init containers that wait for dependencies. Needs no cluster.
public enum KubernetesConverter {
    public static func convert(_ project: LoadedProject, options: KubernetesOptions = KubernetesOptions())
        -> KubernetesConversion
    {
        var context = KubernetesContext(project: project, options: options)
        var manifests: [KubernetesManifest] = []
        manifests += KubernetesStorage.configObjects(&context)
        manifests += KubernetesStorage.claims(&context)
        var waitAccount = false
        for (name, service) in project.servicesInStartOrder {
            var converter = KubernetesService(name: name, node: service, context: context)
            manifests += converter.objects()
            context.report.append(contentsOf: converter.report.losses)
            waitAccount = waitAccount || converter.waitsForDependencies
        }
        manifests += KubernetesNetworkPolicies.objects(&context)
        if waitAccount { manifests += KubernetesDependencyWaits.accessObjects(context) }
        return KubernetesConversion(manifests: manifests, losses: context.report)
    }
}

/// What converting one service needs to know about the rest of the project.
struct KubernetesContext {
    let project: LoadedProject
    let options: KubernetesOptions
    let graph: ServiceGraph
    /// Services others wait on with `service_completed_successfully`: they run as Jobs.
    let jobs: Set<String>
    /// How many pods mount each named volume (all services' replicas), to choose the claim's access mode.
    let volumeUsers: [String: Int]
    var report = LossReport(target: "Kubernetes")

    init(project: LoadedProject, options: KubernetesOptions) {
        self.project = project
        self.options = options
        graph = ServiceGraph(document: project.document)
        var jobs = Set<String>()
        var users: [String: Int] = [:]
        for (name, service) in project.document["services"]?.mapping ?? [:] {
            for dependency in graph.dependencies(of: name) where dependency.condition == .completedSuccessfully {
                jobs.insert(dependency.service)
            }
            let replicas = KubernetesService.replicas(of: service) ?? 1
            for volume in service["volumes"]?.sequence ?? [] where volume["type"]?.string == "volume" {
                if let source = volume.field("source")?.string { users[source, default: 0] += max(replicas, 1) }
            }
            if Self.runsToCompletion(service) { jobs.insert(name) }
        }
        self.jobs = jobs
        volumeUsers = users
    }

    /// Whether a service runs once rather than for good: a job mode, or an explicit restart policy of `no` or
    /// `on-failure` (Kubernetes restarts a Deployment's pods whatever their exit).
    static func runsToCompletion(_ service: Node) -> Bool {
        let deploy = service["deploy"]
        if ["replicated-job", "global-job"].contains(deploy?.field("mode")?.string ?? "") { return true }
        if let condition = deploy?["restart_policy"]?.field("condition")?.string { return condition != "any" }
        guard let restart = service.field("restart")?.scalarText else { return false }
        return restart == "no" || restart.hasPrefix("on-failure")
    }

    var namespace: String? { options.namespace }
    var projectName: String { project.name }

    func labels(_ service: String) -> [(String, String)] {
        KubernetesNames.selector(project: project.name, service: service)
    }

    /// The labels of project-wide objects.
    var projectLabels: [(String, String)] { [("app.kubernetes.io/part-of", KubernetesNames.label(project.name))] }

    mutating func lose(_ path: String, _ reason: String, node: Node?) {
        report.add(path, reason, node: node)
    }
}
