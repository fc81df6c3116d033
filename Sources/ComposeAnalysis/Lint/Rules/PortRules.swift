import ComposeSpec

/// Published ports.
extension LintRule {
    static let portRules: [LintRule] = [
        LintRule(
            "database-port-exposed", .security, .warning,
            title: "Database ports should not be published on all interfaces",
            explanation: """
                A database port (PostgreSQL 5432, MySQL 3306, Redis 6379, MongoDB 27017…) published without a \
                host address listens on every interface of the host, and Docker's rules bypass the host firewall. \
                Leave it unpublished (services reach it by name), or bind it to `127.0.0.1:5432:5432`.
                """
        ) { context in
            context.eachService { service in
                PublishedPort.all(of: service).compactMap { port in
                    guard port.isOnAllInterfaces, Self.isDatabase(port: port.target, image: service.image) else {
                        return nil
                    }
                    return .about(
                        service, "publishes database port \(port.target) on all interfaces (\(port.published))",
                        at: port.location)
                }
            }
        },
        LintRule(
            "port-all-interfaces", .security, .info, title: "Published ports should name a host address",
            explanation: """
                `8080:80` listens on every interface of the host, reachable from any network it is on, past the \
                host firewall. Bind to an address (`127.0.0.1:8080:80`) unless the port is meant to be public.
                """
        ) { context in
            context.eachService { service in
                PublishedPort.all(of: service).compactMap { port in
                    guard port.isOnAllInterfaces, !Self.isDatabase(port: port.target, image: service.image) else {
                        return nil
                    }
                    return .about(service, "publishes port \(port.published) on all interfaces", at: port.location)
                }
            }
        },
        LintRule(
            "duplicate-published-port", .reliability, .error, title: "A host port can be published only once",
            explanation: """
                Two services (or two entries, or the replicas of one service) that publish the same host port \
                and protocol on overlapping addresses cannot all start: the second fails with "port is already \
                allocated". Give each a port of its own, or publish a range to scale.
                """
        ) { context in
            var seen: [String: [PublishedPort]] = [:]
            var issues: [LintIssue] = []
            for service in context.services {
                for port in PublishedPort.all(of: service) {
                    for number in port.hostPorts {
                        let key = "\(number)/\(port.proto)"
                        if let earlier = seen[key]?.first(where: { $0.overlaps(port) }) {
                            issues.append(
                                .about(
                                    service,
                                    "publishes host port \(key), already published by service \"\(earlier.service)\"",
                                    at: port.location))
                            break
                        }
                        seen[key, default: []].append(port)
                    }
                    if service.replicas > 1, port.hostPorts.count == 1 {
                        issues.append(
                            .about(
                                service,
                                "runs \(service.replicas) replicas that all publish host port \(port.published)",
                                at: port.location))
                    }
                }
            }
            return issues
        },
        LintRule(
            "privileged-host-port", .portability, .info, title: "Host ports below 1024 need a privileged engine",
            explanation: """
                Binding a host port below 1024 needs root: rootless Docker and rootless Podman refuse it unless \
                the host lowers `net.ipv4.ip_unprivileged_port_start`. Publish a port from 1024 up and put a \
                proxy or the host's firewall in front if the service must answer on 80 or 443.
                """
        ) { context in
            context.eachService { service in
                PublishedPort.all(of: service).compactMap { port in
                    guard let low = port.hostPorts.first, low < 1024 else { return nil }
                    return .about(service, "publishes privileged host port \(low)", at: port.location)
                }
            }
        },
        LintRule(
            "unquoted-port", .reliability, .warning, title: "Short-syntax ports should be quoted", fixable: true,
            explanation: """
                YAML 1.1 reads an unquoted `22:22` as the base-60 number 1342, and `8080:80` as a string: parsers \
                disagree on unquoted `host:container` pairs. Quote every short-syntax port (`"8080:80"`). \
                `--fix` adds the quotes.
                """
        ) { context in
            context.eachService { service in
                var seen = Set<SourceLocation>()
                return service.ports.compactMap { port in
                    guard let location = port.location, seen.insert(location).inserted,
                        let span = ScalarSpan(location, sources: context.sources), span.quote == nil,
                        span.text.contains(":"), span.text.first?.isNumber == true || span.text.first == "$"
                    else { return nil }
                    return .about(
                        service, "port \(span.text) is not quoted", at: location,
                        fix: span.edit(replacingWith: "\"\(span.text)\""))
                }
            }
        },
    ]

    static let databasePorts: Set<Int> = [
        5432, 3306, 1433, 1521, 27017, 6379, 9200, 9300, 5984, 11211, 9042, 7474, 7687, 8086, 6333, 6334, 2379, 26257,
        8529, 28015, 8123,
    ]
    static let databaseImages: Set<String> = [
        "postgres", "postgis", "mysql", "mariadb", "mongo", "redis", "valkey", "elasticsearch", "opensearch",
        "couchdb", "memcached", "cassandra", "neo4j", "influxdb", "qdrant", "etcd", "cockroach", "clickhouse-server",
        "mssql-server", "timescaledb",
    ]

    static func isDatabase(port: Int, image: String?) -> Bool {
        if databasePorts.contains(port) { return true }
        guard let image else { return false }
        return databaseImages.contains(ImageReference(image).shortName)
    }
}

/// One published port of a service, as the canonical project writes it.
struct PublishedPort {
    var service: String
    var hostIP: String?
    var published: String
    var target: Int
    var proto: String
    var location: SourceLocation?

    /// The ports the service publishes on the host (those with a `published` value).
    static func all(of service: ServiceView) -> [PublishedPort] {
        service.ports.compactMap { port in
            guard let published = port["published"]?.scalarText, !published.isEmpty else { return nil }
            return PublishedPort(
                service: service.name, hostIP: port["host_ip"]?.scalarText, published: published,
                target: Int(port["target"]?.scalarText ?? "") ?? 0, proto: port["protocol"]?.scalarText ?? "tcp",
                location: port.location)
        }
    }

    var isOnAllInterfaces: Bool { hostIP == nil || hostIP == "0.0.0.0" || hostIP == "::" || hostIP == "" }

    /// The host port numbers: one, or each of a range (`8000-8010`).
    var hostPorts: [Int] {
        let bounds = published.split(separator: "-").compactMap { Int($0) }
        guard let low = bounds.first else { return [] }
        let high = bounds.count == 2 ? bounds[1] : low
        return high >= low && high - low < 65536 ? Array(low...high) : [low]
    }

    /// Whether both bind the same address: the same one, or either on all interfaces.
    func overlaps(_ other: PublishedPort) -> Bool {
        isOnAllInterfaces || other.isOnAllInterfaces || hostIP == other.hostIP
    }
}
