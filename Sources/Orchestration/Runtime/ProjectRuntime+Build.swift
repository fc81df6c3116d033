import ComposeSpec
import DockerEngine
import Foundation

/// What `build` (and `up --build`) may change about a build, as their flags say.
public struct BuildRequest: Sendable {
    public var noCache = false
    public var pull = false
    /// `--build-arg KEY=VALUE`, over the file's `args`.
    public var arguments: [String: String] = [:]

    public init() {}
}

extension ProjectRuntime {
    /// Builds the images of `services` (all with a `build` section when empty), one at a time per service,
    /// streaming the engine's output into the progress display.
    public func build(_ services: [String], request: BuildRequest = BuildRequest()) async throws {
        let selection = try selection(services, withDependencies: false)
        for name in selection.sorted() where self.services[name]?["build"] != nil {
            try await buildImage(of: name, request: request)
        }
    }

    /// Builds one service's image, named by its `image` or `<project>-<service>`.
    func buildImage(of service: String, request: BuildRequest) async throws {
        guard let build = services[service]?["build"] else { return }
        let image = imageName(of: service)
        let resource = "Image \(image)"
        guard build["dockerfile_inline"] == nil else {
            throw RuntimeError("service \"\(service)\": dockerfile_inline is not supported by `pier build` yet")
        }
        if let platforms = build["platforms"]?.sequence, platforms.count > 1 {
            throw RuntimeError(
                "service \"\(service)\": building for several platforms needs BuildKit, which this engine's API lacks")
        }
        guard let directory = build["context"]?.scalarText, directory.hasPrefix("/") else {
            throw RuntimeError("service \"\(service)\": remote build contexts are not supported by `pier build` yet")
        }
        var options = BuildOptions(tags: [image], dockerfile: build["dockerfile"]?.scalarText ?? "Dockerfile")
        options.target = build["target"]?.scalarText
        var arguments: [String: String?] = [:]
        for (key, value) in build["args"]?.mapping ?? [:] { arguments[key] = value.scalarText }
        for (key, value) in request.arguments { arguments[key] = value }
        options.buildArguments = arguments
        options.labels = Dictionary(
            uniqueKeysWithValues: (build["labels"]?.mapping ?? [:]).compactMap { key, value in
                value.scalarText.map { (key, $0) }
            })
        options.noCache = request.noCache || build["no_cache"]?.value.isTrue == true
        options.pull = request.pull || build["pull"]?.value.isTrue == true
        options.networkMode = build["network"]?.scalarText
        options.extraHosts = (build["extra_hosts"]?.sequence ?? []).compactMap {
            $0.scalarText?.replacingOccurrences(of: "=", with: ":")
        }
        options.cacheFrom = (build["cache_from"]?.sequence ?? []).compactMap(\.scalarText)
        options.shmSize = build["shm_size"]?.scalarText.flatMap { Int64($0) }
        options.platform = build["platforms"]?.sequence?.first?.scalarText ?? services[service]?["platform"]?.scalarText
        options.forceRemovesIntermediateContainers = true
        options.registryConfig = buildRegistryConfig(for: service)

        let dockerfile = options.dockerfile ?? "Dockerfile"
        let context = try BuildContext(
            directory: directory, dockerfile: dockerfile,
            ignore: try DockerIgnore.load(contextDirectory: directory, dockerfile: dockerfile))
        progress(.working(resource, "Building"))
        var lastLines: [String] = []
        do {
            for try await message in try await client.buildImage(context: EngineBodyStream(context), options: options) {
                guard let text = message.stream else { continue }
                for line in text.split(separator: "\n") where !line.isEmpty {
                    lastLines = Array((lastLines + [String(line)]).suffix(10))
                    progress(
                        ProgressEvent(resource: resource, text: "Building", status: .working, detail: String(line)))
                }
            }
        } catch {
            progress(.failed(resource, "build failed"))
            throw RuntimeError(
                "service \"\(service)\": build failed: \(EngineErrorText.message(error))\n"
                    + lastLines.map { "  " + $0 }.joined(separator: "\n"))
        }
        for tag in (build["tags"]?.sequence ?? []).compactMap(\.scalarText) {
            let (repository, version) = Self.split(tag)
            try await client.tagImage(image, repository: repository, tag: version)
        }
        progress(.done(resource, "Built"))
    }

    /// `registry/name:tag` into repository and tag (`latest` when absent).
    static func split(_ reference: String) -> (String, String) {
        let slash = reference.lastIndex(of: "/") ?? reference.startIndex
        guard let colon = reference[slash...].lastIndex(of: ":") else { return (reference, "latest") }
        return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
    }
}

/// The message of an error, for people.
enum EngineErrorText {
    static func message(_ error: any Error) -> String {
        switch error {
        case let error as EngineError: return error.message
        case let error as RuntimeError: return error.message
        default: return String(describing: error)
        }
    }
}
