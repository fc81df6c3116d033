import Digest
import DockerEngine
import Foundation

/// A compose project as an OCI artifact, laid out as Docker Compose lays it out for `publish` and reads it for
/// `-f oci://…`: an image manifest whose config is the empty descriptor (`{}`) and whose layers are the compose
/// files, the files they extend and the env files they read, each named by an annotation, their bytes also
/// inline (`data`).
public struct ComposeArtifact: Sendable, Hashable {
    /// The manifest's `artifactType` (OCI 1.1).
    public static let artifactType = "application/vnd.docker.compose.project"
    /// A compose file's layer.
    public static let composeFileType = "application/vnd.docker.compose.file+yaml"
    /// An env file's layer.
    public static let envFileType = "application/vnd.docker.compose.envfile"
    /// The config media type of the OCI 1.0 form, which has no `artifactType`.
    public static let emptyConfigType = "application/vnd.docker.compose.config.empty.v1+json"
    public static let manifestType = "application/vnd.oci.image.manifest.v1+json"
    /// OCI's empty descriptor: the config of the OCI 1.1 form.
    static let emptyJSONType = "application/vnd.oci.empty.v1+json"
    static let emptyJSON: [UInt8] = Array("{}".utf8)

    /// The annotation naming a compose file layer's file.
    public static let fileAnnotation = "com.docker.compose.file"
    /// The annotation naming an env file layer's file.
    public static let envFileAnnotation = "com.docker.compose.envfile"
    /// Marks a compose file that another one extends (it is written apart, under its name).
    public static let extendsAnnotation = "com.docker.compose.extends"
    static let versionAnnotation = "com.docker.compose.version"
    static let createdAnnotation = "org.opencontainers.image.created"

    /// One layer: what it is, its file name and bytes.
    public struct Layer: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case composeFile
            /// A compose file another extends: kept as a file of its own.
            case extendedFile
            case envFile
        }

        public var kind: Kind
        public var name: String
        public var content: [UInt8]

        public init(kind: Kind, name: String, content: [UInt8]) {
            self.kind = kind
            self.name = name
            self.content = content
        }

        var mediaType: String { kind == .envFile ? ComposeArtifact.envFileType : ComposeArtifact.composeFileType }
        var digest: String { "sha256:" + SHA256.hexDigest(content) }
    }

    /// The OCI image-spec version the manifest follows: 1.1 (`artifactType`), or 1.0 for registries that take
    /// nothing newer (a compose-specific config media type instead).
    public enum OCIVersion: String, Sendable, Hashable {
        case v1_0 = "1.0"
        case v1_1 = "1.1"
    }

    public var layers: [Layer]
    public var ociVersion: OCIVersion = .v1_1

    public init(layers: [Layer], ociVersion: OCIVersion = .v1_1) {
        self.layers = layers
        self.ociVersion = ociVersion
    }

    /// The config blob's media type and bytes.
    var config: (mediaType: String, content: [UInt8]) {
        (ociVersion == .v1_1 ? Self.emptyJSONType : Self.emptyConfigType, Self.emptyJSON)
    }

    /// The manifest, as JSON bytes in the reference's member order; `created` is its creation time annotation.
    public func manifest(created: Date, composeVersion: String) -> [UInt8] {
        var members: [(String, JSONText)] = [("schemaVersion", .raw("2")), ("mediaType", .string(Self.manifestType))]
        if ociVersion == .v1_1 { members.append(("artifactType", .string(Self.artifactType))) }
        members.append(("config", Self.descriptor(mediaType: config.mediaType, content: config.content)))
        members.append(
            (
                "layers",
                .array(
                    layers.map { layer in
                        var annotations = [
                            (layer.kind == .envFile ? Self.envFileAnnotation : Self.fileAnnotation, layer.name)
                        ]
                        if layer.kind == .extendedFile { annotations.insert((Self.extendsAnnotation, "true"), at: 0) }
                        annotations.append((Self.versionAnnotation, composeVersion))
                        return Self.descriptor(
                            mediaType: layer.mediaType, content: layer.content,
                            annotations: annotations.sorted { $0.0 < $1.0 })
                    })
            ))
        members.append(("annotations", .object([(Self.createdAnnotation, .string(Self.timestamp(created)))])))
        return Array(JSONText.object(members).encoded.utf8)
    }

    static func descriptor(mediaType: String, content: [UInt8], annotations: [(String, String)] = []) -> JSONText {
        var members: [(String, JSONText)] = [
            ("mediaType", .string(mediaType)), ("digest", .string("sha256:" + SHA256.hexDigest(content))),
            ("size", .raw(String(content.count))),
        ]
        if !annotations.isEmpty { members.append(("annotations", .object(annotations.map { ($0.0, .string($0.1)) }))) }
        members.append(("data", .string(Data(content).base64EncodedString())))
        return .object(members)
    }

    /// RFC 3339 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// JSON written with its members in a chosen order (Go marshals structs in field order).
indirect enum JSONText: Sendable {
    case string(String)
    /// A number or literal, as is.
    case raw(String)
    case array([JSONText])
    case object([(String, JSONText)])

    var encoded: String {
        switch self {
        case .raw(let text): return text
        case .string(let text):
            let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
            return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
        case .array(let items): return "[" + items.map(\.encoded).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { JSONText.string($0.0).encoded + ":" + $0.1.encoded }.joined(separator: ",") + "}"
        }
    }
}
