import Foundation
import PierTestSupport
import Testing

/// `commit` and `export`: a service container's file system as an image, or as a tar archive.
@Suite(.requiresEngine)
struct CommitExportTests {
    static let stack = """
        services:
          web:
            image: pier-test/busybox:latest
            command: sh -c 'echo made > /made.txt; sleep 3600'
            stop_signal: SIGKILL
        """

    @Test func commitMakesAnImageWithTheChanges() async throws {
        try await ScratchProject.with(Self.stack) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            _ = try await project.docker("exec", "\(project.name)-web-1", "sh", "-c", "test -f /made.txt || sleep 1")
            let image = "\(project.name)-committed:v1"
            await project.onCleanUp { _ = try? await project.docker("rmi", "-f", image) }
            let commit = try await project.pier(
                "commit", "-a", "Pier Test", "-mtested", "-c", "ENV COMMITTED=1", "-c", "LABEL stage=committed", "web",
                image)
            #expect(commit.status == 0, "\(commit.stderr)")
            #expect(commit.stderr.contains(" \(project.name)-web-1 Commit \(project.name)-web-1 Committed as sha256:"))
            let inspect = try await project.docker(
                "image", "inspect", "--format",
                "{{.Author}}|{{.Comment}}|{{index .Config.Labels \"stage\"}}|{{.Config.Env}}",
                image)
            #expect(inspect.stdout.hasPrefix("Pier Test|tested|committed|"))
            #expect(inspect.stdout.contains("COMMITTED=1"))
            let file = try await project.docker("run", "--rm", image, "cat", "/made.txt")
            #expect(file.stdout == "made\n")
            let missing = try await project.pier("commit", "--index", "2", "web", image)
            #expect(missing.status == 1)
            #expect(missing.stderr == "service \"web\" is not running container #2\n")
        }
    }

    @Test func exportWritesTheFileSystem() async throws {
        try await ScratchProject.with(Self.stack) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            let archive = project.directory.appendingPathComponent("web.tar").path
            let export = try await project.pier("export", "web", "-o", archive)
            #expect(export.status == 0, "\(export.stderr)")
            let attributes = try FileManager.default.attributesOfItem(atPath: archive)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let listing = try await TestSupport.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["tar", "-tf", archive], in: project.directory,
                environment: project.environment)
            #expect(listing.stdout.split(separator: "\n").contains("bin/busybox"))
            // To standard output when it is not a terminal.
            let streamed = try await project.pier("export", "web")
            #expect(streamed.status == 0)
            #expect(streamed.stdout.utf8.count > 1_000_000)
        }
    }
}
