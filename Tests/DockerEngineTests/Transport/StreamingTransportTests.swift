import NIOHTTP1
import PierTestSupport
import Testing

@testable import DockerEngine

/// The transport against an in-process server: streamed bodies, early stops, cancellation, request bodies.
@Suite struct StreamingTransportTests {
    static func client(_ server: TestHTTPServer) throws -> EngineClient {
        try EngineClient(
            endpoint: .init(address: .tcp(host: "127.0.0.1", port: server.port)), apiVersion: .minimumSupported)
    }

    static func route(_ request: TestHTTPServer.Request) -> TestHTTPServer.Reply {
        switch request.head.uri {
        case "/v1.41/endless": .endless(chunk: Array("tick\n".utf8))
        case "/v1.41/silent": .silent
        case "/v1.41/echo":
            .full(status: .ok, headers: [("Echo-Host", request.head.headers["Host"].first ?? "")], body: request.body)
        case "/v1.41/missing": .full(status: .notFound, headers: [], body: Array(#"{"message":"No such thing"}"#.utf8))
        case "/_ping": .full(status: .ok, headers: [("API-Version", "1.45")], body: Array("OK".utf8))
        default: .full(status: .internalServerError, headers: [], body: Array("unexpected \(request.head.uri)".utf8))
        }
    }

    @Test func stoppingEarlyClosesTheConnection() async throws {
        try await TestHTTPServer.with(route: Self.route) { server in
            let response = try await Self.client(server).stream(EngineRequest(.get, "/endless"))
            var chunks = 0
            for try await _ in response.body {
                chunks += 1
                if chunks == 3 { break }
            }
            try await withTimeout(5, "server sees the connection closed") {
                var iterator = server.closedConnections.makeAsyncIterator()
                _ = await iterator.next()
            }
        }
    }

    @Test func droppingAnUnreadStreamClosesTheConnection() async throws {
        try await TestHTTPServer.with(route: Self.route) { server in
            let closed = server.closedConnections
            do {
                let response = try await Self.client(server).stream(EngineRequest(.get, "/endless"))
                #expect(response.status == 200)
            }
            try await withTimeout(5, "server sees the connection closed") {
                var iterator = closed.makeAsyncIterator()
                _ = await iterator.next()
            }
        }
    }

    @Test func cancellingTheConsumerClosesTheConnection() async throws {
        try await TestHTTPServer.with(route: Self.route) { server in
            let client = try Self.client(server)
            let reader = Task {
                let response = try await client.stream(EngineRequest(.get, "/endless"))
                for try await _ in response.body {}
            }
            try await Task.sleep(for: .milliseconds(100))
            reader.cancel()
            _ = await reader.result
            try await withTimeout(5, "server sees the connection closed") {
                var iterator = server.closedConnections.makeAsyncIterator()
                _ = await iterator.next()
            }
        }
    }

    @Test(arguments: [true, false])
    func cancellingBeforeTheAnswerThrowsCancellationAndCloses(streaming: Bool) async throws {
        try await TestHTTPServer.with(route: Self.route) { server in
            let client = try Self.client(server)
            let request = Task {
                if streaming {
                    _ = try await client.stream(EngineRequest(.get, "/silent"))
                } else {
                    _ = try await client.send(EngineRequest(.get, "/silent"))
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            request.cancel()
            let result = await request.result
            #expect(throws: CancellationError.self) { try result.get() }
            try await withTimeout(5, "server sees the connection closed") {
                var iterator = server.closedConnections.makeAsyncIterator()
                _ = await iterator.next()
            }
        }
    }

    @Test func errorStatusOfAStreamIsThrownWithTheEngineMessage() async throws {
        try await TestHTTPServer.with(route: Self.route) { server in
            await #expect {
                _ = try await Self.client(server).stream(EngineRequest(.get, "/missing"))
            } throws: { error in
                let error = error as? EngineError
                return error?.code == .notFound && error?.status == 404 && error?.message == "No such thing"
            }
        }
    }

    @Test func streamedRequestBodyArrivesWholeWithTheHostHeader() async throws {
        try await TestHTTPServer.with(route: Self.route) { server in
            let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
            let request = EngineRequest(
                .post, "/echo",
                body: .stream(EngineBodyStream(bytes: payload, chunkSize: 10_000), contentType: "application/x-tar"))
            let response = try await Self.client(server).send(request)
            #expect(response.body == payload)
            #expect(response.header("echo-host") == "127.0.0.1:\(server.port)")
        }
    }

    @Test func failingRequestBodyFailsTheRequest() async throws {
        try await TestHTTPServer.with(route: Self.route) { server in
            let failing = AsyncThrowingStream<[UInt8], any Error> { continuation in
                continuation.yield([1, 2, 3])
                continuation.finish(throwing: TestSetupError("context packing failed"))
            }
            let request = EngineRequest(
                .post, "/echo", body: .stream(EngineBodyStream(failing), contentType: "application/x-tar"))
            await #expect {
                _ = try await Self.client(server).send(request)
            } throws: { error in
                "\(error)".contains("context packing failed")
            }
        }
    }

    @Test func negotiatesFromThePingHeader() async throws {
        try await TestHTTPServer.with(route: Self.route) { server in
            let client = try EngineClient(endpoint: .init(address: .tcp(host: "127.0.0.1", port: server.port)))
            #expect(try await client.apiVersion() == APIVersion(1, 45))
            #expect(try await client.ping().apiVersion == "1.45")
        }
    }
}

@Suite struct UnreachableEngineTests {
    @Test func missingSocketIsUnreachableAndNamesThePath() async throws {
        let path = "/tmp/pier-no-engine-\(UInt32.random(in: 0 ... .max)).sock"
        let client = try EngineClient(endpoint: .init(address: .unixSocket(path: path)))
        await #expect {
            _ = try await client.listContainers()
        } throws: { error in
            let error = error as? EngineError
            return error?.code == .unreachable
                && error?.message.hasPrefix(
                    "cannot connect to the Docker engine at unix://\(path): no such file or directory.") == true
                && error?.message.contains("DOCKER_HOST") == true
        }
    }

    @Test func refusedPortIsUnreachable() async throws {
        // Bind then close a server to find a port nobody listens on.
        let server = try await TestHTTPServer.start { _ in .full(status: .ok, headers: [], body: []) }
        let port = server.port
        await server.shutdown()
        let client = try EngineClient(endpoint: .init(address: .tcp(host: "127.0.0.1", port: port)))
        await #expect {
            _ = try await client.ping()
        } throws: { error in
            let error = error as? EngineError
            return error?.code == .unreachable
                && error?.message.contains("tcp://127.0.0.1:\(port): connection refused") == true
        }
    }
}
