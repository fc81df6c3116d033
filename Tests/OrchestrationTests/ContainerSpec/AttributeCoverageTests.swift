import Foundation
import Testing

@testable import ComposeSpec
@testable import Orchestration

/// Every service attribute of the Compose Specification is either mapped into the create body, acted on by another
/// step, or refused: none is dropped without a word.
@Suite struct AttributeCoverageTests {
    @Test func everyServiceAttributeIsAccountedFor() throws {
        let schema = try #require(
            try JSONSerialization.jsonObject(with: Data(ComposeSchemaDocument.json.utf8)) as? [String: Any])
        let definitions = try #require(schema["definitions"] as? [String: Any])
        let service = try #require(definitions["service"] as? [String: Any])
        let properties = try #require(service["properties"] as? [String: Any])
        let refused: Set<String> = ["provider", "models"]
        let accounted = ContainerSpec.mappedKeys.union(ContainerSpec.keysHandledElsewhere).union(refused)
        #expect(Set(properties.keys).subtracting(accounted).isEmpty)
        #expect(accounted.subtracting(properties.keys).isEmpty)
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
