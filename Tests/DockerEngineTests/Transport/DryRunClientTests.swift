import Foundation
import NIOHTTP1
import PierTestSupport
import Synchronization
import Testing

@testable import DockerEngine

/// A dry-run client against an in-process server that records what reaches it: reads are sent, changes are
/// answered as a successful engine answers them and never sent, and connections that take over the stream are
/// refused.
@Suite struct DryRunClientTests {
    @Test func changesAreAnsweredWithoutReachingTheEngine() async throws {
        let seen = Mutex<[String]>([])
        try await TestHTTPServer.with(route: { request in
            seen.withLock { $0.append("\(request.head.method.rawValue) \(request.head.uri)") }
            return .full(status: .ok, headers: [("Content-Type", "application/json")], body: Array("[]".utf8))
        }) { server in
            let engine = try EngineClient(
                endpoint: .init(address: .tcp(host: "127.0.0.1", port: server.port)), apiVersion: .minimumSupported
            ).dryRun()
            #expect(engine.isDryRun)
            let created = try await engine.createContainer(name: "web", body: ["Image": "busybox"])
            #expect(created.id.count == 64 && created.id.allSatisfy(\.isHexDigit))
            try await engine.startContainer(created.id)
            let volume = try await engine.createVolume(body: ["Name": "data", "Labels": ["tier": "db"]])
            #expect(volume.name == "data" && volume.labels == ["tier": "db"])
            #expect(try await engine.waitContainer(created.id).statusCode == 0)
            #expect(
                try await engine.removeImage("pier-test/busybox:latest").first?.untagged == "pier-test/busybox:latest")
            var messages = 0
            for try await _ in try await engine.pullImage("busybox:latest") { messages += 1 }
            #expect(messages == 0)
            await #expect(throws: EngineError.self) {
                try await engine.startExec("exec", isTTY: false) { _ in }
            }
            _ = try await engine.listContainers(all: true)
            #expect(seen.withLock { $0 } == ["GET /v1.41/containers/json?all=1"])
        }
    }
}
