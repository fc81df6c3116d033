import ComposeSpec
import DockerEngine

/// What `push` does, as its flags say.
public struct PushOptions: Sendable {
    public var services: [String] = []
    /// `--include-deps`: also the services the named ones depend on.
    public var includeDependencies = false
    /// `--ignore-push-failures`: report failed pushes, but succeed.
    public var ignoreFailures = false
    /// `-q`: no progress at all.
    public var quiet = false

    public init() {}
}

extension ProjectRuntime {
    /// Pushes the images of the selected services that are built (`build` and `image`), with their `build.tags`,
    /// each to its registry, concurrently. Returns the failures it ignored, as messages.
    public func push(_ options: PushOptions) async throws -> [String] {
        let selection = try selection(options.services, withDependencies: options.includeDependencies)
        var references: [String] = []
        for name in selection.sorted() {
            guard let service = services[name], service["build"] != nil, let image = service["image"]?.scalarText
            else {
                if !options.quiet { progress(.message(name, "Skipped", status: .done)) }
                continue
            }
            let tags = (service["build"]?["tags"]?.sequence ?? []).compactMap(\.scalarText)
            for reference in [image] + tags where !references.contains(reference) { references.append(reference) }
        }
        let failures = await withTaskGroup(of: (String, String)?.self) { group in
            for reference in references {
                group.addTask {
                    do {
                        try await pushImage(reference, quiet: options.quiet)
                        return nil
                    } catch {
                        return (reference, "\(error)")
                    }
                }
            }
            return await group.reduce(into: [(String, String)]()) { if let failure = $1 { $0.append(failure) } }
        }.sorted { $0.0 < $1.0 }
        if !options.ignoreFailures,
            let failure = AggregateError.combining(
                failures.map { reference, message in
                    OrchestrationError(
                        .pushFailed,
                        message + (OrchestrationError.loginHint(message, image: reference).map { "\n" + $0 } ?? ""))
                })
        {
            throw failure
        }
        return failures.map { "Pushing \($0.0): \($0.1)" }
    }

    /// Pushes one image, a progress line per layer (`Pushing IMAGE: LAYER`, as Compose names them).
    private func pushImage(_ reference: String, quiet: Bool) async throws {
        let auth = try await registryAuth(for: reference)
        for try await message in try await client.pushImage(reference, registryAuth: auth) where !quiet {
            let resource = message.id.map { "Pushing \(reference): \($0)" }
            if let event = Self.layerEvent(message, resource: resource, parent: nil) { progress(event) }
        }
    }
}
