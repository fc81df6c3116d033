import ComposeSpec
import Digest
import DockerEngine
import Foundation

/// One service's `build` section turned into a build for the engine's BuildKit, as Docker Compose sends it:
/// the Dockerfile frontend's options, the engine's image exporter, and what the session offers (the context,
/// the Dockerfile's folder, named contexts, secrets and SSH agents).
struct BuildKitServiceBuild {
    var build: BuildKitBuild
    var providers: BuildSessionProviders
    /// Names the session's files across builds, so that a rebuild sends only what changed.
    var sharedKey: String

    /// - Parameters:
    ///   - secrets: the project's top-level `secrets`, which `build.secrets` names.
    ///   - imageOfService: the image a service builds, for `service:NAME` contexts.
    init(
        _ section: BuildSection, project: String, secrets: Node.Mapping, environment: [String: String],
        imageOfService: (String) -> String
    ) throws {
        var attributes: [String: String] = [:]
        var directories: [String: any SyncedDirectory] = ["context": SessionDirectory(root: section.context)]
        switch section.dockerfile {
        case .file(let path):
            let url = URL(fileURLWithPath: path)
            attributes["filename"] = url.lastPathComponent
            directories["dockerfile"] = SessionDirectory(root: url.deletingLastPathComponent().path)
        case .inline(let content):
            attributes["filename"] = "Dockerfile"
            directories["dockerfile"] = InlineDockerfileDirectory(name: "Dockerfile", content: content)
        }
        if let target = section.target { attributes["target"] = target }
        for (name, value) in section.arguments {
            if let value { attributes["build-arg:" + name] = value }
        }
        let labels = section.labels.merging([
            ComposeLabels.project: project, ComposeLabels.service: section.service,
            ComposeLabels.version: ComposeLabels.compatibleVersion,
        ]) { $1 }
        for (name, value) in labels { attributes["label:" + name] = value }
        if section.noCache { attributes["no-cache"] = "" }
        attributes["image-resolve-mode"] = section.pull ? "pull" : "local"
        if !section.platforms.isEmpty { attributes["platform"] = section.platforms.joined(separator: ",") }
        if !section.extraHosts.isEmpty { attributes["add-hosts"] = section.extraHosts.joined(separator: ",") }
        if let shmSize = section.shmSize { attributes["shm-size"] = String(shmSize) }
        if !section.ulimits.isEmpty {
            attributes["ulimit"] = section.ulimits.map { "\($0.name)=\($0.soft):\($0.hard)" }.joined(separator: ",")
        }
        var entitlements = section.entitlements
        switch section.network {
        case nil, "default": break
        case "host":
            attributes["force-network-mode"] = "host"
            entitlements.append("network.host")
        case "none":
            attributes["force-network-mode"] = "none"
        case let other?:
            throw OrchestrationError.service(
                section.service, .unsupported,
                "build.network \(other) is not possible with BuildKit, which builds on the host's network, with none,"
                    + " or the default: use host, none or default", at: section.location(of: "network"))
        }
        if section.privileged { entitlements.append("security.insecure") }
        for (name, value) in section.additionalContexts {
            if value.hasPrefix("service:") {
                attributes["context:" + name] = "docker-image://" + imageOfService(String(value.dropFirst(8)))
            } else if value.hasPrefix("/") {
                attributes["context:" + name] = "local:" + name
                directories[name] = SessionDirectory(root: value)
            } else {
                attributes["context:" + name] = value
            }
        }
        build = BuildKitBuild(
            frontendAttributes: attributes, exporterAttributes: ["name": section.tags.joined(separator: ",")],
            cacheImports: try section.cacheFrom.map { try Self.cacheEntry($0, service: section.service) },
            cacheExports: try section.cacheTo.map { try Self.cacheExport($0, section: section) },
            entitlements: Array(Set(entitlements)).sorted())
        providers = BuildSessionProviders(
            directories: directories,
            secrets: try Self.secrets(section, declared: secrets, environment: environment),
            sshAgents: try Self.sshAgents(section, environment: environment))
        sharedKey = project + ":" + String(SHA256.hex(of: section.context).prefix(16))
    }

    /// A `cache_to` entry. The engine's BuildKit exports `inline` and `registry` caches only: a `local` export (a
    /// directory) is refused before anything is built, as Docker Compose refuses every export to the engine's
    /// builder.
    static func cacheExport(_ text: String, section: BuildSection) throws -> BuildKitBuild.CacheEntry {
        let entry = try cacheEntry(text, service: section.service)
        guard entry.type != "local" else {
            throw OrchestrationError.service(
                section.service, .unsupported,
                "cache_to \"\(text)\": the engine's builder cannot export a cache to a directory (its BuildKit has no "
                    + "local cache exporter; Docker Compose says \"Cache export is not supported for the docker "
                    + "driver\"): use type=inline, or type=registry,ref=IMAGE", at: section.location(of: "cache_to"))
        }
        return entry
    }

    /// `cache_from` / `cache_to` entries: `type=registry,ref=…` CSV, or a bare image reference (a registry).
    static func cacheEntry(_ text: String, service: String) throws -> BuildKitBuild.CacheEntry {
        guard text.contains("=") else { return BuildKitBuild.CacheEntry(type: "registry", attributes: ["ref": text]) }
        var attributes: [String: String] = [:]
        for field in text.split(separator: ",") {
            let pair = field.split(separator: "=", maxSplits: 1).map(String.init)
            attributes[pair[0].trimmingCharacters(in: .whitespaces)] = pair.count > 1 ? pair[1] : ""
        }
        guard let type = attributes.removeValue(forKey: "type") else {
            throw OrchestrationError.service(
                service, .invalidValue, "the cache entry \"\(text)\" names no type= (registry, local, inline…)")
        }
        return BuildKitBuild.CacheEntry(type: type, attributes: attributes)
    }

    /// The secrets `build.secrets` names, from the project's `secrets` (a file, or an environment variable).
    static func secrets(
        _ section: BuildSection, declared: Node.Mapping, environment: [String: String]
    ) throws -> [String: BuildSecret] {
        var secrets: [String: BuildSecret] = [:]
        for secret in section.secrets {
            guard let definition = declared[secret.source] else {
                throw OrchestrationError.service(
                    section.service, .notFound,
                    "build.secrets names \"\(secret.source)\", which the project's secrets don't define",
                    at: section.location(of: "secrets"))
            }
            if let file = definition.field("file")?.scalarText {
                guard FileManager.default.isReadableFile(atPath: file) else {
                    throw OrchestrationError.service(
                        section.service, .unreadableFile,
                        "the build secret \"\(secret.source)\" reads \(file), which does not exist or cannot be read",
                        at: definition.field("file")?.location)
                }
                secrets[secret.id] = .file(file)
            } else if let variable = definition.field("environment")?.scalarText {
                guard let value = environment[variable] else {
                    throw OrchestrationError.service(
                        section.service, .missingVariable,
                        "the build secret \"\(secret.source)\" comes from the environment variable \(variable),"
                            + " which is not set", at: definition.field("environment")?.location)
                }
                secrets[secret.id] = .value(Array(value.utf8))
            } else {
                throw OrchestrationError.service(
                    section.service, .unsupported,
                    "the build secret \"\(secret.source)\" has neither file nor environment", at: definition.location)
            }
        }
        return secrets
    }

    /// `build.ssh`: `default` (or an id alone) forwards the agent of `SSH_AUTH_SOCK`; `id=path` the agent
    /// listening on that socket.
    static func sshAgents(_ section: BuildSection, environment: [String: String]) throws -> [String: String] {
        var agents: [String: String] = [:]
        for entry in section.ssh {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            let id = parts[0]
            guard let path = parts.count > 1 ? parts[1] : environment["SSH_AUTH_SOCK"], !path.isEmpty else {
                throw OrchestrationError.service(
                    section.service, .missingVariable,
                    "build.ssh \(entry) forwards the SSH agent, but SSH_AUTH_SOCK is not set: start an agent"
                        + " (eval $(ssh-agent); ssh-add) or give a socket (\(id)=/path)",
                    at: section.location(of: "ssh"))
            }
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFSOCK else {
                throw OrchestrationError.service(
                    section.service, .unsupported,
                    "build.ssh \(entry): \(path) is not an SSH agent's socket; Pier forwards agents, not key files:"
                        + " add the key to an agent (ssh-add \(path)) and use \(id) alone",
                    at: section.location(of: "ssh"))
            }
            agents[id] = path
        }
        return agents
    }
}
