import ComposeSpec
import Foundation
import Orchestration

/// What `pier config` prints for each of its listing flags, or the whole canonical project.
struct ConfigRendering {
    var project: LoadedProject

    func render(_ command: Config) -> String {
        let document = project.document
        if command.services { return lines(document["services"]?.mapping?.keys.map { $0 } ?? []) }
        if command.volumes { return lines(document["volumes"]?.mapping?.keys.map { $0 } ?? []) }
        if command.networks { return lines(document["networks"]?.mapping?.keys.map { $0 } ?? []) }
        if command.profiles { return lines(project.allProfiles) }
        if command.images { return lines(images()) }
        if command.models { return lines(models()) }
        if let selection = command.hash { return lines(hashes(selection)) }
        if command.environment {
            return lines(project.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        }
        let format: ConfigPresentation.Format = command.format == "json" ? .json : .yaml
        let printed = ConfigPresentation.prepare(document, format: format, escapeDollars: !command.noInterpolate)
        return format == .json ? JSONWriter.write(printed) : YAMLWriter.write(printed)
    }

    /// The image each service runs: its `image`, or the name Compose gives a built image.
    private func images() -> [String] {
        (project.document["services"]?.mapping ?? [:]).map { name, service in
            service["image"]?.scalarText
                ?? ContainerNames.defaultImage(
                    project: project.name, service: name, separator: GlobalOptions.current.nameSeparator)
        }
    }

    /// The model each top-level model names (its `model`, else its key), as `--models` lists them.
    private func models() -> [String] {
        (project.document["models"]?.mapping ?? [:]).map { key, model in model["model"]?.scalarText ?? key }
    }

    /// `--lock-image-digests`: an override file pinning each service's image, as the reference writes it (a
    /// service without `image` is an empty mapping).
    static func imageLock(_ pinned: [(service: String, image: String)], project: LoadedProject, json: Bool) -> String {
        let images = Dictionary(pinned, uniquingKeysWith: { first, _ in first })
        var services = Node.Mapping()
        for name in (project.document["services"]?.mapping?.keys).map(Array.init) ?? [] {
            services[name] = .mapping(images[name].map { ["image": .string($0)] } ?? [:])
        }
        let document = Node.mapping(["services": .mapping(services)])
        return json ? JSONWriter.write(document) : YAMLWriter.write(document)
    }

    /// The `--variables` table, in columns as the reference prints it.
    static func variablesTable(_ variables: [VariableReference]) -> String {
        let rows =
            [["NAME", "REQUIRED", "DEFAULT VALUE", "ALTERNATE VALUE"]]
            + variables.map { [$0.name, String($0.required), $0.defaultValue ?? "", $0.alternateValue ?? ""] }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1
                    ? cell : cell.padding(toLength: max(20, cell.count + 1), withPad: " ", startingAt: 0)
            }.joined() + "\n"
        }.joined()
    }

    /// `service hash` lines for `--hash "*"` or `--hash a,b`.
    private func hashes(_ selection: String) -> [String] {
        let wanted = Set(selection.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return (project.document["services"]?.mapping ?? [:]).compactMap { name, service in
            guard wanted.contains("*") || wanted.contains(name) else { return nil }
            return "\(name) \(ServiceHash.of(service))"
        }
    }

    private func lines(_ items: [String]) -> String {
        items.map { $0 + "\n" }.joined()
    }
}
