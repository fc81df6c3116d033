import Foundation
import NIOConcurrencyHelpers
import NIOHTTP1
import PierTestSupport
import Testing

@testable import DockerEngine

/// Kept-alive connections, and what is sent again when a connection breaks: against an in-process server that
/// counts connections, drops them and cuts answers short.
@Suite struct ConnectionReuseTests {
    /// Counts the requests each path got, and answers the first `faulty` of a path with `fault`.
    final class Script: Sendable {
        let counts = NIOLockedValueBox<[String: Int]>([:])
        let faulty: Int
        let fault: TestHTTPServer.Reply

        init(faulty: Int = 0, fault: TestHTTPServer.Reply = .drop) {
            self.faulty = faulty
            self.fault = fault
        }

        func count(_ path: String) -> Int { counts.withLockedValue { $0[path] ?? 0 } }

        func route(_ request: TestHTTPServer.Request) -> TestHTTPServer.Reply {
            let path = request.head.uri
            let seen = counts.withLockedValue { counts in
                counts[path, default: 0] += 1
                return counts[path]!
            }
            guard path.hasPrefix("/v1.41/flaky") else { return StreamingTransportTests.route(request) }
            return seen <= faulty ? fault : .full(status: .ok, headers: [], body: Array("fine".utf8))
        }
    }

    static func client(_ server: TestHTTPServer) throws -> EngineClient {
        try StreamingTransportTests.client(server)
    }

    @Test func sequentialRequestsShareOneConnection() async throws {
        try await TestHTTPServer.with(route: StreamingTransportTests.route) { server in
            let client = try Self.client(server)
            for _ in 0..<10 {
                _ = try await client.send(EngineRequest(.post, "/echo", body: .bytes([1], contentType: "x")))
            }
            // An answer streamed to its end hands its connection back too.
            let response = try await client.stream(EngineRequest(.post, "/echo", body: .bytes([1], contentType: "x")))
            for try await _ in response.body {}
            _ = try await client.send(EngineRequest(.get, "/echo"))
            #expect(server.openedConnections == 1)
        }
    }

    @Test func errorAnswersKeepTheirConnection() async throws {
        try await TestHTTPServer.with(route: StreamingTransportTests.route) { server in
            let client = try Self.client(server)
            for _ in 0..<3 {
                // A 404 read whole, sent or streamed, is an answer like any other: the next request reuses it.
                await #expect(throws: EngineError.self) { try await client.send(EngineRequest(.get, "/missing")) }
                await #expect(throws: EngineError.self) { try await client.stream(EngineRequest(.get, "/missing")) }
                _ = try await client.send(EngineRequest(.get, "/echo"))
            }
            // Nine requests: closing after each error answer would open seven connections. A connection handed back
            // while the next request is already asking for one can make a second on a loaded machine.
            #expect(server.openedConnections <= 2)
        }
    }

    @Test func parallelRequestsOpenConnectionsAndKeepAFew() async throws {
        try await TestHTTPServer.with(route: StreamingTransportTests.route) { server in
            let client = try Self.client(server)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 { group.addTask { _ = try await client.send(EngineRequest(.get, "/echo")) } }
                try await group.waitForAll()
            }
            #expect(client.transport.pool.idleCount <= ConnectionPool.capacity)
            let opened = server.openedConnections
            for _ in 0..<5 { _ = try await client.send(EngineRequest(.get, "/echo")) }
            #expect(server.openedConnections == opened)
        }
    }

    @Test(arguments: [TestHTTPServer.Reply.drop, .truncated(body: Array(repeating: 7, count: 100))])
    func anIdempotentRequestWhoseConnectionBreaksIsSentOnceMore(fault: TestHTTPServer.Reply) async throws {
        let script = Script(faulty: 1, fault: fault)
        try await TestHTTPServer.with(route: script.route) { server in
            let client = try Self.client(server)
            let response = try await client.send(EngineRequest(.get, "/flaky"))
            #expect(response.body == Array("fine".utf8))
            #expect(script.count("/v1.41/flaky") == 2)
        }
    }

    @Test func aRequestIsSentAgainOnlyOnce() async throws {
        let script = Script(faulty: 5)
        try await TestHTTPServer.with(route: script.route) { server in
            let error = await #expect(throws: EngineError.self) {
                try await Self.client(server).send(EngineRequest(.get, "/flaky"))
            }
            #expect(error?.code == .connectionLost)
            #expect(error?.message.contains("GET /flaky") == true)
            #expect(script.count("/v1.41/flaky") == 2)
        }
    }

    @Test func aPostWhoseConnectionBreaksIsNotSentAgain() async throws {
        let script = Script(faulty: 1)
        try await TestHTTPServer.with(route: script.route) { server in
            let client = try Self.client(server)
            _ = try await client.send(EngineRequest(.get, "/echo"))  // the connection is then a reused one
            let error = await #expect(throws: EngineError.self) {
                try await client.send(EngineRequest(.post, "/flaky"))
            }
            #expect(error?.code == .connectionLost)
            #expect(script.count("/v1.41/flaky") == 1)
            // Marked idempotent (start, stop, remove), it is.
            _ = try await client.send(EngineRequest(.post, "/flaky/2").idempotent())
            #expect(script.count("/v1.41/flaky/2") == 2)
        }
    }

    @Test(arguments: [true, false])
    func aCreateWhoseConnectionBrokeTakesTheContainerTheEngineMade(sameLabels: Bool) async throws {
        let creates = NIOLockedValueBox(0)
        let labels = #"{"com.docker.compose.project":"demo","\#(sameLabels ? "extra" : "other")":"1"}"#
        let route: TestHTTPServer.Route = { request in
            switch request.head.uri {
            case "/v1.41/containers/create?name=demo-web-1":
                // The engine creates it, and the connection breaks before the answer; then the name is taken.
                let first = creates.withLockedValue { count in
                    count += 1
                    return count == 1
                }
                return first
                    ? .drop
                    : .full(status: .conflict, headers: [], body: Array(#"{"message":"name in use"}"#.utf8))
            case "/v1.41/containers/demo-web-1/json":
                let body =
                    #"{"Id":"abc","Name":"/demo-web-1","State":{},"Config":{"Image":"busybox","Labels":\#(labels)}}"#
                return .full(status: .ok, headers: [], body: Array(body.utf8))
            default: return StreamingTransportTests.route(request)
            }
        }
        try await TestHTTPServer.with(route: route) { server in
            let client = try Self.client(server)
            let body: JSONValue = ["Image": "busybox", "Labels": ["com.docker.compose.project": "demo", "extra": "1"]]
            if sameLabels {
                #expect(try await client.createContainer(name: "demo-web-1", body: body).id == "abc")
            } else {
                let error = await #expect(throws: EngineError.self) {
                    try await client.createContainer(name: "demo-web-1", body: body)
                }
                #expect(error?.code == .conflict)
            }
            #expect(creates.withLockedValue { $0 } == 2)
        }
    }

    @Test func manyRequestsLeaveNoDescriptorsBehind() async throws {
        let script = Script(faulty: .max)
        func openDescriptors() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.count ?? 0
        }
        try await TestHTTPServer.with(route: script.route) { server in
            let client = try Self.client(server)
            func round() async throws {
                _ = try await client.send(EngineRequest(.get, "/echo"))
                let whole = try await client.stream(EngineRequest(.get, "/echo"))
                for try await _ in whole.body {}
                // Streams left early, and requests whose connection the server drops, close theirs.
                let endless = try await client.stream(EngineRequest(.get, "/endless"))
                for try await _ in endless.body { break }
                _ = try? await client.send(EngineRequest(.post, "/flaky", body: .bytes([1], contentType: "x")))
            }
            for _ in 0..<20 { try await round() }
            try await Task.sleep(for: .milliseconds(200))
            let before = openDescriptors()
            for _ in 0..<200 { try await round() }
            try await Task.sleep(for: .milliseconds(200))
            #expect(openDescriptors() <= before + 2, "\(before) descriptors became \(openDescriptors())")
        }
    }

    @Test func anEngineThatStopsAnsweringWentAway() async throws {
        let server = try await TestHTTPServer.start(route: StreamingTransportTests.route)
        let client = try Self.client(server)
        _ = try await client.send(EngineRequest(.get, "/echo"))
        await server.shutdown()
        // The kept connection still reaches the stopped server's accepted socket; a new one is refused.
        client.transport.pool.closeIdle()
        let error = await #expect(throws: EngineError.self) { try await client.send(EngineRequest(.get, "/echo")) }
        #expect(error?.code == .wentAway)
        #expect(error?.message.contains("went away during the command") == true)
        #expect(error?.message.contains("connection refused") == true)
        // A failure it caused is explained as the engine's going.
        let explained = await client.explaining(CancellationError())
        #expect(explained is CancellationError)
        let dependency = await client.explaining(EngineError(.server, message: "container exited (143)"))
        #expect((dependency as? EngineError)?.code == .wentAway)
        #expect("\(dependency)".contains("What failed with it: container exited (143)"))
    }

    @Test func connectionsOfTheirOwnSayTheEngineWentAwayToo() async throws {
        let server = try await TestHTTPServer.start(route: StreamingTransportTests.route)
        let client = try Self.client(server)
        _ = try await client.send(EngineRequest(.get, "/echo"))
        await server.shutdown()
        // A hijack (exec, attach, run) and BuildKit's HTTP/2 upgrade open connections of their own.
        let hijack = await #expect(throws: EngineError.self) {
            try await client.hijack(EngineRequest(.post, "/exec/x/start"), isTTY: false) { _ in }
        }
        #expect(hijack?.code == .wentAway)
        let upgrade = await #expect(throws: EngineError.self) {
            _ = try await client.transport.upgradeToHTTP2(
                EngineRequest(.post, "/grpc", isVersioned: false), versionPrefix: "", mode: .client)
        }
        #expect(upgrade?.code == .wentAway)
    }

    @Test func aFailureWhileTheEngineAnswersIsLeftAsItIs() async throws {
        try await TestHTTPServer.with(route: StreamingTransportTests.route) { server in
            let client = try Self.client(server)
            _ = try await client.send(EngineRequest(.get, "/echo"))
            let explained = await client.explaining(EngineError(.server, message: "container exited (1)"))
            #expect((explained as? EngineError)?.code == .server)
        }
    }
}
