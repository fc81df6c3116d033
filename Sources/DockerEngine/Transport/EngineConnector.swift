import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Opens connections to an endpoint: a unix socket, TCP, or TCP with TLS (the TLS handler first in the pipeline).
/// Plain requests share connections through ``ConnectionPool``; hijacked and HTTP/2-upgraded ones get their own.
struct EngineConnector: Sendable {
    let endpoint: EngineEndpoint
    let sslContext: NIOSSLContext?

    init(endpoint: EngineEndpoint) throws {
        self.endpoint = endpoint
        self.sslContext = try endpoint.tls.map(TLSContextLoader.makeContext)
    }

    /// Connects and lets `configure` add the protocol handlers (it runs on the channel's event loop).
    /// Connection failures become an `.unreachable` error naming the endpoint.
    func connect<Output: Sendable>(
        configure: @escaping @Sendable (Channel) throws -> Output
    ) async throws -> Output {
        let sslContext = self.sslContext
        let serverHostname = self.serverHostname
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
        let initializer: @Sendable (Channel) -> EventLoopFuture<Output> = { channel in
            channel.eventLoop.makeCompletedFuture {
                if let sslContext {
                    let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: serverHostname)
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
                return try configure(channel)
            }
        }
        do {
            switch endpoint.address {
            case .unixSocket(let path):
                return try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: initializer)
            case .tcp(let host, let port):
                return try await bootstrap.connect(host: host, port: port, channelInitializer: initializer)
            }
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError.unreachable(endpoint, reason: Self.reason(for: error), underlying: error)
        }
    }

    /// The name for SNI and certificate checks; `nil` for an IP address, which NIOSSL then checks against the
    /// certificate's IP entries.
    private var serverHostname: String? {
        guard case .tcp(let host, _) = endpoint.address else { return nil }
        return (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// A short, lowercase reason like the docker CLI prints: "no such file or directory", "connection refused".
    static func reason(for error: any Error) -> String {
        switch error {
        case let error as IOError:
            return String(cString: strerror(error.errnoCode)).lowercased()
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return reason(for: first.error) }
            if let dnsError = error.dnsAError ?? error.dnsAAAAError { return "cannot resolve the host (\(dnsError))" }
            return "cannot resolve the host"
        case ChannelError.connectTimeout:
            return "connection timed out"
        case let error as NIOSSLError:
            return "TLS failed: \(error)"
        case let error as BoringSSLError:
            return "TLS failed: \(error)"
        default:
            return String(describing: error)
        }
    }
}

extension EngineError {
    /// The error for an engine that does not answer, saying where Pier looked and how to point it elsewhere.
    static func unreachable(_ endpoint: EngineEndpoint, reason: String, underlying: (any Error)?) -> EngineError {
        let context = endpoint.contextName.map { " (docker context '\($0)')" } ?? ""
        var hint = "Is the engine running? Start it, or point DOCKER_HOST to one (or `docker context use …`)."
        if reason.contains("permission denied") {
            hint =
                "Does your user have access to the socket (the docker group)? Or point DOCKER_HOST to another engine."
        }
        var error = EngineError(
            .unreachable,
            message: "cannot connect to the Docker engine at \(endpoint)\(context): \(reason). \(hint)",
            underlying: underlying)
        error.reason = reason
        return error
    }

    /// The error for an engine that answered earlier in the command and no longer does (it stopped, or
    /// restarts); `failed` is what failed because of it, if that is not the connection itself.
    static func wentAway(
        _ endpoint: EngineEndpoint, reason: String?, failed: (any Error)? = nil, underlying: (any Error)?
    ) -> EngineError {
        let cause = reason.map { " (\($0))" } ?? ""
        let consequence = failed.map { ". What failed with it: \($0)" } ?? ""
        var error = EngineError(
            .wentAway,
            message: "the Docker engine at \(endpoint) went away during the command\(cause): it stopped or is "
                + "restarting. Run the command again once the engine answers\(consequence)",
            underlying: failed ?? underlying)
        error.reason = reason
        return error
    }
}

/// Turns PEM files into a NIOSSL client context.
enum TLSContextLoader {
    static func makeContext(_ settings: EngineTLSSettings) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = settings.verifiesServer ? .fullVerification : .none
        if let path = settings.caCertificatePath {
            configuration.trustRoots = .certificates(try load(path) { try NIOSSLCertificate.fromPEMFile($0) })
        }
        if let path = settings.certificatePath {
            configuration.certificateChain = try load(path) { try NIOSSLCertificate.fromPEMFile($0) }
                .map { .certificate($0) }
        }
        if let path = settings.privateKeyPath {
            configuration.privateKey = .privateKey(try load(path) { try NIOSSLPrivateKey(file: $0, format: .pem) })
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw EngineError.invalidConfiguration("cannot set up TLS for the engine: \(error)", underlying: error)
        }
    }

    private static func load<T>(_ path: String, _ read: (String) throws -> T) throws -> T {
        do {
            return try read(path)
        } catch {
            throw EngineError.invalidConfiguration("cannot load TLS file \(path): \(error)", underlying: error)
        }
    }
}
