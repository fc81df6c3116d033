import ComposeSpec

/// One service in Swarm's form. Every key is read by one case: carried as it is, translated, or a loss.
struct SwarmServiceTranslator {
    let name: String
    let service: Node
    let project: LoadedProject
    var report = LossReport(target: "Swarm")
    var result = Node.Mapping()
    var deploy = Node.Mapping()

    /// Keys Swarm services express as Compose writes them.
    static let carried: Set<String> = [
        "image", "command", "entrypoint", "environment", "working_dir", "user", "hostname", "labels", "tty",
        "stdin_open", "read_only", "stop_signal", "stop_grace_period", "dns", "dns_search", "cap_add", "cap_drop",
        "init", "sysctls", "ulimits", "tmpfs", "expose", "logging", "isolation", "credential_spec", "group_add",
        "dns_opt",
    ]

    init(name: String, service: Node, project: LoadedProject) {
        self.name = name
        self.service = service
        self.project = project
    }

    mutating func translate() -> Node {
        deploy = service.field("deploy")?.mapping ?? [:]
        for (key, value) in service.entries where !Self.isUnset(value) {
            let path = "services.\(name).\(key)"
            switch key {
            case _ where Self.carried.contains(key): result[key] = value
            case "profiles": break  // selected as `up` selects them, when the project was loaded
            case "build":
                if service.field("image") == nil {
                    // The name Compose gives the image it builds: the file stays deployable once it is pushed.
                    result["image"] = .text("\(project.name)-\(name)")
                    report.add(
                        path, "Swarm builds no image: set image and push it where every node pulls from", node: value)
                }
            case "pull_policy" where ["always", "missing", "if_not_present"].contains(value.string ?? ""): break
            case "deploy": break  // merged below, with what translates into it
            case "mem_limit": setResource("limits", "memory", value)
            case "mem_reservation": setResource("reservations", "memory", value)
            case "cpus": setResource("limits", "cpus", value)
            case "pids_limit": setResource("limits", "pids", value)
            case "scale": if deploy["replicas"] == nil { deploy["replicas"] = value }
            case "restart": restart(value, path: path)
            case "depends_on": result[key] = .list(value.entries.keys.map(Node.text))
            case "links": links(value, path: path)
            case "shm_size": shm(value)
            case "platform": platform(value)
            case "network_mode": networkMode(value, path: path)
            case "healthcheck": result[key] = healthcheck(value, path: path)
            case "extra_hosts": result[key] = .list((value.stringList ?? []).map { Self.hostEntry($0) })
            case "ports": result[key] = ports(value, path: path)
            case "volumes": result[key] = volumes(value, path: path)
            case "networks": result[key] = networks(value, path: path)
            case "configs", "secrets": result[key] = files(value)
            default: report.add(path, "Swarm services have no \(key)", node: value)
            }
        }
        deployKeys()
        result["deploy"] = .nonEmptyObject(deploy)
        return Node(.mapping(result))
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

    /// `deploy.resources.KIND.KEY`, unless `deploy` sets it already (it wins, as in Compose).
    private mutating func setResource(_ kind: String, _ key: String, _ value: Node) {
        var resources = deploy["resources"] ?? .object([:])
        var section = resources[kind] ?? .object([:])
        if section[key] == nil { section.set(key, value) }
        resources.set(kind, section)
        deploy["resources"] = resources
    }

    /// `restart` as `deploy.restart_policy`: `no` is `none`, `always` and `unless-stopped` are `any`,
    /// `on-failure[:N]` is `on-failure` with N attempts.
    private mutating func restart(_ value: Node, path: String) {
        guard deploy["restart_policy"] == nil, let text = value.scalarText else { return }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "no": deploy["restart_policy"] = .object(["condition": .text("none")])
        case "always", "unless-stopped": deploy["restart_policy"] = .object(["condition": .text("any")])
        case "on-failure":
            deploy["restart_policy"] = .object([
                "condition": .text("on-failure"),
                "max_attempts": parts.count > 1 ? Int(parts[1]).map { Node.integer($0) } : nil,
            ])
        default: report.add(path, "unknown restart policy \(text)", node: value)
        }
    }

    private mutating func links(_ value: Node, path: String) {
        for link in value.stringList ?? [] {
            let parts = link.split(separator: ":").map(String.init)
            if parts.count > 1, parts[1] != parts[0] {
                report.add(
                    path, "Swarm has no link alias \(parts[1]) for \(parts[0]): use a network alias", node: value)
            }
        }
    }

    /// `shm_size` as a tmpfs mount on `/dev/shm` of that size.
    private mutating func shm(_ value: Node) {
        var volumes = result["volumes"]?.sequence ?? []
        volumes.append(
            .object([
                "type": .text("tmpfs"), "target": .text("/dev/shm"),
                "tmpfs": .object(["size": value.byteCount.map { Node.integer($0) }]),
            ]))
        result["volumes"] = .list(volumes)
    }

    /// `platform` as placement constraints on the nodes' OS and architecture (Swarm names them as `uname -m`).
    private mutating func platform(_ value: Node) {
        let parts = (value.scalarText ?? "").split(separator: "/").map(String.init)
        let architectures = ["amd64": "x86_64", "arm64": "aarch64", "386": "i386"]
        var constraints: [Node] = []
        if let os = parts.first { constraints.append(.text("node.platform.os==\(os)")) }
        if parts.count > 1 { constraints.append(.text("node.platform.arch==\(architectures[parts[1]] ?? parts[1])")) }
        var placement = deploy["placement"] ?? .object([:])
        placement.set("constraints", .list((placement["constraints"]?.sequence ?? []) + constraints))
        deploy["placement"] = placement
    }

    private mutating func networkMode(_ value: Node, path: String) {
        guard let mode = value.string, mode == "host" || mode == "none" else {
            return report.add(path, "Swarm services cannot share another's network namespace", node: value)
        }
        result["networks"] = .object([mode: .null])
    }

    /// `host=ip` (Compose's canonical form) as `host:ip`, which the stack file reads.
    static func hostEntry(_ entry: String) -> Node {
        let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
        return .text(parts.count == 2 ? "\(parts[0]):\(parts[1])" : entry)
    }
}
