/// What `up` (or `create`) does to converge: per service, per replica, and the orphans to remove.
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
    }

    /// In dependency order.
    public var services: [ServicePlan]
    /// Containers of services the project no longer has.
    public var orphans: [ObservedContainer]
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
