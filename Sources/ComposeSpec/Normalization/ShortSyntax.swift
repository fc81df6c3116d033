import Foundation

/// The short syntaxes the command line takes (`run -v`, `run -p`), in the long form the loader gives a service.
public enum ShortSyntax {
    /// `[SOURCE:]TARGET[:OPTIONS]` as a long-syntax mount.
    public static func volume(_ spec: String) throws(ComposeError) -> Node {
        .mapping(try Volumes.short(spec, at: nil))
    }

    /// The `KEY=VALUE` entries of an environment file in Compose's dotenv syntax (`run --env-from-file`); a
    /// `KEY` without a value is looked up with `lookup`, and left out when unset there.
    public static func environmentFile(at path: String, lookup: (String) -> String?) throws -> [String] {
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        return try DotEnv.parse(contents, file: path, lookup: lookup).compactMap { entry in
            guard let value = entry.value ?? lookup(entry.key) else { return nil }
            return "\(entry.key)=\(value)"
        }
    }

    /// `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` as long-syntax ports, one per container port.
    public static func ports(_ spec: String) throws(ComposeError) -> [Node] {
        try Ports.short(spec, at: nil).map { .mapping($0) }
    }
}
