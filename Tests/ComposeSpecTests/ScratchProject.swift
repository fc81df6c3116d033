import Foundation

@testable import ComposeSpec

/// Files in a fresh directory, loaded as `pier` loads a project there; removed with `remove()`.
struct ScratchProject {
    let directory: String

    init(_ files: [String: String]) throws {
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("pier-loader-\(UUID().uuidString.prefix(8))").path
        for (name, content) in files {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try content.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    func path(_ name: String) -> String {
        directory + "/" + name
    }

    func load(
        environment: [String: String] = [:], configure: (inout ProjectOptions) -> Void = { _ in }
    ) throws(ComposeError) -> LoadedProject {
        var options = ProjectOptions(environment: environment, workingDirectory: directory)
        configure(&options)
        return try ProjectLoader.load(options)
    }

    /// The error loading fails with; nil when it loads.
    func failure(environment: [String: String] = [:]) -> ComposeError? {
        do {
            _ = try load(environment: environment)
            return nil
        } catch {
            return error
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
