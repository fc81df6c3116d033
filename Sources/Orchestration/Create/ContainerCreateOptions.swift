/// A container of another service that this one refers to (`network_mode: service:x`, `links`, `volumes_from`).
public struct ServiceContainer: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The `com.docker.compose.container-number` label.
    public var number: Int

    public init(id: String, name: String, number: Int) {
        self.id = id
        self.name = name
        self.number = number
    }
}

/// Finds the (non one-off) containers of a service of the same project, which must exist before a container that
/// refers to them is created: dependencies are created first.
public struct ContainerResolver: Sendable {
    public var containers: @Sendable (_ service: String) -> [ServiceContainer]

    public init(_ containers: @escaping @Sendable (_ service: String) -> [ServiceContainer]) {
        self.containers = containers
    }

    /// The container another service's `service:` references mean (Compose takes the first by name, which is the
    /// lowest number; Pier takes the lowest number, so the choice is stable).
    public func first(of service: String) -> ServiceContainer? {
        containers(service).min { $0.number < $1.number }
    }

    /// Knows no container: enough for services that refer to no other service.
    public static let none = ContainerResolver { _ in [] }
}

/// A one-off container (`run`): named `<project>-<service>-run-<slug>`, labelled `oneoff=True` with its slug.
public struct OneOffRun: Sendable {
    /// 64 hexadecimal digits; the name uses the first 12. `ContainerNames.newSlug()` makes one.
    public var slug: String
    /// `run --name`.
    public var name: String?
    /// `run -i` (the default): attach standard input once.
    public var interactive: Bool
    /// `run --use-aliases`: join networks with the service name and aliases, not only the container name.
    public var useAliases: Bool

    public init(slug: String, name: String? = nil, interactive: Bool = true, useAliases: Bool = false) {
        self.slug = slug
        self.name = name
        self.interactive = interactive
        self.useAliases = useAliases
    }
}

/// What a container's create body depends on beyond the service itself.
public struct ContainerCreateOptions: Sendable {
    /// The image ID (`sha256:…`) the container runs, for the `com.docker.compose.image` label.
    public var imageID: String?
    public var oneOff: OneOffRun?
    /// The ID of the container this one replaces (recreate): the new one is created under a temporary name
    /// and labelled `com.docker.compose.replace`.
    public var replacing: String?
    public var containers: ContainerResolver
    /// The Docker CLI configuration copied to `/run/secrets/docker/config.json` for `use_api_socket`.
    public var dockerCLIConfig: String

    public init(
        imageID: String? = nil, oneOff: OneOffRun? = nil, replacing: String? = nil,
        containers: ContainerResolver = .none, dockerCLIConfig: String = "{\n\t\"auths\": {}\n}"
    ) {
        self.imageID = imageID
        self.oneOff = oneOff
        self.replacing = replacing
        self.containers = containers
        self.dockerCLIConfig = dockerCLIConfig
    }
}
