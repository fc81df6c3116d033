import ComposeSpec
import Digest
import DockerEngine
import Foundation

/// Secrets and configs: a new object with a versioned name (`stack_key-<hash>`) whenever the content changes, so
/// that services roll onto it; the versions no service uses any longer are removed.
extension StackDeployer {
    typealias Files = [String: [String: (id: String, name: String)]]

    func createFiles() async throws -> Files {
        var files: Files = [:]
        for kind in ["secrets", "configs"] {
            let swarmKind: EngineClient.SwarmKind = kind == "secrets" ? .secrets : .configs
            let existing = try await client.listSwarmObjects(swarmKind)
            for (key, definition) in document[kind]?.mapping ?? [:] {
                let baseName = StackNames.resourceName(key, definition: definition, stack: stack)
                if definition.isSet("external") {
                    guard let object = existing.first(where: { $0.name == baseName }) else {
                        throw StackError("\(kind.dropLast()) not found: \(baseName)")
                    }
                    files[kind, default: [:]][key] = (object.id, object.name)
                    continue
                }
                guard let content = project.content(of: definition) else {
                    throw StackError("\(kind).\(key): its content cannot be read")
                }
                let name = "\(baseName)-\(String(SHA256.hexDigest(content).prefix(10)))"
                if let object = existing.first(where: { $0.name == name }) {
                    files[kind, default: [:]][key] = (object.id, name)
                    continue
                }
                var labels = definition.field("labels")?.stringDictionary ?? [:]
                labels[StackNames.namespaceLabel] = stack
                labels[StackNames.sourceLabel] = key
                var spec: [String: JSONValue] = [
                    "Name": .string(name), "Labels": .object(labels.mapValues(JSONValue.string)),
                    "Data": .string(Data(content).base64EncodedString()),
                ]
                if let driver = definition.field("template_driver")?.string {
                    spec["Templating"] = ["Name": .string(driver)]
                }
                let id = try await client.createSwarmObject(swarmKind, spec: .object(spec))
                files[kind, default: [:]][key] = (id, name)
                progress(.created(kind: String(kind.dropLast()), name: name))
            }
        }
        return files
    }

    /// Removes the stack's secrets and configs that this deploy did not use (earlier versions).
    func removeUnusedFiles(keeping files: Files) async throws {
        for kind in ["secrets", "configs"] {
            let swarmKind: EngineClient.SwarmKind = kind == "secrets" ? .secrets : .configs
            let kept = Set((files[kind] ?? [:]).values.map(\.id))
            let filters = EngineFilters(["label": ["\(StackNames.namespaceLabel)=\(stack)", StackNames.sourceLabel]])
            for object in try await client.listSwarmObjects(swarmKind, filters: filters) where !kept.contains(object.id)
            {
                // A version a service outside the file still uses stays.
                guard (try? await client.removeSwarmObject(swarmKind, object.id)) != nil else { continue }
                progress(.removed(kind: String(kind.dropLast()), name: object.name))
            }
        }
    }
}
