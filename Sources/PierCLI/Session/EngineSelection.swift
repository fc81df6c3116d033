import DockerEngine
import Foundation

/// The engine a command talks to, chosen as the docker CLI chooses it: its flags (`-H`, `--context`, `--config`,
/// `--tls`, `--tlsverify`, `--tlscacert`, `--tlscert`, `--tlskey`, which `docker compose` passes on in plugin
/// mode), else `DOCKER_HOST`, the docker context and the default socket.
enum EngineSelection {
    /// The process environment with the flags that name the engine or the docker configuration folder applied:
    /// what the engine client and the registry credentials read.
    static func environment(_ global: GlobalOptions) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if let host = global.hosts.last { environment["DOCKER_HOST"] = host }
        if let context = global.context {
            environment["DOCKER_CONTEXT"] = context
            environment["DOCKER_HOST"] = nil
        }
        if let config = global.dockerConfig { environment["DOCKER_CONFIG"] = config }
        return environment
    }

    /// The engine client for these flags; with `--dry-run`, one that only reads (``EngineClient/dryRun()``).
    static func client(_ global: GlobalOptions) throws -> EngineClient {
        let environment = environment(global)
        let client = try tlsClient(global, environment: environment) ?? EngineClient.fromEnvironment(environment)
        Output.debug("engine: \(client.endpoint)" + (global.dryRun ? " (dry run: reads only)" : ""))
        return global.dryRun ? client.dryRun() : client
    }

    /// With `--tls` or `--tlsverify`, the engine over TLS with the certificate files the flags name (by default
    /// `ca.pem`, `cert.pem` and `key.pem` of `DOCKER_CERT_PATH`, else of the docker configuration folder), each of
    /// which must exist, as with the docker CLI.
    private static func tlsClient(_ global: GlobalOptions, environment: [String: String]) throws -> EngineClient? {
        guard global.tls || global.tlsVerify else { return nil }
        let folder =
            environment["DOCKER_CERT_PATH"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? EndpointResolver.configDirectory(environment: environment)
        let files = [
            global.tlsCACertificate ?? folder.appendingPathComponent("ca.pem").path,
            global.tlsCertificate ?? folder.appendingPathComponent("cert.pem").path,
            global.tlsKey ?? folder.appendingPathComponent("key.pem").path,
        ]
        if let missing = files.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            throw CommandFailure(
                "Failed to initialize: unable to resolve docker endpoint: open \(missing): no such file or directory")
        }
        let settings = EngineTLSSettings(
            caCertificatePath: files[0], certificatePath: files[1], privateKeyPath: files[2],
            verifiesServer: global.tlsVerify)
        let host =
            environment["DOCKER_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? EngineEndpoint.defaultSocket.description
        var endpoint = try EngineEndpoint.parse(host: host, tls: settings)
        // A unix socket takes no TLS.
        if case .unixSocket = endpoint.address { endpoint.tls = nil }
        var pinned: APIVersion?
        if let text = environment["DOCKER_API_VERSION"], !text.isEmpty { pinned = APIVersion(text) }
        return try EngineClient(endpoint: endpoint, apiVersion: pinned)
    }
}
