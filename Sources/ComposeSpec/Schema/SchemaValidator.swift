/// Checks compose files against the Compose Specification schema, with errors a user can act on.
///
/// The reference validates with a generic JSON-schema library and reports, for instance,
/// `services.web additional properties 'imagee' not allowed`. Pier reports the same problems, but at the exact
/// file:line:column, one at a time in document order, with a suggestion for typos
/// (`services.web: unknown key "imagee" (did you mean "image"?)`), and for `oneOf` it explains the branch that
/// fits the value's kind instead of the first branch.
enum SchemaValidator {
    /// Validates one compose file's tree (after interpolation and casting, before merging) against the schema.
    ///
    /// Throws the first problem in document order: `.unknownKey` at the key, `.wrongType` at the value,
    /// `.invalidValue` for enum, pattern, range, required-key and uniqueness failures.
    static func validate(_ document: Node) throws(ComposeError) {
        try validate(document, against: .compose)
    }

    static func validate(_ document: Node, against schema: CompiledSchema) throws(ComposeError) {
        if let violation = SchemaChecker(nodes: schema.nodes).check(document, schema.root) {
            throw violation.error
        }
    }
}

/// The recursive check. Returns nil when the node matches: the common case, which allocates nothing.
struct SchemaChecker {
    let nodes: [SchemaNode]

    /// `deduplicated`: the reference removes duplicates from this array before validating; skip `uniqueItems`.
    func check(_ node: Node, _ index: Int, deduplicated: Bool = false) -> SchemaViolation? {
        let schema = nodes[index]
        if let types = schema.types, SchemaTypes(of: node).isDisjoint(with: types) {
            if types.contains(.integer), case .double(let number) = node.value, number.rounded(.towardZero) == number {
                return SchemaViolation(.integerOutOfRange(number), at: node.location)
            }
            return SchemaViolation(.wrongType(types), at: node.location)
        }
        if schema.isTypeOnly { return nil }
        if let allowed = schema.enumValues, !allowed.contains(where: { $0.matches(node) }) {
            return SchemaViolation(.notInEnum(allowed, found: node), at: node.location)
        }
        if let violation = checkContents(node, schema, deduplicated: deduplicated) { return violation }
        for branch in schema.allOf {
            if let violation = check(node, branch, deduplicated: deduplicated) { return violation }
        }
        if !schema.anyOf.isEmpty, let violation = checkBranches(node, schema.anyOf, exactlyOne: false, deduplicated) {
            return violation
        }
        if !schema.oneOf.isEmpty, let violation = checkBranches(node, schema.oneOf, exactlyOne: true, deduplicated) {
            return violation
        }
        if let forbidden = schema.not, check(node, forbidden) == nil {
            return SchemaViolation(.matchesForbiddenForm, at: node.location)
        }
        return nil
    }

    private func checkContents(_ node: Node, _ schema: SchemaNode, deduplicated: Bool) -> SchemaViolation? {
        switch node.value {
        case .mapping(let mapping): return checkMapping(mapping, at: node.location, schema)
        case .sequence(let items): return checkSequence(items, at: node.location, schema, deduplicated: deduplicated)
        case .string(let text):
            if let pattern = schema.pattern, !pattern.matches(text) {
                return SchemaViolation(.patternMismatch(text, pattern: pattern.source), at: node.location)
            }
        case .int(let number): return checkRange(Double(number), at: node.location, schema)
        case .double(let number): return checkRange(number, at: node.location, schema)
        case .null, .bool: break
        }
        return nil
    }

    private func checkRange(_ number: Double, at location: SourceLocation?, _ schema: SchemaNode) -> SchemaViolation? {
        if let minimum = schema.minimum, number < minimum {
            return SchemaViolation(.belowMinimum(minimum), at: location)
        }
        if let maximum = schema.maximum, number > maximum {
            return SchemaViolation(.aboveMaximum(maximum), at: location)
        }
        return nil
    }

    /// Checks keys in document order, so the first problem reported is the first one written. Missing required
    /// keys come after: a misspelt key (`conditon`) is the more useful report than the key it fails to provide.
    private func checkMapping(
        _ mapping: Node.Mapping, at location: SourceLocation?, _ schema: SchemaNode
    ) -> SchemaViolation? {
        for (key, child) in mapping {
            let childSchema: Int
            var deduplicated = false
            if let property = schema.properties[key] {
                childSchema = property.schema
                deduplicated = property.deduplicated
            } else if let match = schema.patternProperties.first(where: { $0.pattern.matches(key) }) {
                childSchema = match.schema
            } else {
                switch schema.additionalProperties {
                case .none: continue
                case .some(.some(let additional)): childSchema = additional
                case .some(.none): return unknownKey(key, at: child.keyLocation ?? child.location, schema)
                }
            }
            if let violation = check(child, childSchema, deduplicated: deduplicated) {
                return violation.prefixed(by: key)
            }
        }
        if let missing = schema.required.first(where: { mapping[$0] == nil }) {
            return SchemaViolation(.missingKey(missing), at: location)
        }
        if let minimum = schema.minProperties, mapping.count < minimum {
            return SchemaViolation(.tooFewKeys(minimum), at: location)
        }
        return nil
    }

    private func unknownKey(_ key: String, at location: SourceLocation?, _ schema: SchemaNode) -> SchemaViolation {
        if schema.propertyNames.isEmpty, let pattern = schema.patternProperties.first?.pattern {
            return SchemaViolation(.invalidName(key, pattern: pattern.source), at: location)
        }
        let suggestion = Suggestion.closest(to: key, among: schema.propertyNames)
        return SchemaViolation(.unknownKey(key, suggestion: suggestion), at: location)
    }

    private func checkSequence(
        _ items: [Node], at location: SourceLocation?, _ schema: SchemaNode, deduplicated: Bool
    ) -> SchemaViolation? {
        if let itemSchema = schema.items {
            for (position, item) in items.enumerated() {
                if let violation = check(item, itemSchema) { return violation.prefixed(by: String(position)) }
            }
        }
        if schema.uniqueItems, !deduplicated, let (first, second) = NodeEquality.firstDuplicate(in: items) {
            return SchemaViolation(.duplicateItem(firstIndex: first), at: items[second].location)
                .prefixed(by: String(second))
        }
        if let minimum = schema.minItems, items.count < minimum {
            return SchemaViolation(.tooFewItems(minimum), at: location)
        }
        return nil
    }

    /// `oneOf` / `anyOf`. On failure, explains the branch that accepted the node's type and failed deepest (the
    /// Compose schema's branches have disjoint types, so that is the branch the user meant); when no branch takes
    /// the type, reports every type the branches accept.
    private func checkBranches(
        _ node: Node, _ branches: [Int], exactlyOne: Bool, _ deduplicated: Bool
    ) -> SchemaViolation? {
        var matches = 0
        var best: SchemaViolation?
        var expected = SchemaTypes()
        for branch in branches {
            guard let failure = check(node, branch, deduplicated: deduplicated) else {
                if !exactlyOne { return nil }
                matches += 1
                continue
            }
            if case .wrongType(let types) = failure.problem, failure.isTypeMismatchAtRoot {
                expected.formUnion(types)
            } else if failure.reversedPath.count > best?.reversedPath.count ?? -1 {
                best = failure
            }
        }
        if matches == 1 { return nil }
        if matches > 1 { return SchemaViolation(.matchesSeveralForms, at: node.location) }
        return best ?? SchemaViolation(.wrongType(expected), at: node.location)
    }
}
