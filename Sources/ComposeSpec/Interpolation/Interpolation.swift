/// Why a template could not be substituted. The caller words it for its context: a compose file names the
/// dotted path of the value, a dotenv file names the file.
enum InterpolationFailure: Error, Sendable, Equatable {
    /// `${` that starts no valid expression. `template` is the (sub)template being substituted when it was found:
    /// the whole value, or the argument or trailing text of an enclosing `${…}`, as the reference reports it.
    case invalidFormat(template: String)
    /// `${NAME?message}` or `${NAME:?message}` with the variable missing; `message` already substituted.
    case missingRequired(variable: String, message: String)
    /// `${` nested more than `LoaderLimits.interpolationNesting` levels deep in the arguments of others.
    case nestedTooDeep
    /// The substituted values would add more than `LoaderLimits.interpolationGrowth` bytes to the file.
    case growsTooLarge

    /// The reference's wording after its context prefix: `required variable X is missing a value[: message]`.
    var requiredVariableText: String? {
        guard case .missingRequired(let variable, let message) = self else { return nil }
        let base = "required variable \(variable) is missing a value"
        return message.isEmpty ? base : "\(base): \(message)"
    }

    /// The message for a broken limit, nil for the other failures.
    var limitText: String? {
        switch self {
        case .nestedTooDeep:
            return LoaderLimits.exceeded(
                "interpolation is nested more than \(LoaderLimits.interpolationNesting) levels deep")
        case .growsTooLarge:
            return LoaderLimits.exceeded(
                "interpolation adds more than \(LoaderLimits.interpolationGrowth >> 20) MiB to this file")
        case .invalidFormat, .missingRequired:
            return nil
        }
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
        var budget = LoaderLimits.interpolationGrowth
        return try substitute(text, lookup: lookup, onUnsetVariable: onUnsetVariable, budget: &budget)
    }

    /// `substitute(_:lookup:onUnsetVariable:)`, counting the bytes of the values it substitutes against `budget`,
    /// which the caller shares between all the values of one file.
    static func substitute(
        _ text: String,
        lookup: (String) -> String?,
        onUnsetVariable: (String) -> Void,
        budget: inout Int
    ) throws(InterpolationFailure) -> String {
        guard text.unicodeScalars.contains("$") else { return text }
        let template = TemplateText(text)
        var output = ""
        let failure = withoutActuallyEscaping(lookup) { lookup in
            withoutActuallyEscaping(onUnsetVariable) { onUnsetVariable in
                var substitution = Substitution(
                    template: template, lookup: lookup, onUnsetVariable: onUnsetVariable, budget: budget)
                defer { budget = substitution.budget }
                return substitution.run(0..<template.scalars.count, depth: 0, into: &output)
            }
        }
        if let failure { throw failure }
        return output
    }

    static func apply(
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
