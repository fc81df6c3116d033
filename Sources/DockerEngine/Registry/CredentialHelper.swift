import Foundation

/// A docker credential helper (`docker-credential-NAME`, found in `PATH`), spoken to with its protocol:
/// `get` with the server URL on standard input answers `{"Username": …, "Secret": …}`.
struct CredentialHelper {
    let name: String
    let environment: [String: String]

    var program: String { "docker-credential-" + name }

    /// The helper's credentials for `serverAddress`, or nil when it has none.
    func get(serverAddress: String) throws -> RegistryCredentials? {
        let (status, output, errors) = try run(["get"], input: serverAddress)
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else {
            let text = [text, String(decoding: errors, as: UTF8.self)].joined(separator: " ")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            // The protocol's way of saying "nothing stored for this server".
            if text.contains("credentials not found") { return nil }
            throw EngineError.invalidConfiguration(
                "credential helper \(program) failed for \(serverAddress): \(text.isEmpty ? "exit \(status)" : text)")
        }
        guard let answer = try? JSONDecoder().decode(JSONValue.self, from: output),
            let username = answer["Username"]?.stringValue, let secret = answer["Secret"]?.stringValue
        else {
            throw EngineError.invalidConfiguration(
                "credential helper \(program) answered something other than {\"Username\", \"Secret\"}: \(text)")
        }
        // `<token>` as the user name means the secret is an identity token.
        if username == "<token>" {
            return RegistryCredentials(identityToken: secret, serverAddress: serverAddress)
        }
        return RegistryCredentials(username: username, password: secret, serverAddress: serverAddress)
    }

    /// The server URLs the helper holds credentials for (`list` answers `{"server": "user"}`).
    func list() throws -> [String] {
        let (status, output, errors) = try run(["list"], input: "")
        guard status == 0, let answer = try? JSONDecoder().decode([String: String].self, from: output) else {
            let text = String(decoding: output + errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw EngineError.invalidConfiguration("credential helper \(program) could not list its servers: \(text)")
        }
        return answer.keys.sorted()
    }

    private func run(_ arguments: [String], input: String) throws -> (Int32, Data, Data) {
        guard let executable = locate() else {
            throw EngineError.invalidConfiguration(
                "\(program) was not found in PATH, but config.json names the credential helper \"\(name)\": "
                    + "install it, or remove it from config.json")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Helpers answer in a few lines: reading one pipe after the other cannot fill the second.
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output, errors)
    }

    private func locate() -> URL? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(program)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
