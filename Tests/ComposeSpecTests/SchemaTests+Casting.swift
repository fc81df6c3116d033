import Testing

@testable import ComposeSpec

extension SchemaTests {
    /// What a string at a cast path becomes, as `compose-ref config` prints it.
    struct CastCase: Sendable, CustomTestStringConvertible {
        var yaml: String
        var path: [String]
        var expected: Node.Value
        var warning: String?

        var testDescription: String { "\(path.joined(separator: ".")) ← \(yaml.split(separator: "\n").last ?? "")" }
    }

    /// A string-valued `key: value` line under `services.web`, and where to read the result.
    static func service(_ line: String, _ path: String..., is expected: Node.Value, warns: String? = nil) -> CastCase {
        CastCase(
            yaml: SchemaCases.webService + line + "\n", path: ["services", "web"] + path, expected: expected,
            warning: warns)
    }

    static let castCases: [CastCase] = [
        service("    deploy: {replicas: \"3\"}", "deploy", "replicas", is: .int(3)),
        service("    deploy: {replicas: \"+3\"}", "deploy", "replicas", is: .int(3)),
        service("    deploy: {replicas: \"010\"}", "deploy", "replicas", is: .int(10)),
        service("    scale: \"2\"", "scale", is: .int(2)),
        service("    cpu_shares: \"-5\"", "cpu_shares", is: .int(-5)),
        service("    cpu_rt_period: \"1400\"", "cpu_rt_period", is: .int(1400)),
        service("    cpus: \"0.5\"", "cpus", is: .double(0.5)),
        service("    cpus: \"1_0\"", "cpus", is: .double(10)),
        service("    cpus: \"0x1p2\"", "cpus", is: .double(4)),
        service("    cpus: \".5\"", "cpus", is: .double(0.5)),
        service("    cpu_percent: \"50\"", "cpu_percent", is: .double(50)),
        service("    healthcheck: {retries: \"3\", disable: \"false\"}", "healthcheck", "retries", is: .int(3)),
        service("    ulimits: {nproc: \"65535\"}", "ulimits", "nproc", is: .int(65535)),
        service("    ulimits: {nofile: {soft: \"1\", hard: \"2\"}}", "ulimits", "nofile", "hard", is: .int(2)),
        service("    ports: [{target: \"80\", published: \"8080\"}]", "ports", "0", "target", is: .int(80)),
        service("    read_only: \"true\"", "read_only", is: .bool(true)),
        service("    privileged: \"tRuE\"", "privileged", is: .bool(true)),
        service("    tty: \"FALSE\"", "tty", is: .bool(false)),
        service(
            "    init: yes", "init", is: .bool(true),
            warns: "\"yes\" for boolean is not supported by YAML 1.2, please use `true`"),
        service(
            "    stdin_open: \"On\"", "stdin_open", is: .bool(true),
            warns: "\"On\" for boolean is not supported by YAML 1.2, please use `true`"),
        service(
            "    oom_kill_disable: n", "oom_kill_disable", is: .bool(false),
            warns: "\"n\" for boolean is not supported by YAML 1.2, please use `false`"),
        service(
            "    volumes: [{type: volume, source: v, target: /v, read_only: \"off\", volume: {nocopy: \"true\"}}]",
            "volumes", "0", "read_only", is: .bool(false),
            warns: "\"off\" for boolean is not supported by YAML 1.2, please use `false`"),
        CastCase(
            yaml: "networks:\n  n:\n    external: \"true\"\n", path: ["networks", "n", "external"],
            expected: .bool(true)),
        CastCase(
            yaml: "volumes:\n  v:\n    external: yes\n", path: ["volumes", "v", "external"], expected: .bool(true),
            warning: "\"yes\" for boolean is not supported by YAML 1.2, please use `true`"),
        // Not cast: typed `integer | string` in the schema, but the reference converts them later (or never).
        service("    mem_swappiness: \"60\"", "mem_swappiness", is: .string("60")),
        service("    ports: [{target: 80, published: \"8080\"}]", "ports", "0", "published", is: .string("8080")),
        service("    environment: {A: \"yes\"}", "environment", "A", is: .string("yes")),
        service("    build: {context: ., privileged: \"true\"}", "build", "privileged", is: .string("true")),
        service("    read_only: 1", "read_only", is: .int(1)),
    ]

    @Test(arguments: castCases)
    func castsStringsAtTypedPaths(_ example: CastCase) throws {
        var warnings: [ComposeWarning] = []
        let cast = try SchemaCasting.cast(try Self.document(example.yaml), warnings: &warnings)
        let node = try #require(
            example.path.reduce(cast as Node?) { node, key in
                node?.mapping?[key] ?? Int(key).flatMap { index in node?.sequence?[index] }
            })
        #expect(String(describing: node.value) == String(describing: example.expected))
        #expect(warnings.map(\.message) == (example.warning.map { [$0] } ?? []))
        #expect(node.location != nil)
    }

    @Test(
        arguments: [
            (
                "    deploy: {replicas: \"zzz\"}", ComposeError.Code.wrongType,
                #"services.web.deploy.replicas must be an integer, not "zzz""#, 4, 24
            ),
            (
                "    deploy: {replicas: \"3.0\"}", .wrongType,
                #"services.web.deploy.replicas must be an integer, not "3.0""#, 4, 24
            ),
            ("    scale: \" 3\"", .wrongType, #"services.web.scale must be an integer, not " 3""#, 4, 12),
            (
                "    oom_score_adj: \"99999999999999999999\"", .invalidValue,
                "services.web.oom_score_adj: 99999999999999999999 is out of range for an integer", 4, 20
            ),
            ("    cpus: \"0x10\"", .wrongType, #"services.web.cpus must be a number, not "0x10""#, 4, 11),
            ("    cpus: \"1__0\"", .wrongType, #"services.web.cpus must be a number, not "1__0""#, 4, 11),
            ("    cpus: \"1e400\"", .invalidValue, "services.web.cpus: 1e400 is out of range for a number", 4, 11),
            (
                "    read_only: maybe", .wrongType,
                #"services.web.read_only must be a boolean (true or false), not "maybe""#, 4, 16
            ),
            (
                "    read_only: \"1\"", .wrongType,
                #"services.web.read_only must be a boolean (true or false), not "1""#, 4, 16
            ),
            ("    tty: \"\"", .wrongType, #"services.web.tty must be a boolean (true or false), not """#, 4, 10),
            (
                "    ulimits: {nofile: {soft: x, hard: 1}}", .wrongType,
                #"services.web.ulimits.nofile.soft must be an integer, not "x""#, 4, 30
            ),
        ] as [(String, ComposeError.Code, String, Int, Int)])
    func rejectsStringsThatDoNotCast(
        _ line: String, _ code: ComposeError.Code, _ message: String, _ row: Int, _ column: Int
    )
        throws
    {
        let document = try Self.document(SchemaCases.webService + line + "\n")
        let error = try #require(throws: ComposeError.self) { try SchemaCasting.cast(document) }
        #expect(error.message == message)
        #expect(error.code == code)
        #expect(error.location.map { [$0.line, $0.column] } == [row, column])
    }

    @Test func castWarningsCarryTheirLocation() throws {
        var warnings: [ComposeWarning] = []
        _ = try SchemaCasting.cast(try Self.document(SchemaCases.webService + "    tty: on\n"), warnings: &warnings)
        #expect(
            warnings.map(\.description) == [
                "compose.yaml:4:10: \"on\" for boolean is not supported by YAML 1.2, please use `true`"
            ])
    }

    @Test func castDocumentThenValidates() throws {
        let yaml =
            SchemaCases.webService + "    read_only: \"yes\"\n    deploy: {replicas: \"2\"}\n    cpu_count: \"2\"\n"
        let document = try SchemaCasting.cast(try Self.document(yaml))
        #expect(throws: Never.self) { try SchemaValidator.validate(document) }
        // Uncast, `cpu_count: "2"` is still fine (a string), but the same file with `use_api_socket` is not cast.
        let uncastable = try Self.document(SchemaCases.webService + "    use_api_socket: \"true\"\n")
        #expect(throws: ComposeError.self) { try SchemaValidator.validate(try SchemaCasting.cast(uncastable)) }
    }
}
