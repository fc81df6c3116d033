import ComposeSpec
import Foundation

/// What the rules look at: the loaded project (merged, interpolated, `extends` and `include` applied,
/// normalized), its services, the text of the files it came from and each file as written (for the rules about
/// how a file is written: key order, `version`, duplicates).
public struct LintContext: Sendable {
    public let project: LoadedProject
    public let services: [ServiceView]
    public let sources: SourceFiles
    /// Each compose file as written (not merged, not interpolated), by path.
    public let rawDocuments: [(file: String, document: Node)]
    /// The Dockerfile facts of services that build, by service name.
    let dockerfiles: [String: DockerfileFacts]

    public init(project: LoadedProject, sources: SourceFiles? = nil) {
        self.project = project
        self.services = ServiceView.all(in: project.document)
        let files = SourceFiles.files(in: project.document).union(project.configFiles.filter { $0 != "-" })
        let sources = sources ?? SourceFiles(paths: files)
        self.sources = sources
        // The loader keeps each file as it read it; a project built by hand is parsed here.
        self.rawDocuments = sources.paths.compactMap { path in
            if let document = project.sourceDocuments[path] { return (path, document) }
            guard let text = sources.texts[path],
                let document = try? YAMLReader.documents(text, file: path).first
            else { return nil }
            return (path, document)
        }
        var dockerfiles: [String: DockerfileFacts] = [:]
        for service in services {
            guard let build = service.build, let facts = DockerfileFacts(build: build) else { continue }
            dockerfiles[service.name] = facts
        }
        self.dockerfiles = dockerfiles
    }

    /// The raw service definitions of every file, with the file they are in.
    var rawServices: [(file: String, name: String, node: Node)] {
        rawDocuments.flatMap { file, document in
            (document["services"]?.mapping ?? [:]).map { (file, $0.key, $0.value) }
        }
    }

    func service(_ name: String) -> ServiceView? { services.first { $0.name == name } }
}
