import Foundation
import PierTestSupport
import Testing

import Glibc

/// A published port someone else holds: Pier names the service and the address, whichever way the engine words it
/// (both engines word it both ways: `port is already allocated` for a container, `listen tcp4 …: bind: address
/// already in use` for a program).
@Suite(.requiresEngine)
struct PortConflictTests {
    static func compose(_ services: [(name: String, port: String)]) -> String {
        "services:\n"
            + services.map { service in
                "  \(service.name): {image: pier-test/busybox, command: sleep 300, stop_signal: SIGKILL, "
                    + "ports: [\"\(service.port):80\"]}\n"
            }.joined()
    }

    static func message(_ project: ScratchProject, service: String, address: String) -> String {
        "cannot start service \"\(service)\" (container \(project.name)-\(service)-1): port \(address) is "
            + "already in use by another container or program; free it or publish another port"
    }

    @Test func aPortAProgramListensOn() async throws {
        let listener = try LoopbackListener()
        defer { listener.stop() }
        try await ScratchProject.with(Self.compose([("web", "127.0.0.1:\(listener.port)")])) { project in
            let message = Self.message(project, service: "web", address: "127.0.0.1:\(listener.port)")
            let up = try await project.pier("up", "-d")
            #expect(up.status == 1)
            #expect(up.stderr.contains(message), "\(up.stderr)")
            // `start` of the container `up` created says the same.
            let start = try await project.pier("start")
            #expect(start.status == 1)
            #expect(start.stderr.contains(message), "\(start.stderr)")
        }
    }

    @Test func aPortAnotherContainerPublishes() async throws {
        try await ScratchProject.with(Self.compose([("first", "127.0.0.1:")])) { project in
            try #require(try await project.pier("up", "-d").status == 0)
            let address = try await project.pier("port", "first", "80").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            try #require(address.hasPrefix("127.0.0.1:"), "\(address)")
            try Self.compose([("first", "127.0.0.1:"), ("second", address)]).write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let up = try await project.pier("up", "-d", "second")
            #expect(up.status == 1)
            #expect(up.stderr.contains(Self.message(project, service: "second", address: address)), "\(up.stderr)")
        }
    }
}

/// A TCP socket listening on a free loopback port, as any program holding a port would.
final class LoopbackListener {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 1) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
        try #require(descriptor >= 0 && listening, "no loopback port to listen on")
    }

    func stop() {
        close(descriptor)
    }
}
