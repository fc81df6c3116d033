import ArgumentParser
import ComposeSpec
import Foundation
import ScaleOut

struct ConvertKubernetes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubernetes",
        abstract: "Write Kubernetes manifests for the project (no cluster needed).",
        discussion: "What does not carry over is listed on standard error with its file:line:column.")

    var global: GlobalOptions { GlobalOptions.current }

    @Option(name: [.short, .long], help: "Write one file per object into DIR, or - for one stream.")
    var output = "-"
    @Option(help: "Namespace of every object.") var namespace: String?
    @Flag(help: "Also write a kustomization.yaml listing the files (needs -o DIR).") var kustomize = false
    @Flag(name: .customLong("host-path"), help: "Mount bind mounts' folders from the node (hostPath).")
    var hostPath = false
    @Option(name: .customLong("wait-image"), help: "Image of the init containers that wait for dependencies.")
    var waitImage = KubernetesOptions.defaultWaitImage
    @Argument(help: "Services to convert (default: those the active profiles select).") var services: [String] = []

    func run() async throws {
        if kustomize, output == "-" { throw ValidationError("--kustomize needs -o DIR") }
        let project = try ProjectTarget.loadProject(global.projectOptions(services: services))
        var options = KubernetesOptions(namespace: namespace)
        options.bindMountsAsHostPath = hostPath
        options.waitImage = waitImage
        let conversion = KubernetesConverter.convert(project, options: options)
        LossPresentation.warn(conversion.losses)
        guard output != "-" else { return Output.write(KubernetesManifest.stream(conversion.manifests)) }
        var files = conversion.manifests.map { ($0.fileName, $0.yaml) }
        if kustomize {
            files.append(
                ("kustomization.yaml", KubernetesManifest.kustomization(conversion.manifests, namespace: namespace)))
        }
        try ConvertedFiles.write(files, into: output)
    }
}

/// Writing converted files into a folder.
enum ConvertedFiles {
    static func write(_ files: [(name: String, text: String)], into folder: String) throws {
        let directory = URL(
            fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: directory.appendingPathComponent(name))
            }
        } catch {
            throw CommandFailure(
                "cannot write into \(directory.path): \(error.localizedDescription)", underlying: error)
        }
    }
}
