import DockerEngine

/// Engine messages about a container that would not start, made actionable: a busy port names the service and the
/// address, whichever way the engine words it.
enum StartFailure {
    /// The engine's refusal to start `container` as an error about `service`, with the explanation.
    static func error(_ error: EngineError, service: String, container: String) -> OrchestrationError {
        OrchestrationError(
            .engine, explain(error.message, service: service, container: container), service: service,
            underlying: error)
    }

    /// `cannot start service "web" (container app-web-1): …`.
    static func explain(_ message: String, service: String, container: String) -> String {
        let subject = "service \"\(service)\" (container \(container))"
        if let address = busyAddress(in: message) {
            return "cannot start \(subject): port \(address) is already in use by another container or program; "
                + "free it or publish another port"
        }
        return "cannot start \(subject): \(message)"
    }

    /// The host address of a published port that is taken, from the engine's two wordings:
    /// - another container has it: `… Bind for 0.0.0.0:8080 failed: port is already allocated`;
    /// - another program has it: `… Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already
    ///   in use` (`tcp`, `tcp6`, `udp4`…; IPv6 as `[::]:8080`).
    static func busyAddress(in message: String) -> String? {
        if message.contains("port is already allocated"), let start = message.range(of: "Bind for ") {
            let address = message[start.upperBound...].prefix { $0 != " " }
            return address.isEmpty ? nil : String(address)
        }
        if message.contains(": bind: address already in use"), let start = message.range(of: "listen ") {
            // `listen tcp4 0.0.0.0:8080: bind: …`: the network name, then the address up to the colon and space.
            let rest = message[start.upperBound...].drop { $0 != " " }.dropFirst()
            guard let end = rest.range(of: ": bind: ") else { return nil }
            let address = rest[..<end.lowerBound]
            return address.isEmpty ? nil : String(address)
        }
        return nil
    }
}
