import ComposeSpec

/// One Compose service as Kubernetes objects: its workload (with the pod and its container), its Services and the
/// policy for its published ports. Every key of the service is read by one handler; a key no handler carries over
/// is in ``report`` with its file:line:column.
struct KubernetesService {
    let name: String
    let node: Node
    let context: KubernetesContext
    var report = LossReport(target: "Kubernetes")

    var container = Node.Mapping()
    var pod = Node.Mapping()
    var podSecurity = Node.Mapping()
    var containerSecurity = Node.Mapping()
    var volumes: [Node] = []
    var mounts: [Node] = []
    var initContainers: [Node] = []
    var annotations: [(String, String)] = []
    var workloadAnnotations: [(String, String)] = []
    /// Ports other services reach (`ports`' targets and `expose`), and those published outside the cluster.
    var servicePorts: [(port: Int, proto: String)] = []
    var publishedPorts: [(published: Int, target: Int, proto: String)] = []
    var mountsNamedVolume = false
    var waitsForDependencies = false
    var resources = (limits: Node.Mapping(), requests: Node.Mapping())
    var nodeSelector = Node.Mapping()
    var affinityTerms: [Node] = []
    var spreads: [Node] = []
    var strategy: Node?
    var headless = false
    /// A Job's retries (`on-failure:N`, `max_attempts`).
    var jobAttempts: Int?

    init(name: String, node: Node, context: KubernetesContext) {
        self.name = name
        self.node = node
        self.context = context
    }

    var objectName: String { KubernetesNames.label(name) }
    var isJob: Bool { context.jobs.contains(name) }

    /// The keys handled here; any other key that is set is a loss.
    mutating func objects() -> [KubernetesManifest] {
        container["name"] = .text(objectName)
        for (key, value) in node.entries where !Self.isUnset(value) {
            let path = "services.\(name).\(key)"
            switch key {
            case "image", "build", "pull_policy": image(key, value, path: path)
            case "command": container["args"] = .list((value.stringList ?? []).map { .text(Self.literal($0)) })
            case "entrypoint": container["command"] = .list((value.stringList ?? []).map { .text(Self.literal($0)) })
            case "environment": environment(value)
            case "working_dir": container["workingDir"] = .text(value.scalarText ?? "")
            case "labels", "annotations": metadata(key, value, path: path)
            case "stdin_open": container["stdin"] = .flag(value.boolValue == true)
            case "tty": container["tty"] = .flag(value.boolValue == true)
            case "profiles": break  // selected as `up` selects them, when the project was loaded
            case "container_name": container["name"] = .text(KubernetesNames.label(value.scalarText ?? name))
            case "healthcheck": probes(value, path: path)
            case "ports", "expose": ports(key, value, path: path)
            case "volumes", "tmpfs", "shm_size": storage(key, value, path: path)
            case "configs", "secrets": files(key, value, path: path)
            case "depends_on": waits(value, path: path)
            case "user", "read_only", "cap_add", "cap_drop", "privileged", "security_opt", "group_add", "sysctls":
                security(key, value, path: path)
            case "deploy", "scale", "restart", "mem_limit", "mem_reservation", "cpus", "platform":
                workload(key, value, path: path)
            case "networks", "network_mode", "ipc", "pid": namespaces(key, value, path: path)
            case "hostname", "domainname", "dns", "dns_search", "dns_opt", "extra_hosts", "stop_grace_period",
                "post_start", "pre_stop":
                podSettings(key, value, path: path)
            default:
                report.add(path, "Kubernetes has no equivalent", node: value)
            }
        }
        if container["image"] == nil { image("image", .null, path: "services.\(name).image") }
        return assemble()
    }

    /// Whether a value asks for nothing: null, false, or an empty list or mapping.
    static func isUnset(_ value: Node) -> Bool {
        switch value.value {
        case .null, .bool(false): return true
        case .sequence(let items): return items.isEmpty
        case .mapping(let entries): return entries.isEmpty
        default: return false
        }
    }

    /// Text Kubernetes passes on as written: it expands `$(NAME)` in commands and environment values, so `$(` is
    /// escaped as `$$(`.
    static func literal(_ text: String) -> String {
        text.replacingOccurrences(of: "$(", with: "$$(")
    }

    /// `deploy.replicas`, else `scale`.
    static func replicas(of service: Node) -> Int? {
        (service["deploy"]?.field("replicas") ?? service.field("scale"))?.int64Value.map { Int($0) }
    }

    private mutating func image(_ key: String, _ value: Node, path: String) {
        switch key {
        case "build":
            let image = node.field("image")?.string ?? "\(context.projectName)-\(name)"
            report.add(path, "Kubernetes builds no image: push \(image) where the cluster pulls from", node: value)
        case "pull_policy":
            let policies = [
                "always": "Always", "never": "Never", "missing": "IfNotPresent", "if_not_present": "IfNotPresent",
            ]
            if let policy = policies[value.string ?? ""] {
                container["imagePullPolicy"] = .text(policy)
            } else {
                report.add(path, "Kubernetes has no pull policy \(value.scalarText ?? "")", node: value)
            }
        default:
            container["image"] = .text(node.field("image")?.string ?? "\(context.projectName)-\(name)")
        }
    }

    private mutating func environment(_ value: Node) {
        let variables = (value.stringPairs ?? []).map { entry in
            Node.object(["name": .text(entry.key), "value": .text(Self.literal(entry.value ?? ""))])
        }
        container["env"] = .list(variables)
    }

    private mutating func metadata(_ key: String, _ value: Node, path: String) {
        for (label, text) in value.stringPairs ?? [] {
            guard KubernetesNames.isQualifiedName(label) else {
                report.add("\(path).\(label)", "not a Kubernetes annotation name", node: value[label])
                continue
            }
            annotations.append((label, text ?? ""))
        }
    }
}
