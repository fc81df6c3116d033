import Digest
import DockerEngine
import Foundation

/// `-f oci://REGISTRY/REPOSITORY[:TAG]`: a published project fetched into Docker Compose's cache and read from
/// there, as the reference does: every compose file layer into one `compose.yaml` (one YAML document each, merged
/// in order), each extended file and env file under its own name, in a folder named by the manifest's digest.
extension ComposeArtifact {
    /// The prefix that names a published project in place of a compose file.
    public static let scheme = "oci://"

    /// The cache Docker Compose keeps fetched projects in: `$XDG_CACHE_HOME/docker-compose`, else
    /// `~/.cache/docker-compose`.
    public static func cacheDirectory(environment: [String: String]) -> String {
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return base + "/docker-compose"
    }

    /// Fetches the project `reference` names (`oci://…`) unless the cache has it, and returns the path of its
    /// `compose.yaml`.
    public static func fetch(_ reference: String, credentials: CredentialStore, cacheDirectory: String) async throws
        -> String
    {
        let target = try ArtifactReference(reference)
        let registry = RegistryClient(host: target.host, credentials: credentials)
        let manifest = try await registry.manifest(repository: target.repository, reference: target.tagOrDigest)
        let hex = manifest.digest.split(separator: ":").last.map(String.init) ?? manifest.digest
        let folder = cacheDirectory + "/" + hex
        let composeFile = folder + "/compose.yaml"
        if FileManager.default.fileExists(atPath: composeFile) { return composeFile }
        let layers = try layers(of: manifest.body, reference: reference)
        var files: [String: [UInt8]] = [:]
        var composeText: [UInt8] = []
        for (index, layer) in layers.enumerated() {
            var content = layer.inline ?? []
            if layer.inline == nil {
                content = try await registry.blob(repository: target.repository, digest: layer.digest)
            }
            switch layer.kind {
            case .composeFile:
                if index > 0, !composeText.isEmpty { composeText += Array("\n---\n".utf8) }
                composeText += content
            case .extendedFile, .envFile:
                guard !layer.name.isEmpty, !layer.name.contains("/"), layer.name != "..", layer.name != "." else {
                    throw OrchestrationError(
                        .invalidValue, "invalid OCI artifact \(reference): a layer is named \"\(layer.name)\"")
                }
                files[layer.name] = content
            }
        }
        files["compose.yaml"] = composeText
        try write(files, into: folder)
        return composeFile
    }

    /// The layers a manifest lists, once it is known to be a compose project's.
    static func layers(of manifest: [UInt8], reference: String) throws -> [(
        kind: Layer.Kind, name: String, digest: String, inline: [UInt8]?
    )] {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(manifest)) else {
            throw OrchestrationError(.invalidValue, "\(reference): the registry's manifest is not JSON")
        }
        let artifactType = json["artifactType"]?.stringValue ?? ""
        let configType = json["config"]?["mediaType"]?.stringValue ?? ""
        guard artifactType == Self.artifactType || (artifactType.isEmpty && configType == Self.emptyConfigType) else {
            throw OrchestrationError(
                .invalidValue,
                "\(reference) is not a compose project OCI artifact, but \(artifactType.isEmpty ? configType : artifactType)"
            )
        }
        return (json["layers"]?.arrayValue ?? []).compactMap { layer in
            let annotations = layer["annotations"]
            let digest = layer["digest"]?.stringValue ?? ""
            let inline = layer["data"]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
            let checked = inline.flatMap { "sha256:" + SHA256.hexDigest($0) == digest ? $0 : nil }
            switch layer["mediaType"]?.stringValue {
            case Self.composeFileType:
                let name = annotations?[Self.fileAnnotation]?.stringValue ?? ""
                let extends = annotations?[Self.extendsAnnotation] != nil
                return (extends ? .extendedFile : .composeFile, name, digest, checked)
            case Self.envFileType:
                return (.envFile, annotations?[Self.envFileAnnotation]?.stringValue ?? "", digest, checked)
            default:
                return nil
            }
        }
    }

    /// Writes `files` into `folder` (mode 0700) through a temporary folder, so that a fetch cut short leaves no
    /// half-written project in the cache.
    private static func write(_ files: [String: [UInt8]], into folder: String) throws {
        let manager = FileManager.default
        let parent = (folder as NSString).deletingLastPathComponent
        let temporary = parent + "/.pier-" + UUID().uuidString
        do {
            try manager.createDirectory(
                atPath: temporary, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for (name, content) in files {
                guard manager.createFile(atPath: temporary + "/" + name, contents: Data(content)) else {
                    throw CocoaError(.fileWriteUnknown)
                }
            }
            if manager.fileExists(atPath: folder) {
                try? manager.removeItem(atPath: temporary)
            } else {
                try manager.moveItem(atPath: temporary, toPath: folder)
            }
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw OrchestrationError(
                .unreadableFile, "cannot write the fetched project into \(folder): \(error.localizedDescription)",
                underlying: error)
        }
    }
}

/// `oci://REGISTRY/REPOSITORY[:TAG|@DIGEST]` split as image references are: a first component with a `.` or a
/// `:` (or `localhost`) is the registry, else Docker Hub.
public struct ArtifactReference: Sendable, Hashable {
    public var host: String
    public var repository: String
    public var tagOrDigest: String

    public init(_ reference: String) throws {
        var rest = reference.hasPrefix(ComposeArtifact.scheme) ? String(reference.dropFirst(6)) : reference
        guard !rest.isEmpty else {
            throw OrchestrationError(.invalidValue, "invalid reference \"\(reference)\": no repository")
        }
        host = RegistryAddress.host(ofImage: rest)
        if let slash = rest.firstIndex(of: "/"), host != RegistryAddress.dockerHub || rest.hasPrefix("docker.io/") {
            rest = String(rest[rest.index(after: slash)...])
        }
        if let at = rest.firstIndex(of: "@") {
            tagOrDigest = String(rest[rest.index(after: at)...])
            rest = String(rest[..<at])
        } else if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tagOrDigest = String(rest[rest.index(after: colon)...])
            rest = String(rest[..<colon])
        } else {
            tagOrDigest = "latest"
        }
        if host == RegistryAddress.dockerHub, !rest.contains("/") { rest = "library/" + rest }
        guard !rest.isEmpty, rest == rest.lowercased() else {
            throw OrchestrationError(
                .invalidValue, "invalid reference \"\(reference)\": the repository must be lowercase")
        }
        repository = rest
    }
}
