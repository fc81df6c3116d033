import ArgumentParser
import DockerEngine
import Orchestration

struct Top: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "top", abstract: "Display the running processes")
    var global: GlobalOptions { GlobalOptions.current }

    @Argument(help: "Services whose processes to show.") var serviceNames: [String] = []

    func run() async throws {
        let query = ProjectContainerQuery(client: try ReadCommand.engine(), project: try ProjectTarget.name(global))
        let containers = try await query.containers(oneOff: .include, all: false, services: serviceNames)
            .sorted { $0.canonicalName < $1.canonicalName }
        let processes = try await withThrowingTaskGroup(of: (String, ContainerProcesses).self) { group in
            for container in containers {
                group.addTask { (container.id, try await query.client.topContainer(container.id)) }
            }
            return try await group.reduce(into: [String: ContainerProcesses]()) { $0[$1.0] = $1.1 }
        }
        let rows = Self.table(
            containers.compactMap { container in
                processes[container.id].map { (container, $0) }
            })
        if rows.count > 1 { Output.write(TableFormatter.processes.render(rows)) }
    }

    /// One table for all containers, as Compose 2.40 prints it: `SERVICE`, `#` (the replica number), then
    /// the `ps` columns in the order first met, `CMD` last; a column a container lacks shows `-`.
    static func table(_ entries: [(ContainerSummary, ContainerProcesses)]) -> [[String]] {
        var titles = ["SERVICE", "#"]
        var rows: [[String: String]] = []
        for (container, top) in entries {
            for process in top.processes {
                var row = ["SERVICE": container.serviceName, "#": container.containerNumber.map(String.init) ?? ""]
                for (index, title) in top.titles.enumerated() {
                    if !titles.contains(title) { titles.append(title) }
                    row[title] = index < process.count ? process[index] : ""
                }
                rows.append(row)
            }
        }
        if let command = titles.firstIndex(of: "CMD") { titles.append(titles.remove(at: command)) }
        return [titles] + rows.map { row in titles.map { row[$0] ?? "-" } }
    }
}
