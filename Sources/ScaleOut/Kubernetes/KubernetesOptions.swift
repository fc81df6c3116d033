/// How `convert kubernetes` writes a project's manifests.
public struct KubernetesOptions: Sendable {
    /// The namespace every object is written in; nil leaves it to `kubectl apply -n`.
    public var namespace: String?
    /// Bind mounts become `hostPath` volumes (the node's files, not the user's) instead of losses.
    public var bindMountsAsHostPath = false
    /// The image of the init containers that wait for dependencies: it needs `kubectl`.
    public var waitImage = KubernetesOptions.defaultWaitImage

    public static let defaultWaitImage = "registry.k8s.io/kubectl:v1.33.0"

    public init(namespace: String? = nil) {
        self.namespace = namespace
    }
}
