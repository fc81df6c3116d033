import ComposeAnalysis
import ComposeSpec
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a host port is free: binds a socket to it and closes it at once (nothing listens, nothing is sent).
enum HostPortProbe {
    /// True when binding `address:port` fails because something holds it. IPv6 addresses are not probed.
    static func isInUse(port: Int, address: String?, udp: Bool) -> Bool {
        let host = (address?.isEmpty ?? true) || address == "::" ? "0.0.0.0" : address!
        guard !host.contains(":") else { return false }
        #if canImport(Glibc)
            let kind = Int32(udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue)
        #else
            let kind = udp ? SOCK_DGRAM : SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, kind, 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &socketAddress.sin_addr) == 1 else { return false }
        let result = withUnsafePointer(to: &socketAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result != 0 && errno == EADDRINUSE
    }
}

extension ProjectRuntime {
    /// Published host ports something else already holds: ports this project's own containers publish are theirs
    /// to keep, and are left alone.
    func hostPorts() async -> [Finding] {
        let own = (try? await ProjectContainerQuery(client: client, project: project.name).containers()) ?? []
        let ownPorts = Set(own.flatMap(\.portBindings).map { "\($0.publicPort)/\($0.type)" })
        var findings: [Finding] = []
        for (name, service) in services.sorted(by: { $0.key < $1.key }) {
            for port in service["ports"]?.sequence ?? [] {
                // One port, or each of a range (`8000-8010`).
                let bounds = (port["published"]?.scalarText ?? "").split(separator: "-").compactMap { Int($0) }
                guard let low = bounds.first, bounds.count <= 2, (bounds.last ?? low) >= low else { continue }
                let proto = port["protocol"]?.scalarText ?? "tcp"
                guard proto == "tcp" || proto == "udp" else { continue }
                for number in low...(bounds.last ?? low) where !ownPorts.contains("\(number)/\(proto)") {
                    guard HostPortProbe.isInUse(port: number, address: port["host_ip"]?.scalarText, udp: proto == "udp")
                    else { continue }
                    findings.append(
                        Finding(
                            rule: "port-in-use", severity: .error,
                            message: "service \"\(name)\": host port \(number)/\(proto) is already in use on this host",
                            at: port.location, service: name))
                }
            }
        }
        return findings
    }
}
