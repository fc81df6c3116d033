import ComposeSpec
import DockerEngine
import Foundation
import Testing

@testable import Orchestration

/// Loads compose YAML the way `pier` does (a `compose.yaml` in a fresh directory, project `proj`), so the create
/// bodies under test start from the loader's real canonical document.
enum ServiceFixture {
    static func project(
        _ yaml: String, files: [String: String] = [:], environment: [String: String] = [:]
    ) throws -> ProjectContext {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("pier-create-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try yaml.write(toFile: directory + "/compose.yaml", atomically: true, encoding: .utf8)
        for (name, content) in files {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try content.write(toFile: path, atomically: true, encoding: .utf8)
        }
        var options = ProjectOptions(environment: environment, workingDirectory: directory)
        options.projectName = "proj"
        return ProjectContext(try ProjectLoader.load(options))
    }

    /// The create request for `service` (when nil: `s` if there is one, else the first service).
    static func request(
        _ yaml: String, service: String? = nil, number: Int = 1, api: (Int, Int) = (1, 41),
        options: ContainerCreateOptions = ContainerCreateOptions(containers: .fixed),
        files: [String: String] = [:], environment: [String: String] = [:]
    ) throws -> ContainerCreateRequest {
        let project = try project(yaml, files: files, environment: environment)
        let services = try #require(project.document["services"]?.mapping)
        let name = try #require(service ?? (services["s"] != nil ? "s" : services.keys.first))
        return try ContainerSpec.createBody(
            project: project, serviceName: name, service: try #require(services[name]), number: number,
            apiVersion: api, options: options)
    }
}

extension ContainerResolver {
    /// Every service has one container, `proj-<service>-1`, with ID `id-<service>`.
    static let fixed = ContainerResolver { service in
        [ServiceContainer(id: "id-\(service)", name: "proj-\(service)-1", number: 1)]
    }
}

extension ContainerCreateRequest {
    /// A `Config` field of the body.
    subscript(config key: String) -> JSONValue? { body[key] }

    /// A `HostConfig` field of the body.
    subscript(host key: String) -> JSONValue? { body["HostConfig"]?[key] }

    var labels: [String: String] {
        (body["Labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }
}

/// Builds expectations as JSON text, which reads closer to the bodies captured from Docker Compose.
func json(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

/// One table case: attributes of service `s` (YAML lines, as written under the service) and the body fields they
/// must produce, written as JSON objects (`config` for the top level of the body, `host` for `HostConfig`).
struct BodyCase: CustomTestStringConvertible, Sendable {
    var attributes: String
    /// More services, as lines under `services:` (`  db: {image: x}`).
    var services: String = ""
    var topLevel: String = ""
    var config: String = "{}"
    var host: String = "{}"
    var api: (Int, Int) = (1, 41)

    var testDescription: String { attributes.split(separator: "\n").joined(separator: "; ") }

    /// The compose file: service `s` with the busybox image and the attributes, other services, then top-level
    /// sections.
    var yaml: String {
        let indented = attributes.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        return "services:\n  s:\n    image: pier-test/busybox\n" + indented.joined(separator: "\n") + "\n" + services
            + topLevel
    }

    /// Checks every expected field against the request (fields the case does not name are not checked).
    func check(_ request: ContainerCreateRequest) throws {
        for (key, expected) in try #require(try json(config).objectValue) {
            #expect(request[config: key] == expected, "\(key)")
        }
        for (key, expected) in try #require(try json(host).objectValue) {
            #expect(request[host: key] == expected, "HostConfig.\(key)")
        }
    }
}
