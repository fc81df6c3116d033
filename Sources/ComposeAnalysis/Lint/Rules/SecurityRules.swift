import ComposeSpec

/// Privileges and isolation: what lets a container reach beyond itself.
extension LintRule {
    static let securityRules: [LintRule] = [
        LintRule(
            "privileged", .security, .error, title: "Containers must not run privileged",
            explanation: """
                `privileged: true` gives the container every capability and every host device: a process that \
                escapes it is root on the host. Grant the capabilities the service needs with `cap_add` and the \
                devices with `devices` instead.
                """
        ) { context in
            context.eachService { service in
                guard service.field("privileged")?.isTrue == true else { return [] }
                return [.about(service, "runs privileged", at: service.location(of: "privileged"))]
            }
        },
        LintRule(
            "no-new-privileges", .security, .info, title: "Containers should set no-new-privileges",
            explanation: """
                Without `security_opt: [no-new-privileges:true]` a process in the container can gain privileges \
                through setuid and setgid binaries. Add it unless the service relies on such binaries (`sudo`, \
                `su`, `ping` on old images).
                """
        ) { context in
            context.eachService { service in
                let options = service.strings("security_opt").map { $0.text.replacingOccurrences(of: "=", with: ":") }
                guard !options.contains(where: { $0 == "no-new-privileges" || $0 == "no-new-privileges:true" }) else {
                    return []
                }
                return [.about(service, "does not set security_opt no-new-privileges:true", at: nil)]
            }
        },
        LintRule(
            "cap-drop-all", .security, .info, title: "Containers should drop all capabilities they do not need",
            explanation: """
                Containers start with a default set of Linux capabilities (CHOWN, NET_RAW, SETUID…). Drop them \
                all with `cap_drop: [ALL]` and add back with `cap_add` only those the service needs.
                """
        ) { context in
            context.eachService { service in
                guard !service.strings("cap_drop").contains(where: { $0.text.uppercased() == "ALL" }) else { return [] }
                return [.about(service, "does not drop capabilities (cap_drop: [ALL])", at: nil)]
            }
        },
        LintRule(
            "read-only-rootfs", .security, .info, title: "Containers should have a read-only root filesystem",
            explanation: """
                With `read_only: true` nothing can change the container's own files: an attacker cannot drop \
                tools or alter the application. Give the paths the service writes to a volume or a `tmpfs`.
                """
        ) { context in
            context.eachService { service in
                guard service.field("read_only")?.isTrue != true else { return [] }
                return [.about(service, "root filesystem is writable (read_only: true)", at: nil)]
            }
        },
        LintRule(
            "host-network", .security, .warning, title: "Containers should not share the host's network",
            explanation: """
                `network_mode: host` puts the container on the host's network stack: it reaches every host \
                service on localhost, binds any host port and bypasses published-port rules. Publish the ports \
                the service needs instead.
                """
        ) { context in
            context.eachService { service in
                guard service.field("network_mode")?.scalarText == "host" else { return [] }
                return [
                    .about(
                        service, "uses the host's network (network_mode: host)",
                        at: service.location(of: "network_mode"))
                ]
            }
        },
        LintRule(
            "host-namespace", .security, .warning, title: "Containers should not share the host's namespaces",
            explanation: """
                `pid: host`, `ipc: host`, `uts: host`, `userns_mode: host` and `cgroup: host` share a host \
                namespace with the container: it sees (and can signal) host processes, reads host shared memory, \
                changes the host name, or runs without user-namespace remapping.
                """
        ) { context in
            context.eachService { service in
                ["pid", "ipc", "uts", "userns_mode", "cgroup"].compactMap { key in
                    guard service.field(key)?.scalarText == "host" else { return nil }
                    return .about(service, "shares the host's namespace (\(key): host)", at: service.location(of: key))
                }
            }
        },
        LintRule(
            "unconfined-profile", .security, .warning, title: "Security profiles must not be turned off",
            explanation: """
                `security_opt` entries `seccomp:unconfined`, `apparmor:unconfined` and `label:disable` remove the \
                kernel's system-call filter, the AppArmor profile or SELinux labelling from the container. Write \
                a profile that allows what the service needs instead.
                """
        ) { context in
            context.eachService { service in
                service.strings("security_opt").compactMap { option, location in
                    let normalized = option.replacingOccurrences(of: "=", with: ":")
                    guard ["seccomp:unconfined", "apparmor:unconfined", "label:disable"].contains(normalized) else {
                        return nil
                    }
                    return .about(service, "turns a security profile off (\(option))", at: location)
                }
            }
        },
        LintRule(
            "dangerous-capability", .security, .warning, title: "Capabilities that reach the host must not be added",
            explanation: """
                Some capabilities give a container power over the host: SYS_ADMIN (mounts, namespaces: nearly \
                root), SYS_MODULE (kernel modules), SYS_PTRACE (other processes' memory), SYS_RAWIO, \
                DAC_READ_SEARCH (any file), NET_ADMIN and NET_RAW (the network), SYS_TIME, SYS_BOOT, MAC_ADMIN, \
                BPF, PERFMON, SYSLOG, and ALL. Add only what the service needs, and none of these without cause.
                """
        ) { context in
            context.eachService { service in
                service.strings("cap_add").compactMap { capability, location in
                    let name = capability.uppercased().replacingOccurrences(of: "CAP_", with: "")
                    guard Self.dangerousCapabilities.contains(name) else { return nil }
                    return .about(service, "adds capability \(name)", at: location)
                }
            }
        },
    ]

    static let dangerousCapabilities: Set<String> = [
        "ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "DAC_READ_SEARCH", "DAC_OVERRIDE", "NET_ADMIN",
        "NET_RAW", "SYS_TIME", "SYS_BOOT", "MAC_ADMIN", "MAC_OVERRIDE", "BPF", "PERFMON", "SYSLOG", "SYS_RESOURCE",
        "LINUX_IMMUTABLE", "AUDIT_CONTROL", "SYS_CHROOT",
    ]
}
