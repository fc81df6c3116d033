import ComposeSpec
import DockerEngine

/// The container configuration proper: what runs, as whom, with which environment and labels.
extension ContainerSpec {
    mutating func configFields() throws(OrchestrationError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        body["Image"] = .string(
            service.field("image")?.scalarText
                ?? ContainerNames.defaultImage(
                    project: project.name, service: serviceName, separator: project.nameSeparator))
        // An empty list is kept: `command: []` clears the image's command, absence keeps it.
        if let command = service.field("command")?.stringList { body["Cmd"] = .strings(command) }
        if let entrypoint = service.field("entrypoint")?.stringList { body["Entrypoint"] = .strings(entrypoint) }
        let variables = environment(adding: [])
        if !variables.isEmpty { body["Env"] = .strings(variables) }
        body["Labels"] = .stringMap(
            ComposeLabels.container(
                project: project, serviceName: serviceName, service: service, number: number, options: options))
        for (key, field) in [
            ("user", "User"), ("working_dir", "WorkingDir"), ("hostname", "Hostname"), ("domainname", "Domainname"),
            ("stop_signal", "StopSignal"),
        ] {
            if let text = service.field(key)?.scalarText { body[field] = .string(text) }
        }
        // Compose attaches output streams of every container; standard input only for an interactive `run`.
        let interactive = options.oneOff?.interactive ?? false
        body["AttachStdin"] = .bool(interactive)
        body["AttachStdout"] = true
        body["AttachStderr"] = true
        body["StdinOnce"] = .bool(interactive)
        body["OpenStdin"] = .bool(interactive || service.field("stdin_open")?.boolValue == true)
        body["Tty"] = .bool(service.field("tty")?.boolValue ?? false)
        if let healthcheck = healthcheckField() { body["Healthcheck"] = healthcheck }
        if let grace = service.field("stop_grace_period")?.nanoseconds {
            // Whole seconds, truncated, as Compose converts it (`1500ms` → 1).
            body["StopTimeout"] = .int(grace / 1_000_000_000)
        }
        return body
    }

    /// `KEY=VALUE` entries, sorted; a variable without a value is sent as `KEY` alone, as Compose sends it.
    /// (Compose's order comes from a Go map and changes between runs; sorting makes Pier's stable.)
    func environment(adding extra: [String]) -> [String] {
        var entries = (service.field("environment")?.stringPairs ?? []).map { key, value in
            value.map { "\(key)=\($0)" } ?? key
        }
        entries += extra
        return entries.sorted()
    }

    /// The `Healthcheck` object; durations in nanoseconds, zero ones left out as Compose leaves them out.
    func healthcheckField() -> JSONValue? {
        guard let check = service.field("healthcheck"), check.mapping != nil else { return nil }
        if check.field("disable")?.boolValue == true { return .object(["Test": .strings(["NONE"])]) }
        var fields: [String: JSONValue] = [:]
        if let test = check.field("test") {
            // The canonical form is a list; a bare string is a shell command, as Compose reads it.
            fields["Test"] = .strings(
                test.sequence == nil ? ["CMD-SHELL", test.scalarText ?? ""] : test.stringList ?? [])
        }
        for (key, field) in [("interval", "Interval"), ("timeout", "Timeout"), ("start_period", "StartPeriod")] {
            if let duration = check.field(key)?.nanoseconds, duration > 0 { fields[field] = .int(duration) }
        }
        if let startInterval = check.field("start_interval")?.nanoseconds, startInterval > 0 {
            fields["StartInterval"] = .int(startInterval)
        }
        if let retries = check.field("retries")?.int64Value, retries > 0 { fields["Retries"] = .int(retries) }
        return fields.isEmpty ? nil : .object(fields)
    }
}
