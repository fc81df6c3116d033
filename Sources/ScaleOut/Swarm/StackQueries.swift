import DockerEngine
import Foundation

/// What `stack ls`, `stack services` and `stack ps` show: the stacks a manager runs (Pier's and the Docker CLI's
/// alike, found by the label both set), their services and their tasks.
public enum StackQueries {
    public struct StackSummary: Sendable, Equatable {
        public var name: String
        public var services: Int
    }

    public struct ServiceSummary: Sendable, Equatable {
        public var id: String
        public var name: String
        /// `replicated`, `global`, `replicated job` or `global job`.
        public var mode: String
        /// Running tasks over desired ones: `2/3`.
        public var replicas: String
        public var image: String
        public var ports: String
    }

    public struct TaskSummary: Sendable, Equatable {
        public var id: String
        /// `stack_service.slot`, prefixed `\_ ` for a task an earlier one of the slot replaced.
        public var name: String
        public var image: String
        public var node: String
        public var desiredState: String
        public var currentState: String
        public var error: String
        public var ports: String
    }

    public static func stacks(_ client: EngineClient) async throws -> [StackSummary] {
        let services = try await client.listSwarmObjects(.services, filters: ["label": [StackNames.namespaceLabel]])
        let counts = Dictionary(grouping: services) { $0.labels[StackNames.namespaceLabel] ?? "" }
        return counts.map { StackSummary(name: $0.key, services: $0.value.count) }.sorted { $0.name < $1.name }
    }

    public static func services(_ client: EngineClient, stack: String) async throws -> [ServiceSummary] {
        let services = try await client.listSwarmObjects(.services, filters: EngineFilters(StackNames.filter(stack)))
        let tasks = try await client.listTasks(filters: EngineFilters(StackNames.filter(stack)))
        return services.sorted { $0.name < $1.name }.map { service in
            let mode = service.spec["Mode"]
            let running = tasks.filter { $0.serviceID == service.id && $0.state == "running" }.count
            let desired: String
            let modeName: String
            if case .integer(let replicas) = mode?["Replicated"]?["Replicas"] {
                (modeName, desired) = ("replicated", String(replicas))
            } else if mode?["Global"] != nil {
                let wanted = tasks.filter { $0.serviceID == service.id && $0.desiredState == "running" }.count
                (modeName, desired) = ("global", String(wanted))
            } else {
                let completed = tasks.filter { $0.serviceID == service.id && $0.state == "complete" }.count
                (modeName, desired) = (mode?["GlobalJob"] != nil ? "global job" : "replicated job", "\(completed)")
            }
            let ports =
                (service.raw["Endpoint"]?["Ports"]?.arrayValue ?? service.spec["EndpointSpec"]?["Ports"]?.arrayValue
                ?? [])
                .map(portText).joined(separator: ", ")
            return ServiceSummary(
                id: String(service.id.prefix(12)), name: service.name, mode: modeName,
                replicas: "\(running)/\(desired)",
                image: imageText(service.spec["TaskTemplate"]?["ContainerSpec"]?["Image"]?.stringValue ?? ""),
                ports: ports)
        }
    }

    public static func tasks(_ client: EngineClient, stack: String, now: Date = Date()) async throws -> [TaskSummary] {
        let services = try await client.listSwarmObjects(.services, filters: EngineFilters(StackNames.filter(stack)))
        let names = Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0.name) })
        let nodes = try await client.listSwarmObjects(.nodes)
        let hostnames = Dictionary(
            uniqueKeysWithValues: nodes.map { ($0.id, $0.raw["Description"]?["Hostname"]?.stringValue ?? $0.id) })
        let tasks = try await client.listTasks(filters: EngineFilters(StackNames.filter(stack)))
        let ordered = tasks.sorted {
            (names[$0.serviceID] ?? "", $0.slot ?? 0, $1.timestamp) < (
                names[$1.serviceID] ?? "", $1.slot ?? 0, $0.timestamp
            )
        }
        var seen = Set<String>()
        return ordered.map { task in
            let base = "\(names[task.serviceID] ?? task.serviceID).\(task.slot.map(String.init) ?? task.nodeID ?? "")"
            let name = seen.insert(base).inserted ? base : "\\_ " + base
            let ports = (task.raw["Status"]?["PortStatus"]?["Ports"]?.arrayValue ?? []).map(portText)
            return TaskSummary(
                id: String(task.id.prefix(12)), name: name,
                image: imageText(task.raw["Spec"]?["ContainerSpec"]?["Image"]?.stringValue ?? ""),
                node: task.nodeID.flatMap { hostnames[$0] } ?? "", desiredState: task.desiredState.capitalized,
                currentState: "\(task.state.capitalized) \(ago(task.timestamp, now: now))", error: task.error ?? "",
                ports: ports.joined(separator: ","))
        }
    }

    /// `*:8080->80/tcp`.
    static func portText(_ port: JSONValue) -> String {
        let published = port["PublishedPort"].flatMap { if case .integer(let p) = $0 { String(p) } else { nil } } ?? ""
        let target = port["TargetPort"].flatMap { if case .integer(let p) = $0 { String(p) } else { nil } } ?? ""
        return "*:\(published)->\(target)/\(port["Protocol"]?.stringValue ?? "tcp")"
    }

    /// An image without its pinned digest, as the Docker CLI shows it.
    static func imageText(_ image: String) -> String {
        image.split(separator: "@").first.map(String.init) ?? image
    }

    /// `5 seconds ago`, `About a minute ago`, as the Docker CLI words it.
    static func ago(_ timestamp: String, now: Date) -> String {
        guard let date = EngineTime.date(timestamp) else { return "" }
        let seconds = Int(now.timeIntervalSince(date))
        let text: String
        switch seconds {
        case ..<1: text = "Less than a second"
        case 1: text = "1 second"
        case ..<60: text = "\(seconds) seconds"
        case ..<120: text = "About a minute"
        case ..<3600: text = "\(seconds / 60) minutes"
        case ..<7200: text = "About an hour"
        case ..<(48 * 3600): text = "\(seconds / 3600) hours"
        default: text = "\(seconds / 86400) days"
        }
        return text + " ago"
    }
}
