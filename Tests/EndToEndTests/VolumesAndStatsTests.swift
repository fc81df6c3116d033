import Foundation
import PierTestSupport
import Testing

/// `volumes` and `stats` of `pier` on a stack the reference brought up, compared with the reference's own output.
@Suite(.requiresEngine, .requiresReference)
struct VolumesAndStatsTests {
    static let stack = """
        services:
          web:
            image: pier-test/busybox:latest
            command: sleep 3600
            stop_signal: SIGKILL
            volumes: [data:/data, /anonymous]
          db:
            image: pier-test/busybox:latest
            command: sleep 3600
            stop_signal: SIGKILL
            volumes: [logs:/logs]
        volumes:
          data: {}
          logs:
            name: ${COMPOSE_PROJECT_NAME}-custom-logs
        """

    static func withStack(_ body: (ScratchProject) async throws -> Void) async throws {
        try await ScratchProject.with(stack) { project in
            let up = try await project.reference("up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            try await body(project)
        }
    }

    @Test func volumesListAsTheReferenceLists() async throws {
        try await Self.withStack { project in
            // The engine lists volumes in no stable order, and so does the reference; Pier sorts them by name.
            for arguments in [
                ["volumes"], ["volumes", "-q"], ["volumes", "web"],
                ["volumes", "--format", "table {{.Name}}\t{{.Driver}}"],
                ["volumes", "--format", "{{.Name}} {{.Scope}} {{.Mountpoint}} {{.Size}}"], ["volumes", "db", "-q"],
                ["volumes", "nosuch"],
            ] {
                let pier = try await project.pier(arguments)
                let reference = try await project.reference(arguments)
                #expect(pier.status == reference.status)
                #expect(Self.tableLines(pier.stdout) == Self.tableLines(reference.stdout), "\(arguments)")
            }
            let names = try await project.pier("volumes", "-q")
            #expect(names.stdout == "\(project.name)-custom-logs\n\(project.name)_data\n")
            // JSON too, but for the labels, which the reference prints in Go's random map order.
            let pier = try await project.pier("volumes", "--format", "json")
            let reference = try await project.reference("volumes", "--format", "json")
            #expect(pier.status == 0)
            #expect(
                try Self.sortingLabels(pier.stdout).sorted { $0["Name"] ?? "" < $1["Name"] ?? "" }
                    == Self.sortingLabels(reference.stdout).sorted { $0["Name"] ?? "" < $1["Name"] ?? "" })
        }
    }

    @Test func statsShowsTheProjectsContainers() async throws {
        try await Self.withStack { project in
            let format = ["stats", "--no-stream", "--format", "{{.ID}} {{.Name}} {{.Container}}"]
            let pier = try await project.pier(format)
            let reference = try await project.reference(format)
            #expect(pier.status == 0, "\(pier.stderr)")
            #expect(Self.sortedLines(pier.stdout) == Self.sortedLines(reference.stdout))
            #expect(Self.sortedLines(pier.stdout).count == 2)
            let table = try await project.pier("stats", "--no-stream", "web")
            #expect(table.stdout.hasPrefix("CONTAINER ID   NAME "))
            #expect(table.stdout.contains("   CPU %     MEM USAGE / LIMIT   MEM %     NET I/O"))
            #expect(table.stdout.contains("\(project.name)-web-1"))
            #expect(!table.stdout.contains("\(project.name)-db-1"))
            // The same fields in JSON.
            let json = try await project.pier("stats", "--no-stream", "--format", "json", "web")
            let line = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: String]
            #expect(
                Set(line?.keys.map { $0 } ?? []) == [
                    "BlockIO", "CPUPerc", "Container", "ID", "MemPerc", "MemUsage", "Name", "NetIO", "PIDs",
                ])
            #expect(line?["PIDs"] == "1")
            // A stopped container is listed with -a only, with zeros.
            _ = try await project.docker("stop", "-t", "0", "\(project.name)-db-1")
            let all = try await project.pier(
                "stats", "--no-stream", "-a", "--format", "{{.Name}} {{.MemUsage}} {{.PIDs}}")
            #expect(all.stdout.contains("\(project.name)-db-1 0B / 0B 0"))
            let running = try await project.pier("stats", "--no-stream", "--format", "{{.Name}}")
            #expect(running.stdout == "\(project.name)-web-1\n")
        }
    }

    /// Without `--no-stream`, the table is drawn again as samples arrive, until Ctrl+C.
    @Test func statsStreamsUntilInterrupted() async throws {
        try await Self.withStack { project in
            let run = try await project.launch(["stats", "--format", "{{.Name}}", "web"]) { stats in
                let output = await stats.waitForOutput(containing: "\(project.name)-web-1\n\(project.name)-web-1")
                #expect(output.contains("\(project.name)-web-1"))
                stats.send(SIGINT)
                #expect(await stats.waitForExit(seconds: 10))
            }
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    /// A table's header, then its rows sorted, with their columns' padding made one space.
    static func tableLines(_ text: String) -> [String] {
        let lines = ReadCommandsSupport.normalized(text).split(separator: "\n").map(String.init)
        guard let header = lines.first else { return [] }
        return lines.first?.hasPrefix("DRIVER") == true || header.hasPrefix("VOLUME NAME")
            ? [header] + lines.dropFirst().sorted() : lines.sorted()
    }

    static func sortedLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).sorted()
    }

    /// Each JSON line with its `Labels` list sorted.
    static func sortingLabels(_ text: String) throws -> [[String: String]] {
        try text.split(separator: "\n").map { line in
            var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] ?? [:]
            object["Labels"] = object["Labels"]?.split(separator: ",").sorted().joined(separator: ",")
            return object
        }
    }
}
