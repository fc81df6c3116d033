import ComposeSpec
import DockerEngine

/// Deploys a project as a Swarm stack through a manager's Engine API, as `docker stack deploy` does (same names,
/// same labels) and more: the whole specification translated (what cannot be is refused before anything changes,
/// unless accepted), services created in dependency order, each after its dependencies run, are healthy or have
/// completed, secrets and configs versioned by content and rolled into the services, unchanged services left alone.
public struct StackDeployer: Sendable {
    let client: EngineClient
    let stack: String
    let project: LoadedProject
    let translation: SwarmTranslation
    let progress: @Sendable (StackEvent) -> Void

    public init(
        client: EngineClient, stack: String, project: LoadedProject,
        progress: @escaping @Sendable (StackEvent) -> Void = { _ in }
    ) {
        self.client = client
        self.stack = stack
        self.project = project
        self.translation = SwarmTranslation(project)
        self.progress = progress
    }

    /// The keys Swarm cannot express: a deploy refuses them unless they are accepted.
    public var losses: LossReport { translation.losses }

    public func deploy(_ options: StackDeployOptions) async throws {
        if !translation.losses.isEmpty {
            guard options.acceptLosses else { throw StackError.losses(translation.losses) }
            for line in translation.losses.lines { progress(.warning(line + " (left out)")) }
        }
        try await Self.requireManager(client)
        try await createNetworks()
        let files = try await createFiles()
        let deployed = try await deployServices(files: files, options: options)
        if options.prune { try await prune(keeping: Set(deployed.map(\.name))) }
        try await removeUnusedFiles(keeping: files)
        if options.wait {
            let watcher = StackWatcher(client: client, timeout: options.timeout, progress: progress)
            try await watcher.converge(deployed)
        }
    }

    /// Fails unless the engine is a Swarm manager.
    static func requireManager(_ client: EngineClient) async throws {
        let info = try await client.info()
        guard info.raw["Swarm"]?["ControlAvailable"] == .bool(true) else {
            throw StackError(
                "this node is not a swarm manager: use a manager's DOCKER_HOST, or run `docker swarm init` first")
        }
    }

    var document: Node { translation.document }

    /// The networks the services join, as overlay networks labelled with the stack (external ones must exist).
    private func createNetworks() async throws {
        var used = Set<String>()
        for service in (document["services"]?.mapping ?? [:]).values {
            used.formUnion(service["networks"]?.mapping?.keys ?? ["default"])
        }
        let existing = Set(try await client.listNetworks().map(\.name))
        for key in used.sorted() {
            let definition = document["networks"]?[key] ?? .object(["driver": .text("overlay")])
            let name = StackNames.resourceName(key, definition: definition, stack: stack)
            if existing.contains(name) { continue }
            if definition.isSet("external") {
                throw StackError("network \(name) is declared as external, but could not be found")
            }
            var labels = definition.field("labels")?.stringDictionary ?? [:]
            labels[StackNames.namespaceLabel] = stack
            var body: [String: JSONValue] = [
                "Name": .string(name), "Driver": .string(definition.field("driver")?.string ?? "overlay"),
                "Labels": .object(labels.mapValues(JSONValue.string)), "Scope": "swarm", "CheckDuplicate": true,
                "Attachable": .bool(definition.isSet("attachable")), "Internal": .bool(definition.isSet("internal")),
                "EnableIPv6": .bool(definition.isSet("enable_ipv6")),
                "Options": .object(
                    (definition.field("driver_opts")?.stringDictionary ?? [:]).mapValues(JSONValue.string)),
            ]
            if let ipam = definition.field("ipam") { body["IPAM"] = Self.ipam(ipam) }
            _ = try await client.createNetwork(body: .object(body))
            progress(.created(kind: "network", name: name))
        }
    }

    private static func ipam(_ node: Node) -> JSONValue {
        let configs: [JSONValue] = (node.field("config")?.sequence ?? []).map { pool in
            var entry: [String: JSONValue] = [:]
            for (key, field) in [("subnet", "Subnet"), ("ip_range", "IPRange"), ("gateway", "Gateway")] {
                if let value = pool.field(key)?.string { entry[field] = .string(value) }
            }
            return .object(entry)
        }
        return ["Driver": .string(node.field("driver")?.string ?? "default"), "Config": .array(configs)]
    }
}
