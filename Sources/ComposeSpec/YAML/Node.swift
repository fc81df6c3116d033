import OrderedCollections

/// Where a value was written: a file (or `-` for standard input), a line and a column, all 1-based.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A compose document as a tree: YAML typed the way Compose types it, each value carrying where it was written.
///
/// The loader works on this tree from parsing to the canonical project, so any error found late (an undefined
/// network, a bad port) can still name the file, line and column the user wrote.
public struct Node: Sendable {
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case sequence([Node])
        case mapping(Mapping)
    }

    /// The `!reset` and `!override` tags, which change how a later file merges into an earlier one.
    public enum MergeTag: Sendable {
        case reset
        case override
    }

    public typealias Mapping = OrderedDictionary<String, Node>

    public var value: Value
    public var location: SourceLocation?
    /// Where the key holding this node was written, when the node is a mapping value.
    public var keyLocation: SourceLocation?
    public var mergeTag: MergeTag?
    /// Whether the YAML scalar was plain (unquoted): only plain scalars are typed, and only they warn on `yes`.
    public var isPlainScalar: Bool

    public init(
        _ value: Value,
        at location: SourceLocation? = nil,
        mergeTag: MergeTag? = nil,
        isPlainScalar: Bool = false
    ) {
        self.value = value
        self.location = location
        self.keyLocation = nil
        self.mergeTag = mergeTag
        self.isPlainScalar = isPlainScalar
    }
}

extension Node {
    public static let null = Node(.null)

    public static func string(_ text: String, at location: SourceLocation? = nil) -> Node {
        Node(.string(text), at: location)
    }

    public static func mapping(_ mapping: Mapping, at location: SourceLocation? = nil) -> Node {
        Node(.mapping(mapping), at: location)
    }

    public static func sequence(_ items: [Node], at location: SourceLocation? = nil) -> Node {
        Node(.sequence(items), at: location)
    }

    public var mapping: Mapping? {
        if case .mapping(let mapping) = value { return mapping }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The scalar as Compose prints it in a string context (`1.0` → `1`, `0x1F` → `31`); nil for collections.
    public var scalarText: String? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return GoFormat.float(number)
        case .string(let text): return text
        case .sequence, .mapping: return nil
        }
    }

    /// The YAML name of this node's kind, for error messages.
    public var kindName: String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .sequence: return "array"
        case .mapping: return "object"
        }
    }

    public subscript(key: String) -> Node? {
        get { mapping?[key] }
        set {
            guard case .mapping(var entries) = value else { return }
            entries[key] = newValue
            value = .mapping(entries)
        }
    }

    /// Returns this node with its value replaced, keeping where it was written.
    public func with(_ newValue: Value) -> Node {
        var copy = self
        copy.value = newValue
        return copy
    }
}
