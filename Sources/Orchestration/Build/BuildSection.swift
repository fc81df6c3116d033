import ComposeSpec
import DockerEngine
import Foundation

/// A service's `build` section as both builders read it, from the normalized project: the context directory,
/// where the Dockerfile is, and every option, with `pier build`'s flags applied.
struct BuildSection {
    /// Where the Dockerfile comes from.
    enum Dockerfile: Equatable {
        /// A file: its absolute path (inside the context or not).
        case file(String)
        /// `dockerfile_inline`.
        case inline([UInt8])
    }

    /// A build secret: the id the Dockerfile mounts, and the project's secret it comes from.
    struct Secret: Equatable {
        var id: String
        var source: String
    }

    var service: String
    /// The section itself, to name where an attribute is written.
    var node: Node
    var context: String
    var dockerfile: Dockerfile
    /// The image's names: the service's image first, then `tags`.
    var tags: [String]
    var target: String?
    /// `ARG` values; nil passes the variable without a value.
    var arguments: [String: String?]
    var labels: [String: String]
    var noCache: Bool
    var pull: Bool
    var network: String?
    /// `host=ip` entries.
    var extraHosts: [String]
    var cacheFrom: [String]
    var cacheTo: [String]
    var shmSize: Int64?
    var ulimits: [BuildUlimit]
    var platforms: [String]
    var isolation: String?
    var secrets: [Secret]
    /// `default`, `id`, or `id=path` entries.
    var ssh: [String]
    /// Named contexts: a directory, `docker-image://…`, `service:NAME`, a URL.
    var additionalContexts: [(name: String, value: String)]
    var privileged: Bool
    var entitlements: [String]

    /// - Parameter checkout: where a git context was fetched, used instead of `build.context`.
    init(
        service: String, build: Node, image: String, platform: String?, request: BuildRequest,
        environment: [String: String], checkout: String? = nil
    ) throws {
        self.service = service
        node = build
        let context = build.field("context")?.scalarText ?? "."
        guard let directory = checkout ?? (context.hasPrefix("/") ? context : nil) else {
            throw OrchestrationError.service(
                service, .unsupported,
                "build.context \(context) is a URL, which `pier build` doesn't support: only directories and git"
                    + " repositories; download it and point build.context at the directory",
                at: build.field("context")?.location)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OrchestrationError.service(
                service, .notFound, "the build context \(directory) is not a directory: fix build.context",
                at: build.field("context")?.location)
        }
        self.context = directory
        if let inline = build.field("dockerfile_inline")?.scalarText {
            dockerfile = .inline(Array(inline.utf8))
        } else {
            let name = build.field("dockerfile")?.scalarText ?? "Dockerfile"
            let path = name.hasPrefix("/") ? name : directory + "/" + name
            dockerfile = .file(URL(fileURLWithPath: path).standardizedFileURL.path)
        }
        tags = [image] + (build.field("tags")?.stringList ?? []).filter { $0 != image }
        target = build.field("target")?.scalarText.flatMap { $0.isEmpty ? nil : $0 }
        var arguments: [String: String?] = [:]
        for (key, value) in build.field("args")?.mapping ?? [:] { arguments[key] = value.scalarText }
        for (key, value) in request.arguments { arguments[key] = .some(value ?? environment[key]) }
        self.arguments = arguments
        labels = build.field("labels")?.stringDictionary ?? [:]
        noCache = request.noCache || build.field("no_cache")?.boolValue == true
        pull = request.pull || build.field("pull")?.boolValue == true
        network = build.field("network")?.scalarText
        extraHosts = build.field("extra_hosts")?.stringList ?? []
        cacheFrom = build.field("cache_from")?.stringList ?? []
        cacheTo = build.field("cache_to")?.stringList ?? []
        shmSize = build.field("shm_size")?.byteCount
        ulimits = (build.field("ulimits")?.mapping ?? [:]).sorted { $0.key < $1.key }.map { name, limit in
            let soft = limit.int64Value ?? limit.field("soft")?.int64Value ?? 0
            return BuildUlimit(name: name, soft: soft, hard: limit.int64Value ?? limit.field("hard")?.int64Value ?? 0)
        }
        platforms = build.field("platforms")?.stringList ?? platform.map { [$0] } ?? []
        isolation = build.field("isolation")?.scalarText
        secrets = (build.field("secrets")?.sequence ?? []).compactMap { entry in
            guard let source = entry.field("source")?.scalarText ?? entry.scalarText else { return nil }
            return Secret(id: entry.field("target")?.scalarText ?? source, source: source)
        }
        ssh = (build.field("ssh")?.stringList ?? []) + request.ssh
        additionalContexts = (build.field("additional_contexts")?.mapping ?? [:]).sorted { $0.key < $1.key }.compactMap
        {
            name, value in value.scalarText.map { (name, $0) }
        }
        privileged = build.field("privileged")?.boolValue == true
        entitlements = build.field("entitlements")?.stringList ?? []
    }

    /// The Dockerfile's bytes.
    func dockerfileContent() throws -> [UInt8] {
        switch dockerfile {
        case .inline(let content):
            return content
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw OrchestrationError.service(
                    service, .unreadableFile, "cannot read the Dockerfile \(path)", at: location(of: "dockerfile"))
            }
            return [UInt8](data)
        }
    }

    /// Where `build.ATTRIBUTE` is written.
    func location(of attribute: String) -> SourceLocation? {
        node.field(attribute)?.location ?? node.location
    }
}
