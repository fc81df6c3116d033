import ArgumentParser
import Foundation

/// The `pier` command: Docker Compose's commands, run by Pier.
@available(macOS 10.15, *)
public struct Pier: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pier",
        abstract: "Define and run multi-container applications (a Docker Compose compatible engine).",
        version: PierVersion.current,
        subcommands: [Config.self, Version.self]
    )

    /// Declared here too so that global flags parse before the subcommand's name, as in `pier -f x.yaml config`.
    @OptionGroup var global: GlobalOptions

    public init() {}
}
