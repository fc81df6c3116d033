import ComposeSpec

/// The labels Docker Compose v2 puts on what it creates; Pier writes the same so either tool manages the other's
/// containers, networks and volumes.
public enum ComposeLabels {
    public static let project = "com.docker.compose.project"
    public static let service = "com.docker.compose.service"
    public static let containerNumber = "com.docker.compose.container-number"
    public static let oneOff = "com.docker.compose.oneoff"
    public static let slug = "com.docker.compose.slug"
    public static let configHash = "com.docker.compose.config-hash"
    public static let version = "com.docker.compose.version"
    public static let dependsOn = "com.docker.compose.depends_on"
    public static let image = "com.docker.compose.image"
    public static let workingDirectory = "com.docker.compose.project.working_dir"
    public static let configFiles = "com.docker.compose.project.config_files"
    public static let replace = "com.docker.compose.replace"
    public static let network = "com.docker.compose.network"
    public static let volume = "com.docker.compose.volume"

    /// The Compose version Pier's labels claim: Docker Compose treats containers labelled with a version it
    /// knows as its own (checked with `docker compose ps` 2.40.3).
    public static let compatibleVersion = "2.40.3"

    /// The first container of each service `service` shares a namespace or volumes with, whose IDs Compose folds
    /// into the configuration hash.
    static func sharedContainerIDs(of service: Node, _ containers: ContainerResolver) -> [String: String] {
        ServiceHash.sharedServices(of: service).reduce(into: [:]) { ids, name in
            ids[name] = containers.first(of: name)?.id
        }
    }

    /// A container's labels: the service's own, then Compose's (which win over a user's `com.docker.compose.*`).
    static func container(
        project: ProjectContext, serviceName: String, service: Node, number: Int, options: ContainerCreateOptions
    ) -> [String: String] {
        var labels = service.field("labels")?.stringDictionary ?? [:]
        labels.merge(project.resourceLabels) { own, _ in own }
        labels[Self.project] = project.name
        labels[Self.service] = serviceName
        labels[version] = compatibleVersion
        labels[configHash] = ServiceHash.of(service, containerIDs: sharedContainerIDs(of: service, options.containers))
        labels[workingDirectory] = project.workingDirectory
        labels[configFiles] = project.configFiles.joined(separator: ",")
        labels[dependsOn] = dependencies(of: service)
        if let imageID = options.imageID { labels[image] = imageID }
        if let run = options.oneOff {
            labels[oneOff] = "True"
            labels[slug] = run.slug
        } else {
            labels[oneOff] = "False"
            labels[containerNumber] = String(number)
        }
        if options.replacing != nil {
            // Compose records the replaced container's name without the project: `container_name` or `<service>-<n>`.
            labels[replace] = service.field("container_name")?.scalarText ?? "\(serviceName)-\(number)"
        }
        return labels
    }

    /// `depends_on` as `service:condition:restart`, comma-separated in document order (Compose's order comes from
    /// a Go map and varies between runs, so any order reads back the same).
    static func dependencies(of service: Node) -> String {
        guard let entries = service.field("depends_on")?.mapping else { return "" }
        return entries.map { name, dependency in
            let condition = dependency.field("condition")?.scalarText ?? "service_started"
            let restart = dependency.field("restart")?.boolValue ?? false
            return "\(name):\(condition):\(restart)"
        }.joined(separator: ",")
    }

    /// Labels of a network Compose creates: the user's, then the network key, project, version and config hash.
    static func network(project: ProjectContext, key: String, definition: Node) -> [String: String] {
        resource(network, key: key, project: project, definition: definition, hash: ServiceHash.network(definition))
    }

    /// Labels of a volume Compose creates: the user's, then the volume key, project, version and config hash.
    static func volume(project: ProjectContext, key: String, definition: Node) -> [String: String] {
        resource(volume, key: key, project: project, definition: definition, hash: ServiceHash.volume(definition))
    }

    private static func resource(
        _ keyLabel: String, key: String, project: ProjectContext, definition: Node, hash: String
    ) -> [String: String] {
        var labels = definition.field("labels")?.stringDictionary ?? [:]
        labels.merge(project.resourceLabels) { own, _ in own }
        labels[keyLabel] = key
        labels[Self.project] = project.name
        labels[version] = compatibleVersion
        labels[configHash] = hash
        return labels
    }
}
