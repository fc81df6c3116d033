import DockerEngine
import NIOCore
import NIOPosix

/// One attempt at a service's published port, from the host.
enum PortProbe {
    /// How long an accepted connection must stay open (or answer) to count.
    static let grace: Duration = .milliseconds(200)

    /// Whether a TCP connection to `host:port` is accepted and kept. The engine's proxy accepts connections on a
    /// published port as soon as the container runs, and closes them at once while nothing listens behind it: a
    /// connection the peer closes within ``grace`` without a byte does not count.
    static func acceptsConnections(host: String, port: Int) async -> Bool {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(2))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            return try await channel.executeThenClose { inbound, _ in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        var bytes = inbound.makeAsyncIterator()
                        return try await bytes.next() != nil
                    }
                    group.addTask {
                        try await Task.sleep(for: grace)
                        return true
                    }
                    defer { group.cancelAll() }
                    return try await group.next() ?? false
                }
            }
        } catch {
            return false
        }
    }

    /// The status `GET path` on `host:port` answers (over TLS with `tls`, the certificate unchecked); nil when
    /// nothing answers. Sent with Pier's own HTTP/1.1 client, the one that talks to engines.
    static func status(host: String, port: Int, path: String, tls: Bool) async -> Int? {
        let endpoint = EngineEndpoint(
            address: .tcp(host: host, port: port), tls: tls ? EngineTLSSettings(verifiesServer: false) : nil)
        do {
            let client = try EngineClient(endpoint: endpoint)
            return try await client.send(EngineRequest(.get, path, isVersioned: false)).status
        } catch let error as EngineError {
            return error.status
        } catch {
            return nil
        }
    }
}
