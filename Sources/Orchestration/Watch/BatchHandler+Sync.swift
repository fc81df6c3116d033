import DockerEngine

extension BatchHandler {
    /// The most paths one `rm` in a container is given.
    static let deletionsPerCommand = 200

    /// Deletes what is gone and copies in what changed, in every container of the service at once: the deletions
    /// with one `rm -rf` per container (the archive API deletes nothing), the files as one tar per container
    /// through the archive API, with their modes, and the owners the container's user gives them (as Compose's
    /// `copyUIDGID`). A dry run copies and deletes nothing: its `up` made no container, and it changes none.
    func sync(_ files: [SyncedFile], to service: String) async throws {
        guard !runtime.client.isDryRun else { return }
        let containers = try await runtime.containers().filter { $0.service == service }
        guard !containers.isEmpty else {
            throw OrchestrationError.service(service, .missingContainer, "no container to sync to: start it first")
        }
        let deletions = files.filter(\.isDeletion).map(\.containerPath)
        let copies = files.filter { !$0.isDeletion }.map {
            (path: $0.hostPath, name: String($0.containerPath.drop { $0 == "/" }))
        }
        let client = runtime.client
        try await runtime.forEach(containers) { container in
            if !deletions.isEmpty {
                guard container.isRunning else {
                    throw OrchestrationError.service(
                        service, .notRunning, "cannot delete files in \(container.name): it is not running")
                }
                for start in stride(from: 0, to: deletions.count, by: Self.deletionsPerCommand) {
                    let paths = Array(deletions[start..<min(start + Self.deletionsPerCommand, deletions.count)])
                    let output = try await CapturedExec(client: client).run(
                        in: container.id, ExecConfiguration(command: ["rm", "-rf", "--"] + paths, user: "0"))
                    guard output.exitCode == 0 else {
                        throw OrchestrationError.service(
                            service, .processFailed,
                            "deleting files in \(container.name) failed (exit code \(output.exitCode)): "
                                + output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
                    }
                }
            }
            guard !copies.isEmpty else { return }
            let archive = HostArchiveStream(entries: copies, keepsOwners: true)
            try await client.putArchive(container.id, path: "/", body: EngineBodyStream(archive), copyUIDGID: true)
        }
    }

    /// Runs a `sync+exec` command in each running container of the service, reporting what it prints; none in a
    /// dry run.
    func run(_ exec: WatchRule.Exec, in service: String) async {
        guard !runtime.client.isDryRun else { return }
        guard let containers = try? await runtime.containers().filter({ $0.service == service && $0.isRunning })
        else { return }
        let configuration = ExecConfiguration(
            command: exec.command, environment: exec.environment, workingDirectory: exec.workingDirectory,
            user: exec.user, isPrivileged: exec.privileged)
        await withTaskGroup(of: Void.self) { group in
            for container in containers {
                group.addTask {
                    do {
                        let output = try await CapturedExec(client: runtime.client).run(in: container.id, configuration)
                        var splitter = LogLineSplitter()
                        var lines = splitter.feed(Array((output.stdout + output.stderr).utf8))
                        if let rest = splitter.flush() { lines.append(rest) }
                        for line in lines {
                            notify(.execOutput(service: service, container: container.name, line: line))
                        }
                        guard output.exitCode != 0 else { return }
                        let message =
                            "\(exec.command.joined(separator: " ")) in \(container.name) exited with code \(output.exitCode)"
                        fail(WatchFailure(.exec, services: [service], message: message))
                    } catch {
                        fail(WatchFailure(.exec, services: [service], message: Self.describe(error)))
                    }
                }
            }
        }
    }
}
