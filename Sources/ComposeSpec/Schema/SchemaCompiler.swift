import Foundation

/// Turns a draft-07 JSON schema into a `CompiledSchema`.
///
/// Supports the keywords the Compose schema uses (`$ref` to `#/definitions`, `type`, `properties`,
/// `patternProperties`, `additionalProperties`, `required`, `enum`, `oneOf`, `items`, `uniqueItems`, `minimum`,
/// `maximum`, `pattern`) and a few it could start using (`const`, `anyOf`, `allOf`, `not`, `minItems`,
/// `minProperties`). Annotations (`title`, `deprecated`, `default`…) are ignored; an unknown *assertion* keyword
/// is an error, so a schema update that needs more support fails the tests instead of silently accepting input.
struct SchemaCompiler {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static let annotations: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "default", "deprecated", "examples", "definitions",
        "format",
    ]

    private var nodes: [SchemaNode.Draft] = []
    private var definitions: [String: Int] = [:]
    private let deduplicated: Set<String>

    private init(deduplicated: Set<String>) {
        self.deduplicated = deduplicated
    }

    /// Compiles `json`; `deduplicated` names the properties (`service.cap_add`) where `uniqueItems` is not checked.
    static func compile(_ json: String, deduplicated: Set<String> = []) throws -> CompiledSchema {
        guard let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw Failure(description: "the schema is not a JSON object")
        }
        var compiler = SchemaCompiler(deduplicated: deduplicated)
        let definitions = document["definitions"] as? [String: Any] ?? [:]
        // Reserve an index per definition first, so `$ref`s (even recursive ones) resolve while compiling.
        for name in definitions.keys.sorted() {
            compiler.definitions[name] = compiler.nodes.count
            compiler.nodes.append(SchemaNode.Draft())
        }
        for (name, body) in definitions {
            compiler.nodes[compiler.definitions[name]!] = try compiler.node(from: body, path: name)
        }
        let root = try compiler.compile(document, path: "")
        return CompiledSchema(nodes: compiler.nodes.map(SchemaNode.init), root: root)
    }

    /// Returns the index of `json`'s compiled node; `path` locates it for `deduplicated` (`service.build.args`).
    private mutating func compile(_ json: Any, path: String) throws -> Int {
        if let object = json as? [String: Any], let reference = object["$ref"] as? String {
            let prefix = "#/definitions/"
            guard reference.hasPrefix(prefix), let index = definitions[String(reference.dropFirst(prefix.count))]
            else { throw Failure(description: "unsupported $ref \(reference) at \(path)") }
            return index
        }
        let index = nodes.count
        nodes.append(SchemaNode.Draft())
        nodes[index] = try node(from: json, path: path)
        return index
    }

    private mutating func node(from json: Any, path: String) throws -> SchemaNode.Draft {
        guard let object = json as? [String: Any] else {
            // `true` accepts anything; `false` accepts nothing (written as "not anything").
            guard let flag = json as? Bool else { throw Failure(description: "schema at \(path) is not an object") }
            var node = SchemaNode.Draft()
            if !flag { node.not = try compile([String: Any](), path: path) }
            return node
        }
        var node = SchemaNode.Draft()
        for (keyword, value) in object {
            switch keyword {
            case "type": node.types = try types(value, path: path)
            case "properties":
                for (name, body) in value as? [String: Any] ?? [:] {
                    let childPath = path.isEmpty ? name : "\(path).\(name)"
                    let schema = try compile(body, path: childPath)
                    node.properties[name] = .init(schema: schema, deduplicated: deduplicated.contains(childPath))
                }
            case "patternProperties":
                for (pattern, body) in value as? [String: Any] ?? [:] {
                    let compiled = try SchemaPattern(pattern)
                    node.patternProperties.append((compiled, try compile(body, path: path + ".*")))
                }
                // Hand-matched patterns first: cheap, and `^x-` decides most extension keys.
                node.patternProperties.sort { $0.pattern.source < $1.pattern.source }
            case "additionalProperties":
                if let flag = value as? Bool {
                    node.additionalProperties = flag ? .none : .some(nil)
                } else {
                    node.additionalProperties = .some(try compile(value, path: path + ".*"))
                }
            case "required": node.required = value as? [String] ?? []
            case "minProperties": node.minProperties = value as? Int
            case "items": node.items = try compile(value, path: path + ".[]")
            case "uniqueItems": node.uniqueItems = value as? Bool ?? false
            case "minItems": node.minItems = value as? Int
            case "enum": node.enumValues = try (value as? [Any] ?? []).map { try constant($0, path: path) }
            case "const": node.enumValues = [try constant(value, path: path)]
            case "pattern": node.pattern = try SchemaPattern(value as? String ?? "")
            case "minimum": node.minimum = (value as? NSNumber)?.doubleValue
            case "maximum": node.maximum = (value as? NSNumber)?.doubleValue
            case "allOf": node.allOf = try branches(value, path: path)
            case "anyOf": node.anyOf = try branches(value, path: path)
            case "oneOf": node.oneOf = try branches(value, path: path)
            case "not": node.not = try compile(value, path: path)
            default:
                guard Self.annotations.contains(keyword) || keyword.hasPrefix("x-") else {
                    throw Failure(description: "unsupported schema keyword \(keyword) at \(path)")
                }
            }
        }
        return node
    }

    private mutating func branches(_ value: Any, path: String) throws -> [Int] {
        try (value as? [Any] ?? []).map { try compile($0, path: path) }
    }

    private func types(_ value: Any, path: String) throws -> SchemaTypes {
        let names = (value as? [String]) ?? [value as? String].compactMap { $0 }
        return try names.reduce(into: SchemaTypes()) { types, name in
            guard let type = SchemaTypes(name: name) else { throw Failure(description: "unknown type \(name)") }
            types.insert(type)
        }
    }

    /// An `enum` entry. JSONSerialization does not tell `true` from `1` portably, and the Compose schema only
    /// enumerates strings, so non-string numbers are read as numbers.
    private func constant(_ value: Any, path: String) throws -> SchemaConstant {
        switch value {
        case let text as String: return .string(text)
        case is NSNull: return .null
        case let number as NSNumber: return .number(number.doubleValue)
        default: throw Failure(description: "unsupported enum value at \(path)")
        }
    }
}
