/// One schema object, with every subschema replaced by its index in `CompiledSchema.nodes` and every `$ref`
/// resolved to the index of its definition, so checking a document never looks anything up by name.
///
/// A class with constant fields: the checker reads nodes on every step, and reading a class instance costs one
/// retain where copying a struct of this size would retain each of its collections.
final class SchemaNode: Sendable {
    /// A subschema of `properties`, and whether the reference de-duplicates that array before validating (so
    /// `uniqueItems` must not fail there).
    struct Property: Sendable {
        var schema: Int
        var deduplicated: Bool
    }

    /// The node while the compiler fills it in.
    struct Draft {
        var types: SchemaTypes?
        var properties: [String: Property] = [:]
        var patternProperties: [(pattern: SchemaPattern, schema: Int)] = []
        var additionalProperties: Int?? = .none
        var required: [String] = []
        var minProperties: Int?
        var items: Int?
        var uniqueItems = false
        var minItems: Int?
        var enumValues: [SchemaConstant]?
        var pattern: SchemaPattern?
        var minimum: Double?
        var maximum: Double?
        var allOf: [Int] = []
        var anyOf: [Int] = []
        var oneOf: [Int] = []
        var not: Int?
    }

    /// nil when the schema does not constrain the type.
    let types: SchemaTypes?
    let properties: [String: Property]
    /// The property names, sorted: candidates for "did you mean" suggestions.
    let propertyNames: [String]
    let patternProperties: [(pattern: SchemaPattern, schema: Int)]
    /// `additionalProperties`: nil allows anything, `.some(nil)` allows nothing (`false`), else a schema.
    let additionalProperties: Int??
    let required: [String]
    let minProperties: Int?
    let items: Int?
    let uniqueItems: Bool
    let minItems: Int?
    let enumValues: [SchemaConstant]?
    let pattern: SchemaPattern?
    let minimum: Double?
    let maximum: Double?
    let allOf: [Int]
    let anyOf: [Int]
    let oneOf: [Int]
    let not: Int?
    /// Whether this node checks anything beyond its type, so the checker can stop after the type check.
    let isTypeOnly: Bool

    init(_ draft: Draft) {
        types = draft.types
        properties = draft.properties
        propertyNames = draft.properties.keys.sorted()
        patternProperties = draft.patternProperties
        additionalProperties = draft.additionalProperties
        required = draft.required
        minProperties = draft.minProperties
        items = draft.items
        uniqueItems = draft.uniqueItems
        minItems = draft.minItems
        enumValues = draft.enumValues
        pattern = draft.pattern
        minimum = draft.minimum
        maximum = draft.maximum
        allOf = draft.allOf
        anyOf = draft.anyOf
        oneOf = draft.oneOf
        not = draft.not
        isTypeOnly =
            draft.properties.isEmpty && draft.patternProperties.isEmpty && draft.additionalProperties == .none
            && draft.required.isEmpty && draft.minProperties == nil && draft.items == nil && !draft.uniqueItems
            && draft.minItems == nil && draft.enumValues == nil && draft.pattern == nil && draft.minimum == nil
            && draft.maximum == nil && draft.allOf.isEmpty && draft.anyOf.isEmpty && draft.oneOf.isEmpty
            && draft.not == nil
    }
}

/// A value an `enum` or `const` lists.
enum SchemaConstant: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)

    func matches(_ node: Node) -> Bool {
        switch (self, node.value) {
        case (.null, .null): return true
        case (.bool(let expected), .bool(let actual)): return expected == actual
        case (.number(let expected), .int(let actual)): return expected == Double(actual)
        case (.number(let expected), .double(let actual)): return expected == actual
        case (.string(let expected), .string(let actual)): return expected == actual
        default: return false
        }
    }

    var display: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return String(flag)
        case .number(let number): return GoFormat.float(number)
        case .string(let text): return "\"\(text)\""
        }
    }
}

/// The Compose Specification schema, compiled once per process into a flat, immutable array of nodes.
struct CompiledSchema: Sendable {
    let nodes: [SchemaNode]
    let root: Int

    /// The schema the reference validates with (see `ComposeSchemaDocument`).
    static let compose: CompiledSchema = {
        do {
            return try SchemaCompiler.compile(ComposeSchemaDocument.json, deduplicated: deduplicatedPaths)
        } catch {
            fatalError("the embedded Compose schema does not compile: \(error)")
        }
    }()

    /// Lists the reference de-duplicates before it validates, so duplicates there load instead of failing
    /// `uniqueItems` (checked one by one with `compose-ref config`: `cap_add: [A, A]` loads, while
    /// `security_opt: [a, a]` fails "items at 0 and 1 are equal").
    ///
    /// Written as paths from a definition (`service.cap_add`): `*` is any key, `[]` any item.
    static let deduplicatedPaths: Set<String> = [
        "service.annotations", "service.build.args", "service.build.labels", "service.build.additional_contexts",
        "service.cap_add", "service.cap_drop", "service.dns", "service.dns_opt", "service.dns_search",
        "service.environment", "service.expose", "service.labels", "service.links", "service.ports",
        "service.profiles", "service.sysctls", "service.tmpfs", "service.volumes",
        "service.networks.*.aliases", "service.networks.*.link_local_ips", "service.volumes.[].volume.labels",
        "deployment.labels", "network.labels",
    ]
}
