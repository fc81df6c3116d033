/// One substitution of a template: walks it once, without recursion over the text that follows an expression, so
/// that a line of many expressions costs time in proportion to its length; arguments nest, up to a limit.
struct Substitution {
    let template: TemplateText
    let lookup: (String) -> String?
    let onUnsetVariable: (String) -> Void
    /// Bytes the substituted values may still add.
    var budget: Int

    /// Substitutes `range` (the value, or an operator's argument) into `output`, going on after a failure so that
    /// every unset variable is heard, as the reference warns about each; returns the first failure.
    ///
    /// The text after an expression's closing brace, up to the last `}` of the line, is a template of its own in
    /// the reference: invalid formats in it report it, and it is skipped when the expression fails. All such texts
    /// of one line end at that last brace, so one marker (`trailing`) is enough to follow them.
    mutating func run(
        _ range: Range<Int>, depth: Int, into output: inout String
    ) -> InterpolationFailure? {
        let scalars = template.scalars
        var failure: InterpolationFailure?
        var trailing: Range<Int>?
        var index = range.lowerBound
        while index < range.upperBound {
            if let current = trailing, index >= current.upperBound { trailing = nil }
            guard scalars[index] == "$" else {
                output.unicodeScalars.append(scalars[index])
                index += 1
                continue
            }
            let (token, end) = TemplateScanner.token(in: template, at: index, end: range.upperBound)
            index = end
            switch token {
            case .escapedDollar, .literalDollar:
                output.unicodeScalars.append("$")
            case .variable(let name):
                if let value = lookup(name) {
                    guard spend(value) else { return failure ?? .growsTooLarge }
                    output += value
                } else {
                    onUnsetVariable(name)
                }
            case .invalid:
                if failure == nil { failure = .invalidFormat(template: template.text(trailing ?? range)) }
            case .operation(let name, let templateOperator, let argument, let rest):
                // The argument is substituted first, whether or not the operator then uses it. A failure there or
                // in the operator ends the expression: the text after it is skipped (no warnings from it).
                guard depth < LoaderLimits.interpolationNesting else { return failure ?? .nestedTooDeep }
                var resolved = ""
                if let argumentFailure = run(argument, depth: depth + 1, into: &resolved) {
                    if case .growsTooLarge = argumentFailure { return failure ?? argumentFailure }
                    if case .nestedTooDeep = argumentFailure { return failure ?? argumentFailure }
                    if failure == nil { failure = argumentFailure }
                    continue
                }
                let value = lookup(name)
                do {
                    let result = try Interpolation.apply(
                        templateOperator, to: name, value: value, argument: resolved)
                    // The argument's own substitutions were counted already; the variable's value was not.
                    if let value, result == value, !spend(value) { return failure ?? .growsTooLarge }
                    output += result
                    index = rest.lowerBound
                    if !rest.isEmpty { trailing = rest }
                } catch {
                    if failure == nil { failure = error }
                }
            }
        }
        return failure
    }

    /// Counts `value` against the budget; false when it is spent.
    private mutating func spend(_ value: String) -> Bool {
        budget -= value.utf8.count
        return budget >= 0
    }
}
