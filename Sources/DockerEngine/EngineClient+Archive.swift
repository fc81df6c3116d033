import Foundation

/// Files into and out of containers: `/containers/{id}/archive`.
extension EngineClient {
    /// Extracts `tar` (an uncompressed or compressed tar archive) into the container at `path`, which must exist
    /// in it. `copyUIDGID` keeps the archive's owners instead of mapping them to the container's root.
    public func putArchive(_ containerID: String, path: String, tar: [UInt8], copyUIDGID: Bool = false) async throws {
        var query = [(name: "path", value: path)]
        if copyUIDGID { query.append((name: "copyUIDGID", value: "true")) }
        _ = try await send(
            EngineRequest(
                .put, "/containers/\(containerID)/archive", query: query,
                body: .bytes(tar, contentType: "application/x-tar")))
    }

    /// Extracts a tar archive streamed from `body` (read as the engine takes it) into the container at `path`.
    public func putArchive(
        _ containerID: String, path: String, body: EngineBodyStream, copyUIDGID: Bool = false
    ) async throws {
        var query = [(name: "path", value: path)]
        if copyUIDGID { query.append((name: "copyUIDGID", value: "true")) }
        _ = try await send(
            EngineRequest(
                .put, "/containers/\(Self.segment(containerID))/archive", query: query,
                body: .stream(body, contentType: "application/x-tar")))
    }

    /// `HEAD /containers/{id}/archive`: what `path` is in the container (a missing path is `.notFound`).
    public func statPath(_ containerID: String, path: String) async throws -> ContainerPathStat {
        let response = try await send(
            EngineRequest(.head, "/containers/\(Self.segment(containerID))/archive", query: [("path", path)]))
        return try ContainerPathStat(header: response.header("X-Docker-Container-Path-Stat"))
    }

    /// `GET /containers/{id}/archive`: `path` (a file, or a directory with its contents) as a tar stream whose
    /// entries are named from the path's last component; and what the path is.
    public func getArchive(_ containerID: String, path: String) async throws -> (
        stat: ContainerPathStat, tar: EngineByteStream
    ) {
        let response = try await stream(
            EngineRequest(.get, "/containers/\(Self.segment(containerID))/archive", query: [("path", path)]))
        return (try ContainerPathStat(header: response.header("X-Docker-Container-Path-Stat")), response.body)
    }
}

/// A path in a container, as the engine describes it in `X-Docker-Container-Path-Stat` (base64 JSON).
public struct ContainerPathStat: Sendable, Hashable, Decodable {
    public var name: String
    public var size: Int64
    /// Go's `os.FileMode` bits: permissions in the low 9 bits, `1 << 31` for a directory, `1 << 27` a symlink.
    public var mode: UInt32
    public var linkTarget: String

    public var isDirectory: Bool { mode & (1 << 31) != 0 }
    public var isSymlink: Bool { mode & (1 << 27) != 0 }

    enum CodingKeys: String, CodingKey {
        case name, size, mode, linkTarget
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.value(.name, or: "")
        size = try container.value(.size, or: 0)
        mode = try container.value(.mode, or: 0)
        linkTarget = try container.value(.linkTarget, or: "")
    }

    init(header: String?) throws {
        guard let header, let data = Data(base64Encoded: header) else {
            throw EngineError.protocolError("the engine did not describe the container path (no path stat header)")
        }
        self = try JSONDecoder().decode(ContainerPathStat.self, from: data)
    }
}
