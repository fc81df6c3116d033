import ComposeSpec
import DockerEngine
import Foundation

/// Secrets and configs outside Swarm. A `file:` one is bind-mounted read-only at its target, unless it sets `uid`,
/// `gid` or `mode`; that one, and an `environment:` or `content:` one, is written into the container before it
/// starts, with its mode (default 0444) and owner.
/// Secrets default to `/run/secrets/<name>` (a relative target is taken under `/run/secrets/`); configs to
/// `/<name>` (a relative target is taken under `/`).
extension ContainerSpec {
    mutating func addSecretsAndConfigs(to storage: inout ContainerStorage) throws(OrchestrationError) {
        for reference in service.field("secrets")?.sequence ?? [] {
            try addFile(reference, section: "secrets", directory: "/run/secrets/", to: &storage)
        }
        for reference in service.field("configs")?.sequence ?? [] {
            try addFile(reference, section: "configs", directory: "/", to: &storage)
        }
        if service.field("use_api_socket")?.boolValue == true {
            // The engine's socket, and a CLI configuration (credentials) the tools inside can find.
            storage.binds.append("/var/run/docker.sock:/var/run/docker.sock:rw")
            storage.environment = ["DOCKER_CONFIG=/run/secrets/docker"]
            storage.files.append(
                ContainerFile(
                    path: "/run/secrets/docker/config.json", content: Array(options.dockerCLIConfig.utf8), mode: 0o444))
        }
    }

    private mutating func addFile(
        _ reference: Node, section: String, directory: String, to storage: inout ContainerStorage
    ) throws(OrchestrationError) {
        let kind = section == "secrets" ? "secret" : "config"
        let key = reference.field("source")?.scalarText ?? reference.scalarText ?? ""
        guard let definition = project.definition(section, key) else {
            throw error(.invalidValue, "\(kind) \"\(key)\" is not defined in the top-level \(section)", at: section)
        }
        let target = reference.field("target")?.scalarText ?? key
        let path = target.hasPrefix("/") ? target : directory + target
        let uid = reference.field("uid")?.int64Value.map(Int.init)
        let gid = reference.field("gid")?.int64Value.map(Int.init)
        // The canonical form writes the mode as octal text (`"0400"`); a number is taken as it is.
        let modeNode = reference.field("mode")
        let mode = modeNode?.string.flatMap { Int($0, radix: 8) } ?? modeNode?.int64Value.map(Int.init)

        if let file = definition.field("file")?.scalarText {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
            guard uid != nil || gid != nil || mode != nil, !(exists && isDirectory.boolValue) else {
                if uid != nil || gid != nil || mode != nil {
                    warn(
                        "\(section) `uid`, `gid` and `mode` cannot be applied to the folder of \(kind) \"\(key)\", "
                            + "which is bind-mounted as it is", at: section)
                }
                storage.mounts.append(mount("bind", source: file, target: path, readOnly: true, nil, [:]))
                return
            }
            // Docker Compose ignores them outside Swarm; Pier copies the file in with that owner and mode, as an
            // `environment` or `content` one, rather than bind-mounting it with the host's.
            guard let content = FileManager.default.contents(atPath: file) else {
                throw error(.unreadableFile, "cannot read the file \(file) of \(kind) \"\(key)\"", at: section)
            }
            storage.files.append(
                ContainerFile(path: path, content: Array(content), mode: mode ?? 0o444, uid: uid, gid: gid))
            return
        }
        let content: String
        if let variable = definition.field("environment")?.scalarText {
            guard let value = project.environment[variable] else {
                let name = project.engineName(section, key)
                throw error(
                    .missingVariable, "environment variable \"\(variable)\" required by \(kind) \"\(name)\" is not set",
                    at: section)
            }
            content = value
        } else if let text = definition.field("content")?.scalarText {
            content = text
        } else if definition.field("external")?.boolValue == true {
            throw error(.unsupported, "external \(kind) \"\(key)\" only exists in Swarm mode", at: section)
        } else {
            throw error(.invalidValue, "\(kind) \"\(key)\" has neither file, environment nor content", at: section)
        }
        storage.files.append(
            ContainerFile(path: path, content: Array(content.utf8), mode: mode ?? 0o444, uid: uid, gid: gid))
    }
}
