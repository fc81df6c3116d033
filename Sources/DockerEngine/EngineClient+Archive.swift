/// Files into containers: `PUT /containers/{id}/archive`.
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
}
