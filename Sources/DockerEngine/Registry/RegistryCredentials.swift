import Foundation

/// What the engine needs to log in to a registry for one pull or push, sent as `X-Registry-Auth`.
public struct RegistryCredentials: Sendable, Hashable {
    public var username: String?
    public var password: String?
    /// An OAuth identity token, used instead of a password (a credential helper's `<token>` user).
    public var identityToken: String?
    /// The registry, as the docker CLI names it (`127.0.0.1:5000`, `https://index.docker.io/v1/`).
    public var serverAddress: String

    public init(username: String? = nil, password: String? = nil, identityToken: String? = nil, serverAddress: String) {
        self.username = username
        self.password = password
        self.identityToken = identityToken
        self.serverAddress = serverAddress
    }

    /// The `X-Registry-Auth` value: the JSON auth configuration, base64url-encoded with padding (what the engine
    /// decodes).
    public var header: String {
        let data = (try? JSONEncoder().encode(json)) ?? Data("{}".utf8)
        return Self.base64URL(data)
    }

    /// The engine's JSON auth configuration (`username`, `password`, `identitytoken`, `serveraddress`).
    public var json: JSONValue {
        var members: [String: JSONValue] = ["serveraddress": .string(serverAddress)]
        if let username { members["username"] = .string(username) }
        if let password { members["password"] = .string(password) }
        if let identityToken { members["identitytoken"] = .string(identityToken) }
        return .object(members)
    }

    /// The header for no credentials: the engine then tries the registry anonymously.
    public static let anonymousHeader = base64URL(Data("{}".utf8))

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }
}

/// Registry names as the docker CLI derives them from image references and `config.json` keys.
public enum RegistryAddress {
    /// Docker Hub's host in image references.
    public static let dockerHub = "docker.io"
    /// The key Docker Hub's credentials are stored under (its legacy index address).
    public static let dockerHubConfigKey = "https://index.docker.io/v1/"

    /// The registry host of an image reference: the first path component when it looks like a host (it has a
    /// `.` or a `:`, is `localhost`, or has capitals), else Docker Hub (`busybox`, `library/busybox`).
    public static func host(ofImage reference: String) -> String {
        guard let slash = reference.firstIndex(of: "/") else { return dockerHub }
        let first = String(reference[..<slash])
        let looksLikeHost =
            first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first
        guard looksLikeHost else { return dockerHub }
        return first == "index.docker.io" || first == "registry-1.docker.io" ? dockerHub : first
    }

    /// The `config.json` key (and credential helper server URL) for a registry host.
    public static func configKey(forHost host: String) -> String {
        host == dockerHub ? dockerHubConfigKey : host
    }

    /// The host a `config.json` key designates: `https://host:port/v1/` and `host:port` both name `host:port`.
    public static func hostname(ofKey key: String) -> String {
        var text = Substring(key)
        for scheme in ["http://", "https://"] where text.hasPrefix(scheme) {
            text = text.dropFirst(scheme.count)
        }
        let host = String(text.prefix { $0 != "/" })
        return host == "index.docker.io" || host == "registry-1.docker.io" ? dockerHub : host
    }
}
