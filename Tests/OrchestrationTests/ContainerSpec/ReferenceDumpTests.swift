import ComposeSpec
import DockerEngine
import Foundation
import Testing

@testable import Orchestration

/// Writes every create request Pier would send for a project, as JSON lines, so a script can compare them with the
/// requests Docker Compose sends (captured through a logging proxy). Runs only when asked:
/// `PIER_CREATE_DUMP=<project dir>:<project name>:<output file> swift test --filter ReferenceDump`, for the API of
/// Engine 20.10 unless `PIER_CREATE_API` names another (`1.45` for Engine 26.1).
@Suite struct ReferenceDumpTests {
    static let request = ProcessInfo.processInfo.environment["PIER_CREATE_DUMP"]
    static let api =
        ProcessInfo.processInfo.environment["PIER_CREATE_API"].flatMap(APIVersion.init) ?? APIVersion(1, 41)

    @Test(.enabled(if: request != nil, "set PIER_CREATE_DUMP to dump create requests"))
    func dumpCreateRequests() throws {
        let parts = try #require(Self.request).split(separator: ":").map(String.init)
        try #require(parts.count == 3)
        var options = ProjectOptions(environment: ProcessInfo.processInfo.environment, workingDirectory: parts[0])
        options.projectName = parts[1]
        let project = ProjectContext(try ProjectLoader.load(options))
        let services = project.document["services"]?.mapping ?? [:]
        let replicas = services.mapValues { service in
            Int(service.field("scale")?.int64Value ?? service["deploy"]?.field("replicas")?.int64Value ?? 1)
        }
        // Containers are named as Compose names them; their IDs are placeholders the script maps real IDs to.
        let resolver = ContainerResolver { name in
            guard let service = services[name] else { return [] }
            return (1...max(replicas[name] ?? 1, 1)).map { number in
                let containerName = ContainerNames.service(
                    project: parts[1], service: name, number: number,
                    containerName: service.field("container_name")?.scalarText)
                return ServiceContainer(id: "ID:" + containerName, name: containerName, number: number)
            }
        }
        var lines: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (key, network) in project.document["networks"]?.mapping ?? [:] where network.field("external") == nil {
            let body = try NetworkSpec.createBody(project: project, key: key, apiVersion: Self.api)
            lines.append(String(decoding: try encoder.encode(JSONValue.object(["network": body])), as: UTF8.self))
        }
        for (key, volume) in project.document["volumes"]?.mapping ?? [:] where volume.field("external") == nil {
            let body = try VolumeSpec.createBody(project: project, key: key)
            lines.append(String(decoding: try encoder.encode(JSONValue.object(["volume": body])), as: UTF8.self))
        }
        for (name, service) in services {
            for number in 1...max(replicas[name] ?? 1, 1) {
                let request = try ContainerSpec.createBody(
                    project: project, serviceName: name, service: service, number: number, apiVersion: Self.api,
                    options: ContainerCreateOptions(imageID: "IMAGE", containers: resolver))
                let entry: JSONValue = .object([
                    "name": .string(request.name), "platform": request.platform.map(JSONValue.string) ?? .null,
                    "body": request.body, "warnings": .strings(request.warnings.map(\.message)),
                    "connections": .array(
                        request.networkConnections.map {
                            .object(["network": .string($0.network), "endpoint": $0.endpointConfig])
                        }),
                    "files": .array(
                        request.files.map {
                            .object([
                                "path": .string($0.path),
                                "content": .string(String(decoding: $0.content, as: UTF8.self)),
                                "mode": .int($0.mode), "uid": $0.uid.map(JSONValue.int) ?? .null,
                                "gid": $0.gid.map(JSONValue.int) ?? .null,
                            ])
                        }),
                ])
                lines.append(String(decoding: try encoder.encode(entry), as: UTF8.self))
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: parts[2], atomically: true, encoding: .utf8)
    }
}
