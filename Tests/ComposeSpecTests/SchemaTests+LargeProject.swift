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

    /// A realistic 500-service project casts and validates (speed is measured in bench/, not here).
    @Test func validatesALargeProject() throws {
        let schema = try SchemaCompiler.compile(
            ComposeSchemaDocument.json, deduplicated: CompiledSchema.deduplicatedPaths)
        let document = try Self.document(Self.largeProject(services: 500))
        try SchemaValidator.validate(try SchemaCasting.cast(document), against: schema)
        #expect(document["services"]?.mapping?.count == 500)
    }
}
