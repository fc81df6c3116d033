import ComposeSpec

/// What `up` (or `create`) does to converge, and why: the images to pull or build, the networks and volumes to
/// create or recreate, each service's replicas (in dependency order) and the orphans. ``Planner`` makes it from the
/// project and what the engine has; `up` carries it out, `plan` prints it, and `up --dry-run` reports it as `up`
/// would, changing nothing.
public struct Plan: Sendable {
    public enum ReplicaAction: Sendable, Hashable {
        /// No container has this number: create one.
        case create(number: Int)
        /// The container's configuration or image changed (or recreation was asked for): replace it.
        case recreate(ObservedContainer)
        /// The container is up to date: start it if it is not running.
        case keep(ObservedContainer)
        /// More containers than replicas: remove the highest numbers.
        case remove(ObservedContainer)
    }

    public struct ServicePlan: Sendable {
        public var service: String
        public var actions: [ReplicaAction]
        /// Why each container to recreate is recreated, by container ID.
        public var reasons: [String: [PlanReason]] = [:]

        public init(service: String, actions: [ReplicaAction], reasons: [String: [PlanReason]] = [:]) {
            self.service = service
            self.actions = actions
            self.reasons = reasons
        }
    }

    /// The selected services' images, by service name.
    public var images: [ImagePlan] = []
    /// The project's networks and volumes, in key order.
    public var networks: [ResourcePlan] = []
    public var volumes: [ResourcePlan] = []
    /// In dependency order.
    public var services: [ServicePlan]
    /// Containers of services the project no longer has.
    public var orphans: [ObservedContainer]

    public init(
        images: [ImagePlan] = [], networks: [ResourcePlan] = [], volumes: [ResourcePlan] = [],
        services: [ServicePlan], orphans: [ObservedContainer]
    ) {
        self.images = images
        self.networks = networks
        self.volumes = volumes
        self.services = services
        self.orphans = orphans
    }
}

/// How `up` treats containers that exist.
public enum RecreatePolicy: Sendable {
    /// Recreate only containers whose configuration or image changed.
    case whenChanged
    /// `--force-recreate`.
    case always
    /// `--no-recreate`.
    case never
}

/// Why a plan changes something: the input that changed, named as the compose file names it (`environment.DB_URL`,
/// `ports[0]`, `image`, `networks.front`), how (`digest`, `removed`, `not connected`), and where the input is
/// written when it still is.
public struct PlanReason: Sendable, Hashable, CustomStringConvertible {
    public var input: String
    public var detail: String?
    public var location: SourceLocation?

    public init(_ input: String, _ detail: String? = nil, at location: SourceLocation? = nil) {
        self.input = input
        self.detail = detail
        self.location = location
    }

    /// `environment.DB_URL`, `image (digest)`.
    public var description: String { input + (detail.map { " (\($0))" } ?? "") }
}

/// What happens to a service's image before its containers are created.
public struct ImagePlan: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// The image is there and stays (its ID).
        case use(String)
        /// Pulled; built instead when the pull fails and the service can be built (`fallsBackToBuild`).
        case pull(fallsBackToBuild: Bool)
        case build
    }

    public var service: String
    /// The image reference: the service's `image`, or the name Compose gives the image it builds.
    public var image: String
    public var action: Action
    /// Why it is pulled or built: `missing`, `--build`, `pull_policy: always`…
    public var reason: String?

    public init(service: String, image: String, action: Action, reason: String? = nil) {
        self.service = service
        self.image = image
        self.action = action
        self.reason = reason
    }
}

/// What happens to one of the project's networks or volumes.
public struct ResourcePlan: Sendable {
    public enum Action: Sendable {
        /// Missing: created.
        case create
        /// There as configured (or external and there): left alone.
        case keep
        /// There with another configuration: removed and created again. For a network, the project's containers
        /// on it stop first and join the new one; for a volume, the containers mounting it are removed.
        case recreate
        /// A volume with another configuration whose recreation (data lost) was not agreed to: left as it is.
        case keepDiverged
        /// `up` cannot go on: an external one is missing, or a network of that name belongs to something else.
        case fail(OrchestrationError)
    }

    /// The key in the top-level `networks` or `volumes`.
    public var key: String
    /// The engine-side name.
    public var name: String
    public var action: Action
    /// What changed, for `recreate` and `keepDiverged`.
    public var reasons: [PlanReason] = []
    /// The containers a recreation stops (network) or removes (volume).
    public var containers: [ObservedContainer] = []
    /// What the user should know (a volume this project did not create).
    public var warnings: [ComposeWarning] = []

    public init(key: String, name: String, action: Action) {
        self.key = key
        self.name = name
        self.action = action
    }
}
