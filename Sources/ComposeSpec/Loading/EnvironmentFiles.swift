/// The environment interpolation uses: env files (`--env-file`, `COMPOSE_ENV_FILES`, or the project's `.env`)
/// under the process environment, which always wins.
enum EnvironmentFiles {
    /// The process environment over the `.env` of the directory Pier works in (`--project-directory`, else the
    /// current one), when neither compose files (`-f`) nor env files are named: its variables act as if set in the
    /// environment, so its
    /// `COMPOSE_FILE`, `COMPOSE_PROFILES` or `COMPOSE_PROJECT_NAME` choose the project, and its other variables win
    /// over the `.env` of the project's own directory when that is another one.
    static func workingEnvironment(
        _ options: ProjectOptions, warnings: inout [ComposeWarning]
    ) throws(ComposeError) -> [String: String] {
        guard let dotenv = workingDotenv(options), Paths.isRegularFile(dotenv) else { return options.environment }
        return try load([dotenv], over: options.environment, warnings: &warnings)
    }

    static func projectEnvironment(
        _ options: ProjectOptions, projectDirectory: String, warnings: inout [ComposeWarning]
    ) throws(ComposeError) -> [String: String] {
        var files = options.envFiles.map { Paths.absolute($0, from: options.workingDirectory) }
        if files.isEmpty, let variable = options.environment["COMPOSE_ENV_FILES"], !variable.isEmpty {
            files = variable.split(separator: ",").map { Paths.absolute(String($0), from: options.workingDirectory) }
        }
        if files.isEmpty {
            let dotenv = projectDirectory + "/.env"
            if Paths.isRegularFile(dotenv), dotenv != workingDotenv(options) { files = [dotenv] }
        }
        return try load(files, over: options.environment, warnings: &warnings)
    }

    /// The working directory's `.env`, when neither compose files nor env files are named.
    private static func workingDotenv(_ options: ProjectOptions) -> String? {
        guard options.files.isEmpty, options.envFiles.isEmpty, options.environment["COMPOSE_ENV_FILES"]?.isEmpty ?? true
        else { return nil }
        let directory = options.projectDirectory.map { Paths.absolute($0, from: options.workingDirectory) }
        return Paths.clean((directory ?? options.workingDirectory) + "/.env")
    }

    /// Reads `files` in order, later ones overriding earlier ones, and lays `base` over the result.
    static func load(
        _ files: [String], over base: [String: String], from origin: Paths.Origin = .commandLine,
        warnings: inout [ComposeWarning]
    ) throws(ComposeError) -> [String: String] {
        var fromFiles: [String: String] = [:]
        for file in files {
            guard Paths.exists(file) else {
                throw ComposeError(.missingFile, "couldn't find env file: \(file)", file: file)
            }
            let text = try Paths.readText(file, from: origin)
            let entries = try DotEnv.parse(text, file: file) { name in
                base[name] ?? fromFiles[name]
            } onUnsetVariable: {
                warnings.append(ComposeWarning.unsetVariable($0, at: $1))
            }
            for (key, value) in entries {
                if let value {
                    fromFiles[key] = value
                } else if let inherited = base[key] {
                    fromFiles[key] = inherited
                }
            }
        }
        return fromFiles.merging(base) { _, process in process }
    }
}
