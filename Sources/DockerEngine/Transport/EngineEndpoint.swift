import Foundation

/// Where an engine listens and how to talk to it: a unix socket, or TCP with optional TLS.
public struct EngineEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The socket address of the engine.
    public enum Address: Sendable, Hashable {
        case unixSocket(path: String)
        case tcp(host: String, port: Int)
    }

    public static let defaultSocketPath = "/var/run/docker.sock"
    /// The engine Docker's tools use when nothing else is configured.
    public static let defaultSocket = EngineEndpoint(address: .unixSocket(path: defaultSocketPath))

    public var address: Address
    /// TLS settings, or `nil` for plain HTTP.
    public var tls: EngineTLSSettings?
    /// The docker context this endpoint came from, if any; named in error messages.
    public var contextName: String?

    public init(address: Address, tls: EngineTLSSettings? = nil, contextName: String? = nil) {
        self.address = address
        self.tls = tls
        self.contextName = contextName
    }

    /// The endpoint as DOCKER_HOST spells it: `unix:///var/run/docker.sock`, `tcp://host:2376`.
    public var description: String {
        switch address {
        case .unixSocket(let path): "unix://\(path)"
        case .tcp(let host, let port): "tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        }
    }

    /// The `Host` header value: the engine ignores it on a unix socket but Go's HTTP server insists on one.
    var hostHeader: String {
        switch address {
        case .unixSocket: "localhost"
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }

    /// Parses a DOCKER_HOST value: `unix:///path`, `tcp://host[:port]`, `http://host[:port]`,
    /// `https://host[:port]` (TLS). A TCP port defaults to 2376 with TLS and 2375 without, as in the docker CLI.
    public static func parse(host: String, tls: EngineTLSSettings? = nil) throws -> EngineEndpoint {
        let trimmed = host.trimmingWhitespace
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw EngineError.invalidConfiguration(
                "invalid engine host '\(host)': expected unix:///path/to/socket or tcp://host:port")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        let rest = String(trimmed[schemeEnd.upperBound...])
        switch scheme {
        case "unix":
            guard rest.hasPrefix("/") else {
                throw EngineError.invalidConfiguration(
                    "invalid engine host '\(host)': the socket path must be absolute")
            }
            return EngineEndpoint(address: .unixSocket(path: rest), tls: tls)
        case "tcp", "http", "https":
            let settings = scheme == "https" ? (tls ?? EngineTLSSettings()) : tls
            let (hostName, port) = try parseHostAndPort(
                rest, original: host, defaultPort: settings == nil ? 2375 : 2376)
            return EngineEndpoint(address: .tcp(host: hostName, port: port), tls: settings)
        case "ssh", "npipe", "fd":
            throw EngineError.invalidConfiguration(
                "engine host '\(host)' uses \(scheme)://, which Pier does not support yet: use unix:// or tcp://")
        default:
            throw EngineError.invalidConfiguration("invalid engine host '\(host)': unknown scheme '\(scheme)'")
        }
    }

    private static func parseHostAndPort(
        _ authority: String, original: String, defaultPort: Int
    ) throws -> (String, Int) {
        // A path after the authority (tcp://host:2375/) carries nothing the engine needs.
        let authority = authority.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        var host = Substring(authority)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else {
                throw EngineError.invalidConfiguration("invalid engine host '\(original)': unclosed '['")
            }
            let after = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = host.lastIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty else {
            throw EngineError.invalidConfiguration("invalid engine host '\(original)': no host name")
        }
        guard let portText, !portText.isEmpty else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw EngineError.invalidConfiguration("invalid engine host '\(original)': bad port '\(portText)'")
        }
        return (String(host), port)
    }
}

/// TLS material for a TCP endpoint, as file paths (read when the client is made).
public struct EngineTLSSettings: Sendable, Hashable {
    /// PEM file of the certificate authorities to trust; `nil` uses the system's.
    public var caCertificatePath: String?
    /// PEM client certificate chain, sent when the engine asks for one.
    public var certificatePath: String?
    /// PEM private key of the client certificate.
    public var privateKeyPath: String?
    /// Whether to verify the engine's certificate and host name (`DOCKER_TLS_VERIFY`, not `SkipTLSVerify`).
    public var verifiesServer: Bool

    public init(
        caCertificatePath: String? = nil, certificatePath: String? = nil, privateKeyPath: String? = nil,
        verifiesServer: Bool = true
    ) {
        self.caCertificatePath = caCertificatePath
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.verifiesServer = verifiesServer
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
