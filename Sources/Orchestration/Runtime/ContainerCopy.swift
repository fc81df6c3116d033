import DockerEngine
import Foundation
import Tar

/// `cp` between the host and a container through the archive API, with `docker cp`'s rules for where things
/// land: into an existing directory under their own name, else at the destination path itself.
public struct ContainerCopy: Sendable {
    public let client: EngineClient

    public init(client: EngineClient) {
        self.client = client
    }

    /// Copies `source` out of the container to `destination` on the host (`-` writes the tar to `output`).
    public func copyOut(
        from containerID: String, source: String, to destination: String, followsLink: Bool = false,
        output: @Sendable ([UInt8]) -> Void = { _ in }
    ) async throws {
        var path = source
        let name = Self.lastComponent(source)
        if followsLink {
            let stat = try await client.statPath(containerID, path: source)
            if stat.isSymlink, !stat.linkTarget.isEmpty {
                path =
                    stat.linkTarget.hasPrefix("/")
                    ? stat.linkTarget : Self.parent(of: source) + "/" + stat.linkTarget
            }
        }
        let (stat, tar) = try await client.getArchive(containerID, path: path)
        if destination == "-" {
            for try await chunk in tar { output(chunk) }
            return
        }
        let target = try Self.localTarget(
            destination, sourceIsDirectory: stat.isDirectory, name: name, contentsOnly: Self.endsInDot(source))
        var extractor = TarExtractor(target: target)
        for try await chunk in tar { try extractor.append(chunk) }
        try extractor.finish()
    }

    /// Copies `source` on the host into the container at `destination` (`-` reads a tar from `input`).
    /// `archive` keeps the files' owners (`-a`).
    public func copyIn(
        _ source: String, to containerID: String, destination: String, followsLink: Bool = false,
        archive: Bool = false, input: () throws -> [UInt8] = { [] }
    ) async throws {
        if source == "-" {
            try await client.putArchive(containerID, path: destination, tar: try input(), copyUIDGID: archive)
            return
        }
        // Relative to where `cp` was typed, and named in full in errors, as the reference names it.
        let trailingSlash = source.hasSuffix("/") ? "/" : ""
        let source =
            URL(fileURLWithPath: source).standardizedFileURL.path + (Self.endsInDot(source) ? "/." : trailingSlash)
        var info = stat()
        guard (followsLink ? stat(source, &info) : lstat(source, &info)) == 0 else {
            throw OrchestrationError(.notFound, "lstat \(source): no such file or directory")
        }
        let sourceIsDirectory = info.st_mode & S_IFMT == S_IFDIR
        let existing: ContainerPathStat?
        do {
            existing = try await client.statPath(containerID, path: destination)
        } catch let error as EngineError where error.code == .notFound {
            existing = nil
        }
        let directory: String
        let name: String
        var contentsOnly = false
        if let existing, existing.isDirectory {
            directory = destination
            name = Self.lastComponent(source)
            contentsOnly = sourceIsDirectory && Self.endsInDot(source)
        } else {
            if existing != nil, sourceIsDirectory {
                throw OrchestrationError(.invalidValue, "cannot copy a directory to a file: \(destination)")
            }
            if existing == nil, destination.hasSuffix("/"), !sourceIsDirectory {
                throw OrchestrationError(.notFound, "no such directory")
            }
            directory = Self.parent(of: destination)
            name = Self.lastComponent(destination)
        }
        let tar = HostArchiveStream(
            source, name: name, contentsOnly: contentsOnly, followsLink: followsLink, keepsOwners: archive)
        try await client.putArchive(containerID, path: directory, body: EngineBodyStream(tar), copyUIDGID: archive)
    }

    /// Where the copied file or directory lands on the host.
    static func localTarget(_ destination: String, sourceIsDirectory: Bool, name: String, contentsOnly: Bool) throws
        -> String
    {
        let absolute = URL(fileURLWithPath: destination).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return contentsOnly ? absolute : absolute + "/" + name }
            if sourceIsDirectory {
                throw OrchestrationError(.invalidValue, "cannot copy a directory to a file: \(destination)")
            }
            return absolute
        }
        if destination.hasSuffix("/"), !sourceIsDirectory { throw OrchestrationError(.notFound, "no such directory") }
        var parentIsDirectory: ObjCBool = false
        let parent = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &parentIsDirectory),
            parentIsDirectory.boolValue
        else { throw OrchestrationError(.notFound, "no such directory") }
        return absolute
    }

    static func endsInDot(_ path: String) -> Bool {
        path == "." || path.hasSuffix("/.")
    }

    static func lastComponent(_ path: String) -> String {
        let components = path.split(separator: "/").filter { $0 != "." }
        return components.last.map(String.init) ?? "/"
    }

    static func parent(of path: String) -> String {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
