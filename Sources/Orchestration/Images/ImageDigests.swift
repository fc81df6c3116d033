import ComposeSpec
import DockerEngine

/// Image references pinned to the digest their registry serves, as `config --resolve-image-digests` and
/// `publish --resolve-image-digests` write them: `name:tag@sha256:…` (`:latest` when the reference has no tag),
/// and a reference that already names a digest keeps it (without its tag), unasked.
public struct ImageDigests: Sendable {
    public let client: EngineClient
    public let credentials: CredentialStore

    public init(client: EngineClient, credentials: CredentialStore) {
        self.client = client
        self.credentials = credentials
    }

    /// `image` pinned to its digest, asked through the engine with the registry's credentials.
    public func pinned(_ image: String) async throws -> String {
        if let at = image.firstIndex(of: "@") {
            return Self.withoutTag(String(image[..<at])) + image[at...]
        }
        let tagged = Self.hasTag(image) ? image : image + ":latest"
        let auth = try await credentials.credentials(forImage: tagged)?.header ?? RegistryCredentials.anonymousHeader
        do {
            let digest = try await client.inspectDistribution(tagged, registryAuth: auth)
            guard !digest.isEmpty else {
                throw OrchestrationError(.engine, "failed to resolve digest for \(tagged): the registry sent no digest")
            }
            return tagged + "@" + digest
        } catch let error as EngineError {
            throw OrchestrationError(
                .engine, "failed to resolve digest for \(tagged): \(error.message)", underlying: error)
        }
    }

    /// The pinned image of each service of `document` that names one, by service, in file order.
    public func pinnedImages(of document: Node) async throws -> [(service: String, image: String)] {
        var pinned: [(service: String, image: String)] = []
        for (name, service) in document["services"]?.mapping ?? [:] {
            guard let image = service["image"]?.scalarText else { continue }
            pinned.append((name, try await self.pinned(image)))
        }
        return pinned
    }

    /// Whether the last path component of `image` has a `:tag` (a colon before it belongs to a registry port).
    static func hasTag(_ image: String) -> Bool {
        let last = image.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        return last.contains(":")
    }

    static func withoutTag(_ image: String) -> String {
        guard hasTag(image), let colon = image.lastIndex(of: ":") else { return image }
        return String(image[..<colon])
    }
}
