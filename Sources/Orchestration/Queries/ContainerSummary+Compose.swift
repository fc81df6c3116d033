import DockerEngine

/// What a listed container's Compose labels and names say about it.
extension ContainerSummary {
    /// The project label.
    public var projectName: String { labels[ComposeLabels.project] ?? "" }

    /// The service label.
    public var serviceName: String { labels[ComposeLabels.service] ?? "" }

    /// The replica number, absent on one-off containers.
    public var containerNumber: Int? { labels[ComposeLabels.containerNumber].flatMap { Int($0) } }

    /// Whether `run` created the container.
    public var isOneOff: Bool { labels[ComposeLabels.oneOff] == "True" }

    /// The container's own name: the engine also lists link aliases (`/other/alias`), which have a second slash.
    public var canonicalName: String {
        guard !names.isEmpty else { return String(id.prefix(12)) }
        if let own = names.first(where: { $0.lastIndex(of: "/") == $0.startIndex }) { return String(own.dropFirst()) }
        return names[0].hasPrefix("/") ? String(names[0].dropFirst()) : names[0]
    }

    /// The name without the project (`web-1`), as log prefixes show it; a `container_name` is kept whole.
    public var nameWithoutProject: String {
        Self.nameWithoutProject(
            canonicalName, project: projectName, service: serviceName,
            number: labels[ComposeLabels.containerNumber] ?? "")
    }

    /// `name` without `project-` when it is the default name `project-service-number`.
    public static func nameWithoutProject(_ name: String, project: String, service: String, number: String)
        -> String
    {
        let defaultName = "\(project)-\(service)-\(number)"
        guard name == defaultName else { return name }
        return String(name.dropFirst(project.count + 1))
    }

    /// The published and exposed ports the engine lists.
    public var portBindings: [PortBinding] { PortBinding.list(from: ports) }

    /// The networks the container is attached to, sorted (the engine answers in no fixed order).
    public var networkNames: [String] {
        (networkSettings["Networks"]?.objectValue?.keys).map { $0.sorted() } ?? []
    }
}
