import ComposeSpec
import DockerEngine

/// A service's lifecycle hooks: commands run in each of its containers, as execs, right after Pier starts it
/// (`post_start`: `up`, `start`, `restart`) or right before Pier stops it (`pre_stop`: `stop`, `restart`, `down`,
/// `rm -s`, scaling down, Ctrl+C in an attached `up`), as Compose runs them. A container replaced by a new one,
/// or killed, runs none.
public enum LifecycleHook: String, Sendable {
    case postStart = "post_start"
    case preStop = "pre_stop"

    /// The execs of the hooks of this kind in `service`'s definition, in order: each hook's `command` as `Cmd`,
    /// with its `user`, `privileged`, `working_dir` and `environment` (a variable without a value sent alone, as
    /// for the container's own environment).
    func executions(in service: Node?) -> [ExecConfiguration] {
        (service?[rawValue]?.sequence ?? []).map { hook in
            ExecConfiguration(
                command: hook.field("command")?.stringList ?? [],
                environment: (hook.field("environment")?.stringPairs ?? []).map { key, value in
                    value.map { "\(key)=\($0)" } ?? key
                },
                workingDirectory: hook.field("working_dir")?.scalarText, user: hook.field("user")?.scalarText,
                isPrivileged: hook.field("privileged")?.boolValue ?? false)
        }
    }
}

extension ProjectRuntime {
    /// Runs `service`'s hooks of kind `hook` in `container`, one after the other, their output (stdout and stderr)
    /// to `output` as `web-1 ->` lines when given. The first that exits with a non-zero status fails as Compose's
    /// does: `web hook exited with status 3`.
    func runHooks(
        _ hook: LifecycleHook, of service: String, in container: ServiceContainer, output: (any LogSink)? = nil
    ) async throws {
        let name =
            ContainerSummary.nameWithoutProject(
                container.name, project: project.name, service: service, number: String(container.number)) + " ->"
        // A dry run runs no command in a container (the container may not even exist).
        guard !client.isDryRun else { return }
        for execution in hook.executions(in: services[service]) {
            let id = try await client.createExec(in: container.id, configuration: execution)
            var splitter = LogLineSplitter()
            try await client.startExec(id) { connection in
                for try await frame in connection.frames {
                    for line in splitter.feed(frame.bytes) { output?.log(name, line) }
                }
            }
            if let rest = splitter.flush() { output?.log(name, rest) }
            let status = try await client.inspectExec(id).exitCode ?? 0
            guard status == 0 else {
                throw OrchestrationError(
                    .hookFailed, "\(service) hook exited with status \(status)", service: service)
            }
        }
    }
}

extension ProjectRuntime {
    /// Runs the hooks of kind `hook` of an existing container's service (none for a service the project no longer
    /// defines).
    func runHooks(_ hook: LifecycleHook, of container: ObservedContainer) async throws {
        try await runHooks(
            hook, of: container.service,
            in: ServiceContainer(id: container.id, name: container.name, number: container.number))
    }
}
