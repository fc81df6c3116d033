import ComposeSpec
import DockerEngine

/// The task's `ContainerSpec`.
extension SwarmServiceSpec {
    func containerSpec(image: String) -> JSONValue {
        var labels = service.field("labels")?.stringDictionary ?? [:]
        labels[StackNames.namespaceLabel] = stack
        var spec: [String: JSONValue] = [
            "Image": .string(image), "Labels": .object(labels.mapValues(JSONValue.string)),
        ]
        func strings(_ key: String) -> JSONValue? {
            service.field(key)?.stringList.map { .array($0.map(JSONValue.string)) }
        }
        spec["Command"] = strings("entrypoint")
        spec["Args"] = strings("command")
        spec["Hostname"] = service.field("hostname")?.scalarText.map(JSONValue.string)
        spec["Env"] = service.field("environment")?.stringPairs.map { pairs in
            .array(pairs.compactMap { pair in pair.value.map { .string("\(pair.key)=\($0)") } })
        }
        spec["Dir"] = service.field("working_dir")?.scalarText.map(JSONValue.string)
        spec["User"] = service.field("user")?.scalarText.map(JSONValue.string)
        spec["Groups"] = strings("group_add")
        spec["TTY"] = service.field("tty")?.boolValue.map(JSONValue.bool)
        spec["OpenStdin"] = service.field("stdin_open")?.boolValue.map(JSONValue.bool)
        spec["ReadOnly"] = service.field("read_only")?.boolValue.map(JSONValue.bool)
        spec["Init"] = service.field("init")?.boolValue.map(JSONValue.bool)
        spec["StopSignal"] = service.field("stop_signal")?.scalarText.map(JSONValue.string)
        spec["StopGracePeriod"] = service.field("stop_grace_period")?.nanoseconds.map(JSONValue.integer)
        spec["Isolation"] = service.field("isolation")?.scalarText.map(JSONValue.string)
        if let credential = service.field("credential_spec") {
            let fields = [("file", "File"), ("registry", "Registry"), ("config", "Config")]
            let members = fields.compactMap { key, field in
                credential.field(key)?.string.map { (field, JSONValue.string($0)) }
            }
            spec["Privileges"] = ["CredentialSpec": .object(Dictionary(uniqueKeysWithValues: members))]
        }
        spec["CapabilityAdd"] = strings("cap_add")
        spec["CapabilityDrop"] = strings("cap_drop")
        spec["Sysctls"] = service.field("sysctls")?.stringDictionary.map { .object($0.mapValues(JSONValue.string)) }
        spec["Hosts"] = service.field("extra_hosts")?.stringList.map { hosts in
            .array(
                hosts.map { entry in
                    let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
                    return .string(parts.count == 2 ? "\(parts[1]) \(parts[0])" : entry)
                })
        }
        if service.field("dns") != nil || service.field("dns_search") != nil || service.field("dns_opt") != nil {
            spec["DNSConfig"] = .object(
                ["Nameservers": strings("dns"), "Search": strings("dns_search"), "Options": strings("dns_opt")]
                    .compactMapValues { $0 })
        }
        spec["Healthcheck"] = service.field("healthcheck").map(healthcheck)
        spec["Ulimits"] = service.field("ulimits")?.mapping.map { limits in
            .array(
                limits.map { name, limit in
                    let soft = limit.field("soft")?.int64Value ?? limit.int64Value ?? 0
                    let hard = limit.field("hard")?.int64Value ?? limit.int64Value ?? 0
                    return ["Name": .string(name), "Soft": .integer(soft), "Hard": .integer(hard)]
                })
        }
        spec["Mounts"] = .array(mounts)
        spec["Secrets"] = fileReferences("secrets")
        spec["Configs"] = fileReferences("configs")
        return .object(spec.compactMapValues { $0 })
    }

    private func healthcheck(_ node: Node) -> JSONValue {
        if node.isSet("disable") { return ["Test": ["NONE"]] }
        var result: [String: JSONValue] = [:]
        if let test = node.field("test")?.stringList { result["Test"] = .array(test.map(JSONValue.string)) }
        for (key, field) in [("interval", "Interval"), ("timeout", "Timeout"), ("start_period", "StartPeriod")] {
            if let nanoseconds = node.field(key)?.nanoseconds { result[field] = .integer(nanoseconds) }
        }
        if let retries = node.field("retries")?.int64Value { result["Retries"] = .integer(retries) }
        return .object(result)
    }

    private var mounts: [JSONValue] {
        var mounts: [JSONValue] = (service["volumes"]?.sequence ?? []).map { mount in
            let type = mount.field("type")?.string ?? "volume"
            var result: [String: JSONValue] = [
                "Type": .string(type), "Target": .string(mount.field("target")?.string ?? ""),
                "ReadOnly": .bool(mount.isSet("read_only")),
            ]
            switch type {
            case "bind":
                result["Source"] = .string(mount.field("source")?.string ?? "")
                if let propagation = mount["bind"]?.field("propagation")?.string {
                    result["BindOptions"] = ["Propagation": .string(propagation)]
                }
            case "tmpfs":
                result["TmpfsOptions"] = .object(
                    ["SizeBytes": mount["tmpfs"]?.field("size")?.byteCount.map(JSONValue.integer)].compactMapValues {
                        $0
                    })
            default:
                var options: [String: JSONValue] = ["Labels": [StackNames.namespaceLabel: .string(stack)]]
                if let source = mount.field("source")?.string {
                    let definition = document["volumes"]?[source]
                    result["Source"] = .string(StackNames.resourceName(source, definition: definition, stack: stack))
                    if let driver = definition?.field("driver")?.string {
                        options["DriverConfig"] = [
                            "Name": .string(driver),
                            "Options": .object(
                                (definition?.field("driver_opts")?.stringDictionary ?? [:]).mapValues(JSONValue.string)),
                        ]
                    }
                }
                if mount["volume"]?.isSet("nocopy") == true { options["NoCopy"] = true }
                result["VolumeOptions"] = .object(options)
            }
            return .object(result)
        }
        for entry in service.field("tmpfs")?.stringList ?? [] {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            var options: [String: JSONValue] = [:]
            for option in (parts.count > 1 ? parts[1] : "").split(separator: ",") where option.hasPrefix("size=") {
                options["SizeBytes"] = Node.text(String(option.dropFirst(5))).byteCount.map(JSONValue.integer)
            }
            mounts.append(["Type": "tmpfs", "Target": .string(parts[0]), "TmpfsOptions": .object(options)])
        }
        return mounts
    }

    /// A service's `secrets` or `configs` as references to the objects this deploy made.
    private func fileReferences(_ kind: String) -> JSONValue? {
        guard let entries = service.field(kind)?.sequence else { return nil }
        let isSecret = kind == "secrets"
        return .array(
            entries.compactMap { entry in
                guard let source = entry.field("source")?.string, let object = files[kind]?[source] else { return nil }
                var target = entry.field("target")?.string ?? (isSecret ? source : "/\(source)")
                if isSecret, target.hasPrefix("/run/secrets/") {
                    target = String(target.dropFirst("/run/secrets/".count))
                }
                let mode = entry.field("mode")?.int64Value ?? 0o444
                let file: JSONValue = [
                    "Name": .string(target), "UID": .string(entry.field("uid")?.scalarText ?? "0"),
                    "GID": .string(entry.field("gid")?.scalarText ?? "0"), "Mode": .integer(mode),
                ]
                return isSecret
                    ? ["File": file, "SecretID": .string(object.id), "SecretName": .string(object.name)]
                    : ["File": file, "ConfigID": .string(object.id), "ConfigName": .string(object.name)]
            })
    }
}
