import DockerEngine

/// An engine event about one of a project's service containers, as `events` reports it.
public struct ComposeEvent: Sendable, Hashable {
    /// Nanoseconds since 1970.
    public var timeNano: Int64
    public var service: String
    public var containerID: String
    /// `create`, `start`, `die`, `health_status: healthy`…
    public var action: String
    /// The actor's attributes (name, image, the container's own labels…) without Compose's labels.
    public var attributes: [String: String]
    /// Compose's labels (`com.docker.compose.*`), which `events` does not print.
    public var composeLabels: [String: String]

    public init(
        timeNano: Int64, service: String, containerID: String, action: String, attributes: [String: String],
        composeLabels: [String: String] = [:]
    ) {
        self.timeNano = timeNano
        self.service = service
        self.containerID = containerID
        self.action = action
        self.attributes = attributes
        self.composeLabels = composeLabels
    }

    static let labelPrefix = "com.docker.compose."

    /// The event of a service container among `services` (any when empty); nil for other objects, one-off
    /// containers and other services.
    public init?(_ event: EngineEvent, services: [String] = []) {
        guard event.type == "container" else { return nil }
        let attributes = event.actor.attributes
        if attributes[ComposeLabels.oneOff] == "True" { return nil }
        let service = attributes[ComposeLabels.service] ?? ""
        if !services.isEmpty && !services.contains(service) { return nil }
        self.init(
            timeNano: event.timeNano != 0 ? event.timeNano : event.time * 1_000_000_000, service: service,
            containerID: event.actor.id, action: event.action,
            attributes: attributes.filter { !$0.key.hasPrefix(Self.labelPrefix) },
            composeLabels: attributes.filter { $0.key.hasPrefix(Self.labelPrefix) })
    }
}

/// The engine's events about a project's containers.
public enum ProjectEvents {
    /// Opens the engine's event stream for `project` (its label); `since` and `until` as the API takes them.
    /// Map each event with ``ComposeEvent/init(_:services:)`` to keep the project's service containers.
    public static func stream(client: EngineClient, project: String, since: String? = nil, until: String? = nil)
        async throws -> EventStream
    {
        var filters = EngineFilters()
        filters.add("label", "\(ComposeLabels.project)=\(project.lowercased())")
        return try await client.events(filters: filters, since: since, until: until)
    }
}
