import DockerEngine
import Foundation
import PierTestSupport
import Testing

/// Engine 20.10 lets two `up` at once create a project's network twice under one name (API 1.44 refuses it):
/// `down` removes every copy, and `up` removes unused copies or says what to do.
@Suite(.requiresEngine)
struct DuplicateNetworkTests {
    static let compose = "services:\n  web: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL}\n"

    /// Makes another network named as the project's default one, labelled as its own, as the second of two
    /// `up` at once makes it; nil on engines that refuse it.
    static func duplicate(_ project: ScratchProject) async throws -> String? {
        guard !(try await TestSupport.engineSpeaks(APIVersion(1, 44))) else { return nil }
        let body = """
            {"Name":"\(project.name)_default","CheckDuplicate":false,"Driver":"bridge","Labels":{\
            "com.docker.compose.project":"\(project.name)","com.docker.compose.network":"default",\
            "com.docker.compose.version":"2.40.3"}}
            """
        let created = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/curl"),
            [
                "-fsS", "--unix-socket", try TestSupport.engineSocket(), "-H", "Content-Type: application/json",
                "-d", body, "http://localhost/v1.41/networks/create",
            ], in: project.directory, environment: project.environment)
        let id = try JSONDecoder().decode([String: String?].self, from: Data(created.stdout.utf8))["Id"]
        return try #require(id ?? nil)
    }

    static func networks(_ project: ScratchProject) async throws -> [String] {
        let listed = try await project.docker(
            "network", "ls", "-q", "--filter", "label=com.docker.compose.project=\(project.name)")
        return listed.stdout.split(separator: "\n").map(String.init)
    }

    @Test func downRemovesEveryCopy() async throws {
        try await ScratchProject.with(Self.compose) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            guard try await Self.duplicate(project) != nil else { return }
            #expect(try await Self.networks(project).count == 2)
            let down = try await project.pier("down", "-t", "0")
            #expect(down.status == 0, "\(down.stderr)")
            #expect(try await Self.networks(project).isEmpty)
        }
    }

    @Test func upRemovesCopiesNoContainerUses() async throws {
        try await ScratchProject.with(Self.compose) { project in
            guard try await Self.duplicate(project) != nil, try await Self.duplicate(project) != nil else { return }
            let up = try await project.pier("up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            #expect(up.stderr.contains("removing a copy of the network"))
            #expect(try await Self.networks(project).count == 1)
            let listed = try await project.pier("ps", "--format", "{{.Name}} {{.State}}")
            #expect(listed.stdout == "\(project.name)-web-1 running\n")
        }
    }

    @Test func upSaysWhatToDoWhenContainersUseSeveralCopies() async throws {
        try await ScratchProject.with(Self.compose) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            guard let copy = try await Self.duplicate(project) else { return }
            #expect(try await project.docker("network", "connect", copy, "\(project.name)-web-1").status == 0)
            let up = try await project.pier("up", "-d")
            #expect(up.status == 1)
            #expect(up.stderr.contains("network \(project.name)_default exists 2 times"))
            #expect(up.stderr.contains("run `pier down` (it removes them all), then `pier up`"))
            // As it says.
            #expect(try await project.pier("down", "-t", "0").status == 0)
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await Self.networks(project).count == 1)
        }
    }
}
