/// Which compose files a project is made of: `-f`, else `COMPOSE_FILE`, else the default names found in the
/// working directory or the nearest parent that has one.
enum ConfigFiles {
    static let defaultNames = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]
    static let overrideNames = [
        "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
        "docker-compose.override.yaml",
    ]

    static func resolve(_ options: ProjectOptions) throws(ComposeError) -> [String] {
        let base = options.projectDirectory.map { Paths.absolute($0, from: options.workingDirectory) }
        if !options.files.isEmpty {
            return try options.files.map { file throws(ComposeError) in
                try checked(file, from: options.workingDirectory)
            }
        }
        if let variable = options.environment["COMPOSE_FILE"] {
            if variable.isEmpty {
                throw ComposeError(.missingFile, "COMPOSE_FILE is set but empty: it must name compose files")
            }
            let separator = options.environment["COMPOSE_PATH_SEPARATOR"].flatMap(\.first) ?? ":"
            return try variable.split(separator: separator).map { file throws(ComposeError) in
                try checked(String(file), from: base ?? options.workingDirectory)
            }
        }
        var directory = base ?? options.workingDirectory
        while true {
            if let found = defaultNames.first(where: { Paths.exists(directory + "/" + $0) }) {
                var files = [Paths.clean(directory + "/" + found)]
                if let override = overrideNames.first(where: { Paths.exists(directory + "/" + $0) }) {
                    files.append(Paths.clean(directory + "/" + override))
                }
                return files
            }
            // An explicit project directory is not searched above.
            if base != nil || directory == "/" { break }
            directory = Paths.directory(of: directory)
        }
        throw ComposeError(
            .missingFile,
            "no configuration file provided: not found (looked for \(defaultNames.joined(separator: ", ")) "
                + "in \(base ?? options.workingDirectory) and its parents)")
    }

    private static func checked(_ file: String, from directory: String) throws(ComposeError) -> String {
        if file == "-" { return file }
        let path = Paths.absolute(file, from: directory)
        guard Paths.exists(path) else {
            throw ComposeError(.missingFile, "open \(path): no such file or directory", file: path)
        }
        return path
    }
}
