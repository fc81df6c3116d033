import ComposeSpec
import Foundation
import PierTestSupport
import ScaleOut

/// Projects loaded as `pier` loads them: the seeds and the demo from their folders, or a compose text written into
/// a scratch folder.
enum ScaleOutFixtures {
    static func seed(_ number: String, files: [String] = [], envFiles: [String] = [], profiles: [String] = [])
        throws -> LoadedProject
    {
        try load(
            TestSupport.fixtures.appendingPathComponent("seeds/\(number)").path, files: files, envFiles: envFiles,
            profiles: profiles)
    }

    static var demo: LoadedProject {
        get throws { try load(TestSupport.repositoryRoot.appendingPathComponent("examples/demo").path) }
    }

    static func load(_ directory: String, files: [String] = [], envFiles: [String] = [], profiles: [String] = [])
        throws -> LoadedProject
    {
        var options = ProjectOptions(environment: ["PATH": "/usr/bin:/bin"], workingDirectory: directory)
        options.files = files
        options.envFiles = envFiles
        options.profiles = profiles
        return try ProjectLoader.load(options)
    }

    /// `compose` (and `extra` files beside it) in a new folder, loaded as project `name`.
    static func project(_ compose: String, name: String = "scaleout", extra: [String: String] = [:]) throws
        -> LoadedProject
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scaleout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(compose.utf8).write(to: directory.appendingPathComponent("compose.yaml"))
        for (file, text) in extra { try Data(text.utf8).write(to: directory.appendingPathComponent(file)) }
        var options = ProjectOptions(environment: ["PATH": "/usr/bin:/bin"], workingDirectory: directory.path)
        options.projectName = name
        return try ProjectLoader.load(options)
    }
}

extension KubernetesConversion {
    /// The object of `kind` named `name`.
    func object(_ kind: String, _ name: String) -> Node? {
        manifests.first { $0.kind == kind && $0.name == name }?.document
    }

    /// The kinds and names of every object, as `Kind/name`.
    var inventory: [String] { manifests.map { "\($0.kind)/\($0.name)" } }

    /// The loss paths.
    var lostPaths: [String] { losses.losses.map(\.path) }
}

extension Node {
    /// The pod template's spec of a workload.
    var podSpec: Node? { self["spec"]?["template"]?["spec"] }
    /// The first container of a workload.
    var mainContainer: Node? { podSpec?["containers"]?.sequence?.first }
    /// The init containers' commands, joined by spaces.
    var waits: [String] {
        (podSpec?["initContainers"]?.sequence ?? []).map {
            ($0["command"]?.sequence ?? []).compactMap(\.string).joined(separator: " ")
        }
    }

    /// The texts of a list.
    var texts: [String] { (sequence ?? []).compactMap(\.scalarText) }

    /// The value at a dotted path (`spec.replicas`; a number indexes a list).
    func at(_ path: String) -> Node? {
        var node: Node? = self
        for part in path.split(separator: ".") {
            if let index = Int(part) {
                node = node?.sequence.flatMap { index < $0.count ? $0[index] : nil }
            } else {
                node = node?[String(part)]
            }
        }
        return node
    }
}
