import Foundation
import Testing

@testable import ComposeSpec

extension SchemaTests {
    /// A project of `count` services, each with the attributes a real stack uses.
    static func largeProject(services count: Int) -> String {
        var yaml = "name: big\nservices:\n"
        for index in 0..<count {
            yaml += """
                  service\(index):
                    image: registry.example.com/app:\(index)
                    command: [serve, --port, "80\(index % 10)"]
                    environment:
                      INDEX: "\(index)"
                      MODE: production
                    ports: ["\(10000 + index):80", {target: 443, published: "\(20000 + index)"}]
                    volumes: [data\(index):/data, {type: bind, source: ./conf, target: /conf, read_only: true}]
                    depends_on:
                      db: {condition: service_healthy, restart: true}
                    healthcheck: {test: [CMD, curl, -f, localhost], interval: 10s, retries: 3}
                    deploy: {replicas: 2, resources: {limits: {cpus: "0.5", memory: 256M}}}
                    labels: [team=core, tier=web]
                    ulimits: {nofile: {soft: 1024, hard: 2048}}
                    networks: [front, back]
                    x-owner: core

                """
        }
        return yaml + "networks:\n  front: {}\n  back: {internal: true}\n"
    }

    /// Validation runs on every `pier` invocation: it must stay in the few-milliseconds range for big projects.
    /// Prints the measured times; the bound is loose so a slow debug build on a busy machine still passes.
    @Test func validatesFiveHundredServicesQuickly() throws {
        let start = ContinuousClock.now
        let schema = try SchemaCompiler.compile(
            ComposeSchemaDocument.json, deduplicated: CompiledSchema.deduplicatedPaths)
        let compiled = ContinuousClock.now
        let document = try Self.document(Self.largeProject(services: 500))
        let parsed = ContinuousClock.now
        let cast = try SchemaCasting.cast(document)
        let casted = ContinuousClock.now
        try SchemaValidator.validate(cast, against: schema)
        let validated = ContinuousClock.now
        print(
            "schema compile \(compiled - start), YAML read \(parsed - compiled), cast \(casted - parsed),"
                + " validate \(validated - casted) for 500 services")
        #expect(validated - casted < .seconds(1))
    }
}
