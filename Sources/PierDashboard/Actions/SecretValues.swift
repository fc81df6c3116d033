import ComposeSpec
import DockerEngine
import Foundation

/// Which values the page may see. A container's environment variables are listed with their values, but those
/// whose names look secret (`POSTGRES_PASSWORD`, `API_TOKEN`…) or whose values hold a URL's password are sent
/// masked; so are every secret's value. The page gets one only when the user asks to reveal it.
enum SecretValues {
    /// Words that make a variable's name look secret, wherever they stand in it.
    static let secretWords = [
        "PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "AUTH", "PRIVATE", "SALT",
        "SIGNATURE", "COOKIE", "SESSION", "CERT",
    ]

    static func looksSecret(name: String) -> Bool {
        let upper = name.uppercased()
        return secretWords.contains { upper.contains($0) }
    }

    /// Whether `value` carries a password in a URL: `postgresql://user:password@db/notes`.
    static func holdsCredentials(_ value: String) -> Bool {
        guard let scheme = value.range(of: "://") else { return false }
        let authority = value[scheme.upperBound...].prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@") else { return false }
        return authority[..<at].contains(":")
    }

    static func isMasked(name: String, value: String) -> Bool {
        looksSecret(name: name) || holdsCredentials(value)
    }

    /// The container's environment (`NAME=value` entries), masked where it must be.
    static func variables(_ environment: [String]) -> [Variable] {
        environment.map { entry in
            let (name, value) = split(entry)
            return isMasked(name: name, value: value)
                ? Variable(name: name, value: nil, masked: true) : Variable(name: name, value: value, masked: false)
        }
    }

    /// The value of `name` in `environment`, unmasked.
    static func reveal(_ name: String, in environment: [String]) -> String? {
        environment.lazy.map(split).first { $0.name == name }?.value
    }

    private static func split(_ entry: String) -> (name: String, value: String) {
        guard let equals = entry.firstIndex(of: "=") else { return (entry, "") }
        return (String(entry[..<equals]), String(entry[entry.index(after: equals)...]))
    }

    /// The secrets a service uses, without their values: where each comes from.
    static func secrets(of service: String, in project: LoadedProject) -> [Secret] {
        references(of: service, in: project).map { key, target, definition in
            let source =
                definition["file"]?.scalarText.map { "file \($0)" }
                ?? definition["environment"]?.scalarText.map { "environment variable \($0)" }
                ?? (definition["content"] != nil ? "content in the compose file" : "external")
            return Secret(name: key, target: target, source: source)
        }
    }

    /// The value of the secret `name` the service uses: its file's content, its variable's value or its content.
    static func revealSecret(_ name: String, of service: String, in project: LoadedProject) throws(DashboardError)
        -> String
    {
        guard let (_, _, definition) = references(of: service, in: project).first(where: { $0.0 == name }) else {
            throw DashboardError("service \(service) uses no secret \(name)")
        }
        if let file = definition["file"]?.scalarText {
            guard let data = FileManager.default.contents(atPath: file), data.count <= 65536 else {
                throw DashboardError("cannot read the secret's file \(file) (or it is over 64 KiB)")
            }
            return String(decoding: data, as: UTF8.self)
        }
        if let variable = definition["environment"]?.scalarText {
            guard let value = project.environment[variable] else {
                throw DashboardError("environment variable \(variable) is not set")
            }
            return value
        }
        if let content = definition["content"]?.scalarText { return content }
        throw DashboardError("secret \(name) is external: its value is not known here")
    }

    private static func references(of service: String, in project: LoadedProject) -> [(String, String, Node)] {
        let references = project.document["services"]?[service]?["secrets"]?.sequence ?? []
        return references.compactMap { reference in
            guard let key = reference["source"]?.scalarText ?? reference.scalarText,
                let definition = project.document["secrets"]?[key]
            else { return nil }
            return (key, reference["target"]?.scalarText ?? key, definition)
        }
    }

    struct Variable: Codable, Sendable, Hashable {
        var name: String
        /// nil when masked.
        var value: String?
        var masked: Bool
    }

    struct Secret: Codable, Sendable, Hashable {
        var name: String
        var target: String
        /// Where its value comes from (`file /run/…`, `environment variable X`): never the value.
        var source: String
    }
}
