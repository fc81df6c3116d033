import ComposeSpec
import DockerEngine
import Orchestration

/// Builds what the page shows from what the engine lists and inspects; no I/O, so each rule is tested on its own.
enum OverviewBuilder {
    /// Every project with containers, by name, from the engine's list of Compose containers.
    static func projects(_ containers: [ContainerSummary]) -> [ProjectEntry] {
        let byProject = Dictionary(grouping: containers.filter { !$0.isOneOff }, by: \.projectName)
        return byProject.keys.sorted().map { name in
            entry(name: name, containers: byProject[name] ?? [])
        }
    }

    static func entry(name: String, containers: [ContainerSummary]) -> ProjectEntry {
        let files = ProjectListing.combinedConfigFiles(containers) ?? ""
        return ProjectEntry(
            name: name, status: ProjectListing.combinedStatus(containers.map(\.state)),
            configFiles: files.split(separator: ",").map(String.init),
            workingDirectory: containers.lazy.compactMap { $0.labels[ComposeLabels.workingDirectory] }.first ?? "")
    }

    /// The project in detail. `inspections` by container id; `document` is the project loaded from its files
    /// (every profile), when they could be read: its services are listed even without containers.
    static func overview(
        entry: ProjectEntry, containers: [ContainerSummary], inspections: [String: ContainerInspection],
        document: Node?, actionsUnavailable: String?
    ) -> ProjectOverview {
        let services = containers.filter { !$0.isOneOff }
        let defined = document?["services"]?.mapping.map { Array($0.keys) } ?? []
        let extra = Set(services.map(\.serviceName)).subtracting(defined).sorted()
        return ProjectOverview(
            name: entry.name, status: entry.status, configFiles: entry.configFiles,
            workingDirectory: entry.workingDirectory, actionsUnavailable: actionsUnavailable,
            services: (defined + extra).map { name in
                let own = ProjectContainerQuery.sortedByNumber(services.filter { $0.serviceName == name })
                let image = document?["services"]?[name]?["image"]?.scalarText ?? own.first?.image ?? ""
                return ServiceOverview(
                    name: name, image: image,
                    containers: own.map { container(summary: $0, inspection: inspections[$0.id]) })
            })
    }

    static func container(summary: ContainerSummary, inspection: ContainerInspection?) -> ContainerOverview {
        let healthLog = inspection?.raw["State"]?["Health"]?["Log"]?.arrayValue?.last
        return ContainerOverview(
            id: summary.id, name: summary.canonicalName, state: summary.state, status: summary.status,
            health: inspection?.state.healthStatus.flatMap { $0.isEmpty || $0 == "none" ? nil : $0 },
            healthOutput: healthLog?["Output"]?.stringValue.map { String($0.suffix(2000)) },
            healthExitCode: healthLog?["ExitCode"].flatMap(integer), image: summary.image,
            ports: ports(summary.portBindings),
            startedAt: inspection.map { $0.state.startedAt.hasPrefix("0001-") ? "" : $0.state.startedAt } ?? "",
            restarts: inspection?.restartCount ?? 0, exitCode: inspection?.state.exitCode ?? 0)
    }

    /// Ports as `ps` writes them (`127.0.0.1:8080->80/tcp`, `80/tcp`), each published TCP port with a link; an
    /// address on every interface is opened on the host the page was loaded from.
    static func ports(_ bindings: [PortBinding]) -> [PortOverview] {
        PortBinding.publishersOrder(bindings).map { binding in
            guard !binding.ip.isEmpty, binding.publicPort != 0 else {
                return PortOverview(text: "\(binding.privatePort)/\(binding.type)", url: nil)
            }
            let text = "\(binding.ip.contains(":") ? "[\(binding.ip)]" : binding.ip):\(binding.publicPort)"
            let host = binding.ip == "0.0.0.0" || binding.ip == "::" ? "" : text
            return PortOverview(
                text: "\(text)->\(binding.privatePort)/\(binding.type)",
                url: binding.type == "tcp" ? "http://\(host.isEmpty ? ":\(binding.publicPort)" : host)/" : nil)
        }
    }

    private static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .integer(let number): Int(number)
        case .number(let number): Int(number)
        default: nil
        }
    }

    static func stats(_ sample: ContainerStatsSample) -> ContainerStats {
        ContainerStats(
            cpuPercent: sample.cpuPercent, memoryUsage: sample.memoryUsage, memoryLimit: sample.memoryLimit)
    }
}
