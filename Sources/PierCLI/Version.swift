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
            print(PierVersion.current)
        } else if format == "json" {
            print("{\"version\":\"\(PierVersion.current)\"}")
        } else {
            print("Pier version \(PierVersion.current)")
        }
    }
}
