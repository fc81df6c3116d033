import ComposeSpec
import Foundation

/// What `run` asks for: a one-off container of a service, with the command line's changes to it.
public struct OneOffRequest: Sendable {
    public var service: String
    /// Replaces the service's command when not empty.
    public var command: [String] = []
    /// `--entrypoint`, already split into words; it also clears the service's command when no command is given.
    public var entrypoint: [String]?
    /// `--name`: the container's name instead of `<project>-<service>-run-<slug>`.
    public var name: String?
    /// `-e KEY=VALUE` (or `KEY`), over the service's environment.
    public var environment: [String] = []
    /// `-l KEY=VALUE`, over the service's labels.
    public var labels: [String] = []
    /// `-v` mounts, in the short syntax; relative sources are relative to `workingDirectory`.
    public var volumes: [String] = []
    /// `-p` ports, in the short syntax; they replace the service's.
    public var publish: [String] = []
    /// `--service-ports`: keep the service's ports (a one-off publishes none otherwise).
    public var servicePorts = false
    public var user: String?
    public var workingDirectory: String?
    /// `--cap-add`, `--cap-drop`: added to the service's lists.
    public var capabilitiesAdded: [String] = []
    public var capabilitiesDropped: [String] = []
    public var tty = false
    /// Keep standard input open and attach it once (`-i`, the default).
    public var interactive = true
    public var useAliases = false
    public var noDeps = false
    /// `--build`: build the service's image first.
    public var build = false
    /// `--pull`: instead of the service's `pull_policy`.
    public var pull: PullPolicy?
    /// `--quiet-pull`: no progress line per layer.
    public var quietPull = false
    /// `--quiet-build`: no build output.
    public var quietBuild = false
    public var removeOrphans = false
    /// `run --rm`: the engine removes the container when it exits (`HostConfig.AutoRemove`), as Compose asks: so
    /// nothing stays when Pier is gone by then (`-d`, or killed).
    public var autoRemove = false
    /// Where relative `-v` sources start: the directory `run` was typed in.
    public var currentDirectory = FileManager.default.currentDirectoryPath

    public init(service: String) {
        self.service = service
    }

    /// The service as the one-off runs it. Like Compose: no restart policy, no `container_name`, no ports unless
    /// asked, the TTY and stdin of the command line, and the command line's overrides.
    func apply(to service: Node) throws -> Node {
        var service = service
        service["restart"] = nil
        service["container_name"] = nil
        if service["deploy"]?["restart_policy"] != nil { service["deploy"]?["restart_policy"] = nil }
        service["tty"] = Node(.bool(tty))
        service["stdin_open"] = Node(.bool(interactive))
        if let entrypoint {
            service["entrypoint"] = .sequence(entrypoint.map { .string($0) })
            if command.isEmpty { service["command"] = .sequence([]) }
        }
        if !command.isEmpty { service["command"] = .sequence(command.map { .string($0) }) }
        if let user { service["user"] = .string(user) }
        for (key, added) in [("cap_add", capabilitiesAdded), ("cap_drop", capabilitiesDropped)] where !added.isEmpty {
            service[key] = .sequence((service[key]?.sequence ?? []) + added.map { .string($0) })
        }
        if let workingDirectory { service["working_dir"] = .string(workingDirectory) }
        if !environment.isEmpty {
            var entries = service["environment"]?.mapping ?? [:]
            for entry in environment {
                let (key, value) = Self.split(entry)
                entries[key] = value.map { .string($0) } ?? .null
            }
            service["environment"] = .mapping(entries)
        }
        if !labels.isEmpty {
            var entries = service["labels"]?.mapping ?? [:]
            for entry in labels {
                let (key, value) = Self.split(entry)
                entries[key] = .string(value ?? "")
            }
            service["labels"] = .mapping(entries)
        }
        if !servicePorts { service["ports"] = nil }
        if !publish.isEmpty { service["ports"] = .sequence(try publish.flatMap { try ShortSyntax.ports($0) }) }
        if !volumes.isEmpty {
            let added = try volumes.map { spec in
                var volume = try ShortSyntax.volume(spec)
                if let source = volume["source"]?.string, source.hasPrefix(".") {
                    volume["source"] = .string(
                        URL(fileURLWithPath: source, relativeTo: URL(fileURLWithPath: currentDirectory))
                            .standardizedFileURL.path)
                }
                return volume
            }
            service["volumes"] = .sequence((service["volumes"]?.sequence ?? []) + added)
        }
        return service
    }

    private static func split(_ entry: String) -> (String, String?) {
        guard let equals = entry.firstIndex(of: "=") else { return (entry, nil) }
        return (String(entry[..<equals]), String(entry[entry.index(after: equals)...]))
    }
}
