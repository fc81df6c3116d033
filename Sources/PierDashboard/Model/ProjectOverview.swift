/// A Compose project on the engine as the project list shows it: found by its containers' labels, whoever
/// started it (Pier, Docker Compose, the demo).
struct ProjectEntry: Codable, Sendable, Hashable {
    var name: String
    /// Container states and counts, as `ls` shows them: `exited(1), running(2)`.
    var status: String
    /// The compose files its containers were created from (empty when their labels do not say).
    var configFiles: [String]
    var workingDirectory: String
}

/// One project in detail: its services and their containers, as the page draws them.
struct ProjectOverview: Codable, Sendable, Hashable {
    var name: String
    var status: String
    var configFiles: [String]
    var workingDirectory: String
    /// Why actions are not offered (the config files cannot be read, or say nothing); nil when they are.
    var actionsUnavailable: String?
    /// The services the files define (every profile) and those with containers, in file order, then by name.
    var services: [ServiceOverview]
}

struct ServiceOverview: Codable, Sendable, Hashable {
    var name: String
    /// The image the files name, or the first container's.
    var image: String
    var containers: [ContainerOverview]
}

/// A service container: what `ps` shows, the health check's last output and the restart count from inspecting it.
struct ContainerOverview: Codable, Sendable, Hashable {
    var id: String
    var name: String
    /// `running`, `exited`, `restarting`…
    var state: String
    /// The engine's words: `Up 3 minutes (healthy)`.
    var status: String
    /// `healthy`, `unhealthy` or `starting`; nil without a health check.
    var health: String?
    /// What the last health check printed, and its exit code.
    var healthOutput: String?
    var healthExitCode: Int?
    var image: String
    var ports: [PortOverview]
    /// When it last started (RFC 3339), for its uptime; empty when it never ran.
    var startedAt: String
    var restarts: Int
    var exitCode: Int
}

/// A port as `ps` writes it, with the address to open when it is published.
struct PortOverview: Codable, Sendable, Hashable {
    var text: String
    var url: String?
}

/// A resource sample of one container, from the engine's stats stream.
struct ContainerStats: Codable, Sendable, Hashable {
    var cpuPercent: Double
    var memoryUsage: Double
    var memoryLimit: Double
}
