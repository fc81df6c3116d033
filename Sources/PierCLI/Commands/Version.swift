import ArgumentParser

enum PierVersion {
    static let current = "0.1.0"
}

struct Version: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the Pier version information.")

    @Option(name: [.short, .long], help: "Format the output. Values: [pretty | json]")
    var format: String = "pretty"

    @Flag(name: .long, help: "Shows only Pier's version number.")
    var short = false

    func run() async throws {
        if short {
            Output.write(PierVersion.current + "\n")
        } else if format == "json" {
            Output.write("{\"version\":\"\(PierVersion.current)\"}\n")
        } else {
            Output.write("Pier version \(PierVersion.current)\n")
        }
    }
}
