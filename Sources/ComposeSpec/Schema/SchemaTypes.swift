/// The JSON types a schema accepts, as a bit set so checking a node's type is one AND.
struct SchemaTypes: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    static let null = SchemaTypes(rawValue: 1 << 0)
    static let boolean = SchemaTypes(rawValue: 1 << 1)
    static let integer = SchemaTypes(rawValue: 1 << 2)
    static let number = SchemaTypes(rawValue: 1 << 3)
    static let string = SchemaTypes(rawValue: 1 << 4)
    static let array = SchemaTypes(rawValue: 1 << 5)
    static let object = SchemaTypes(rawValue: 1 << 6)

    /// The type a schema names: `"integer"`, `"object"`…; nil for a name JSON Schema does not define.
    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = .number
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    /// The types a node satisfies. As in JSON Schema, a number with no fraction is an integer (so `replicas: 3.0`
    /// passes, as it does in the reference), and every integer is a number; but a whole number beyond 64 bits
    /// (`1e20`) is no integer: nothing could read it as one.
    init(of node: Node) {
        switch node.value {
        case .null: self = .null
        case .bool: self = .boolean
        case .int: self = [.integer, .number]
        case .double(let number):
            self = Self.isInt64(number) ? [.integer, .number] : .number
        case .string: self = .string
        case .sequence: self = .array
        case .mapping: self = .object
        }
    }

    /// Whether `number` is whole and within Int64's range (2^63 is the first double beyond it).
    static func isInt64(_ number: Double) -> Bool {
        number.rounded(.towardZero) == number && number >= -9_223_372_036_854_775_808.0
            && number < 9_223_372_036_854_775_808.0
    }

    /// How an error names these types: `a string`, `an integer or string`, `a boolean, number, string or null`.
    ///
    /// YAML words replace JSON ones (`list`, `mapping`), `integer` is left out when `number` is there, and `null`
    /// goes last so the sentence reads naturally.
    var phrase: String {
        let named: [(SchemaTypes, String)] = [
            (.boolean, "boolean"), (.integer, "integer"), (.number, "number"), (.string, "string"),
            (.array, "list"), (.object, "mapping"), (.null, "null"),
        ]
        var names = named.filter { contains($0.0) }.map(\.1)
        if contains(.number) { names.removeAll { $0 == "integer" } }
        guard let first = names.first else { return "nothing" }
        let article = first == "null" ? "" : ("aeiou".contains(first.first!) ? "an " : "a ")
        guard names.count > 1 else { return article + first }
        return article + names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
