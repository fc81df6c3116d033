extension ProjectLoader {
    /// The process environment with the `COMPOSE_*` variables of the project's env files added where it leaves them
    /// unset, as Docker Compose sets them for itself before it runs any command (`COMPOSE_PROGRESS`, `COMPOSE_ANSI`,
    /// `COMPOSE_REMOVE_ORPHANS`…). The env files are `--env-file`'s, else `COMPOSE_ENV_FILES`', else the `.env` of
    /// the project directory (`--project-directory`, else the first compose file's directory, else the working
    /// one). A file that cannot be read adds nothing: loading the project reports it.
    public static func composeVariables(_ options: ProjectOptions) -> [String: String] {
        var files = options.envFiles.map { Paths.absolute($0, from: options.workingDirectory) }
        if files.isEmpty, let variable = options.environment["COMPOSE_ENV_FILES"], !variable.isEmpty {
            files = variable.split(separator: ",").map { Paths.absolute(String($0), from: options.workingDirectory) }
        }
        if files.isEmpty {
            let localFile = options.files.first { $0 != "-" && !$0.contains("://") }
            let directory =
                options.projectDirectory.map { Paths.absolute($0, from: options.workingDirectory) }
                ?? localFile.map { Paths.directory(of: Paths.absolute($0, from: options.workingDirectory)) }
                ?? options.workingDirectory
            let dotenv = directory + "/.env"
            guard Paths.isRegularFile(dotenv) else { return options.environment }
            files = [dotenv]
        }
        // Loading the project prints the files' warnings.
        var ignored: [ComposeWarning] = []
        guard let merged = try? EnvironmentFiles.load(files, over: options.environment, warnings: &ignored) else {
            return options.environment
        }
        return merged.filter { $0.key.hasPrefix("COMPOSE_") }.merging(options.environment) { _, process in process }
    }
}
