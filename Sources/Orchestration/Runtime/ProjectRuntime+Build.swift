import ComposeSpec
import DockerEngine
import Foundation
import Synchronization

extension ProjectRuntime {
    /// Builds the images of `services` (every service with a `build` section when empty; with `withDependencies`,
    /// also those the named ones depend on), at most `limit` at a time (unbounded when nil), streaming the
    /// engine's output to `request.output` or into the progress display.
    public func build(
        _ services: [String], request: BuildRequest = BuildRequest(), withDependencies: Bool = false,
        limit: Int? = nil
    ) async throws {
        let buildable = try buildableServices(services, withDependencies: withDependencies)
        try await buildInOrder(buildable, request: request, limit: limit)
    }

    /// Builds `names` and the services their `additional_contexts` name (`service:NAME`), each after those it
    /// names, at most `limit` at a time.
    func buildInOrder(_ names: [String], request: BuildRequest, limit: Int?) async throws {
        var pending = Set<String>()
        var queue = names
        while let name = queue.popLast() {
            guard pending.insert(name).inserted else { continue }
            for context in contextServices(of: name)
            where services[context]?["build"] != nil || services[context] == nil {
                guard services[context] != nil else {
                    throw OrchestrationError.service(
                        name, .notFound,
                        "build.additional_contexts names service:\(context), which this command did not load:"
                            + " build it first (`pier build \(context)`)")
                }
                queue.append(context)
            }
        }
        while !pending.isEmpty {
            let ready = pending.filter { contextServices(of: $0).allSatisfy { !pending.contains($0) } }.sorted()
            guard !ready.isEmpty else {
                throw OrchestrationError(
                    .conflict,
                    "the services \(pending.sorted().joined(separator: ", ")) name each other in"
                        + " build.additional_contexts: a cycle no build order can satisfy")
            }
            try await forEachConcurrently(ready, limit: limit) { name in
                try await buildImage(of: name, request: request)
            }
            pending.subtract(ready)
        }
    }

    /// The services a service's build names as contexts (`additional_contexts` values `service:NAME`).
    func contextServices(of service: String) -> [String] {
        services[service].map(Self.contextServices(of:)) ?? []
    }

    /// The services a service definition's build names as contexts: Compose builds them first, although they
    /// are no dependencies of the service (`config` and `up` leave them out of a selection).
    public static func contextServices(of service: Node) -> [String] {
        (service.field("build")?.field("additional_contexts")?.mapping ?? [:]).values.compactMap {
            guard let value = $0.scalarText, value.hasPrefix("service:") else { return nil }
            return String(value.dropFirst(8))
        }
    }

    /// The services `build` builds: those selected that have a `build` section, sorted.
    public func buildableServices(_ services: [String], withDependencies: Bool = false) throws -> [String] {
        try selection(services, withDependencies: withDependencies).sorted().filter {
            self.services[$0]?["build"] != nil
        }
    }

    /// Builds one service's image, named by its `image` or `<project>-<service>`, also tagged with `build.tags`:
    /// with the engine's BuildKit, or with its classic builder where it has none (Podman's API) or when
    /// `DOCKER_BUILDKIT=0`.
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
        let section = try BuildSection(
            service: service, build: build, image: imageName(of: service),
            platform: services[service]?.field("platform")?.scalarText, request: request,
            environment: project.environment, checkout: checkout?.context)
        progress(.working(resource, "Building"))
        if client.isDryRun {
            // A dry run builds nothing (a BuildKit session would take over a connection), having checked what a
            // build checks before it reaches the engine.
            try checkBuild(section, request: request)
            return progress(.done(resource, "Built"))
        }
        if BuilderChoice.prefersBuildKit(ProcessInfo.processInfo.environment) {
            do {
                try await buildWithBuildKit(section, request: request)
                progress(.done(resource, "Built"))
                return
            } catch let error as EngineError where error.code == .notFound && error.status == 404 {
                // No BuildKit on this engine: the classic builder below.
            } catch {
                progress(.failed(resource, "build failed"))
                throw error
            }
        }
        try await buildClassic(section, request: request)
        progress(.done(resource, "Built"))
    }

    /// What a build of `section` refuses before it reaches the engine (secrets, SSH, cache entries, the context),
    /// checked without building.
    private func checkBuild(_ section: BuildSection, request: BuildRequest) throws {
        if BuilderChoice.prefersBuildKit(ProcessInfo.processInfo.environment) {
            _ = try BuildKitServiceBuild(
                section, project: project.name, secrets: project.document["secrets"]?.mapping ?? [:],
                environment: project.environment, imageOfService: imageName(of:))
        } else {
            _ = try ClassicBuild(section, memory: request.memory)
        }
    }

    /// Builds with the engine's BuildKit through a session; throws a 404 ``EngineError`` where there is none.
    private func buildWithBuildKit(_ section: BuildSection, request: BuildRequest) async throws {
        let plan = try BuildKitServiceBuild(
            section, project: project.name, secrets: project.document["secrets"]?.mapping ?? [:],
            environment: project.environment, imageOfService: imageName(of:))
        var providers = plan.providers
        let store = credentials
        providers.credentials = { host in
            guard let found = try? await store.credentials(forHost: host), let username = found.username else {
                return nil
            }
            return RegistryCredential(username: username, secret: found.password ?? found.identityToken ?? "")
        }
        let syntax = request.syntaxFallback ? DockerfileSyntax.directive(in: try section.dockerfileContent()) : nil
        do {
            try await runBuildKit(plan, providers: providers, service: section.service, output: request.output)
        } catch let error as OrchestrationError
            where syntax.map { syntax in
                (error.underlying as? EngineError).map { Self.isFrontendResolution($0, syntax: syntax) } == true
            } == true
        {
            let syntax = syntax ?? ""
            progress(
                ProgressEvent(
                    resource: "Service \(section.service)", text: "Warning", status: .warning,
                    detail: "the Dockerfile's frontend image \(syntax) (its # syntax= line) cannot be resolved, so it"
                        + " is built with the engine's built-in Dockerfile frontend; PIER_SYNTAX_FALLBACK=0 or"
                        + " --no-syntax-fallback turns this off"))
            var fallback = plan
            // Any `cmdline` makes the built-in frontend read the Dockerfile itself instead of forwarding to the
            // frontend its syntax line names.
            fallback.build.frontendAttributes["cmdline"] = ""
            try await runBuildKit(fallback, providers: providers, service: section.service, output: request.output)
        }
    }

    /// Whether BuildKit failed to fetch the frontend image `syntax` (a `# syntax=` line) names: its messages
    /// name the image (`failed to resolve source metadata for docker.io/docker/dockerfile:1`, BuildKit 0.13) or
    /// the gateway frontend that needed it (`failed to solve with frontend gateway.v0`, BuildKit 0.8).
    static func isFrontendResolution(_ error: EngineError, syntax: String) -> Bool {
        let name = syntax.split(separator: "@").first.map { $0.split(separator: ":").first ?? $0 } ?? Substring(syntax)
        return error.message.contains("frontend gateway.v0")
            || (error.message.contains("failed to resolve source metadata") && error.message.contains(name))
    }

    private func runBuildKit(
        _ plan: BuildKitServiceBuild, providers: BuildSessionProviders, service: String,
        output: (@Sendable (String, String) -> Void)?
    ) async throws {
        let state = Mutex(BuildKitProgressState(service: service))
        let resource = "Service \(service)"
        let progress = self.progress
        do {
            _ = try await client.build(plan.build, providers: providers, sharedKey: plan.sharedKey) { update in
                let (lines, step) = state.withLock { state in (state.apply(update), state.currentStep) }
                if let output {
                    for line in lines { output(service, line) }
                } else if let step {
                    let detail = step.count > 80 ? step.prefix(79) + "…" : step
                    progress(
                        ProgressEvent(resource: resource, text: "Building", status: .working, detail: String(detail)))
                }
            }
        } catch let error as EngineError where error.code == .server {
            let (summary, base) = state.withLock { ($0.failureSummary, $0.failedBaseImage) }
            let hint = base.flatMap { OrchestrationError.loginHint(error.message, image: $0) }
            throw OrchestrationError.service(
                service, .buildFailed,
                "build failed: \(error.message)" + (summary.isEmpty ? "" : "\n" + summary.joined(separator: "\n"))
                    + (hint.map { "\n" + $0 } ?? ""),
                underlying: error)
        }
    }

    /// Builds with the classic builder: the context as a tar stream, the engine's output lines.
    private func buildClassic(_ section: BuildSection, request: BuildRequest) async throws {
        let service = section.service
        let resource = "Service \(service)"
        var plan = try ClassicBuild(section, memory: request.memory)
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
    }
}

/// Which builder builds: BuildKit unless `DOCKER_BUILDKIT` turns it off (`0`, `false`), as in Docker Compose.
enum BuilderChoice {
    static func prefersBuildKit(_ environment: [String: String]) -> Bool {
        guard let value = environment["DOCKER_BUILDKIT"]?.lowercased(), !value.isEmpty else { return true }
        return !["0", "false", "no", "off"].contains(value)
    }
}
