import ComposeSpec

/// The stack file `pier convert swarm` writes, for teams that deploy with `docker stack deploy`: the translation in
/// the file format the Docker CLI reads (`version: "3.9"`), with the losses of the translation and those of the
/// file format (what only `pier stack deploy` carries out).
public struct SwarmStackFile: Sendable {
    public var yaml: String
    public var losses: LossReport

    /// Keys Pier deploys through the Engine API that the stack file format has no place for.
    static let notInFileFormat: Set<String> = ["group_add", "dns_opt"]

    public init(_ translation: SwarmTranslation, project: LoadedProject) {
        var losses = translation.losses
        var document = translation.document
        var services = document["services"]?.mapping ?? [:]
        for (name, service) in services {
            let source = project.document["services"]?[name]
            var service = service
            for key in Self.notInFileFormat where service[key] != nil {
                losses.add(
                    "services.\(name).\(key)", "the stack file has no \(key) (pier stack deploy sets it)",
                    node: source?[key])
                service.set(key, nil)
            }
            if source?["depends_on"]?.mapping?.isEmpty == false {
                losses.add(
                    "services.\(name).depends_on",
                    "docker stack deploy starts services in any order (pier stack deploy waits for each dependency)",
                    node: source?["depends_on"])
            }
            services[name] = service
        }
        document.set("services", Node(.mapping(services)))
        document = Self.fileForm(document, path: [])
        for section in ["configs", "secrets"] {
            for (name, definition) in document[section]?.mapping ?? [:] {
                for key in ["content", "environment"] where definition[key] != nil {
                    losses.add(
                        "\(section).\(name).\(key)", "the stack file takes a file: write the content into one",
                        node: project.document[section]?[name]?[key])
                }
            }
        }
        yaml = YAMLWriter.write(document)
        self.losses = losses
    }

    /// What the file format reads differently from the project: the Docker CLI interpolates the file again (`$`
    /// is written `$$`), and takes CPU counts and memory sizes as strings.
    static func fileForm(_ node: Node, path: [String]) -> Node {
        switch node.value {
        case .string(let text):
            return node.with(.string(text.replacingOccurrences(of: "$", with: "$$")))
        case .mapping(let entries):
            var result = Node.Mapping()
            for (key, value) in entries {
                let inResources = path.count >= 2 && path[path.count - 2] == "resources"
                if inResources, ["cpus", "memory"].contains(key), let text = value.scalarText {
                    result[key] = .text(text)
                } else {
                    result[key] = fileForm(value, path: path + [key])
                }
            }
            return node.with(.mapping(result))
        case .sequence(let items):
            return node.with(.sequence(items.map { fileForm($0, path: path) }))
        default:
            return node
        }
    }
}
