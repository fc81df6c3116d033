import Foundation

/// Registry credentials as the docker CLI keeps them in `config.json` (in `DOCKER_CONFIG`, else `~/.docker`):
/// a credential helper for the registry (`credHelpers`), else the default store (`credsStore`), else the
/// `auths` entry (`auth` as base64 `user:password`, or `username`/`password`, or `identitytoken`).
public struct CredentialStore: Sendable {
    public let configFile: URL
    /// Where helpers (`docker-credential-NAME`) are looked for: its `PATH`.
    let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
        configFile = EndpointResolver.configDirectory(environment: environment).appendingPathComponent("config.json")
    }

    /// The credentials for the registry an image reference names, or nil to pull or push anonymously.
    public func credentials(forImage reference: String) async throws -> RegistryCredentials? {
        try await credentials(forHost: RegistryAddress.host(ofImage: reference))
    }

    /// The credentials for a registry host (`127.0.0.1:5000`, `docker.io`), or nil when none are configured.
    public func credentials(forHost host: String) async throws -> RegistryCredentials? {
        guard let config = try loadConfig() else { return nil }
        let serverAddress = RegistryAddress.configKey(forHost: host)
        let helpers = config["credHelpers"]?.objectValue ?? [:]
        let helper =
            helpers[serverAddress]?.stringValue
            ?? helpers.first { RegistryAddress.hostname(ofKey: $0.key) == host }?.value.stringValue
            ?? config["credsStore"]?.stringValue
        if let helper, !helper.isEmpty {
            return try await CredentialHelper(name: helper, environment: environment).get(serverAddress: serverAddress)
        }
        let auths = config["auths"]?.objectValue ?? [:]
        guard
            let (key, entry) = auths[serverAddress].map({ (serverAddress, $0) })
                ?? auths.first(where: { RegistryAddress.hostname(ofKey: $0.key) == host })
        else { return nil }
        return try Self.credentials(fromAuthsEntry: entry, key: key, file: configFile)
    }

    /// Every credential the configuration holds, by server address, as builds need them (`X-Registry-Config`)
    /// to pull base images from any registry: `auths` entries, then those of the default store and of each
    /// registry's helper, which win.
    public func allCredentials() async throws -> [String: RegistryCredentials] {
        guard let config = try loadConfig() else { return [:] }
        var all: [String: RegistryCredentials] = [:]
        for (key, entry) in config["auths"]?.objectValue ?? [:] {
            all[key] = try Self.credentials(fromAuthsEntry: entry, key: key, file: configFile)
        }
        if let store = config["credsStore"]?.stringValue, !store.isEmpty {
            let helper = CredentialHelper(name: store, environment: environment)
            for server in try await helper.list() { all[server] = try await helper.get(serverAddress: server) }
        }
        for (server, name) in config["credHelpers"]?.objectValue ?? [:] {
            guard let name = name.stringValue else { continue }
            all[server] = try await CredentialHelper(name: name, environment: environment).get(serverAddress: server)
        }
        return all
    }

    /// An `auths` entry: `auth` (base64 `user:password`) wins over `username` and `password`.
    static func credentials(fromAuthsEntry entry: JSONValue, key: String, file: URL) throws -> RegistryCredentials {
        var credentials = RegistryCredentials(
            username: entry["username"]?.stringValue, password: entry["password"]?.stringValue,
            identityToken: entry["identitytoken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }, serverAddress: key)
        if let auth = entry["auth"]?.stringValue, !auth.isEmpty {
            guard let data = Data(base64Encoded: auth), let pair = String(data: data, encoding: .utf8),
                let colon = pair.firstIndex(of: ":")
            else {
                throw EngineError.invalidConfiguration(
                    "\(file.path): the auth of \"\(key)\" is not base64 of user:password; log in again")
            }
            credentials.username = String(pair[..<colon])
            credentials.password = String(pair[pair.index(after: colon)...])
        }
        return credentials
    }

    private func loadConfig() throws -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: configFile.path) else { return nil }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw EngineError.invalidConfiguration(
                "\(configFile.path) is not valid JSON: fix or remove it", underlying: error)
        }
    }
}
