import ComposeSpec
import DockerEngine

/// A translated service as the Engine API's `ServiceSpec`, named and labelled as `docker stack deploy` does.
struct SwarmServiceSpec {
    let stack: String
    let name: String
    let service: Node
    let document: Node
    /// The engine names and ids of the secrets and configs this deploy made, by key.
    let files: [String: [String: (id: String, name: String)]]

    var spec: JSONValue {
        let deploy = service["deploy"] ?? .object([:])
        let image = service.field("image")?.string ?? ""
        var labels = deploy.field("labels")?.stringDictionary ?? [:]
        labels[StackNames.namespaceLabel] = stack
        labels[StackNames.imageLabel] = image
        var task: [String: JSONValue] = ["ContainerSpec": containerSpec(image: image)]
        task["Resources"] = resources(deploy["resources"])
        task["RestartPolicy"] = restartPolicy(deploy["restart_policy"])
        task["Placement"] = placement(deploy["placement"])
        task["Networks"] = .array(networks)
        if let logging = service.field("logging") {
            task["LogDriver"] = .object([
                "Name": .string(logging.field("driver")?.string ?? ""),
                "Options": .object((logging.field("options")?.stringDictionary ?? [:]).mapValues(JSONValue.string)),
            ])
        }
        var spec: [String: JSONValue] = [
            "Name": .string(StackNames.scoped(stack, name)), "Labels": .object(labels.mapValues(JSONValue.string)),
            "TaskTemplate": .object(task.compactMapValues { $0 }), "Mode": mode(deploy),
            "EndpointSpec": endpoint(deploy),
        ]
        spec["UpdateConfig"] = updateConfig(deploy["update_config"])
        spec["RollbackConfig"] = updateConfig(deploy["rollback_config"])
        return .object(spec.compactMapValues { $0 })
    }

    private func mode(_ deploy: Node) -> JSONValue {
        let replicas = JSONValue.integer(deploy.field("replicas")?.int64Value ?? 1)
        switch deploy.field("mode")?.string {
        case "global": return ["Global": [:]]
        case "replicated-job": return ["ReplicatedJob": ["MaxConcurrent": replicas, "TotalCompletions": replicas]]
        case "global-job": return ["GlobalJob": [:]]
        default: return ["Replicated": ["Replicas": replicas]]
        }
    }

    private func endpoint(_ deploy: Node) -> JSONValue {
        let ports: [JSONValue] = (service["ports"]?.sequence ?? []).map { port in
            var entry: [String: JSONValue] = [
                "Protocol": .string(port.field("protocol")?.string ?? "tcp"),
                "TargetPort": .integer(port.field("target")?.int64Value ?? 0),
                "PublishMode": .string(port.field("mode")?.string == "host" ? "host" : "ingress"),
            ]
            if let published = port.field("published")?.int64Value { entry["PublishedPort"] = .integer(published) }
            return .object(entry)
        }
        return ["Mode": .string(deploy.field("endpoint_mode")?.string ?? "vip"), "Ports": .array(ports)]
    }

    /// The service's networks (the stack's `default` when it names none), each with the service's name as alias.
    private var networks: [JSONValue] {
        let attached = service["networks"]?.mapping ?? ["default": .null]
        return attached.map { key, attachment in
            let target = StackNames.resourceName(key, definition: document["networks"]?[key], stack: stack)
            let aliases = [name] + (attachment["aliases"]?.stringList ?? [])
            // The engine's own host and none networks take no alias.
            if ["host", "none"].contains(target) { return ["Target": .string(target)] }
            return ["Target": .string(target), "Aliases": .array(aliases.map(JSONValue.string))]
        }
    }

    private func resources(_ node: Node?) -> JSONValue? {
        guard let node else { return nil }
        func section(_ key: String) -> JSONValue? {
            guard let values = node[key] else { return nil }
            var result: [String: JSONValue] = [:]
            if let cpus = values.field("cpus")?.doubleValue {
                result["NanoCPUs"] = .integer(Int64((cpus * 1e9).rounded()))
            }
            if let memory = values.field("memory")?.byteCount { result["MemoryBytes"] = .integer(memory) }
            if let pids = values.field("pids")?.int64Value { result["Pids"] = .integer(pids) }
            return .object(result)
        }
        return .object(["Limits": section("limits"), "Reservations": section("reservations")].compactMapValues { $0 })
    }

    private func restartPolicy(_ node: Node?) -> JSONValue? {
        guard let node else { return nil }
        var result: [String: JSONValue] = [:]
        if let condition = node.field("condition")?.string { result["Condition"] = .string(condition) }
        if let delay = node.field("delay")?.nanoseconds { result["Delay"] = .integer(delay) }
        if let attempts = node.field("max_attempts")?.int64Value { result["MaxAttempts"] = .integer(attempts) }
        if let window = node.field("window")?.nanoseconds { result["Window"] = .integer(window) }
        return .object(result)
    }

    private func placement(_ node: Node?) -> JSONValue? {
        guard let node else { return nil }
        var result: [String: JSONValue] = [:]
        if let constraints = node.field("constraints")?.stringList {
            result["Constraints"] = .array(constraints.map(JSONValue.string))
        }
        let preferences = (node.field("preferences")?.sequence ?? []).compactMap { $0.field("spread")?.string }
        if !preferences.isEmpty {
            result["Preferences"] = .array(preferences.map { ["Spread": ["SpreadDescriptor": .string($0)]] })
        }
        if let perNode = node.field("max_replicas_per_node")?.int64Value { result["MaxReplicas"] = .integer(perNode) }
        return .object(result)
    }

    private func updateConfig(_ node: Node?) -> JSONValue? {
        guard let node else { return nil }
        var result: [String: JSONValue] = ["Parallelism": .integer(node.field("parallelism")?.int64Value ?? 1)]
        if let delay = node.field("delay")?.nanoseconds { result["Delay"] = .integer(delay) }
        if let action = node.field("failure_action")?.string { result["FailureAction"] = .string(action) }
        if let monitor = node.field("monitor")?.nanoseconds { result["Monitor"] = .integer(monitor) }
        if let ratio = node.field("max_failure_ratio")?.doubleValue { result["MaxFailureRatio"] = .number(ratio) }
        if let order = node.field("order")?.string { result["Order"] = .string(order) }
        return .object(result)
    }
}
