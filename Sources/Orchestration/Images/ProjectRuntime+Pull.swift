import ComposeSpec
import DockerEngine

/// What `pull` does, as its flags say.
public struct PullOptions: Sendable {
    public enum Policy: String, Sendable {
        case missing, always
    }

    public var services: [String] = []
    /// `--include-deps`: also the services the named ones depend on.
    public var includeDependencies = false
    /// `--ignore-pull-failures`: report failed pulls, but succeed.
    public var ignoreFailures = false
    /// `--ignore-buildable`: leave the images of services with a `build` section alone.
    public var ignoreBuildable = false
    /// `--policy`: instead of each service's `pull_policy`.
    public var policy: Policy?
    /// `-q`: no line per layer.
    public var quiet = false

    public init() {}
}

/// How a `pull` went: the services whose image could not be pulled but can be built, and the failures that are
/// not ignored (one error, or an ``AggregateError`` of several).
public struct PullOutcome: Sendable {
    public var mustBuild: [String] = []
    public var failure: (any Error)?
}

extension ProjectRuntime {
    /// Pulls the images of the selected services that their policy (or `options.policy`) says to pull, each
    /// image once, concurrently.
    public func pull(_ options: PullOptions) async throws -> PullOutcome {
        let selection = try selection(options.services, withDependencies: options.includeDependencies)
        var pullers: [String: String] = [:]  // image -> the service that pulls it
        var pulls: [(service: String, image: String)] = []
        for name in selection.sorted() {
            guard let image = services[name]?["image"]?.scalarText else {
                progress(.message(name, "Skipped - No image to be pulled", status: .done))
                continue
            }
            if let reason = try await skipReason(name, image: image, policy: options.policy) {
                progress(.message(name, reason, status: .done))
                continue
            }
            if options.ignoreBuildable, services[name]?["build"] != nil {
                progress(.message(name, "Skipped - Image can be built", status: .done))
                continue
            }
            if let other = pullers[image] {
                progress(.message(name, "Skipped - Image is already being pulled by \(other)", status: .done))
                continue
            }
            pullers[image] = name
            pulls.append((name, image))
        }
        let services = self.services
        let failures = await pullConcurrently(pulls, quiet: options.quiet) { services[$0]?["build"] != nil }
        var outcome = PullOutcome()
        outcome.mustBuild = failures.compactMap(\.service).filter { services[$0]?["build"] != nil }.sorted()
        if !options.ignoreFailures { outcome.failure = AggregateError.combining(failures) }
        return outcome
    }

    /// Why `pull` leaves a service's image alone, as Compose words it; nil to pull it. An image tagged `latest`
    /// is pulled even when present: it may have moved.
    private func skipReason(_ service: String, image: String, policy: PullOptions.Policy?) async throws -> String? {
        let servicePolicy = services[service]?["pull_policy"]?.scalarText ?? ""
        let checksPresence: Bool
        switch policy {
        case .always?: return nil
        case .missing?: checksPresence = true
        case nil:
            if ["never", "build"].contains(servicePolicy) { return "Skipped" }
            checksPresence = ["missing", "if_not_present"].contains(servicePolicy)
        }
        guard checksPresence, ImageReference.familiarNameAndTag(image).tag != "latest",
            try await inspect({ try await client.inspectImage(image) }) != nil
        else { return nil }
        return "Skipped - Image is already present locally"
    }
}
