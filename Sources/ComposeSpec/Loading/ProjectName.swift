/// The project name: `-p`, else `COMPOSE_PROJECT_NAME`, else the top-level `name`, else the project directory's
/// name. Names a user chose must be valid; names Pier derives are normalized into valid ones.
enum ProjectName {
    static func resolve(
        flag: String?, environment: [String: String], document: Node, projectDirectory: String
    ) throws(ComposeError) -> String {
        if let flag, !flag.isEmpty {
            return try validated(flag, source: "-p")
        }
        if let variable = environment["COMPOSE_PROJECT_NAME"], !variable.isEmpty {
            return try validated(variable, source: "COMPOSE_PROJECT_NAME")
        }
        if let declared = document["name"], let text = declared.scalarText, !text.isEmpty {
            let name = normalized(text)
            guard isValid(name) else {
                throw ComposeError(
                    .invalidProjectName, invalidMessage(text), at: declared.location)
            }
            return name
        }
        let name = normalized(Paths.lastComponent(projectDirectory))
        guard isValid(name) else {
            throw ComposeError(
                .invalidProjectName,
                "\(invalidMessage(Paths.lastComponent(projectDirectory))); set one with -p or a top-level `name`")
        }
        return name
    }

    /// Lowercases and drops every character other than letters, digits, `-` and `_`, then leading `-` and `_`.
    static func normalized(_ name: String) -> String {
        let kept = name.lowercased().unicodeScalars.filter { isNameCharacter($0) }
        return String(String.UnicodeScalarView(kept)).drop { $0 == "-" || $0 == "_" }.description
    }

    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLowercaseAlphanumeric(first) else { return false }
        return name.unicodeScalars.allSatisfy(isNameCharacter)
    }

    private static func validated(_ name: String, source: String) throws(ComposeError) -> String {
        guard isValid(name) else { throw ComposeError(.invalidProjectName, "\(invalidMessage(name)) (from \(source))") }
        return name
    }

    private static func invalidMessage(_ name: String) -> String {
        "invalid project name \"\(name)\": must consist only of lowercase alphanumeric characters, hyphens, and "
            + "underscores as well as start with a letter or number"
    }

    private static func isLowercaseAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isLowercaseAlphanumeric(scalar) || scalar == "-" || scalar == "_"
    }
}
