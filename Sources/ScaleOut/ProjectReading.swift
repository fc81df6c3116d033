import ComposeSpec
import Foundation

/// What the conversions read from a loaded project, the same way for every target.
extension LoadedProject {
    /// The project's services in the order they start (each after what it depends on).
    var servicesInStartOrder: [(name: String, node: Node)] {
        let services = document["services"]?.mapping ?? [:]
        return ServiceGraph(document: document).startOrder().compactMap { name in
            services[name].map { (name, $0) }
        }
    }

    /// A top-level section (`volumes`, `networks`, `configs`, `secrets`) as its entries.
    func section(_ key: String) -> Node.Mapping {
        document[key]?.mapping ?? [:]
    }

    /// A secret's or config's bytes, from its `file`, `content` or `environment`; nil when they cannot be read.
    func content(of definition: Node) -> [UInt8]? {
        if let file = definition.field("file")?.string {
            return FileManager.default.contents(atPath: file).map { Array($0) }
        }
        if let content = definition.field("content")?.scalarText { return Array(content.utf8) }
        if let variable = definition.field("environment")?.string {
            return environment[variable].map { Array($0.utf8) }
        }
        return nil
    }
}

extension Node {
    /// The keys of a mapping with their nodes; empty for anything else.
    var entries: Node.Mapping { mapping ?? [:] }

    /// Whether the key is set to true.
    func isSet(_ key: String) -> Bool { field(key)?.boolValue == true }
}
