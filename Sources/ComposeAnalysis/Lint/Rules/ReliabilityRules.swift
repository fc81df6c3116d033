import ComposeSpec

/// Restarts, health checks, dependencies and resources: what keeps a stack up.
extension LintRule {
    static let reliabilityRules: [LintRule] = [
        LintRule(
            "invalid-compose", .reliability, .error, title: "The project must load",
            explanation: """
                The compose files could not be loaded (a YAML or schema error, an unknown attribute, a missing \
                file or variable). Nothing else is checked until they load: the finding says where and why.
                """
        ) { _ in [] },
        LintRule(
            "missing-restart", .reliability, .info, title: "Long-running services should have a restart policy",
            explanation: """
                Without `restart` (or `deploy.restart_policy`) a container that crashes, or a host that reboots, \
                leaves the service down. Set `restart: unless-stopped` (or `on-failure`) on services that should \
                keep running; one-shot jobs can leave it out.
                """
        ) { context in
            context.eachService { service in
                guard service.field("restart") == nil, service.node["deploy"]?["restart_policy"] == nil else {
                    return []
                }
                return [.about(service, "has no restart policy", at: nil)]
            }
        },
        LintRule(
            "missing-healthcheck", .reliability, .info, title: "Services should have a health check",
            explanation: """
                A health check tells the engine (and `depends_on: condition: service_healthy`, `up --wait`, \
                `ps`) whether the service works, not only whether its process runs. Declare `healthcheck` in the \
                compose file or `HEALTHCHECK` in the Dockerfile the service builds.
                """
        ) { context in
            context.eachService { service in
                guard !service.disablesHealthcheck, !context.hasHealthcheck(service) else { return [] }
                return [.about(service, "has no health check", at: nil)]
            }
        },
        LintRule(
            "healthcheck-start-period", .reliability, .info,
            title: "Health checks should give the service time to start",
            explanation: """
                Without `start_period`, failed checks count from the first second: a service that needs time to \
                start (migrations, caches) can be marked unhealthy, and its dependents never start. Set a \
                `start_period` a little longer than the service's usual start.
                """
        ) { context in
            context.eachService { service in
                guard let check = service.healthcheck, check["start_period"] == nil else { return [] }
                return [.about(service, "health check has no start_period", at: check.keyLocation ?? check.location)]
            }
        },
        LintRule(
            "healthcheck-disabled", .reliability, .info, title: "Health checks should not be turned off",
            explanation: """
                `healthcheck: {disable: true}` (or a `NONE` test) removes the image's own check: nothing will \
                notice that the service stopped working. Keep it unless it is wrong, and then write a better one.
                """
        ) { context in
            context.eachService { service in
                guard service.disablesHealthcheck else { return [] }
                return [.about(service, "turns its health check off", at: service.location(of: "healthcheck"))]
            }
        },
        LintRule(
            "depends-on-condition", .reliability, .warning,
            title: "Dependencies with a health check should be waited for",
            explanation: """
                `depends_on: [db]` waits only until the dependency's container has started, not until it works. \
                When the dependency has a health check, wait for it: `depends_on: {db: {condition: \
                service_healthy}}`.
                """
        ) { context in
            context.eachService { service in
                let implicit = ImplicitDependency.all(of: service.node)
                return service.dependsOn.compactMap { name, entry in
                    guard entry["condition"]?.location == nil,
                        !implicit.contains(where: { $0.service == name && $0.location == entry.location }),
                        let dependency = context.service(name), context.hasHealthcheck(dependency)
                    else { return nil }
                    return .about(
                        service, "depends on \"\(name)\", which has a health check, without condition service_healthy",
                        at: entry.location)
                }
            }
        },
        LintRule(
            "depends-on-no-healthcheck", .reliability, .warning,
            title: "Dependencies waited for as healthy must have a health check",
            explanation: """
                `condition: service_healthy` on a service without a health check fails `up` ("container has no \
                healthcheck configured") unless the image declares one. Add a `healthcheck` to the dependency or \
                wait for `service_started`.
                """
        ) { context in
            context.eachService { service in
                service.dependsOn.compactMap { name, entry in
                    guard entry["condition"]?.scalarText == "service_healthy", let dependency = context.service(name),
                        !context.hasHealthcheck(dependency)
                    else { return nil }
                    return .about(
                        service, "waits for \"\(name)\" to be healthy, but it has no health check",
                        at: entry["condition"]?.location ?? entry.location)
                }
            }
        },
        LintRule(
            "missing-memory-limit", .reliability, .info, title: "Services should have a memory limit",
            explanation: """
                Without `mem_limit` (or `deploy.resources.limits.memory`) one leaking service can take the host's \
                memory and have the kernel kill others. Set a limit above the service's normal use.
                """
        ) { context in
            context.eachService { service in
                guard service.field("mem_limit") == nil,
                    service.node["deploy"]?["resources"]?["limits"]?["memory"] == nil
                else { return [] }
                return [.about(service, "has no memory limit", at: nil)]
            }
        },
        LintRule(
            "missing-pids-limit", .reliability, .info, title: "Services should limit their number of processes",
            enabledByDefault: false,
            explanation: """
                Without `pids_limit` (or `deploy.resources.limits.pids`) a fork bomb or a runaway worker pool in \
                one container can exhaust the host's process table. Off by default.
                """
        ) { context in
            context.eachService { service in
                guard service.field("pids_limit") == nil,
                    service.node["deploy"]?["resources"]?["limits"]?["pids"] == nil
                else { return [] }
                return [.about(service, "has no pids limit", at: nil)]
            }
        },
        LintRule(
            "logging-disabled", .reliability, .warning, title: "Logging should not be turned off",
            explanation: """
                `logging: {driver: none}` throws the service's output away: `logs` shows nothing and an incident \
                leaves no trace. Keep a driver, with `max-size` and `max-file` options to bound its disk use.
                """
        ) { context in
            context.eachService { service in
                guard service.node["logging"]?["driver"]?.scalarText == "none" else { return [] }
                return [.about(service, "turns logging off", at: service.node["logging"]?["driver"]?.location)]
            }
        },
        LintRule(
            "database-without-volume", .reliability, .warning, title: "Databases should keep their data in a volume",
            explanation: """
                A database container without a volume on its data directory keeps its data in the container: \
                `down`, or any recreation after a configuration change, loses it. Mount a named volume there.
                """
        ) { context in
            context.eachService { service in
                guard let image = service.image, let directory = Self.dataDirectories[ImageReference(image).shortName]
                else { return [] }
                let targets = service.volumes.compactMap { $0["target"]?.scalarText }
                guard !targets.contains(where: { directory == $0 || directory.hasPrefix($0 + "/") }) else { return [] }
                return [.about(service, "keeps its data (\(directory)) in the container, not in a volume", at: nil)]
            }
        },
    ]

    static let dataDirectories: [String: String] = [
        "postgres": "/var/lib/postgresql/data", "postgis": "/var/lib/postgresql/data",
        "timescaledb": "/var/lib/postgresql/data", "mysql": "/var/lib/mysql", "mariadb": "/var/lib/mysql",
        "mongo": "/data/db", "couchdb": "/opt/couchdb/data", "neo4j": "/data", "qdrant": "/qdrant/storage",
        "elasticsearch": "/usr/share/elasticsearch/data", "opensearch": "/usr/share/opensearch/data",
        "influxdb": "/var/lib/influxdb2", "clickhouse-server": "/var/lib/clickhouse",
    ]
}

extension LintContext {
    /// Whether the service has a health check: in the compose file, or in the Dockerfile it builds.
    func hasHealthcheck(_ service: ServiceView) -> Bool {
        if service.disablesHealthcheck { return false }
        return service.healthcheck != nil || dockerfiles[service.name]?.hasHealthcheck == true
    }
}
