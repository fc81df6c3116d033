import DockerEngine
import Foundation
import Orchestration

/// Compose files given as published projects (`-f oci://REGISTRY/REPOSITORY[:TAG]`), fetched into Docker
/// Compose's cache before anything loads them.
enum RemoteProjects {
    /// The cache published projects are fetched into.
    static var cacheDirectory: String {
        ComposeArtifact.cacheDirectory(environment: ProcessInfo.processInfo.environment)
    }

    /// `global` with each `oci://` file replaced by the `compose.yaml` of the fetched project.
    static func fetch(_ global: GlobalOptions) async throws -> GlobalOptions {
        guard global.files.contains(where: { $0.hasPrefix(ComposeArtifact.scheme) }) else { return global }
        var resolved = global
        let credentials = CredentialStore(environment: EngineSelection.environment(global))
        var files: [String] = []
        for file in global.files {
            guard file.hasPrefix(ComposeArtifact.scheme) else {
                files.append(file)
                continue
            }
            do {
                files.append(
                    try await ComposeArtifact.fetch(file, credentials: credentials, cacheDirectory: cacheDirectory))
            } catch {
                throw CommandFailure("failed to pull OCI resource \"\(file.dropFirst(6))\": \(error)")
            }
        }
        resolved.files = files
        return resolved
    }

    /// Which of `files` were fetched: their relative paths are their own folder's, not the project directory's.
    static func fetched(_ files: [String]) -> Set<String> {
        let prefix = cacheDirectory + "/"
        return Set(files.filter { $0.hasPrefix(prefix) })
    }
}
