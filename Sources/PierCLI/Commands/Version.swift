import ArgumentParser

/// What Pier is, and the Docker Compose release whose commands, flags and output it matches.
enum PierVersion {
    static let current = "0.1.0"
    /// The Docker Compose version Pier is compatible with: what tools checking `docker compose version` read.
    static let compose = "2.40.3"
}

struct Version: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Show the Pier version information, and the Docker Compose version it matches.")

    @Option(
        name: [.customShort("f", allowingJoined: true), .long],
        help: "Format the output. Values: [pretty | json]. (Default: pretty)")
    var format: String = "pretty"

    @Flag(name: .long, help: "Shows only the Docker Compose version number Pier matches.")
    var short = false

    /// `Docker Compose version v2.40.3 (Pier 0.1.0)`: the reference's line first, so that tools reading the first
    /// version number find the Compose one, then Pier's.
    static var pretty: String { "Docker Compose version v\(PierVersion.compose) (Pier \(PierVersion.current))" }

    /// The reference's JSON (`{"version":"v2.40.3"}`) with Pier's own version beside it.
    static var json: String {
        GoJSON.object([("version", .string("v" + PierVersion.compose)), ("pier", .string(PierVersion.current))])
            .encoded()
    }

    func run() async throws {
        if short {
            Output.write(PierVersion.compose + "\n")
        } else if format == "json" {
            Output.write(Self.json + "\n")
        } else {
            Output.write(Self.pretty + "\n")
        }
    }
}

/// What the docker CLI asks a CLI plugin before running it (`docker-cli-plugin-metadata`): Pier answers as the
/// `compose` plugin, so that `docker compose` runs Pier once it is installed as one (`make install-plugin`).
enum PluginMetadata {
    static let subcommand = "docker-cli-plugin-metadata"

    static var json: String {
        """
        {
             "SchemaVersion": "0.1.0",
             "Vendor": "Pier",
             "Version": "v\(PierVersion.compose)",
             "ShortDescription": "Docker Compose (Pier \(PierVersion.current))"
        }
        """
    }
}
