import Foundation
import Testing

@testable import ComposeSpec
@testable import Orchestration

/// Every service attribute of the Compose Specification is either mapped into the create body, acted on by another
/// step, ignored with a warning, or refused: none is dropped without a word.
@Suite struct AttributeCoverageTests {
    @Test func everyServiceAttributeIsAccountedFor() throws {
        let schema = try #require(
            try JSONSerialization.jsonObject(with: Data(ComposeSchemaDocument.json.utf8)) as? [String: Any])
        let definitions = try #require(schema["definitions"] as? [String: Any])
        let service = try #require(definitions["service"] as? [String: Any])
        let properties = try #require(service["properties"] as? [String: Any])
        let refused: Set<String> = ["provider", "models"]
        let lists = [
            ContainerSpec.mappedKeys, ContainerSpec.keysHandledElsewhere,
            Set(ContainerSpec.keysIgnoredWithWarning.keys), refused,
        ]
        let accounted = lists.reduce(Set<String>()) { $0.union($1) }
        #expect(Set(properties.keys).subtracting(accounted).isEmpty)
        #expect(accounted.subtracting(properties.keys).isEmpty)
        // In exactly one list.
        #expect(lists.map(\.count).reduce(0, +) == accounted.count)
    }

    @Test(arguments: [
        ("develop: {watch: [{path: ., action: rebuild}]}", "develop only applies to `watch`"),
        ("credential_spec: {file: a.json}", "credential_spec only applies to Windows containers"),
    ])
    func attributesIgnoredWithAWarning(_ attribute: String, _ warning: String) throws {
        let request = try ContainerSpec.createBody(
            project: ProjectContext(name: "proj", workingDirectory: "/", configFiles: [], document: .null),
            serviceName: "s",
            service: try #require(try YAMLReader.documents("image: x\n" + attribute, file: "s").first),
            number: 1, apiVersion: (1, 41))
        #expect(request.warnings.contains { $0.message.hasPrefix("service \"s\": " + warning) }, "\(request.warnings)")
    }

    @Test(arguments: ["provider: {type: model}", "models: [m]"])
    func refusedAttributes(_ attributes: String) throws {
        let error = #expect(throws: OrchestrationError.self) {
            try ContainerSpec.createBody(
                project: ProjectContext(name: "proj", workingDirectory: "/", configFiles: [], document: .null),
                serviceName: "s",
                service: try #require(try YAMLReader.documents("image: x\n" + attributes, file: "s").first),
                number: 1, apiVersion: (1, 41))
        }
        #expect(error?.code == .unsupported)
    }
}
