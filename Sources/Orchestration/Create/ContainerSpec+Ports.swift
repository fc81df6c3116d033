import ComposeSpec
import DockerEngine

/// Exposed ports and port bindings. `ports` entries are keyed `<target>/<protocol>`; `expose` entries go in as
/// written (`"3000"` stays without a protocol, as Compose sends it; the engine reads it as tcp).
extension ContainerSpec {
    func portFields() throws(OrchestrationError) -> (exposed: [String: JSONValue], bindings: [String: JSONValue]) {
        var exposed: [String: JSONValue] = [:]
        var bindings: [String: [JSONValue]] = [:]
        for port in service.field("ports")?.sequence ?? [] {
            guard let target = port.field("target")?.scalarText else {
                throw error(.invalidValue, "a port needs a target", at: "ports")
            }
            let key = "\(target)/\(port.field("protocol")?.scalarText ?? "tcp")"
            exposed[key] = .emptyObject
            // An empty host port lets the engine choose one; a range (`8000-8001`) lets it choose within it.
            bindings[key, default: []].append(
                .object([
                    "HostIp": .string(port.field("host_ip")?.scalarText ?? ""),
                    "HostPort": .string(port.field("published")?.scalarText ?? ""),
                ]))
        }
        for entry in service.field("expose")?.stringList ?? [] { exposed[entry] = .emptyObject }
        return (exposed, bindings.mapValues(JSONValue.array))
    }
}
