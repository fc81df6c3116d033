extension Interpolation {
    /// Interpolates every string scalar of `node` (not mapping keys), naming the dotted path (e.g.
    /// `services.web.image`, with `[]` for a sequence item as Compose writes it) and the node's location in errors.
    /// Returns the tree with strings replaced; a plain scalar that changed keeps `isPlainScalar`, so that the schema
    /// can still type it (`ports: $PORT`).
    static func interpolate(
        _ node: Node,
        lookup: (String) -> String?,
        onUnsetVariable: (String, SourceLocation?) -> Void = { _, _ in }
    ) throws(ComposeError) -> Node {
        var budget = LoaderLimits.interpolationGrowth
        return try interpolate(node, path: [], lookup: lookup, onUnsetVariable: onUnsetVariable, budget: &budget)
    }

    private static func interpolate(
        _ node: Node,
        path: [String],
        lookup: (String) -> String?,
        onUnsetVariable: (String, SourceLocation?) -> Void,
        budget: inout Int
    ) throws(ComposeError) -> Node {
        switch node.value {
        case .string(let text):
            do {
                let substituted = try substitute(
                    text, lookup: lookup, onUnsetVariable: { onUnsetVariable($0, node.location) }, budget: &budget)
                return substituted == text ? node : node.with(.string(substituted))
            } catch {
                throw error.composeError(path: path.joined(separator: "."), at: node.location)
            }
        case .sequence(let items):
            var interpolated: [Node] = []
            interpolated.reserveCapacity(items.count)
            for item in items {
                interpolated.append(
                    try interpolate(
                        item, path: path + ["[]"], lookup: lookup, onUnsetVariable: onUnsetVariable, budget: &budget))
            }
            return node.with(.sequence(interpolated))
        case .mapping(let mapping):
            var interpolated = mapping
            for (key, value) in mapping {
                interpolated[key] = try interpolate(
                    value, path: path + [key], lookup: lookup, onUnsetVariable: onUnsetVariable, budget: &budget)
            }
            return node.with(.mapping(interpolated))
        case .null, .bool, .int, .double:
            return node
        }
    }
}

extension InterpolationFailure {
    /// The error Compose reports for a value of a compose file, worded as the reference words it.
    func composeError(path: String, at location: SourceLocation?) -> ComposeError {
        switch self {
        case .invalidFormat(let template):
            return ComposeError(
                .interpolation,
                "invalid interpolation format for \(path).\nYou may need to escape any $ with another $.\n\(template)",
                at: location)
        case .missingRequired:
            return ComposeError(
                .missingVariable, "error while interpolating \(path): \(requiredVariableText ?? "")", at: location)
        case .nestedTooDeep, .growsTooLarge:
            return ComposeError(.interpolation, "\(path): \(limitText ?? "")", at: location)
        }
    }
}
