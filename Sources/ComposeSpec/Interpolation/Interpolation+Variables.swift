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
    static func variables(in node: Node) throws(ComposeError) -> [VariableReference] {
        var byName: [String: VariableReference] = [:]
        try collectVariables(in: node) { reference in byName[reference.name] = reference }
        return byName.values.sorted { $0.name < $1.name }
    }

    /// Every reference in `text`, in the order in which the reference records them (a later one overrides an
    /// earlier one of the same name). Within `${NAME<operator>argument}trailing`, that order is: the references in
    /// the trailing text, then `NAME` itself, then those in the argument (except for `?`, whose message is not
    /// searched).
    static func variables(in text: String) throws(InterpolationFailure) -> [VariableReference] {
        guard text.unicodeScalars.contains("$") else { return [] }
        let template = TemplateText(text)
        var references: [VariableReference] = []
        try variables(in: template, range: 0..<template.scalars.count, depth: 0, into: &references)
        return references
    }

    /// Walks `range` once. An expression's own references come after those of the text that follows it on its
    /// line (which all end at the same last `}`), so they wait on a stack until the walk reaches that end.
    private static func variables(
        in template: TemplateText, range: Range<Int>, depth: Int, into references: inout [VariableReference]
    ) throws(InterpolationFailure) {
        let scalars = template.scalars
        var deferred: [[VariableReference]] = []
        var deferredEnd = range.upperBound
        var index = range.lowerBound
        while index < range.upperBound {
            if index >= deferredEnd {
                while let group = deferred.popLast() { references += group }
                deferredEnd = range.upperBound
            }
            guard scalars[index] == "$" else {
                index += 1
                continue
            }
            let (token, end) = TemplateScanner.token(in: template, at: index, end: range.upperBound)
            index = end
            switch token {
            case .escapedDollar, .literalDollar:
                break
            case .variable(let name):
                references.append(VariableReference(name: name))
            case .invalid:
                references.append(VariableReference(name: ""))
            case .operation(let name, let templateOperator, let argument, let trailing):
                guard depth < LoaderLimits.interpolationNesting else { throw .nestedTooDeep }
                var group: [VariableReference] = []
                switch templateOperator.kind {
                case .defaultValue:
                    group.append(VariableReference(name: name, defaultValue: template.text(argument)))
                    try variables(in: template, range: argument, depth: depth + 1, into: &group)
                case .alternative:
                    group.append(VariableReference(name: name, alternateValue: template.text(argument)))
                    try variables(in: template, range: argument, depth: depth + 1, into: &group)
                case .required:
                    group.append(VariableReference(name: name, required: true))
                }
                deferred.append(group)
                deferredEnd = end
                index = trailing.lowerBound
            }
        }
        while let group = deferred.popLast() { references += group }
    }

    private static func collectVariables(
        in node: Node, into record: (VariableReference) -> Void
    ) throws(ComposeError) {
        switch node.value {
        case .string(let text):
            do {
                try variables(in: text).forEach(record)
            } catch {
                throw ComposeError(.interpolation, error.limitText ?? "", at: node.location)
            }
        case .sequence(let items):
            for item in items { try collectVariables(in: item, into: record) }
        case .mapping(let mapping):
            for value in mapping.values { try collectVariables(in: value, into: record) }
        case .null, .bool, .int, .double:
            break
        }
    }
}
