import ArgumentParser
import Orchestration

struct Ls: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List running compose projects")

    @Option(help: "Format the output. Values: [table | json]") var format = "table"
    @Flag(name: [.short, .long], help: "Only display project names.") var quiet = false
    @Option(help: "Filter output based on conditions provided (name=REGEXP).") var filter: [String] = []
    @Flag(name: [.short, .long], help: "Show all stopped Compose projects") var all = false

    func run() async throws {
        let namePatterns = try Self.namePatterns(filter)
        let client = try ReadCommand.engine()
        var projects = try await ProjectListing.projects(client: client, all: all)
        // Several `name=` filters are alternatives, each a regular expression, as with the docker CLI.
        if !namePatterns.isEmpty {
            projects = projects.filter { project in
                namePatterns.contains { project.name == $0 || ProjectListing.name(project.name, matches: $0) }
            }
        }
        if quiet { return Output.writeLines(projects.map(\.name)) }
        Output.write(
            try SectionFormat.render(format, projects) { project in
                .object([
                    ("Name", .string(project.name)), ("Status", .string(project.status)),
                    ("ConfigFiles", .string(project.configFiles)),
                ])
            } table: {
                [["NAME", "STATUS", "CONFIG FILES"]] + projects.map { [$0.name, $0.status, $0.configFiles] }
            })
    }

    /// The values of `--filter name=…`; any other filter fails as in Compose.
    static func namePatterns(_ filters: [String]) throws -> [String] {
        try filters.map { filter in
            guard let equals = filter.firstIndex(of: "=") else {
                throw CommandFailure(
                    "invalid argument \"\(filter)\" for \"--filter\" flag: bad format of filter (expected name=value)")
            }
            let key = filter[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard key == "name" else { throw CommandFailure("invalid filter '\(key)'") }
            return filter[filter.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
    }
}
