/// Why a template could not be substituted. The caller words it for its context: a compose file names the
/// dotted path of the value, a dotenv file names the file.
enum InterpolationFailure: Error, Sendable, Equatable {
    /// `${` that starts no valid expression. `template` is the (sub)template being substituted when it was found:
    /// the whole value, or the argument or trailing text of an enclosing `${…}`, as the reference reports it.
    case invalidFormat(template: String)
    /// `${NAME?message}` or `${NAME:?message}` with the variable missing; `message` already substituted.
    case missingRequired(variable: String, message: String)

    /// The reference's wording after its context prefix: `required variable X is missing a value[: message]`.
    var requiredVariableText: String? {
        guard case .missingRequired(let variable, let message) = self else { return nil }
        let base = "required variable \(variable) is missing a value"
        return message.isEmpty ? base : "\(base): \(message)"
    }
}

/// Variable substitution in compose files and dotenv files, matching Docker Compose v2.
///
/// Compose's rules are those of its template pattern, not of a shell: an unbraced `$NAME` stops at the first
/// character outside `[A-Za-z0-9_]`; `$` before anything else stays literal; `${` must start a valid expression;
/// an operator's argument is itself a template and is substituted even when the operator does not use it.
enum Interpolation {
    /// Substitutes variables in `text` as Compose does: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
    /// `${VAR:?message}`, `${VAR?message}`, `${VAR:+alternative}`, `${VAR+alternative}`, nested (`${A:-${B:-x}}`),
    /// and `$$` as a literal `$`. `lookup` returns nil for an unset variable.
    ///
    /// `onUnsetVariable` hears each plain reference (`$VAR`, `${VAR}`) to an unset variable, once per occurrence:
    /// Compose warns `The "VAR" variable is not set. Defaulting to a blank string.` for each.
    static func substitute(
        _ text: String,
        lookup: (String) -> String?,
        onUnsetVariable: (String) -> Void = { _ in }
    ) throws(InterpolationFailure) -> String {
        var failure: InterpolationFailure?
        let output = substitute(text, lookup: lookup, onUnsetVariable: onUnsetVariable, failure: &failure)
        if let failure { throw failure }
        return output
    }

    /// Substitutes the whole template even after a failure, recording only the first one: the reference reports
    /// the first error but still warns about every unset variable of the value, before and after it.
    private static func substitute(
        _ text: String,
        lookup: (String) -> String?,
        onUnsetVariable: (String) -> Void,
        failure: inout InterpolationFailure?
    ) -> String {
        guard text.unicodeScalars.contains("$") else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "$" else {
                output.append(scalars[index])
                index += 1
                continue
            }
            let (token, end) = TemplateScanner.token(in: scalars, at: index)
            switch token {
            case .escapedDollar, .literalDollar:
                output.append("$")
            case .variable(let name):
                if let value = lookup(name) {
                    output.append(contentsOf: value.unicodeScalars)
                } else {
                    onUnsetVariable(name)
                }
            case .operation(let name, let templateOperator, let argument, let trailing):
                // The argument is substituted first, whether or not the operator then uses it. A failure there or
                // in the operator ends this expression: its trailing text is skipped (no warnings from it).
                var expressionFailure: InterpolationFailure?
                let resolvedArgument = substitute(
                    argument, lookup: lookup, onUnsetVariable: onUnsetVariable, failure: &expressionFailure)
                if expressionFailure == nil {
                    do {
                        let value = try apply(
                            templateOperator, to: name, value: lookup(name), argument: resolvedArgument)
                        output.append(contentsOf: value.unicodeScalars)
                        let rest = substitute(
                            trailing, lookup: lookup, onUnsetVariable: onUnsetVariable, failure: &expressionFailure)
                        output.append(contentsOf: rest.unicodeScalars)
                    } catch {
                        expressionFailure = error
                    }
                }
                if failure == nil { failure = expressionFailure }
            case .invalid:
                if failure == nil { failure = .invalidFormat(template: text) }
            }
            index = end
        }
        return String(output)
    }

    private static func apply(
        _ templateOperator: TemplateOperator,
        to name: String,
        value: String?,
        argument: String
    ) throws(InterpolationFailure) -> String {
        let present: String?
        if let value, !(templateOperator.emptyMeansMissing && value.isEmpty) {
            present = value
        } else {
            present = nil
        }
        switch templateOperator.kind {
        case .defaultValue:
            return present ?? argument
        case .alternative:
            return present == nil ? "" : argument
        case .required:
            guard let present else { throw .missingRequired(variable: name, message: argument) }
            return present
        }
    }
}
