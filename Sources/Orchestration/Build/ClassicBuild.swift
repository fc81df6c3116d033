import ComposeSpec
import DockerEngine
import Foundation

/// One service's `build` section turned into a classic-builder request (`POST /build` with a tar context): the
/// engine's query options, and the context to send (the directory, plus a generated Dockerfile for
/// `dockerfile_inline` or a Dockerfile outside the context). Attributes the classic builder cannot honour are
/// refused, naming the service and the attribute. Used where the engine has no BuildKit (Podman's API) and when
/// `DOCKER_BUILDKIT=0`.
struct ClassicBuild {
    static let builderLabel = ("com.docker.compose.image.builder", "classic")

    var options: BuildOptions
    var directory: String
    /// The Dockerfile's name inside the context as the engine reads it.
    var dockerfile: String
    /// Files added to the context: a generated Dockerfile, and a `.dockerignore` keeping it out of `COPY .`.
    var generatedFiles: [(name: String, content: [UInt8])] = []

    init(_ section: BuildSection, memory: Int64?) throws {
        try Self.refuseUnsupported(section)
        directory = section.context
        options = BuildOptions(tags: section.tags)
        dockerfile = "Dockerfile"
        switch section.dockerfile {
        case .inline(let content):
            try generate(dockerfile: content, name: ".pier-dockerfile-inline")
        case .file(let path):
            switch try Self.locate(dockerfile: path, context: directory, service: section.service) {
            case .inContext(let relative): dockerfile = relative
            case .outside(let content): try generate(dockerfile: content, name: ".pier-dockerfile-outside")
            }
        }
        options.dockerfile = dockerfile
        options.target = section.target
        options.buildArguments = section.arguments
        options.labels = section.labels.merging([Self.builderLabel.0: Self.builderLabel.1]) { $1 }
        options.noCache = section.noCache
        options.pull = section.pull
        options.networkMode = section.network
        options.extraHosts = section.extraHosts.map { $0.replacingOccurrences(of: "=", with: ":") }
        options.cacheFrom = section.cacheFrom
        options.shmSize = section.shmSize
        options.memory = memory
        options.isolation = section.isolation
        options.ulimits = section.ulimits
        options.platform = section.platforms.first
        options.forceRemovesIntermediateContainers = true
    }

    /// Refuses what needs BuildKit, as the reference does on the classic builder (with a way out).
    static func refuseUnsupported(_ section: BuildSection) throws {
        func refusal(_ attribute: String, _ what: String) -> OrchestrationError {
            OrchestrationError.service(
                section.service, .unsupported,
                "build.\(attribute) needs BuildKit, which this engine does not offer (or DOCKER_BUILDKIT=0 turned it"
                    + " off), and the classic builder doesn't support \(what): remove build.\(attribute) or build on"
                    + " an engine with BuildKit",
                at: section.location(of: attribute))
        }
        if section.platforms.count > 1 {
            throw refusal("platforms", "multi-arch builds (\(section.platforms.joined(separator: ", ")))")
        }
        if !section.additionalContexts.isEmpty { throw refusal("additional_contexts", "additional contexts") }
        if !section.ssh.isEmpty { throw refusal("ssh", "SSH agent forwarding or keys") }
        if !section.secrets.isEmpty { throw refusal("secrets", "build secrets") }
        if section.privileged { throw refusal("privileged", "privileged builds") }
        if !section.cacheTo.isEmpty { throw refusal("cache_to", "cache exports") }
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
