/// Service attributes to canonical form. Attributes with a syntax of their own (ports, volumes, build, deploy,
/// environment) have their own files; here are the simple ones.
extension Normalizer {
    static let durationKeys = ["stop_grace_period"]
    static let byteKeys = ["mem_limit", "mem_reservation", "memswap_limit", "shm_size"]
    static let listKeys = ["dns", "dns_search", "tmpfs", "dns_opt"]
    static let stringListKeys = ["expose", "cap_add", "cap_drop", "security_opt", "group_add"]
    static let omittedWhenFalse = ["privileged", "read_only", "tty", "stdin_open", "oom_kill_disable"]

    /// The services `links`, `volumes_from`, and `network_mode`, `ipc` or `pid` of `service:x` make this one depend
    /// on; all but `volumes_from` restart it with them.
    static func implicitDependencies(of service: Node) -> [(name: String, restart: Bool, location: SourceLocation?)] {
        ImplicitDependency.all(of: service).map { ($0.service, $0.restart, $0.location) }
    }

    private func addImplicitDependencies(_ service: inout Node) {
        let implicit = Self.implicitDependencies(of: service)
        guard !implicit.isEmpty else { return }
        var dependsOn = service["depends_on"]?.mapping ?? [:]
        for (name, restart, location) in implicit where dependsOn[name] == nil {
            var condition: Node.Mapping = ["condition": .string("service_started")]
            if restart { condition["restart"] = Node(.bool(true)) }
            condition["required"] = Node(.bool(true))
            dependsOn[name] = .mapping(condition, at: location)
        }
        service["depends_on"] = .mapping(dependsOn)
    }

    /// `post_start` / `pre_stop` hooks: commands split like `command`, environment as a mapping.
    private func hooks(_ node: Node) throws(ComposeError) -> Node {
        guard let items = node.sequence else { return node }
        var result: [Node] = []
        for item in items {
            var hook = item
            try hook.update("command") { command throws(ComposeError) in try commandLine(command) }
            try hook.update("environment") { $0.keyValueMapping(missing: .null) }
            result.append(hook)
        }
        return node.with(.sequence(result))
    }

    func normalizeService(_ input: Node, name: String) throws(ComposeError) -> Node {
        guard input.mapping != nil else { return input.with(.mapping([:])) }
        var service = input
        service.remove("extends")
        // An empty value is no value for Compose (`image: ${TAG}` with TAG unset): a service with an empty image
        // and no build then fails as one without an image.
        for key in ["image", "platform"] where service[key]?.string == "" { service.remove(key) }
        if service["pid"]?.isNull == true { service.remove("pid") }  // The schema allows it: it means no `pid`.
        for key in Self.durationKeys {
            try service.update(key) { node throws(ComposeError) in
                try node.validDuration(path: "services.\(name).\(key)")
            }
        }
        try service.update("mem_swappiness") { $0.with(.string($0.scalarText ?? "")) }
        try service.update("logging") { logging in
            var logging = logging
            try? logging.update("options") { $0.keyValueMapping(missing: .empty) }
            return logging
        }
        try service.update("provider") { provider in
            var provider = provider
            try? provider.update("options") { options in
                options.with(
                    .mapping(
                        (options.mapping ?? [:]).mapValues { value in
                            let items = value.sequence ?? [value]
                            return value.with(.sequence(items.map { $0.with(.string($0.scalarText ?? "")) }))
                        }))
            }
            return provider
        }
        try service.update("networks") { networks in
            guard let entries = networks.mapping else { return networks }
            return networks.with(
                .mapping(
                    entries.mapValues { network in
                        var network = network
                        try? network.update("driver_opts") { $0.keyValueMapping(missing: .empty) }
                        return network
                    }))
        }
        for key in Self.byteKeys {
            // Compose drops sizes written as bare floats, and zero sizes.
            if case .double = service[key]?.value { service.remove(key) }
            try service.update(key) { node throws(ComposeError) in try node.validBytes(path: "services.\(name).\(key)")
            }
            if service[key]?.string == "0" { service.remove(key) }
        }
        for key in Self.listKeys { try service.update(key) { $0.stringListNode } }
        for key in Self.stringListKeys { try service.update(key) { $0.stringListNode } }
        try service.update("cpus") { node throws(ComposeError) in try node.validCPUs(path: "services.\(name).cpus") }
        try service.update("command") { node throws(ComposeError) in try commandLine(node) }
        try service.update("entrypoint") { node throws(ComposeError) in try commandLine(node) }
        if service["command"] == nil { service["command"] = .null }
        if service["entrypoint"] == nil { service["entrypoint"] = .null }
        try service.update("labels") { $0.keyValueMapping(missing: .empty) }
        try service.update("annotations") { $0.keyValueMapping(missing: .empty) }
        try service.update("sysctls") { $0.keyValueMapping(missing: .empty) }
        try service.update("extra_hosts") { node throws(ComposeError) in try normalizeExtraHosts(node) }
        try service.update("depends_on") { dependsOn($0) }
        try service.update("healthcheck") { node throws(ComposeError) in
            try healthcheck(node, path: "services.\(name).healthcheck")
        }
        try service.update("devices") { node throws(ComposeError) in try devices(node) }
        try service.update("secrets") { fileReferences($0, defaultDirectory: "/run/secrets/") }
        try service.update("configs") { fileReferences($0, defaultDirectory: nil) }
        try service.update("blkio_config") { node throws(ComposeError) in
            try blkio(node, path: "services.\(name).blkio_config")
        }
        try service.update("ports") { node throws(ComposeError) in try Ports.normalize(node) }
        try service.update("volumes") { node throws(ComposeError) in
            try Volumes.normalize(node, path: "services.\(name).volumes")
        }
        try service.update("build") { node throws(ComposeError) in try build(node, path: "services.\(name).build") }
        try service.update("deploy") { node throws(ComposeError) in try deploy(node, path: "services.\(name).deploy") }
        try service.update("post_start") { node throws(ComposeError) in try hooks(node) }
        try service.update("pre_stop") { node throws(ComposeError) in try hooks(node) }
        try service.update("gpus") { gpus in
            gpus.scalarText == "all" ? gpus.with(.sequence([.mapping(["count": Node(.int(-1))])])) : gpus
        }
        try service.update("models") { models in
            guard let list = models.sequence else { return models }
            return models.with(
                .mapping(Node.Mapping(uniqueKeysWithValues: list.compactMap { $0.scalarText.map { ($0, Node.null) } })))
        }
        try service.update("develop") { develop throws(ComposeError) in
            var develop = develop
            try develop.update("watch") { watch throws(ComposeError) in try watchRules(watch) }
            return develop
        }
        if service["pull_policy"]?.string == "if_not_present" { service["pull_policy"] = .string("missing") }
        if let policy = service["pull_policy"], let text = policy.string, text.hasPrefix("every_"),
            PullInterval.seconds(text.dropFirst("every_".count)) == nil
        {
            throw ComposeError(
                .invalidValue, "services.\(name).pull_policy: \"\(text)\" is longer than 64 bits of seconds hold",
                at: policy.location)
        }
        service.remove("pull_refresh_after")
        for key in Self.omittedWhenFalse {
            if case .bool(false) = service[key]?.value { service.remove(key) }
        }
        addImplicitDependencies(&service)
        try normalizeEnvironment(&service)
        try normalizeLabelFiles(&service)
        if service["provider"] == nil { normalizeNetworks(&service) }
        if case .null = service["deploy"]?.value { service.remove("deploy") }
        return sortedKeys(service)
    }

    /// `develop.watch` rules: `include` and `ignore` as lists, an `exec` command written as a string split as a
    /// shell would.
    private func watchRules(_ watch: Node) throws(ComposeError) -> Node {
        var rules: [Node] = []
        for rule in watch.sequence ?? [] {
            var rule = rule
            for key in ["include", "ignore"] { try rule.update(key) { $0.stringListNode } }
            try rule.update("exec") { exec throws(ComposeError) in
                var exec = exec
                try exec.update("command") { command throws(ComposeError) in try commandLine(command) }
                // `KEY=VALUE` entries as a mapping, as a `post_start` hook's.
                try exec.update("environment") { $0.keyValueMapping(missing: .null) }
                return exec
            }
            rules.append(rule)
        }
        return watch.with(.sequence(rules))
    }

    private func sortedKeys(_ service: Node) -> Node {
        guard var entries = service.mapping else { return service }
        entries.sort { $0.key < $1.key }
        return service.with(.mapping(entries))
    }

    /// A command written as a string is split as a shell would; a list is kept as written.
    func commandLine(_ node: Node) throws(ComposeError) -> Node {
        switch node.value {
        case .string(let line):
            do {
                return node.with(.sequence(try ShellWords.split(line).map { .string($0, at: node.location) }))
            } catch {
                throw ComposeError(error.code, error.message, at: node.location)
            }
        case .sequence: return node.stringListNode
        default: return node
        }
    }

    private func normalizeNetworks(_ service: inout Node) {
        if service["network_mode"] != nil { return }
        guard let networks = service["networks"] else {
            service["networks"] = .mapping(["default": .null])
            return
        }
        if let list = networks.sequence {
            var mapping = Node.Mapping()
            for item in list { if let name = item.scalarText { mapping[name] = .null } }
            service["networks"] = networks.with(.mapping(mapping))
        }
        if var entries = service["networks"]?.mapping {
            entries.sort { $0.key < $1.key }
            service["networks"] = service["networks"]!.with(.mapping(entries))
        }
    }

    func normalizeExtraHosts(_ node: Node) throws(ComposeError) -> Node {
        var entries: [Node] = []
        switch node.value {
        case .sequence(let items):
            for item in items {
                guard let text = item.scalarText else { continue }
                let separator = text.firstIndex(of: "=") ?? text.firstIndex(of: ":")
                guard let separator else {
                    throw ComposeError(
                        .invalidValue, "invalid additional host, missing IP: \(text)", at: item.location)
                }
                let host = text[..<separator]
                var address = text[text.index(after: separator)...]
                if address.hasPrefix("["), address.hasSuffix("]") { address = address.dropFirst().dropLast() }
                entries.append(item.with(.string("\(host)=\(address)")))
            }
        case .mapping(let hosts):
            for (host, addresses) in hosts {
                let list = addresses.sequence ?? [addresses]
                for address in list {
                    entries.append(address.with(.string("\(host)=\(address.scalarText ?? "")")))
                }
            }
        default: return node
        }
        entries.sort { ($0.string ?? "") < ($1.string ?? "") }
        return node.with(.sequence(entries))
    }

    private func dependsOn(_ node: Node) -> Node {
        var result = Node.Mapping()
        if let list = node.sequence {
            for item in list {
                guard let name = item.scalarText else { continue }
                result[name] = .mapping(
                    ["condition": .string("service_started"), "required": Node(.bool(true))], at: item.location)
            }
        } else if let mapping = node.mapping {
            for (name, entry) in mapping {
                var condition = entry.mapping == nil ? entry.with(.mapping([:])) : entry
                if condition["condition"] == nil { condition["condition"] = .string("service_started") }
                if condition["required"] == nil { condition["required"] = Node(.bool(true)) }
                if case .bool(false) = condition["restart"]?.value { condition.remove("restart") }
                result[name] = condition
            }
        }
        result.sort { $0.key < $1.key }
        return node.with(.mapping(result))
    }

    private func healthcheck(_ node: Node, path: String) throws(ComposeError) -> Node {
        var check = node
        if let test = node["test"], case .string(let line) = test.value {
            check["test"] = test.with(.sequence([.string("CMD-SHELL"), .string(line)]))
        }
        if let first = check["test"]?.sequence?.first?.scalarText, !["CMD", "CMD-SHELL", "NONE"].contains(first) {
            throw ComposeError(
                .invalidValue, "healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"",
                at: check["test"]?.location)
        }
        if case .bool(false) = check["disable"]?.value { check.remove("disable") }
        if check["test"]?.sequence?.isEmpty == true { check.remove("test") }
        for key in ["interval", "timeout", "start_period", "start_interval"] {
            try check.update(key) { node throws(ComposeError) in try node.validDuration(path: "\(path).\(key)") }
        }
        return check
    }
}
