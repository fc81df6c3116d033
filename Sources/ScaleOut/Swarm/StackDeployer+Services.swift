import ComposeSpec
import Digest
import DockerEngine
import Foundation

/// A service of the stack as deployed: its name in the file and its id on the manager.
struct DeployedService: Sendable {
    var name: String
    var id: String
}

/// Services: created, updated (rolled by their update config) or left alone, in dependency order.
extension StackDeployer {
    func deployServices(files: Files, options: StackDeployOptions) async throws -> [DeployedService] {
        let existing = try await client.listSwarmObjects(.services, filters: EngineFilters(StackNames.filter(stack)))
        let watcher = StackWatcher(client: client, timeout: options.timeout, progress: progress)
        var deployed: [DeployedService] = []
        for (name, dependencies) in translation.startOrder {
            guard let service = document["services"]?[name] else { continue }
            for dependency in dependencies {
                guard let target = deployed.first(where: { $0.name == dependency.service }) else { continue }
                progress(
                    .waiting(service: name, dependency: dependency.service, condition: dependency.condition.rawValue))
                try await watcher.waitFor(target, condition: dependency.condition)
            }
            var spec = SwarmServiceSpec(stack: stack, name: name, service: service, document: document, files: files)
                .spec
            let image = service.field("image")?.string ?? ""
            // `always` pins the image first, so that a new digest behind the same tag is a change; `changed` pins
            // only the services that change otherwise.
            if options.resolveImage == .always, let pinned = await pinnedImage(image) {
                spec = Self.replacingImage(in: spec, with: pinned)
            }
            let hash = Self.hash(spec)
            spec = Self.labelled(spec, hash: hash)
            let current = existing.first { $0.name == StackNames.scoped(stack, name) }
            if let current, current.labels[StackNames.specHashLabel] == hash {
                progress(.unchanged(service: name))
                deployed.append(DeployedService(name: name, id: current.id))
                continue
            }
            if options.resolveImage == .changed, let pinned = await pinnedImage(image) {
                spec = Self.replacingImage(in: spec, with: pinned)
            }
            let auth = options.withRegistryAuth ? try await registryAuth(image) : nil
            if let current {
                let warnings = try await client.updateService(
                    current.id, version: current.version, spec: spec, registryAuth: auth)
                for warning in warnings { progress(.warning(warning)) }
                progress(.updated(service: name))
                deployed.append(DeployedService(name: name, id: current.id))
            } else {
                let id = try await client.createSwarmObject(.services, spec: spec, registryAuth: auth)
                progress(.created(kind: "service", name: StackNames.scoped(stack, name)))
                deployed.append(DeployedService(name: name, id: id))
            }
        }
        return deployed
    }

    /// Removes the stack's services that left the file.
    func prune(keeping names: Set<String>) async throws {
        let kept = Set(names.map { StackNames.scoped(stack, $0) })
        for service in try await client.listSwarmObjects(.services, filters: EngineFilters(StackNames.filter(stack)))
        where !kept.contains(service.name) {
            try await client.removeSwarmObject(.services, service.id)
            progress(.removed(kind: "service", name: service.name))
        }
    }

    /// The hash of a spec, its keys sorted: equal specs, equal hashes.
    static func hash(_ spec: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return SHA256.hexDigest(Array((try? encoder.encode(spec)) ?? Data()))
    }

    static func labelled(_ spec: JSONValue, hash: String) -> JSONValue {
        guard case .object(var members) = spec, case .object(var labels) = members["Labels"] ?? [:] else { return spec }
        labels[StackNames.specHashLabel] = .string(hash)
        members["Labels"] = .object(labels)
        return .object(members)
    }

    static func replacingImage(in spec: JSONValue, with image: String) -> JSONValue {
        guard case .object(var members) = spec, case .object(var task) = members["TaskTemplate"],
            case .object(var container) = task["ContainerSpec"]
        else { return spec }
        container["Image"] = .string(image)
        task["ContainerSpec"] = .object(container)
        members["TaskTemplate"] = .object(task)
        return .object(members)
    }

    /// The image pinned to its registry digest (`name@sha256:…`), as `--resolve-image` asks; nil, with the Docker
    /// CLI's warning, when no registry answers for it.
    func pinnedImage(_ image: String) async -> String? {
        let request = EngineRequest(.get, "/distribution/\(image)/json")
        if let response = try? await client.send(request),
            let answer = try? JSONDecoder().decode(JSONValue.self, from: Data(response.body)),
            let digest = answer["Descriptor"]?["Digest"]?.stringValue
        {
            let name = image.split(separator: "@").first.map(String.init) ?? image
            return "\(name)@\(digest)"
        }
        progress(
            .warning(
                "image \(image) could not be accessed on a registry to record its digest. Each node will access "
                    + "\(image) independently, possibly leading to different nodes running different versions of the image."
            ))
        return nil
    }

    private func registryAuth(_ image: String) async throws -> String {
        let store = CredentialStore(environment: ProcessInfo.processInfo.environment)
        return try await store.credentials(forImage: image)?.header ?? RegistryCredentials.anonymousHeader
    }
}
