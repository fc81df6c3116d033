import ComposeSpec
import DockerEngine
import Foundation

/// Host configuration that is neither resources, storage nor networking: restart, privileges, namespaces, DNS,
/// logging and runtime.
extension ContainerSpec {
    mutating func hostConfigFields() throws(OrchestrationError) -> [String: JSONValue] {
        var host: [String: JSONValue] = [:]
        if let policy = try restartPolicy() { host["RestartPolicy"] = policy }
        if let add = service.field("cap_add")?.stringList { host["CapAdd"] = .strings(Self.capabilities(add)) }
        if let drop = service.field("cap_drop")?.stringList { host["CapDrop"] = .strings(Self.capabilities(drop)) }
        for (key, field) in [("privileged", "Privileged"), ("read_only", "ReadonlyRootfs"), ("init", "Init")] {
            if let flag = service.field(key)?.boolValue { host[field] = .bool(flag) }
        }
        if let options = service.field("security_opt")?.stringList {
            var converted: [String] = []
            for option in options { converted.append(try securityOption(option)) }
            host["SecurityOpt"] = .strings(converted)
        }
        if let sysctls = service.field("sysctls")?.stringDictionary { host["Sysctls"] = .stringMap(sysctls) }
        if let ipc = service.field("ipc")?.scalarText { host["IpcMode"] = .string(try namespace(ipc, key: "ipc")) }
        if let pid = service.field("pid")?.scalarText { host["PidMode"] = .string(try namespace(pid, key: "pid")) }
        for (key, field) in [
            ("uts", "UTSMode"), ("userns_mode", "UsernsMode"), ("cgroup", "CgroupnsMode"),
            ("cgroup_parent", "CgroupParent"), ("isolation", "Isolation"), ("runtime", "Runtime"),
        ] {
            if let text = service.field(key)?.scalarText { host[field] = .string(text) }
        }
        for (key, field) in [
            ("group_add", "GroupAdd"), ("dns", "Dns"), ("dns_search", "DnsSearch"), ("dns_opt", "DnsOptions"),
        ] {
            if let items = service.field(key)?.stringList { host[field] = .strings(items) }
        }
        if let hosts = service.field("extra_hosts") { host["ExtraHosts"] = .strings(Self.extraHosts(hosts)) }
        if let logging = service.field("logging") {
            host["LogConfig"] = .object([
                "Type": .string(logging.field("driver")?.scalarText ?? ""),
                "Config": logging.field("options")?.stringDictionary.map(JSONValue.stringMap) ?? .null,
            ])
        }
        if let storage = service.field("storage_opt")?.stringDictionary { host["StorageOpt"] = .stringMap(storage) }
        if let annotations = service.field("annotations")?.stringDictionary {
            host["Annotations"] = .stringMap(annotations)
        }
        return host
    }

    /// `deploy.restart_policy` wins over `restart` when both are set, as in Compose.
    private func restartPolicy() throws(OrchestrationError) -> JSONValue? {
        if let policy = service.field("deploy")?.field("restart_policy") {
            let names = ["none": "no", "on-failure": "on-failure", "any": "always"]
            let condition = policy.field("condition")?.scalarText ?? "any"
            guard let name = names[condition] else {
                throw error(.invalidValue, "unknown deploy.restart_policy.condition \"\(condition)\"", at: "deploy")
            }
            return .object([
                "Name": .string(name),
                "MaximumRetryCount": .int(policy.field("max_attempts")?.int64Value ?? 0),
            ])
        }
        guard let restart = service.field("restart")?.scalarText else { return nil }
        let parts = restart.split(separator: ":", maxSplits: 1).map(String.init)
        var retries: Int64 = 0
        if parts.count == 2 {
            guard let count = Int64(parts[1]) else {
                throw error(.invalidValue, "invalid restart policy \"\(restart)\"", at: "restart")
            }
            retries = count
        }
        return .object(["Name": .string(parts.first ?? ""), "MaximumRetryCount": .int(retries)])
    }

    /// Capability names as the engine wants them: upper case with the `CAP_` prefix (except `ALL`), sorted.
    static func capabilities(_ names: [String]) -> [String] {
        names.map { name in
            let upper = name.uppercased()
            return upper == "ALL" || upper.hasPrefix("CAP_") ? upper : "CAP_" + upper
        }.sorted()
    }

    /// `host=ip` entries (the canonical form) as the engine's `host:ip`.
    static func extraHosts(_ node: Node) -> [String] {
        if let pairs = node.stringPairs {
            return pairs.map { "\($0.key):\($0.value ?? "")" }
        }
        return (node.stringList ?? []).map { entry in
            guard let separator = entry.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return entry }
            return entry[..<separator] + ":" + entry[entry.index(after: separator)...]
        }
    }

    /// `ipc`/`pid`: `service:x` joins the namespace of x's container; anything else goes to the engine as written.
    private func namespace(_ mode: String, key: String) throws(OrchestrationError) -> String {
        guard mode.hasPrefix("service:") else { return mode }
        return "container:" + (try container(of: String(mode.dropFirst("service:".count)), for: key)).id
    }

    /// `seccomp:<file>` and `seccomp=<file>` send the profile itself, compacted, as Compose does; other options
    /// (including `unconfined` and `builtin` profiles) go as written.
    private func securityOption(_ option: String) throws(OrchestrationError) -> String {
        guard option.hasPrefix("seccomp:") || option.hasPrefix("seccomp=") else { return option }
        let profile = String(option.dropFirst("seccomp:".count))
        guard profile != "unconfined", profile != "builtin" else { return option }
        let path = profile.hasPrefix("/") ? profile : project.workingDirectory + "/" + profile
        guard let data = FileManager.default.contents(atPath: path),
            (try? JSONSerialization.jsonObject(with: data)) != nil
        else {
            throw error(.unreadableFile, "cannot read seccomp profile \(path) as JSON", at: "security_opt")
        }
        return "seccomp=" + Self.compactJSON(String(decoding: data, as: UTF8.self))
    }

    /// JSON without the whitespace between tokens, keys kept in their order (what Go's `json.Compact` gives).
    static func compactJSON(_ text: String) -> String {
        var result = ""
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                result.append(character)
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
                result.append(character)
            } else if !character.isWhitespace {
                result.append(character)
            }
        }
        return result
    }
}
