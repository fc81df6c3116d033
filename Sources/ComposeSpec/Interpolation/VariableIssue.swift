/// A variable a compose file uses that the environment leaves unset: one that silently becomes a blank string
/// (`$VAR`, `${VAR}`), or one that stops the load (`${VAR:?message}`, `${VAR?message}`).
public struct VariableIssue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case defaultsToBlank
        /// The message is the reference's: `required variable X is missing a value[: message]`.
        case requiredMissing(message: String)
    }

    public var name: String
    public var kind: Kind
    /// Where the value using it was written.
    public var location: SourceLocation?
}

extension ProjectLoader {
    /// The project as written: `extends` and `include` applied and files merged, but nothing interpolated or
    /// normalized (what `config --no-interpolate --no-normalize` shows), each value where it was written.
    public static func loadRaw(_ options: ProjectOptions) throws(ComposeError) -> LoadedProject {
        var raw = options
        raw.interpolate = false
        raw.normalize = false
        raw.checkConsistency = false
        return try load(raw)
    }

    /// Every use of an unset variable in a project loaded with `loadRaw`, in file order, each with the value's
    /// location: what `pier check` reports, all at once where loading stops at the first required one.
    public static func variableIssues(in raw: LoadedProject) -> [VariableIssue] {
        var issues: [VariableIssue] = []
        collect(in: raw.document, environment: raw.environment, into: &issues)
        return issues
    }

    private static func collect(in node: Node, environment: [String: String], into issues: inout [VariableIssue]) {
        switch node.value {
        case .string(let text):
            var unset: [String] = []
            do {
                _ = try Interpolation.substitute(
                    text, lookup: { environment[$0] }, onUnsetVariable: { unset.append($0) })
            } catch {
                if case .missingRequired(let variable, _) = error {
                    issues.append(
                        VariableIssue(
                            name: variable, kind: .requiredMissing(message: error.requiredVariableText ?? ""),
                            location: node.location))
                }
            }
            for name in unset where !issues.contains(where: { $0.name == name && $0.location == node.location }) {
                issues.append(VariableIssue(name: name, kind: .defaultsToBlank, location: node.location))
            }
        case .sequence(let items):
            for item in items { collect(in: item, environment: environment, into: &issues) }
        case .mapping(let entries):
            for value in entries.values { collect(in: value, environment: environment, into: &issues) }
        case .null, .bool, .int, .double:
            break
        }
    }
}
