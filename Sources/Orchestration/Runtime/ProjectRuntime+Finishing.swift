import ComposeSpec
import DockerEngine
import Foundation
import Tar

/// What a created container gets before it starts, as Compose does it: its secret and config files, and (with API
/// < 1.44) the networks the create call could not take.
extension ProjectRuntime {
    /// Copies `request`'s files into container `id` and connects it to `request`'s networks but those in
    /// `connected`. A file that cannot be written fails naming the service and the file (never its content).
    func finishCreating(
        _ id: String, request: ContainerCreateRequest, service: String, connected: Set<String> = []
    ) async throws {
        for file in request.files {
            do {
                try await Self.copy(file, into: id, client: client)
            } catch let error as EngineError {
                throw OrchestrationError.service(
                    service, .engine, "cannot write \(file.path) into its container: \(error.message)",
                    underlying: error)
            }
        }
        for connection in request.networkConnections where !connected.contains(connection.network) {
            try await client.connectNetwork(
                connection.network, container: id, endpointConfig: connection.endpointConfig)
        }
    }

    /// Writes `file` with its mode and owner, and the folders above it, through the archive API.
    static func copy(_ file: ContainerFile, into containerID: String, client: EngineClient) async throws {
        var archive = TarArchive()
        let components = file.path.split(separator: "/").map(String.init)
        for depth in 1..<max(components.count, 1) {
            archive.append(
                TarHeader(path: components.prefix(depth).joined(separator: "/"), kind: .directory, mode: 0o755))
        }
        let header = TarHeader(
            path: components.joined(separator: "/"), kind: .file(size: UInt64(file.content.count)),
            mode: file.mode, uid: file.uid ?? 0, gid: file.gid ?? 0, modified: Int(Date().timeIntervalSince1970))
        archive.append(header, content: file.content)
        try await client.putArchive(containerID, path: "/", tar: archive.finished, copyUIDGID: file.copiesOwner)
    }
}

extension Convergence {
    /// The create request of `service`'s replica `number` (replacing `old`, for a recreate).
    func createRequest(service: String, number: Int, replacing old: ObservedContainer?) throws
        -> ContainerCreateRequest
    {
        guard let definition = runtime.services[service] else { throw OrchestrationError.noSuchService(service) }
        return try ContainerSpec.createBody(
            project: runtime.project, serviceName: service, service: definition, number: number,
            apiVersion: runtime.apiVersion,
            options: ContainerCreateOptions(
                imageID: imageIDs[service], replacing: old?.id, containers: registry.resolver))
    }

    /// Finishes creating a container an earlier `up` created but ended before starting (killed, or failed while
    /// copying files or joining networks): its files again, and the networks it has not joined.
    func finishInterruptedCreate(_ container: ObservedContainer) async throws {
        let request = try createRequest(service: container.service, number: container.number, replacing: nil)
        guard !request.files.isEmpty || !request.networkConnections.isEmpty else { return }
        let inspection = try await client.inspectContainer(container.id)
        let joined = Set(inspection.raw["NetworkSettings"]?["Networks"]?.objectValue?.keys.map { $0 } ?? [])
        try await runtime.finishCreating(container.id, request: request, service: container.service, connected: joined)
    }
}
