import ComposeSpec
import Digest
import Foundation

/// The layers `publish` makes of a project's compose files, as Docker Compose makes them: each file as written,
/// but with the files it extends (`extends.file`) and the env files it reads (`env_file`) renamed after the
/// SHA-256 of their absolute path (`<hex>.yaml`, `<hex>.env`), since only names travel; then the extended files
/// (with their own references renamed), the env files when asked (`--with-env`), and `image-digests.yaml` when
/// the images are pinned.
public enum ArtifactLayers {
    /// The layers for `files` (absolute paths, in `-f` order).
    public static func make(
        files: [String], withEnvironmentFiles: Bool, pinnedImages: [(service: String, image: String)]? = nil
    ) throws -> [ComposeArtifact.Layer] {
        var composeLayers: [ComposeArtifact.Layer] = []
        var extended: [ComposeArtifact.Layer] = []
        var environmentFiles: [ComposeArtifact.Layer] = []
        var pending = files.map { ($0, ComposeArtifact.Layer.Kind.composeFile) }
        var seen = Set<String>()
        while !pending.isEmpty {
            let (file, kind) = pending.removeFirst()
            guard seen.insert(file).inserted else { continue }
            let text = try read(file)
            let references = try references(in: text, file: file)
            for reference in references {
                switch reference.kind {
                case .extendedFile: pending.append((reference.path, .extendedFile))
                case .envFile where withEnvironmentFiles:
                    guard FileManager.default.fileExists(atPath: reference.path) else { continue }
                    let layer = ComposeArtifact.Layer(
                        kind: .envFile, name: reference.publishedName, content: Array(try read(reference.path).utf8))
                    if !environmentFiles.contains(layer) { environmentFiles.append(layer) }
                default: break
                }
            }
            let content = Array(rewrite(text, references).utf8)
            let name =
                kind == .composeFile
                ? (file as NSString).lastPathComponent : FileReference.publishedName(file, ".yaml")
            let layer = ComposeArtifact.Layer(kind: kind, name: name, content: content)
            if kind == .composeFile { composeLayers.append(layer) } else { extended.append(layer) }
        }
        var layers = composeLayers + extended + environmentFiles
        if let pinnedImages, !pinnedImages.isEmpty {
            let text =
                "services:\n" + pinnedImages.map { "  \($0.service):\n    image: \($0.image)\n" }.joined()
            layers.append(
                ComposeArtifact.Layer(kind: .composeFile, name: "image-digests.yaml", content: Array(text.utf8)))
        }
        return layers
    }

    /// A file another compose file names, where its name is written.
    struct FileReference {
        var kind: ComposeArtifact.Layer.Kind
        /// The absolute path it names.
        var path: String
        var location: SourceLocation

        var publishedName: String { Self.publishedName(path, kind == .envFile ? ".env" : ".yaml") }

        static func publishedName(_ path: String, _ suffix: String) -> String {
            SHA256.hex(of: path) + suffix
        }
    }

    /// The `extends.file` and `env_file` entries of a compose file, relative paths made absolute against its
    /// folder. A local `include` is refused, as the reference refuses it.
    static func references(in text: String, file: String) throws -> [FileReference] {
        let directory = (file as NSString).deletingLastPathComponent
        var found: [FileReference] = []
        for document in try YAMLReader.documents(text, file: file) {
            for item in document["include"]?.sequence ?? [] {
                let paths =
                    item.scalarText.map { [$0] } ?? (item["path"]?.sequence?.compactMap(\.scalarText) ?? [])
                    + (item["path"]?.scalarText.map { [$0] } ?? [])
                if paths.contains(where: { !$0.contains("://") }) {
                    throw OrchestrationError(.unsupported, "cannot publish compose file with local includes")
                }
            }
            for (_, service) in document["services"]?.mapping ?? [:] {
                func add(_ node: Node?, _ kind: ComposeArtifact.Layer.Kind) {
                    guard let node, let value = node.scalarText, let location = node.location else { return }
                    let path = value.hasPrefix("/") ? value : directory + "/" + value
                    found.append(
                        FileReference(kind: kind, path: (path as NSString).standardizingPath, location: location))
                }
                add(service["extends"]?["file"], .extendedFile)
                let entries = service["env_file"].map { $0.sequence ?? [$0] } ?? []
                for entry in entries { add(entry.scalarText != nil ? entry : entry["path"], .envFile) }
            }
        }
        return found
    }

    /// `text` with each reference's value replaced by its published name.
    static func rewrite(_ text: String, _ references: [FileReference]) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // From the end of each line, so that earlier columns stay right.
        for reference in references.sorted(by: {
            ($0.location.line, $0.location.column) > ($1.location.line, $1.location.column)
        }) {
            let index = reference.location.line - 1
            guard lines.indices.contains(index) else { continue }
            var scalars = Array(lines[index].unicodeScalars)
            let start = reference.location.column - 1
            guard scalars.indices.contains(start) else { continue }
            let end = scalarEnd(scalars, from: start)
            scalars.replaceSubrange(start..<end, with: reference.publishedName.unicodeScalars)
            lines[index] = String(String.UnicodeScalarView(scalars))
        }
        return lines.joined(separator: "\n")
    }

    /// Where the scalar starting at `start` ends: after its closing quote, or (plain) before a flow separator, a
    /// comment or the end of the line, trailing spaces excluded.
    private static func scalarEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        let first = scalars[start]
        if first == "\"" || first == "'" {
            var index = start + 1
            while index < scalars.count {
                if scalars[index] == "\\", first == "\"" {
                    index += 2
                    continue
                }
                if scalars[index] == first { return index + 1 }
                index += 1
            }
            return scalars.count
        }
        var end = start
        while end < scalars.count, !",]}".unicodeScalars.contains(scalars[end]),
            !(scalars[end] == "#" && end > start && scalars[end - 1] == " ")
        {
            end += 1
        }
        while end > start, scalars[end - 1] == " " { end -= 1 }
        return end
    }

    private static func read(_ file: String) throws -> String {
        do {
            return try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw OrchestrationError(
                .unreadableFile, "cannot read \(file): \(error.localizedDescription)", underlying: error)
        }
    }
}
