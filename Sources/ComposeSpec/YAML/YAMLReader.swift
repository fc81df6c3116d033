import Yams

/// Reads YAML text into compose nodes: typed as Compose's YAML 1.2 reader types plain scalars, with merge keys
/// (`<<`) applied and `!reset` / `!override` tags kept for the merge of several files.
public enum YAMLReader {
    /// Returns the documents of `text`; a file with no document (empty, or only comments) gives none.
    public static func documents(_ text: String, file: String) throws(ComposeError) -> [Node] {
        try AliasKeyGuard.check(text, file: file)
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            var documents: [Node] = []
            var converter = Converter(file: file)
            while let root = try parser.nextRoot() {
                documents.append(try converter.convert(root))
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

    static func mergeTag(of tag: Tag) -> Node.MergeTag? {
        switch tag.rawValue {
        case "!reset": return .reset
        case "!override": return .override
        default: return nil
        }
    }

    /// Plain scalars are typed by their text; quoted and block scalars are strings. (The `.basic` resolver
    /// tags every untagged scalar `str`, so for plain scalars only the other core tags count as explicit.)
    static func typedValue(of scalar: Yams.Node.Scalar, plain: Bool) -> Node.Value {
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
        case .reader(let problem, let offset, _, let yaml):
            // The reader (encoding, control characters) gives an offset in characters rather than a mark.
            guard let offset else { return ComposeError(.yamlSyntax, "invalid YAML: \(problem)", file: file) }
            let before = yaml.prefix(offset)
            let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            let column =
                before.count
                - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            return ComposeError(
                .yamlSyntax, "invalid YAML: \(problem)", at: SourceLocation(file: file, line: line, column: column))
        default:
            return ComposeError(.yamlSyntax, "invalid YAML: \(error)", file: file)
        }
    }
}
