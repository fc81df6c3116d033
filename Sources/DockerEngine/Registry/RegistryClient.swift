import Digest
import Foundation

/// A registry's HTTP API (the OCI distribution API), for what Pier stores there itself: compose projects as OCI
/// artifacts (`publish`, `-f oci://…`). Images go through the engine. A registry on a loopback address is spoken
/// to over plain HTTP, as the engine treats one; any other over HTTPS. Credentials come from the docker CLI's
/// configuration, as for pulls (``CredentialStore``), and tokens are asked for when the registry wants them.
public struct RegistryClient: Sendable {
    /// The registry as image references name it (`127.0.0.1:5000`, `docker.io`).
    public let host: String
    let credentials: CredentialStore
    let authorization = AuthorizationCache()

    public init(host: String, credentials: CredentialStore) {
        self.host = host
        self.credentials = credentials
    }

    /// A manifest, its digest (`Docker-Content-Digest`, else the digest of its bytes) and media type.
    public struct Manifest: Sendable {
        public var digest: String
        public var mediaType: String
        public var body: [UInt8]
    }

    /// The media types a manifest request accepts.
    public static let manifestTypes = [
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
    ]

    /// `GET /v2/<repository>/manifests/<reference>` (a tag or a digest).
    public func manifest(repository: String, reference: String) async throws -> Manifest {
        let response = try await send(
            .get, "/v2/\(repository)/manifests/\(reference)", repository: repository, actions: "pull",
            headers: [("Accept", Self.manifestTypes.joined(separator: ", "))])
        try response.check("manifest \(repository):\(reference)", host: host)
        return Manifest(
            digest: response.header("Docker-Content-Digest") ?? "sha256:" + SHA256.hexDigest(response.body),
            mediaType: response.header("Content-Type") ?? "", body: response.body)
    }

    /// `GET /v2/<repository>/blobs/<digest>`, checked against its digest.
    public func blob(repository: String, digest: String) async throws -> [UInt8] {
        let response = try await send(
            .get, "/v2/\(repository)/blobs/\(digest)", repository: repository, actions: "pull")
        try response.check("blob \(digest) of \(repository)", host: host)
        guard "sha256:" + SHA256.hexDigest(response.body) == digest else {
            throw EngineError(
                .protocolError, message: "registry \(host) sent a blob of \(repository) whose digest is not \(digest)")
        }
        return response.body
    }

    /// Uploads `bytes` as a blob of `repository` unless the registry has it already (`HEAD` first), in one
    /// request (`POST` for an upload location, then `PUT` with the digest).
    public func pushBlob(repository: String, bytes: [UInt8]) async throws {
        let digest = "sha256:" + SHA256.hexDigest(bytes)
        let existing = try await send(
            .head, "/v2/\(repository)/blobs/\(digest)", repository: repository, actions: "pull,push")
        if existing.status == 200 { return }
        let started = try await send(
            .post, "/v2/\(repository)/blobs/uploads/", repository: repository, actions: "pull,push")
        try started.check("an upload to \(repository)", host: host)
        guard let location = started.header("Location") else {
            throw EngineError(.protocolError, message: "registry \(host) gave no upload location for \(repository)")
        }
        let target = RegistryURL(location, relativeTo: host)
        let separator = target.pathAndQuery.contains("?") ? "&" : "?"
        let finished = try await send(
            .put, target.pathAndQuery + separator + "digest=" + EngineRequest.percentEncode(digest),
            repository: repository, actions: "pull,push",
            body: .bytes(bytes, contentType: "application/octet-stream"))
        try finished.check("blob \(digest) of \(repository)", host: host)
    }

    /// `PUT /v2/<repository>/manifests/<reference>`; returns the manifest's digest.
    @discardableResult
    public func pushManifest(repository: String, reference: String, mediaType: String, body: [UInt8]) async throws
        -> String
    {
        let response = try await send(
            .put, "/v2/\(repository)/manifests/\(reference)", repository: repository, actions: "pull,push",
            body: .bytes(body, contentType: mediaType))
        try response.check("manifest \(repository):\(reference)", host: host)
        return response.header("Docker-Content-Digest") ?? "sha256:" + SHA256.hexDigest(body)
    }

    /// The registry's address: Docker Hub's API host for `docker.io`.
    var apiHost: String { host == RegistryAddress.dockerHub ? "registry-1.docker.io" : host }

    /// Whether the registry is on a loopback address, spoken to over plain HTTP.
    var isLoopback: Bool {
        let name =
            apiHost.hasPrefix("[")
            ? String(apiHost.dropFirst().prefix { $0 != "]" }) : String(apiHost.prefix { $0 != ":" })
        return name == "localhost" || name.hasPrefix("127.") || name == "::1"
    }
}

/// A URL a registry answers with (an upload `Location`, a token realm): absolute, or a path on the registry.
struct RegistryURL {
    var isHTTPS: Bool
    var host: String
    var pathAndQuery: String

    init(_ text: String, relativeTo host: String, https: Bool = false) {
        for (scheme, secure) in [("https://", true), ("http://", false)] where text.hasPrefix(scheme) {
            let rest = text.dropFirst(scheme.count)
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            self.init(isHTTPS: secure, host: String(rest[..<slash]), pathAndQuery: String(rest[slash...]))
            return
        }
        self.init(isHTTPS: https, host: host, pathAndQuery: text.hasPrefix("/") ? text : "/" + text)
    }

    init(isHTTPS: Bool, host: String, pathAndQuery: String) {
        self.isHTTPS = isHTTPS
        self.host = host
        self.pathAndQuery = pathAndQuery.isEmpty ? "/" : pathAndQuery
    }
}
