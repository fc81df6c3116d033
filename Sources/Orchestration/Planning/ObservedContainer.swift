/// A container the engine runs for a project, as its Compose labels describe it.
public struct ObservedContainer: Sendable, Hashable {
    public var id: String
    public var name: String
    public var service: String
    public var number: Int
    public var isOneOff: Bool
    public var configHash: String
    /// The image ID the container was created from.
    public var imageID: String
    /// The engine's state: `created`, `running`, `paused`, `restarting`, `exited`, `dead`.
    public var state: String
    public var labels: [String: String]
    /// The networks it is connected to, by engine name.
    public var networks: Set<String>
    /// The named volumes it mounts.
    public var volumes: Set<String>

    public init(
        id: String, name: String, service: String, number: Int, isOneOff: Bool = false, configHash: String,
        imageID: String, state: String, labels: [String: String] = [:], networks: Set<String> = [],
        volumes: Set<String> = []
    ) {
        self.id = id
        self.name = name
        self.service = service
        self.number = number
        self.isOneOff = isOneOff
        self.configHash = configHash
        self.imageID = imageID
        self.state = state
        self.labels = labels
        self.networks = networks
        self.volumes = volumes
    }

    public var isRunning: Bool { state == "running" || state == "restarting" }
}
