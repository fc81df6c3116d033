/// The environment interpolation uses: env files (`--env-file`, `COMPOSE_ENV_FILES`, or the project's `.env`)
/// under the process environment, which always wins.
enum EnvironmentFiles {
    static func projectEnvironment(
        _ options: ProjectOptions, projectDirectory: String
    ) throws(ComposeError) -> [String: String] {
        var files = options.envFiles.map { Paths.absolute($0, from: options.workingDirectory) }
        if files.isEmpty, let variable = options.environment["COMPOSE_ENV_FILES"], !variable.isEmpty {
            files = variable.split(separator: ",").map { Paths.absolute(String($0), from: options.workingDirectory) }
        }
        if files.isEmpty {
            let dotenv = projectDirectory + "/.env"
            if Paths.isRegularFile(dotenv) { files = [dotenv] }
        }
        return try load(files, over: options.environment)
    }

    /// Reads `files` in order, later ones overriding earlier ones, and lays `base` over the result.
    static func load(
        _ files: [String], over base: [String: String], from origin: Paths.Origin = .commandLine
    ) throws(ComposeError) -> [String: String] {
        var fromFiles: [String: String] = [:]
        for file in files {
            guard Paths.exists(file) else {
                throw ComposeError(.missingFile, "couldn't find env file: \(file)", file: file)
            }
            let text = try Paths.readText(file, from: origin)
            let entries = try DotEnv.parse(text, file: file) { name in base[name] ?? fromFiles[name] }
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
