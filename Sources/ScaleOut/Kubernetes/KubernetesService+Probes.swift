import ComposeSpec

/// `healthcheck` as readiness and liveness probes, and a startup probe for `start_period`.
extension KubernetesService {
    mutating func probes(_ value: Node, path: String) {
        if value.isSet("disable") { return }
        let test = value.field("test")?.stringList ?? []
        let command: [String]
        switch test.first {
        case "CMD": command = Array(test.dropFirst())
        case "CMD-SHELL": command = ["/bin/sh", "-c", test.dropFirst().joined(separator: " ")]
        case "NONE": return
        default:
            // Inherited from the image: Kubernetes does not run an image's HEALTHCHECK.
            report.add("\(path).test", "Kubernetes does not run the image's HEALTHCHECK: give a test", node: value)
            return
        }
        let interval = Self.seconds(value.field("interval"), default: 30)
        var probe: Node.Mapping = [
            "exec": .object(["command": .list(command.map { .text(Self.literal($0)) })]),
            "periodSeconds": .integer(interval),
            "timeoutSeconds": .integer(Self.seconds(value.field("timeout"), default: 30)),
            "failureThreshold": .integer(Int(value.field("retries")?.int64Value ?? 3)),
        ]
        container["readinessProbe"] = Node(.mapping(probe))
        container["livenessProbe"] = Node(.mapping(probe))
        let startPeriod = Self.seconds(value.field("start_period"), default: 0)
        if startPeriod > 0 {
            let startInterval = Self.seconds(value.field("start_interval"), default: 5)
            probe["periodSeconds"] = .integer(startInterval)
            probe["failureThreshold"] = .integer(max(1, (startPeriod + startInterval - 1) / startInterval))
            container["startupProbe"] = Node(.mapping(probe))
        }
    }

    /// A duration in whole seconds, rounded up (Kubernetes counts seconds, at least one).
    static func seconds(_ node: Node?, default fallback: Int) -> Int {
        guard let nanoseconds = node?.nanoseconds else { return fallback }
        return Int((nanoseconds + 999_999_999) / 1_000_000_000)
    }
}
