import ComposeSpec

/// What containers mount from the host.
extension LintRule {
    static let mountRules: [LintRule] = [
        LintRule(
            "docker-socket", .security, .error, title: "The engine's socket must not be mounted",
            explanation: """
                A container that mounts the Docker (or Podman, containerd) socket controls the engine: it can \
                start a privileged container that mounts the host's root. If a service must talk to the engine, \
                give it a socket proxy that allows only the calls it needs.
                """
        ) { context in
            context.eachService { service in
                service.bindMounts.compactMap { source, _, _, node in
                    guard Self.engineSockets.contains(source) else { return nil }
                    return .about(service, "mounts the engine's socket \(source)", at: node.location)
                }
            }
        },
        LintRule(
            "sensitive-mount", .security, .warning, title: "Sensitive host paths must not be mounted",
            explanation: """
                Mounting the host's `/`, `/etc`, `/proc`, `/sys`, `/boot`, `/root`, `/dev` (or a device under \
                it), `/run` or `/var/lib/docker` exposes host configuration, credentials, kernel interfaces, \
                devices or other containers' data; a writable mount lets the container change them. Mount only \
                the files the service needs, read-only; give devices with `devices:`.
                """
        ) { context in
            context.eachService { service in
                service.bindMounts.compactMap { source, _, readOnly, node in
                    guard !Self.engineSockets.contains(source), Self.isSensitive(source) else { return nil }
                    let access = readOnly ? "read-only" : "writable"
                    return .about(service, "mounts the host's \(source) (\(access))", at: node.location)
                }
            }
        },
        LintRule(
            "shared-propagation", .security, .warning, title: "Bind mounts should not propagate mounts to the host",
            explanation: """
                `bind.propagation: shared` (or `rshared`) lets mounts made inside the container appear on the host \
                (and the other way round). Leave the default, `rprivate`, unless the service manages mounts.
                """
        ) { context in
            context.eachService { service in
                service.bindMounts.compactMap { source, _, _, node in
                    guard let propagation = node["bind"]?["propagation"]?.scalarText,
                        ["shared", "rshared"].contains(propagation)
                    else { return nil }
                    return .about(
                        service, "bind mount of \(source) propagates mounts (\(propagation))", at: node.location)
                }
            }
        },
        LintRule(
            "dangerous-device", .security, .warning, title: "Memory and disk devices must not be given to containers",
            explanation: """
                `devices` entries such as `/dev/mem`, `/dev/kmem`, `/dev/port`, or raw disks (`/dev/sda`, \
                `/dev/nvme0n1`, `/dev/disk/…`) let the container read and write host memory or file systems \
                below any permission check.
                """
        ) { context in
            context.eachService { service in
                service.list("devices").compactMap { device in
                    guard let source = device["source"]?.scalarText ?? device.scalarText,
                        Self.isDangerousDevice(source)
                    else { return nil }
                    return .about(service, "is given the host device \(source)", at: device.location)
                }
            }
        },
        LintRule(
            "tmpfs-exec", .security, .info, title: "tmpfs mounts should not allow exec or suid",
            explanation: """
                A `tmpfs` mount with the `exec` or `suid` option lets a process write a program to memory and run \
                it (with its setuid bit honoured). Leave those options out, or add `noexec,nosuid`.
                """
        ) { context in
            context.eachService { service in
                service.strings("tmpfs").compactMap { entry, location in
                    let options = entry.split(separator: ":").dropFirst().joined().split(separator: ",")
                    guard options.contains("exec") || options.contains("suid") else { return nil }
                    return .about(service, "tmpfs \(entry) allows exec or suid", at: location)
                }
            }
        },
        LintRule(
            "config-mount-read-only", .security, .warning, title: "Configuration mounts should be read-only",
            fixable: true,
            explanation: """
                Configuration, certificates, init scripts and env files mounted into a container are its inputs: \
                a compromised process should not be able to change them (and through them, the next start). Mount \
                them read-only (`:ro`, or `read_only: true`). `--fix` adds `:ro` to short-syntax mounts.
                """
        ) { context in
            context.eachService { service in
                service.bindMounts.compactMap { source, target, readOnly, node in
                    guard !readOnly, Self.looksLikeConfiguration(source: source, target: target),
                        !MountFix.isExplicitlyWritable(node.location, sources: context.sources)
                    else { return nil }
                    let fix = MountFix.readOnly(node.location, sources: context.sources)
                    let path = ProjectGraph.relative(source, to: context.project.workingDirectory)
                    return .about(service, "mounts \(target) from \(path) writable", at: node.location, fix: fix)
                }
            }
        },
    ]

    static let engineSockets: Set<String> = [
        "/var/run/docker.sock", "/run/docker.sock", "/run/podman/podman.sock", "/var/run/podman/podman.sock",
        "/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock", "/run/user/1000/docker.sock",
    ]

    static func isSensitive(_ source: String) -> Bool {
        let exact: Set<String> = ["/", "/dev", "/run", "/var/run", "/usr", "/lib", "/bin", "/sbin", "/var", "/home"]
        if exact.contains(source) { return true }
        let trees = ["/etc", "/proc", "/sys", "/boot", "/root", "/dev", "/var/lib/docker", "/var/lib/containerd"]
        return trees.contains { source == $0 || source.hasPrefix($0 + "/") }
    }

    static func isDangerousDevice(_ source: String) -> Bool {
        if ["/dev/mem", "/dev/kmem", "/dev/port"].contains(source) { return true }
        let disks = [
            "/dev/sd", "/dev/hd", "/dev/vd", "/dev/xvd", "/dev/nvme", "/dev/disk/", "/dev/mapper/", "/dev/dm-",
        ]
        return disks.contains { source.hasPrefix($0) }
    }

    /// Configuration-like mounts: files with a configuration extension, env files, and folders or targets named
    /// for configuration, certificates or init scripts.
    static func looksLikeConfiguration(source: String, target: String) -> Bool {
        let name = source.split(separator: "/").last.map(String.init) ?? source
        let extensions = [
            ".conf", ".cfg", ".cnf", ".ini", ".yaml", ".yml", ".json", ".toml", ".xml", ".properties", ".env", ".sql",
            ".pem", ".crt", ".key",
        ]
        if name.hasPrefix(".env") || extensions.contains(where: { name.lowercased().hasSuffix($0) }) { return true }
        if ["config", "conf", "certs", "secrets", "nginx"].contains(name.lowercased()) { return true }
        return target.hasPrefix("/etc/") || target.hasPrefix("/docker-entrypoint-initdb.d")
            || target.split(separator: "/").contains { ["config", "conf", "certs"].contains($0.lowercased()) }
    }
}
