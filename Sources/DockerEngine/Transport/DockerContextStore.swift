import Digest
import Foundation

/// The docker CLI's context store: `config.json`'s `currentContext`, and per context
/// `contexts/meta/<sha256 of the name>/meta.json` with TLS files in `contexts/tls/<sha256>/docker/`.
struct DockerContextStore: Sendable {
    var configDirectory: URL

    /// `currentContext` from `config.json`, or `nil` when the file or the key is absent.
    func currentContextName() throws -> String? {
        let file = configDirectory.appendingPathComponent("config.json")
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        let config: JSONValue
        do {
            config = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw EngineError.invalidConfiguration("cannot read \(file.path): invalid JSON", underlying: error)
        }
        guard let name = config["currentContext"]?.stringValue, !name.isEmpty else { return nil }
        return name
    }

    /// The engine endpoint stored for `contextName`.
    func endpoint(ofContext contextName: String) throws -> EngineEndpoint {
        let digest = SHA256.hex(of: contextName)
        let contexts = configDirectory.appendingPathComponent("contexts", isDirectory: true)
        let metaFile = contexts.appendingPathComponent("meta/\(digest)/meta.json")
        guard let data = FileManager.default.contents(atPath: metaFile.path) else {
            throw EngineError.invalidConfiguration(
                "docker context '\(contextName)' does not exist (no \(metaFile.path)); "
                    + "choose another with DOCKER_CONTEXT or `docker context use`")
        }
        let meta: JSONValue
        do {
            meta = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw EngineError.invalidConfiguration("cannot read \(metaFile.path): invalid JSON", underlying: error)
        }
        guard let docker = meta["Endpoints"]?["docker"], let host = docker["Host"]?.stringValue, !host.isEmpty else {
            throw EngineError.invalidConfiguration(
                "docker context '\(contextName)' has no docker endpoint (Endpoints.docker.Host in \(metaFile.path))")
        }
        let skipsVerification = docker["SkipTLSVerify"] == .bool(true)
        let tlsDirectory = contexts.appendingPathComponent("tls/\(digest)/docker", isDirectory: true)
        var tls = EndpointResolver.tlsSettings(in: tlsDirectory, verifiesServer: !skipsVerification)
        let hasMaterial = tls.caCertificatePath != nil || tls.certificatePath != nil || tls.privateKeyPath != nil
        // As in the docker CLI: TLS when the context stores TLS files or skips verification, not otherwise.
        var endpoint = try EngineEndpoint.parse(host: host)
        if hasMaterial || skipsVerification || endpoint.tls != nil {
            tls.verifiesServer = !skipsVerification
            if case .tcp = endpoint.address { endpoint.tls = tls }
        }
        endpoint.contextName = contextName
        return endpoint
    }
}
