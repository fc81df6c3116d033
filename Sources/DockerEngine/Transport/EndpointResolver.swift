import Foundation

/// Finds the engine endpoint the way the docker CLI does: `DOCKER_HOST` first (with `DOCKER_TLS_VERIFY`,
/// `DOCKER_TLS` and `DOCKER_CERT_PATH`), then the current docker context (`DOCKER_CONTEXT`, else `currentContext`
/// in `config.json`), else the default socket.
public enum EndpointResolver {
    /// The endpoint for `environment`; files are read from `DOCKER_CONFIG` or `$HOME/.docker`.
    public static func resolve(environment: [String: String]) throws -> EngineEndpoint {
        let configDirectory = configDirectory(environment: environment)
        if let host = environment.nonEmpty("DOCKER_HOST") {
            return try EngineEndpoint.parse(
                host: host, tls: environmentTLS(environment, configDirectory: configDirectory))
        }
        let store = DockerContextStore(configDirectory: configDirectory)
        let contextName = try environment.nonEmpty("DOCKER_CONTEXT") ?? store.currentContextName() ?? "default"
        guard contextName != "default" else { return .defaultSocket }
        return try store.endpoint(ofContext: contextName)
    }

    /// The docker CLI's configuration folder: `DOCKER_CONFIG`, else `~/.docker`.
    public static func configDirectory(environment: [String: String]) -> URL {
        if let directory = environment.nonEmpty("DOCKER_CONFIG") {
            return URL(fileURLWithPath: directory, isDirectory: true)
        }
        let home = environment.nonEmpty("HOME") ?? FileManager.default.homeDirectoryForCurrentUser.path
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".docker", isDirectory: true)
    }

    /// TLS from the environment: on with `DOCKER_TLS_VERIFY` (verifying the engine) or `DOCKER_TLS` (not
    /// verifying); the PEM files come from `DOCKER_CERT_PATH`, else the config folder, and only those that exist
    /// are used, as in the docker CLI.
    static func environmentTLS(_ environment: [String: String], configDirectory: URL) -> EngineTLSSettings? {
        let verifies = environment.nonEmpty("DOCKER_TLS_VERIFY") != nil
        guard verifies || environment.nonEmpty("DOCKER_TLS") != nil else { return nil }
        let certificates = environment.nonEmpty("DOCKER_CERT_PATH").map { URL(fileURLWithPath: $0) } ?? configDirectory
        return tlsSettings(in: certificates, verifiesServer: verifies)
    }

    /// `ca.pem`, `cert.pem` and `key.pem` from `directory`, those that exist.
    static func tlsSettings(in directory: URL, verifiesServer: Bool) -> EngineTLSSettings {
        func existing(_ name: String) -> String? {
            let path = directory.appendingPathComponent(name).path
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        return EngineTLSSettings(
            caCertificatePath: existing("ca.pem"), certificatePath: existing("cert.pem"),
            privateKeyPath: existing("key.pem"), verifiesServer: verifiesServer)
    }
}

extension [String: String] {
    /// The value of `name` unless it is unset or empty (the docker CLI treats both alike).
    func nonEmpty(_ name: String) -> String? {
        guard let value = self[name], !value.isEmpty else { return nil }
        return value
    }
}
