import ComposeSpec
import DockerEngine
import Foundation

/// What `build` (and `up --build`) may change about a build, as their flags say.
public struct BuildRequest: Sendable {
    public var noCache = false
    public var pull = false
    /// `--build-arg KEY=VALUE`, over the file's `args`; a `nil` value takes the variable from the environment.
    public var arguments: [String: String?] = [:]
    /// `--memory`: the build containers' memory limit in bytes.
    public var memory: Int64?
    /// Where each line of a build's output goes (service, line); when nil, lines go to the progress display.
    public var output: (@Sendable (String, String) -> Void)?

    public init() {}

    /// A size as `--memory` takes it: bytes, or a number with a unit (`512m`, `2g`).
    public static func byteCount(_ text: String) -> Int64? {
        ByteSize.parse(text.lowercased())
    }
}

/// One service's `build` section turned into a classic-builder request: the engine's query options, and the
/// context to send (the directory, plus a generated Dockerfile for `dockerfile_inline` or a Dockerfile outside
/// the context). Attributes the classic builder cannot honour are refused, naming the service and the attribute.
struct ServiceBuild {
    static let builderLabel = ("com.docker.compose.image.builder", "classic")

    var options: BuildOptions
    var directory: String
    /// The Dockerfile's name inside the context as the engine reads it.
    var dockerfile: String
    /// Files added to the context: a generated Dockerfile, and a `.dockerignore` keeping it out of `COPY .`.
    var generatedFiles: [(name: String, content: [UInt8])] = []

    /// - Parameter checkout: where a git context was fetched, used instead of `build.context`.
    init(
        service: String, build: Node, image: String, platform: String?, request: BuildRequest,
        environment: [String: String], checkout: String? = nil
    ) throws {
        try Self.refuseUnsupported(service: service, build: build)
        let context = build.field("context")?.scalarText ?? "."
        guard let directory = checkout ?? (context.hasPrefix("/") ? context : nil) else {
            throw OrchestrationError.service(
                service, .unsupported,
                "build.context \(context) is a URL, which `pier build` doesn't support: only directories and git"
                    + " repositories; download it and point build.context at the directory")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OrchestrationError.service(
                service, .notFound, "the build context \(directory) is not a directory: fix build.context")
        }
        self.directory = directory
        let tags = [image] + (build.field("tags")?.stringList ?? []).filter { $0 != image }
        options = BuildOptions(tags: tags)
        dockerfile = build.field("dockerfile")?.scalarText ?? "Dockerfile"
        if let inline = build.field("dockerfile_inline")?.scalarText {
            try generate(dockerfile: Array(inline.utf8), name: ".pier-dockerfile-inline")
        } else {
            switch try Self.locate(dockerfile: dockerfile, context: directory, service: service) {
            case .inContext(let relative): dockerfile = relative
            case .outside(let content): try generate(dockerfile: content, name: ".pier-dockerfile-outside")
            }
        }
        options.dockerfile = dockerfile
        options.target = build.field("target")?.scalarText.flatMap { $0.isEmpty ? nil : $0 }
        var arguments: [String: String?] = [:]
        for (key, value) in build.field("args")?.mapping ?? [:] { arguments[key] = value.scalarText }
        for (key, value) in request.arguments {
            let resolved: String? = value ?? environment[key]
            arguments[key] = .some(resolved)
        }
        options.buildArguments = arguments
        var labels = [Self.builderLabel.0: Self.builderLabel.1]
        for (key, value) in build.field("labels")?.mapping ?? [:] { labels[key] = value.scalarText ?? "" }
        options.labels = labels
        options.noCache = request.noCache || build.field("no_cache")?.boolValue == true
        options.pull = request.pull || build.field("pull")?.boolValue == true
        options.networkMode = build.field("network")?.scalarText
        options.extraHosts = (build.field("extra_hosts")?.stringList ?? []).map {
            $0.replacingOccurrences(of: "=", with: ":")
        }
        options.cacheFrom = build.field("cache_from")?.stringList ?? []
        options.shmSize = build.field("shm_size")?.byteCount
        options.memory = request.memory
        options.isolation = build.field("isolation")?.scalarText
        options.ulimits = (build.field("ulimits")?.mapping ?? [:]).sorted { $0.key < $1.key }.map { name, limit in
            let soft = limit.int64Value ?? limit.field("soft")?.int64Value ?? 0
            return BuildUlimit(name: name, soft: soft, hard: limit.int64Value ?? limit.field("hard")?.int64Value ?? 0)
        }
        options.platform = build.field("platforms")?.stringList?.first ?? platform
        options.forceRemovesIntermediateContainers = true
    }

    /// Refuses what needs BuildKit, as the reference does on the classic builder (with a way out).
    static func refuseUnsupported(service: String, build: Node) throws {
        func refuse(_ attribute: String, _ what: String) -> OrchestrationError {
            .service(
                service, .unsupported,
                "build.\(attribute) needs BuildKit, and Pier builds with the engine's classic builder, which doesn't"
                    + " support \(what): remove build.\(attribute) or build this image with `docker buildx build`",
                at: build.field(attribute)?.location)
        }
        if let platforms = build.field("platforms")?.stringList, platforms.count > 1 {
            throw refuse("platforms", "multi-arch builds (\(platforms.joined(separator: ", ")))")
        }
        if let contexts = build.field("additional_contexts")?.mapping, !contexts.isEmpty {
            throw refuse("additional_contexts", "additional contexts")
        }
        if let ssh = build.field("ssh"), ssh.sequence?.isEmpty != true, ssh.mapping?.isEmpty != true {
            throw refuse("ssh", "SSH agent forwarding or keys")
        }
        if let secrets = build.field("secrets")?.sequence, !secrets.isEmpty { throw refuse("secrets", "build secrets") }
        if build.field("privileged")?.boolValue == true { throw refuse("privileged", "privileged builds") }
    }

    enum DockerfileSource: Equatable {
        /// The path inside the context, relative to it.
        case inContext(String)
        /// The content of a Dockerfile outside the context (the classic builder reads it only from inside).
        case outside([UInt8])
    }

    /// Where the Dockerfile (relative to the context, or absolute) is.
    static func locate(dockerfile: String, context: String, service: String) throws -> DockerfileSource {
        let path = dockerfile.hasPrefix("/") ? dockerfile : context + "/" + dockerfile
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        let root = URL(fileURLWithPath: context).standardizedFileURL.path
        let prefix = root.hasSuffix("/") ? root : root + "/"
        if standardized.hasPrefix(prefix) { return .inContext(String(standardized.dropFirst(prefix.count))) }
        guard let data = FileManager.default.contents(atPath: standardized) else {
            throw OrchestrationError.service(service, .unreadableFile, "cannot read the Dockerfile \(standardized)")
        }
        return .outside([UInt8](data))
    }

    /// Sends `content` as the Dockerfile under `name` (made unique in the context), and a `.dockerignore` that
    /// adds it to the context's own rules, so that the engine leaves it out of what `COPY .` copies.
    private mutating func generate(dockerfile content: [UInt8], name: String) throws {
        var unique = name
        var counter = 1
        while FileManager.default.fileExists(atPath: directory + "/" + unique) {
            counter += 1
            unique = "\(name)-\(counter)"
        }
        let ignorePath = directory + "/.dockerignore"
        var ignore =
            FileManager.default.contents(atPath: ignorePath).map { [UInt8]($0) } ?? Array("/.dockerignore\n".utf8)
        if let last = ignore.last, last != UInt8(ascii: "\n") { ignore.append(UInt8(ascii: "\n")) }
        ignore += Array("/\(unique)\n".utf8)
        dockerfile = unique
        generatedFiles = [(unique, content), (".dockerignore", ignore)]
    }
}
