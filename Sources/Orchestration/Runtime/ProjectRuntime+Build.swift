import ComposeSpec
import DockerEngine
import Foundation

extension ProjectRuntime {
    /// Builds the images of `services` (every service with a `build` section when empty; with `withDependencies`,
    /// also those the named ones depend on), at most `limit` at a time (unbounded when nil), streaming the
    /// engine's output to `request.output` or into the progress display.
    public func build(
        _ services: [String], request: BuildRequest = BuildRequest(), withDependencies: Bool = false,
        limit: Int? = nil
    ) async throws {
        let buildable = try buildableServices(services, withDependencies: withDependencies)
        try await forEachConcurrently(buildable, limit: limit) { name in
            try await buildImage(of: name, request: request)
        }
    }

    /// The services `build` builds: those selected that have a `build` section, sorted.
    public func buildableServices(_ services: [String], withDependencies: Bool = false) throws -> [String] {
        try selection(services, withDependencies: withDependencies).sorted().filter {
            self.services[$0]?["build"] != nil
        }
    }

    /// Builds one service's image, named by its `image` or `<project>-<service>`, also tagged with `build.tags`.
    func buildImage(of service: String, request: BuildRequest) async throws {
        guard let build = services[service]?["build"] else { return }
        let resource = "Service \(service)"
        var checkout: (checkout: String, context: String)?
        defer { if let checkout { try? FileManager.default.removeItem(atPath: checkout.checkout) } }
        if let context = build.field("context")?.scalarText, let git = GitContext(context) {
            progress(.working(resource, "Fetching \(git.url)"))
            do {
                checkout = try await git.fetch()
            } catch {
                progress(.failed(resource, "fetch failed"))
                throw OrchestrationError.service(
                    service, .processFailed, "cannot fetch the build context \(context): \(error)", underlying: error)
            }
        }
        var plan = try ServiceBuild(
            service: service, build: build, image: imageName(of: service),
            platform: services[service]?.field("platform")?.scalarText, request: request,
            environment: project.environment, checkout: checkout?.context)
        plan.options.registryConfig = await buildRegistryConfig(for: service)
        plan.options.labels.merge(project.resourceLabels) { own, _ in own }
        let context: BuildContext
        do {
            context = try BuildContext(
                directory: plan.directory, dockerfile: plan.dockerfile,
                ignore: try DockerIgnore.load(contextDirectory: plan.directory, dockerfile: plan.dockerfile),
                generatedFiles: plan.generatedFiles)
        } catch {
            throw OrchestrationError.service(service, .unreadableFile, "\(error)", underlying: error)
        }
        progress(.working(resource, "Building"))
        var lastLines: [String] = []
        func emit(_ line: String) {
            lastLines = Array((lastLines + [line]).suffix(10))
            if let output = request.output {
                output(service, line)
            } else if !line.isEmpty {
                // One display line per service: a long step is cut rather than wrapped.
                let detail = line.count > 80 ? line.prefix(79) + "…" : line
                progress(ProgressEvent(resource: resource, text: "Building", status: .working, detail: detail))
            }
        }
        // The engine sends a step's text and its newline in separate messages: lines are joined back first.
        var partial = ""
        do {
            let stream = try await client.buildImage(context: EngineBodyStream(context), options: plan.options)
            for try await message in stream {
                guard let text = message.stream else { continue }
                partial += text
                while let newline = partial.firstIndex(of: "\n") {
                    emit(String(partial[..<newline]))
                    partial = String(partial[partial.index(after: newline)...])
                }
            }
            if !partial.isEmpty { emit(partial) }
        } catch {
            progress(.failed(resource, "build failed"))
            throw OrchestrationError.service(
                service, .buildFailed,
                "build failed: \(error)"
                    + (lastLines.isEmpty ? "" : "\n" + lastLines.map { "  " + $0 }.joined(separator: "\n")),
                underlying: error)
        }
        progress(.done(resource, "Built"))
    }
}
