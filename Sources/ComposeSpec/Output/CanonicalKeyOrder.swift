/// The key order of every object `config` prints, as Docker Compose v2.40.3 prints it (checked against its
/// `config --format json` and YAML output). A key not listed in a struct (an `x-` extension, kept in YAML) comes
/// after the listed ones; keys not described here are map keys, sorted.
extension KeyOrder {
    /// `config --format json`: the project is a map, so its keys are sorted too.
    static let jsonProject = map(resources)

    /// `config` in YAML: the name and the resources in a fixed order, then the top-level extensions.
    static let yamlProject = fields(
        ["name", "services", "networks", "volumes", "secrets", "configs", "models"], resources)

    private static let resources: [String: KeyOrder] = [
        "services": map(of: service), "networks": map(of: network), "volumes": map(of: volume),
        "secrets": map(of: fileObject), "configs": map(of: fileObject), "models": map(of: model),
    ]

    static let service = fields(
        [
            "profiles", "annotations", "attach", "build", "develop", "blkio_config", "cap_add", "cap_drop",
            "cgroup_parent", "cgroup", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period",
            "cpu_rt_runtime", "cpus", "cpuset", "cpu_shares", "command", "configs", "container_name",
            "credential_spec", "depends_on", "deploy", "device_cgroup_rules", "devices", "dns", "dns_opt",
            "dns_search", "dockerfile", "domainname", "entrypoint", "provider", "environment", "env_file", "expose",
            "extends", "external_links", "extra_hosts", "group_add", "gpus", "hostname", "healthcheck", "image",
            "init", "ipc", "isolation", "labels", "label_file", "links", "logging", "log_driver", "log_opt",
            "mem_limit", "mem_reservation", "memswap_limit", "mem_swappiness", "mac_address", "models", "net",
            "network_mode", "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports",
            "privileged", "pull_policy", "read_only", "restart", "runtime", "scale", "secrets", "security_opt",
            "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty",
            "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volume_driver", "volumes", "volumes_from",
            "working_dir", "post_start", "pre_stop",
        ],
        [
            "build": build, "develop": develop, "blkio_config": blkio, "configs": fileReference,
            "credential_spec": fields(["config", "file", "registry"]), "depends_on": map(of: dependency),
            "deploy": deploy, "devices": fields(["source", "target", "permissions"]), "provider": provider,
            "gpus": deviceRequest, "healthcheck": healthcheck, "logging": fields(["driver", "options"]),
            "models": map(of: fields(["endpoint_var"])), "networks": map(of: networkAttachment), "ports": port,
            "secrets": fileReference, "ulimits": map(of: ulimit), "volumes": volumeMount, "post_start": hook,
            "pre_stop": hook,
        ],
        singlePrecision: ["cpus", "cpu_percent"])

    static let build = fields(
        [
            "context", "dockerfile", "dockerfile_inline", "entitlements", "args", "provenance", "sbom", "ssh",
            "labels", "cache_from", "cache_to", "no_cache", "additional_contexts", "pull", "extra_hosts",
            "isolation", "network", "target", "secrets", "shm_size", "tags", "ulimits", "platforms", "privileged",
        ],
        ["secrets": fileReference, "ulimits": map(of: ulimit)])

    static let develop = fields(
        ["watch"],
        [
            "watch": fields(
                ["path", "action", "target", "exec", "include", "ignore", "initial_sync"], ["exec": hook])
        ])

    /// The device entries print as Go field names in JSON (`Path`, `Rate`), lowercase in YAML: sorted either way.
    static let blkio = fields([
        "weight", "weight_device", "device_read_bps", "device_read_iops", "device_write_bps", "device_write_iops",
    ])

    static let deploy = fields(
        [
            "mode", "replicas", "labels", "update_config", "rollback_config", "resources", "restart_policy",
            "placement", "endpoint_mode",
        ],
        [
            "update_config": updateConfig, "rollback_config": updateConfig,
            "resources": fields(["limits", "reservations"], ["limits": resource, "reservations": resource]),
            "restart_policy": fields(["condition", "delay", "max_attempts", "window"]),
            "placement": fields(
                ["constraints", "preferences", "max_replicas_per_node"], ["preferences": fields(["spread"])]),
        ])

    static let updateConfig = fields(
        ["parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"],
        singlePrecision: ["max_failure_ratio"])

    static let resource = fields(
        ["cpus", "memory", "pids", "devices", "generic_resources"],
        [
            "devices": deviceRequest,
            "generic_resources": fields(
                ["discrete_resource_spec"], ["discrete_resource_spec": fields(["kind", "value"])]),
        ],
        singlePrecision: ["cpus"])

    static let deviceRequest = fields(["capabilities", "driver", "count", "device_ids", "options"])

    static let healthcheck = fields([
        "test", "timeout", "interval", "retries", "start_period", "start_interval", "disable",
    ])

    static let hook = fields(["command", "user", "privileged", "working_dir", "environment"])

    static let provider = fields(["type", "options"])

    static let dependency = fields(["condition", "restart", "required"])

    static let networkAttachment = fields([
        "aliases", "driver_opts", "gw_priority", "interface_name", "ipv4_address", "ipv6_address", "link_local_ips",
        "mac_address", "priority",
    ])

    static let port = fields(["name", "mode", "host_ip", "target", "published", "protocol", "app_protocol"])

    /// A service's `secrets` and `configs` entries, and a build's `secrets`.
    static let fileReference = fields(["source", "target", "uid", "gid", "mode"])

    static let ulimit = fields(["soft", "hard"])

    static let volumeMount = fields(
        ["type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs", "image"],
        [
            "bind": fields(["selinux", "propagation", "create_host_path", "recursive"]),
            "volume": fields(["labels", "nocopy", "subpath"]),
            "tmpfs": fields(["size", "mode"]),
            "image": fields(["subpath"]),
        ])

    static let network = fields(
        [
            "name", "driver", "driver_opts", "ipam", "external", "internal", "attachable", "labels", "enable_ipv4",
            "enable_ipv6",
        ],
        [
            "ipam": fields(
                ["driver", "config"], ["config": fields(["subnet", "gateway", "ip_range", "aux_addresses"])])
        ])

    static let volume = fields(["name", "driver", "driver_opts", "external", "labels"])

    /// Top-level `secrets` and `configs`.
    static let fileObject = fields([
        "name", "file", "environment", "content", "external", "labels", "driver", "driver_opts", "template_driver",
    ])

    static let model = fields(["name", "model", "context_size", "runtime_flags"])
}
