import Yams

/// Reads YAML text into compose nodes: typed as Compose's YAML 1.2 reader types plain scalars, with merge keys
/// (`<<`) applied and `!reset` / `!override` tags kept for the merge of several files.
public enum YAMLReader {
    /// Returns the documents of `text`; a file with no document (empty, or only comments) gives none.
    public static func documents(_ text: String, file: String) throws(ComposeError) -> [Node] {
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            var documents: [Node] = []
            while let root = try parser.nextRoot() {
                documents.append(try convert(root, file: file))
            }
            return documents
        } catch let error as ComposeError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ComposeError(.yamlSyntax, "cannot parse YAML: \(error)", file: file)
        }
    }

    private static func convert(_ yams: Yams.Node, file: String) throws -> Node {
        let location = yams.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
        let mergeTag = mergeTag(of: yams.tag)
        switch yams {
        case .scalar(let scalar):
            let plain = scalar.style == .plain || scalar.style == .any
            if plain, scalar.tag.rawValue == Tag.Name.str.rawValue, ScalarTyping.isTimestamp(scalar.string) {
                throw ComposeError(
                    .wrongType, "\"\(scalar.string)\" is read as a YAML timestamp: quote it to use it as a string",
                    at: location)
            }
            var node = Node(typedValue(of: scalar, plain: plain), at: location, isPlainScalar: plain)
            node.mergeTag = mergeTag
            return node
        case .sequence(let sequence):
            var node = Node(.sequence(try sequence.map { try convert($0, file: file) }), at: location)
            node.mergeTag = mergeTag
            return node
        case .mapping(let mapping):
            var node = Node(.mapping(try convertMapping(mapping, file: file)), at: location)
            node.mergeTag = mergeTag
            return node
        case .alias:
            throw ComposeError(.yamlSyntax, "unresolved YAML alias", at: location)
        }
    }

    private static func convertMapping(_ mapping: Yams.Node.Mapping, file: String) throws -> Node.Mapping {
        var entries = Node.Mapping()
        var merged: [Node.Mapping] = []
        for (yamsKey, yamsValue) in mapping {
            let key = try convert(yamsKey, file: file)
            if key.isPlainScalar, key.string == "<<" {
                merged.append(contentsOf: try mergeSources(try convert(yamsValue, file: file)))
                continue
            }
            guard let name = key.scalarText else {
                throw ComposeError(.wrongType, "mapping keys must be strings, found \(key.kindName)", at: key.location)
            }
            var value = try convert(yamsValue, file: file)
            value.keyLocation = key.location
            entries[name] = value
        }
        // Explicit keys win over merged ones; among merged mappings, the first listed wins.
        for source in merged {
            for (key, value) in source where entries[key] == nil {
                entries[key] = value
            }
        }
        return entries
    }

    private static func mergeSources(_ node: Node) throws -> [Node.Mapping] {
        switch node.value {
        case .mapping(let mapping): return [mapping]
        case .sequence(let items):
            return try items.map { item in
                guard let mapping = item.mapping else {
                    throw ComposeError(
                        .yamlSyntax, "map merge requires map or sequence of maps as the value", at: item.location)
                }
                return mapping
            }
        default:
            throw ComposeError(
                .yamlSyntax, "map merge requires map or sequence of maps as the value", at: node.location)
        }
    }

    private static func mergeTag(of tag: Tag) -> Node.MergeTag? {
        switch tag.rawValue {
        case "!reset": return .reset
        case "!override": return .override
        default: return nil
        }
    }

    /// Plain scalars are typed by their text; quoted and block scalars are strings. (The `.basic` resolver
    /// tags every untagged scalar `str`, so for plain scalars only the other core tags count as explicit.)
    private static func typedValue(of scalar: Yams.Node.Scalar, plain: Bool) -> Node.Value {
        switch scalar.tag.rawValue {
        case Tag.Name.int.rawValue:
            return ScalarTyping.integer(scalar.string).map { .int($0) } ?? .string(scalar.string)
        case Tag.Name.float.rawValue:
            return ScalarTyping.float(scalar.string).map { .double($0) } ?? .string(scalar.string)
        case Tag.Name.bool.rawValue, Tag.Name.null.rawValue: return ScalarTyping.resolve(scalar.string)
        default: return plain ? ScalarTyping.resolve(scalar.string) : .string(scalar.string)
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ComposeError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return ComposeError(
                .yamlSyntax, "invalid YAML: \(detail)",
                at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ComposeError(
                .yamlSyntax, "invalid YAML: mapping key \(keys) already defined",
                at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        default:
            return ComposeError(.yamlSyntax, "invalid YAML: \(error)", file: file)
        }
    }
}
