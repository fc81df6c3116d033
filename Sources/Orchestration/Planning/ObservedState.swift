import DockerEngine

/// What the engine has of a project, read without changing anything: what ``Planner`` compares the project with.
public struct ObservedState: Sendable {
    /// The project's containers, one-off ones included.
    public var containers: [ObservedContainer]
    /// The project's networks and volumes that exist, by engine name.
    public var networks: [String: Network]
    public var volumes: [String: Volume]
    /// The selected services' images that exist, by reference.
    public var images: [String: ImageInspection]
    /// Containers inspected to explain their recreation, by ID: only `plan` reads them.
    public var inspections: [String: ContainerInspection]

    public init(
        containers: [ObservedContainer] = [], networks: [String: Network] = [:], volumes: [String: Volume] = [:],
        images: [String: ImageInspection] = [:], inspections: [String: ContainerInspection] = [:]
    ) {
        self.containers = containers
        self.networks = networks
        self.volumes = volumes
        self.images = images
        self.inspections = inspections
    }

    /// The containers of the project's services, one-off ones left out.
    var serviceContainers: [ObservedContainer] { containers.filter { !$0.isOneOff } }
}
