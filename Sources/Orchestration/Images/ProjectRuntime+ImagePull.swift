import DockerEngine
import Foundation

/// Pulling one image for a service, with the registry credentials `config.json` gives and a progress line per
/// layer, as Compose shows them.
extension ProjectRuntime {
    /// Pulls each `(service, image)` concurrently and returns the failures; a failure of a service that
    /// `canBuild` is shown as a warning (it will be built instead).
    func pullConcurrently(
        _ pulls: [(service: String, image: String)], quiet: Bool, canBuild: @escaping @Sendable (String) -> Bool
    ) async -> [OrchestrationError] {
        await withTaskGroup(of: OrchestrationError?.self) { group in
            for (service, image) in pulls {
                group.addTask {
                    do {
                        try await pullImage(image, for: service, quiet: quiet, failureIsWarning: canBuild(service))
                        return nil
                    } catch let error as OrchestrationError {
                        return error
                    } catch {
                        return .pullFailed(service: service, image: image, error)
                    }
                }
            }
            return await group.reduce(into: [OrchestrationError]()) { if let failure = $1 { $0.append(failure) } }
        }
    }

    /// Pulls `image` for `service`, reporting `Pulling`, each layer under the service (unless `quiet`), then
    /// `Pulled`. Failures are thrown (code `pullFailed`) once reported (as an error, or as a warning when
    /// `failureIsWarning`: the service can be built instead).
    func pullImage(_ image: String, for service: String, quiet: Bool = false, failureIsWarning: Bool = false)
        async throws
    {
        progress(.message(service, "Pulling"))
        do {
            let auth = try await registryAuth(for: image)
            if client.isDryRun {
                // What a pull would find: the registry's answer for the image, read through the engine.
                let tagged = ImageDigests.hasTag(image) ? image : image + ":latest"
                _ = try await client.inspectDistribution(tagged, registryAuth: auth)
            }
            let platform = services[service]?["platform"]?.scalarText
            for try await message in try await client.pullImage(image, platform: platform, registryAuth: auth) {
                guard !quiet, let event = Self.layerEvent(message, resource: message.id, parent: service) else {
                    continue
                }
                progress(event)
            }
        } catch {
            progress(
                .message(
                    service, failureIsWarning ? "Warning" : "Error", status: failureIsWarning ? .warning : .error,
                    detail: "\(error)"))
            throw OrchestrationError.pullFailed(service: service, image: image, error)
        }
        progress(.message(service, "Pulled", status: .done))
    }

    /// The `X-Registry-Auth` header for the registry `image` names: its credentials, or anonymous.
    func registryAuth(for image: String) async throws -> String {
        do {
            return try await credentials.credentials(forImage: image)?.header ?? RegistryCredentials.anonymousHeader
        } catch {
            throw OrchestrationError(
                .unreadableFile, "cannot read the credentials for \(image): \(error)", underlying: error)
        }
    }

    /// Every registry credential, for the builder to pull base images with (`X-Registry-Config`); nil when there
    /// are none. Credentials that cannot be read are a warning: the build may not need them.
    func buildRegistryConfig(for service: String) async -> JSONValue? {
        do {
            let all = try await credentials.allCredentials()
            return all.isEmpty ? nil : .object(all.mapValues(\.json))
        } catch {
            progress(
                .warning(service, "building without registry credentials: \(error)"))
            return nil
        }
    }

    /// A layer's progress line, from a pull or push message that carries one (those with an `id` and a
    /// `progressDetail`; others, like `Digest: …`, are not shown).
    static func layerEvent(_ message: ProgressMessage, resource: String?, parent: String?) -> ProgressEvent? {
        guard let resource, message.id != nil, let status = message.status, let detail = message.progressDetail else {
            return nil
        }
        let finished =
            ["Pull complete", "Already exists", "Pushed", "Layer already exists"].contains(status)
            || status.hasPrefix("Mounted from")
        var event = ProgressEvent.message(
            resource, status, status: finished ? .done : .working, detail: message.progress, parent: parent)
        event.current = detail.current
        event.total = detail.total
        return event
    }
}

extension OrchestrationError {
    /// A pull that failed: the engine's message, and what to do when the registry wants credentials.
    static func pullFailed(service: String, image: String, _ error: any Error) -> OrchestrationError {
        let message = "\(error)"
        return .service(
            service, .pullFailed,
            "cannot pull \(image): \(message)" + (loginHint(message, image: image).map { "\n" + $0 } ?? ""),
            underlying: error)
    }

    /// What to do when a registry refused a pull or push for want of credentials; nil for other failures.
    static func loginHint(_ message: String, image: String) -> String? {
        let lowered = message.lowercased()
        let needsLogin = ["no basic auth credentials", "unauthorized", "authentication required"].contains {
            lowered.contains($0)
        }
        guard needsLogin else { return nil }
        let host = RegistryAddress.host(ofImage: image)
        return "the registry \(host) wants credentials for \(image): log in with `docker login \(host)`, or add "
            + "them to config.json (its auths, or a credential helper)"
    }
}
