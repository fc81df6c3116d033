import DockerEngine
import Foundation

/// The image a project's container runs, as `images` lists it.
public struct ContainerImage: Sendable, Hashable {
    public var containerName: String
    /// The image ID (`sha256:…`).
    public var id: String
    /// The familiar repository (`busybox`, `pier-test/busybox`); empty when the container names an image ID.
    public var repository: String
    public var tag: String
    /// `os/architecture[/variant]`.
    public var platform: String
    public var size: Int64
    /// When the image was last tagged (RFC 3339), as the engine's `Metadata.LastTagTime` says: the zero time
    /// `0001-01-01T00:00:00Z` for an image never tagged here (a pulled one).
    public var lastTagTime: String

    public init(
        containerName: String, id: String, repository: String, tag: String, platform: String, size: Int64,
        lastTagTime: String
    ) {
        self.containerName = containerName
        self.id = id
        self.repository = repository
        self.tag = tag
        self.platform = platform
        self.size = size
        self.lastTagTime = lastTagTime
    }
}

/// `images`: the images of a project's containers (all of them, stopped ones too).
public enum ContainerImageQuery {
    /// One entry per container of `services` (all when empty), sorted by container name.
    public static func images(client: EngineClient, project: String, services: [String]) async throws
        -> [ContainerImage]
    {
        var filters = EngineFilters()
        filters.add("label", "\(ComposeLabels.project)=\(project.lowercased())")
        let containers = try await client.listContainers(all: true, filters: filters).filter {
            services.isEmpty || services.contains($0.serviceName)
        }
        // Inspect each image once, concurrently: many containers share one.
        let references = Set(containers.map(\.image))
        let inspections = try await withThrowingTaskGroup(of: (String, ImageInspection).self) { group in
            for reference in references {
                group.addTask { (reference, try await client.inspectImage(reference)) }
            }
            return try await group.reduce(into: [String: ImageInspection]()) { $0[$1.0] = $1.1 }
        }
        return containers.compactMap { container -> ContainerImage? in
            guard let image = inspections[container.image] else { return nil }
            let (repository, tag) = ImageReference.familiarNameAndTag(container.image)
            let variant = image.raw["Variant"]?.stringValue ?? ""
            let platform = [image.os, image.architecture, variant].filter { !$0.isEmpty }.joined(separator: "/")
            let tagTime = image.raw["Metadata"]?["LastTagTime"]?.stringValue ?? ""
            return ContainerImage(
                containerName: container.canonicalName, id: image.id, repository: repository, tag: tag,
                platform: platform, size: image.size,
                lastTagTime: tagTime.isEmpty ? "0001-01-01T00:00:00Z" : tagTime)
        }.sorted { $0.containerName < $1.containerName }
    }
}

/// Image references as the docker CLI shows them: `docker.io/library/` dropped, `latest` when no tag.
public enum ImageReference {
    /// The familiar name and tag of `reference`; empty strings for an image ID, and an empty tag for a
    /// reference by digest only.
    public static func familiarNameAndTag(_ reference: String) -> (name: String, tag: String) {
        if reference.hasPrefix("sha256:") || isHexIdentifier(reference) { return ("", "") }
        var remainder = reference
        var hasDigest = false
        if let at = remainder.firstIndex(of: "@") {
            remainder = String(remainder[..<at])
            hasDigest = true
        }
        var tag = ""
        let lastSlash = remainder.lastIndex(of: "/")
        if let colon = remainder.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(remainder[remainder.index(after: colon)...])
            remainder = String(remainder[..<colon])
        }
        if tag.isEmpty && !hasDigest { tag = "latest" }
        return (familiarName(remainder), tag)
    }

    /// `docker.io/library/busybox` → `busybox`, `docker.io/me/app` → `me/app`; other registries stay.
    static func familiarName(_ name: String) -> String {
        var name = name
        for prefix in ["docker.io/", "index.docker.io/", "registry-1.docker.io/"] where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
        }
        if name.hasPrefix("library/"), name.split(separator: "/").count == 2 { name = String(name.dropFirst(8)) }
        return name
    }

    private static func isHexIdentifier(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy(\.isHexDigit)
    }
}
