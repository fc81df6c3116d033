import DockerEngine
import Foundation

extension ComposeArtifact {
    /// Pushes the artifact to the repository `reference` names (`REGISTRY/REPOSITORY[:TAG]`): the config blob,
    /// each layer's blob, then the manifest under the tag. Returns the manifest's digest.
    @discardableResult
    public func publish(to reference: String, credentials: CredentialStore, created: Date = Date()) async throws
        -> String
    {
        let target = try ArtifactReference(reference)
        let registry = RegistryClient(host: target.host, credentials: credentials)
        try await registry.pushBlob(repository: target.repository, bytes: config.content)
        for layer in layers { try await registry.pushBlob(repository: target.repository, bytes: layer.content) }
        return try await registry.pushManifest(
            repository: target.repository, reference: target.tagOrDigest, mediaType: Self.manifestType,
            body: manifest(created: created, composeVersion: ComposeLabels.compatibleVersion))
    }
}
