import Foundation
import Testing

@testable import ComposeSpec

extension SchemaCases {
    /// Documents the reference accepts (each checked with `compose-ref config`).
    static let valid: [String] = [
        webService,
        "services: {}\n",
        "name: demo\nversion: \"3.8\"\n" + webService,
        "services:\n  web.1_a-b:\n    image: nginx\n",
        // Extensions, where the schema's `^x-` patterns allow them; `x-web` is also a valid service name.
        "x-common: &common\n  restart: always\n" + webService + "    x-note: 1\n",
        webService + "    deploy: {x-a: 1, replicas: 2}\n    healthcheck: {x-b: 1}\n    logging: {x-c: 1}\n",
        webService + "    ports: [{target: 80, x-d: 1}]\n    build: {context: ., x-e: 1}\n",
        "services:\n  x-web:\n    image: nginx\nnetworks:\n  n: {x-f: 1, ipam: {x-g: 1}}\nvolumes:\n  x-v: {}\n",
        // A whole number written as a float is an integer, as in JSON Schema.
        webService + "    deploy:\n      replicas: 3.0\n    scale: 1e1\n",
        // Strings where the schema also takes numbers and booleans (interpolated values before casting).
        webService + "    read_only: \"${RO}\"\n    cpus: \"0.5\"\n    mem_limit: 1g\n    shm_size: 64m\n",
        // Lists the reference de-duplicates before validating: duplicates load there.
        webService + "    cap_add: [A, A]\n    dns: [a, a]\n    environment: [A=1, A=1]\n    expose: [80, 80]\n",
        webService + "    ports: [\"80:80\", \"80:80\"]\n    volumes: [\"/a:/a\", \"/a:/a\"]\n    labels: [a=1, a=1]\n",
        webService + "    networks:\n      n:\n        aliases: [a, a]\nnetworks:\n  n:\n    labels: [a=1, a=1]\n",
        // Unanchored `pattern`, as in the reference: `xalwaysx` contains `always`.
        webService + "    pull_policy: xalwaysx\n    container_name: my-web_1\n",
        webService + "    command: null\n    entrypoint: [sh, -c]\n    environment: {A: 1, B: true, C: null, D: x}\n",
        webService + "    depends_on:\n      db: {condition: service_healthy, restart: true, required: false}\n",
        webService + "    depends_on: [db]\n    networks: [front, back]\n    gpus: all\n",
        webService + "    ulimits:\n      nofile: {soft: 1024, hard: 2048}\n      nproc: 65535\n      core: \"0\"\n",
        webService + "    volumes:\n      - type: bind\n        source: .\n        target: /src\n"
            + "        bind: {create_host_path: true, selinux: z}\n      - type: tmpfs\n        target: /t\n"
            + "        tmpfs: {size: 1000, mode: 1777}\n      - data:/data:ro\n",
        webService
            + "    ports:\n      - 80\n      - \"8080:80\"\n      - {target: 80, published: \"8081\", protocol: udp}\n",
        webService + "    healthcheck:\n      test: [CMD, \"true\"]\n      interval: 10s\n      retries: 3\n",
        webService + "    build:\n      context: .\n      args: {A: 1}\n      ssh: [default]\n      secrets: [s]\n",
        webService + "    develop:\n      watch:\n        - {path: ., action: sync+exec, target: /app,"
            + " exec: {command: [ls]}}\n",
        webService + "    cpu_percent: 50\n    cpu_count: 0\n    oom_score_adj: -1000\n",
        webService + "    deploy:\n      resources:\n        reservations:\n          devices:\n"
            + "            - {capabilities: [gpu], count: all}\n",
        "networks:\n  n:\n    external: true\n  m:\n    driver: bridge\n    ipam:\n      config:\n"
            + "        - subnet: 10.0.0.0/24\n          aux_addresses: {host1: 10.0.0.5}\n",
        "volumes:\n  v:\n    external: {name: real}\nsecrets:\n  s: {file: ./s.txt}\nconfigs:\n  c: {content: x}\n",
        "models:\n  m:\n    model: ai/smollm2\n    context_size: 1024\n",
        "include:\n  - other.yaml\n  - path: [a.yaml, b.yaml]\n    project_directory: .\n" + webService,
    ]
}

extension SchemaTests {
    /// Fixtures whose reference error comes from a step other than the schema's.
    static let fixturesFailingElsewhere: Set<String> = [
        // go-yaml types `2020-01-01` as a timestamp, which the schema rejects; YAML 1.2 (Pier's reader) has none.
        "err-yaml-timestamp-value"
    ]

    /// The config fixtures: those the reference loads pass; those it rejects while validating fail on the same path.
    @Test func agreesWithReferenceOnFixtures() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/config")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(names.count > 40)
        for name in names where !Self.fixturesFailingElsewhere.contains(name) {
            let directory = root.appendingPathComponent(name)
            guard let text = try? String(contentsOf: directory.appendingPathComponent("compose.yaml"), encoding: .utf8),
                let read = try? YAMLReader.documents(text, file: "compose.yaml").first
            else { continue }
            // Cast as the loader does; a fixture that needs interpolation first is validated uncast.
            let document = (try? SchemaCasting.cast(read)) ?? read
            let reference = try? String(contentsOf: directory.appendingPathComponent("reference.err"), encoding: .utf8)
            if let reference, reference.hasPrefix("validating "), let colon = reference.range(of: "compose.yaml: ") {
                // `validating <file>: services.app.build additional properties…`; the path is empty at the top.
                let path = reference[colon.upperBound...].prefix { $0 != " " }
                let error = try #require(throws: ComposeError.self, "\(name)") {
                    try SchemaValidator.validate(document)
                }
                #expect(error.message.hasPrefix(path), "\(name): \(error)")
            } else if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("expect-error").path) {
                #expect(throws: Never.self, "\(name)") { try SchemaValidator.validate(document) }
            }
        }
    }
}
