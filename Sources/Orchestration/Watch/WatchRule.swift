import ComposeSpec

/// One `develop.watch` entry of a service, as the loader normalized it: what to watch and what a change does.
public struct WatchRule: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        /// Copy the changed files into the service's containers.
        case sync
        /// Rebuild the service's image and recreate its containers.
        case rebuild
        /// Restart the service's containers.
        case restart
        case syncRestart = "sync+restart"
        /// Copy the files, then run ``WatchRule/exec`` in each container.
        case syncExec = "sync+exec"

        /// Whether the action copies files into containers.
        public var syncs: Bool { self == .sync || self == .syncRestart || self == .syncExec }
    }

    /// The command `sync+exec` runs in each container after a sync, as a `post_start` hook is written.
    public struct Exec: Sendable, Hashable {
        public var command: [String]
        public var user: String?
        public var privileged = false
        public var workingDirectory: String?
        /// `KEY=VALUE` entries added to the container's environment.
        public var environment: [String] = []
    }

    public var service: String
    public var action: Action
    /// The watched file or directory, absolute (the loader resolves it against the project directory).
    public var path: String
    /// Where ``path`` lands in the container, for the actions that sync.
    public var target: String?
    /// `.dockerignore` patterns, relative to ``path``: only what they match is watched (everything when empty).
    public var include: [String] = []
    /// `.dockerignore` patterns, relative to ``path``, of what is not watched.
    public var ignore: [String] = []
    /// Whether the files changed since the image was built are synced when the watch starts.
    public var initialSync = false
    public var exec: Exec?
    /// Where the rule was written.
    public var location: SourceLocation?

    /// The rules of `service` (its definition in the canonical document); refuses a rule that cannot work, naming
    /// where it was written, and warns about one that has no effect.
    public static func rules(
        of service: String, definition: Node, warn: (ComposeWarning) -> Void = { _ in }
    ) throws -> [WatchRule] {
        var rules: [WatchRule] = []
        for entry in definition["develop"]?["watch"]?.sequence ?? [] {
            guard let action = entry["action"]?.scalarText.flatMap(Action.init), let path = entry["path"]?.scalarText
            else { continue }  // The schema requires both, with these values.
            let location = entry["action"]?.location ?? entry.location
            var rule = WatchRule(service: service, action: action, path: WatchScope.trimmed(path), location: location)
            rule.target = entry["target"]?.scalarText
            rule.include = entry["include"]?.stringList ?? []
            rule.ignore = entry["ignore"]?.stringList ?? []
            rule.initialSync = entry["initial_sync"]?.boolValue ?? false
            if entry["x-initialSync"]?.boolValue == true {
                rule.initialSync = true
                warn(
                    ComposeWarning(
                        "x-initialSync is DEPRECATED, please use the official `initial_sync` attribute",
                        at: entry["x-initialSync"]?.keyLocation ?? location))
            }
            if action == .rebuild, definition["build"] == nil {
                throw OrchestrationError(
                    .invalidValue, "can't watch service \"\(service)\" with action rebuild without a build context",
                    service: service, at: location)
            }
            if let exec = entry["exec"], exec.mapping != nil {
                rule.exec = Exec(
                    command: exec["command"]?.stringList ?? [], user: exec["user"]?.scalarText,
                    privileged: exec["privileged"]?.boolValue ?? false,
                    workingDirectory: exec["working_dir"]?.scalarText,
                    environment: (exec["environment"]?.stringPairs ?? []).compactMap { pair in
                        pair.value.map { "\(pair.key)=\($0)" }
                    })
            }
            if action == .syncExec, rule.exec?.command.isEmpty ?? true {
                throw OrchestrationError.service(
                    service, .invalidValue, "sync+exec needs the command to run: set exec.command",
                    at: entry["exec"]?.location ?? location)
            }
            if action != .syncExec, entry["exec"]?.mapping != nil {
                warn(
                    ComposeWarning(
                        "exec is only run by the sync+exec action; this \(action.rawValue) rule never runs it",
                        at: entry["exec"]?.keyLocation ?? location))
            }
            if action.syncs, let mount = bindMount(covering: rule.path, in: definition) {
                // The container sees the host's files through the mount already.
                warn(
                    ComposeWarning(
                        "path '\(rule.path)' also declared by a bind mount volume, this path won't be monitored!",
                        at: mount.location ?? location))
                continue
            }
            rules.append(rule)
        }
        return rules
    }

    /// The service's bind mount whose source holds `path`, if any.
    static func bindMount(covering path: String, in definition: Node) -> Node? {
        (definition["volumes"]?.sequence ?? []).first { mount in
            guard mount["type"]?.scalarText == "bind", let source = mount["source"]?.scalarText else { return false }
            return WatchScope.isWithin(path, WatchScope.trimmed(source))
        }
    }
}
