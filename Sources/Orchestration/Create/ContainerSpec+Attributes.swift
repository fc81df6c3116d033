import ComposeSpec

/// Which service attributes the create body covers, which other steps cover, which are ignored with a warning and
/// which Pier refuses: every attribute of the Compose Specification is in exactly one list, so none is dropped
/// without a word.
extension ContainerSpec {
    static let mappedKeys: Set<String> = [
        "annotations", "blkio_config", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command", "configs",
        "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime",
        "cpu_shares", "cpus", "cpuset", "depends_on", "deploy", "device_cgroup_rules", "devices",
        "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "environment", "expose", "external_links",
        "extra_hosts", "gpus", "group_add", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "labels",
        "links", "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit",
        "network_mode", "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports",
        "privileged", "read_only", "restart", "runtime", "secrets", "security_opt", "shm_size", "stdin_open",
        "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "use_api_socket",
        "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir",
    ]

    /// Attributes other steps act on: the loader (`env_file`, `label_file`, `extends`; `pull_refresh_after`, which
    /// it drops as Compose does), the planner (`scale`, `profiles`), image preparation (`build`, `pull_policy`),
    /// attached `up` (`attach`) and the lifecycle hooks (`post_start`, `pre_stop`, run as execs after start and
    /// before stop).
    static let keysHandledElsewhere: Set<String> = [
        "attach", "build", "env_file", "extends", "label_file", "post_start", "pre_stop", "profiles", "pull_policy",
        "pull_refresh_after", "scale",
    ]

    /// Attributes Pier has nothing to do with yet, each with the warning it prints when a service sets it.
    static let keysIgnoredWithWarning: [String: String] = [
        "credential_spec": "credential_spec only applies to Windows containers and is ignored",
        "develop": "develop only applies to `watch`, which Pier does not have yet, and is ignored",
    ]

    /// Swarm service settings: a container has nothing to apply them to.
    static let swarmOnlyDeployKeys = ["labels", "placement", "update_config", "rollback_config", "endpoint_mode"]

    mutating func checkAttributes() throws(OrchestrationError) {
        guard let entries = service.mapping else {
            throw error(.invalidValue, "a service must be a mapping")
        }
        if service.field("provider") != nil {
            throw error(.unsupported, "provider services are run by an external program, which Pier does not support")
        }
        if service.field("models") != nil {
            throw error(.unsupported, "models need Docker Model Runner, which Pier does not support", at: "models")
        }
        for key in entries.keys.sorted() where !key.hasPrefix("x-") && !Self.mappedKeys.contains(key) {
            guard !Self.keysHandledElsewhere.contains(key), key != "provider", key != "models" else { continue }
            guard let warning = Self.keysIgnoredWithWarning[key] else {
                warn("attribute \"\(key)\" is not supported and is ignored", at: key)
                continue
            }
            if service.field(key) != nil { warn(warning, at: key) }
        }
        checkDeploy()
    }

    private mutating func checkDeploy() {
        guard let deploy = service.field("deploy") else { return }
        let ignored = Self.swarmOnlyDeployKeys.filter { key in
            guard let value = deploy.field(key) else { return false }
            if let entries = value.mapping { return !entries.isEmpty }
            return !(value.sequence?.isEmpty ?? false)
        }
        if !ignored.isEmpty {
            warn(
                "deploy.\(ignored.joined(separator: ", deploy.")) only apply to Swarm services and are ignored",
                at: "deploy")
        }
        if deploy.field("mode")?.scalarText == "global" {
            warn("deploy.mode \"global\" only applies to Swarm; one container per replica is created", at: "deploy")
        }
        let timing = ["delay", "window"].filter { deploy.field("restart_policy")?.field($0) != nil }
        if !timing.isEmpty {
            // The engine restarts at once with its own back-off; it has no delay or observation window.
            warn(
                "deploy.restart_policy.\(timing.joined(separator: ", ")) only apply to Swarm and are ignored",
                at: "deploy")
        }
        let reservations = deploy.field("resources")?.field("reservations")
        if reservations?.field("cpus") != nil {
            warn("deploy.resources.reservations.cpus has no container equivalent and is ignored", at: "deploy")
        }
        if reservations?.field("generic_resources") != nil {
            warn("deploy.resources.reservations.generic_resources only applies to Swarm and is ignored", at: "deploy")
        }
    }
}
