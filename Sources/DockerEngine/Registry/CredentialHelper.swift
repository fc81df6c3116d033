import Foundation
import Subprocess

/// A docker credential helper (`docker-credential-NAME`, found in `PATH`), spoken to with its protocol:
/// `get` with the server URL on standard input answers `{"Username": …, "Secret": …}`.
struct CredentialHelper {
    let name: String
    let environment: [String: String]

    var program: String { "docker-credential-" + name }

    /// The helper's credentials for `serverAddress`, or nil when it has none.
    func get(serverAddress: String) async throws -> RegistryCredentials? {
        let (status, output, errors) = try await run(["get"], input: serverAddress)
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
    func list() async throws -> [String] {
        let (status, output, errors) = try await run(["list"], input: "")
        guard status == 0, let answer = try? JSONDecoder().decode([String: String].self, from: output) else {
            let text = String(decoding: output + errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw EngineError.invalidConfiguration("credential helper \(program) could not list its servers: \(text)")
        }
        return answer.keys.sorted()
    }

    /// Runs the helper with `input` on its standard input; both outputs are read as it writes them.
    private func run(_ arguments: [String], input: String) async throws -> (Int32, Data, Data) {
        guard let executable = locate() else {
            throw EngineError.invalidConfiguration(
                "\(program) was not found in PATH, but config.json names the credential helper \"\(name)\": "
                    + "install it, or remove it from config.json")
        }
        let variables = Dictionary(
            environment.compactMap { name, value in Environment.Key(rawValue: name).map { ($0, value) } },
            uniquingKeysWith: { _, last in last })
        let result = try await Subprocess.run(
            .path(.init(executable.path)), arguments: Arguments(arguments), environment: .custom(variables),
            input: .fileDescriptor(.init(rawValue: try Self.filledPipe(input)), closeAfterSpawningProcess: true),
            output: .bytes(limit: Self.outputLimit), error: .bytes(limit: Self.outputLimit))
        let status: Int32
        switch result.terminationStatus {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        }
        return (status, Data(result.standardOutput), Data(result.standardError))
    }

    /// Helpers answer in a few lines; one that says more than this is not speaking the protocol.
    static let outputLimit = 1 << 20

    /// The read end of a pipe already holding `text`, its write end closed: a helper that exits without reading
    /// its input cannot make a write fail (which would end Pier with SIGPIPE). `text` is a server address, far
    /// smaller than a pipe's buffer, so the one write never waits.
    private static func filledPipe(_ text: String) throws -> Int32 {
        var ends: [Int32] = [-1, -1]
        let bytes = Array(text.utf8)
        guard bytes.count <= 4096, pipe(&ends) == 0 else {
            throw EngineError.invalidConfiguration("cannot give \(text) to a credential helper")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let written = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        guard written == bytes.count else {
            close(ends[0])
            throw EngineError.invalidConfiguration("cannot give \(text) to a credential helper")
        }
        return ends[0]
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
