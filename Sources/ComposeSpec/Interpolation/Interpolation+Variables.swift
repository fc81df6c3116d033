/// A variable a compose file references, as `config --variables` lists it (NAME, REQUIRED, DEFAULT VALUE,
/// ALTERNATE VALUE; the reference prints an absent value as an empty cell).
public struct VariableReference: Sendable, Equatable {
    public var name: String
    /// The unsubstituted argument of `-` or `:-` (`${A:-${B}}` gives `${B}`).
    public var defaultValue: String?
    /// The unsubstituted argument of `+` or `:+`.
    public var alternateValue: String?
    /// Whether `?` or `:?` was used.
    public var required: Bool

    init(name: String, defaultValue: String? = nil, alternateValue: String? = nil, required: Bool = false) {
        self.name = name
        self.defaultValue = defaultValue
        self.alternateValue = alternateValue
        self.required = required
    }
}

extension Interpolation {
    /// The variables `node` references in its string scalars (not mapping keys), one per name, sorted by name.
    ///
    /// Where a name is referenced several times, the last reference in document order wins (the reference keeps
    /// whichever it meets last, and walks mappings in random order). A `${` that starts no valid expression yields
    /// a variable with an empty name, as in the reference.
    static func variables(in node: Node) -> [VariableReference] {
        var byName: [String: VariableReference] = [:]
        collectVariables(in: node) { reference in byName[reference.name] = reference }
        return byName.values.sorted { $0.name < $1.name }
    }

    /// Every reference in `text`, in the order in which the reference records them (a later one overrides an
    /// earlier one of the same name). Within `${NAME<operator>argument}trailing`, that order is: the references in
    /// the trailing text, then `NAME` itself, then those in the argument (except for `?`, whose message is not
    /// searched).
    static func variables(in text: String) -> [VariableReference] {
        guard text.unicodeScalars.contains("$") else { return [] }
        let scalars = Array(text.unicodeScalars)
        var references: [VariableReference] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "$" else {
                index += 1
                continue
            }
            let (token, end) = TemplateScanner.token(in: scalars, at: index)
            switch token {
            case .escapedDollar, .literalDollar:
                break
            case .variable(let name):
                references.append(VariableReference(name: name))
            case .invalid:
                references.append(VariableReference(name: ""))
            case .operation(let name, let templateOperator, let argument, let trailing):
                references += variables(in: trailing)
                switch templateOperator.kind {
                case .defaultValue:
                    references.append(VariableReference(name: name, defaultValue: argument))
                    references += variables(in: argument)
                case .alternative:
                    references.append(VariableReference(name: name, alternateValue: argument))
                    references += variables(in: argument)
                case .required:
                    references.append(VariableReference(name: name, required: true))
                }
            }
            index = end
        }
        return references
    }

    private static func collectVariables(in node: Node, into record: (VariableReference) -> Void) {
        switch node.value {
        case .string(let text):
            variables(in: text).forEach(record)
        case .sequence(let items):
            for item in items { collectVariables(in: item, into: record) }
        case .mapping(let mapping):
            for value in mapping.values { collectVariables(in: value, into: record) }
        case .null, .bool, .int, .double:
            break
        }
    }
}
