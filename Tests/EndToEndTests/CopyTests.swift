import Foundation
import PierTestSupport
import Testing

/// `pier cp` both ways through the archive API: contents, modes, owners, links, where copies land, and errors as
/// the reference's.
@Suite(.requiresEngine)
struct CopyTests {
    private func makeTree(in project: ScratchProject) async throws -> (URL, String) {
        let tree = project.directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(
            at: tree.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "run me\n".write(to: tree.appendingPathComponent("tool.sh"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o751], ofItemAtPath: tree.path + "/tool.sh")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: tree.path + "/sub")
        let big = try InteractiveSupport.randomFile(bytes: 3 << 20, in: tree.appendingPathComponent("sub"), name: "big")
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/link", withDestinationPath: "tool.sh")
        return (tree, try await InteractiveSupport.sha256(of: big))
    }

    @Test func aDirectoryGoesInAndComesBackWithModesAndLinks() async throws {
        try await InteractiveSupport.withRunningProject { project in
            let (_, digest) = try await makeTree(in: project)
            // A new path takes the copy's name: `/srv` does not exist in the image.
            #expect(try await project.pier("cp", "tree", "web:/srv").status == 0)
            #expect(try await project.pier("exec", "-T", "web", "cat", "/srv/tool.sh").stdout == "run me\n")
            let copyIn = try await project.pier("cp", "tree", "web:/tmp/")
            #expect(copyIn.status == 0, "\(copyIn.stderr)")
            #expect(copyIn.stderr.contains(" \(project.name)-web-1 copy tree to \(project.name)-web-1:/tmp/ Copied"))
            let inside = try await project.pier(
                "exec", "-T", "web", "sh", "-c",
                "stat -c '%a %n' /tmp/tree/tool.sh /tmp/tree/sub; readlink /tmp/tree/link; sha256sum /tmp/tree/sub/big")
            #expect(
                inside.stdout.hasPrefix("751 /tmp/tree/tool.sh\n700 /tmp/tree/sub\ntool.sh\n\(digest)"), "\(inside)")

            let copyOut = try await project.pier("cp", "web:/tmp/tree", "back")
            #expect(copyOut.status == 0, "\(copyOut.stderr)")
            let back = project.directory.appendingPathComponent("back")
            #expect(try await InteractiveSupport.sha256(of: back.appendingPathComponent("sub/big")) == digest)
            let mode =
                try FileManager.default.attributesOfItem(atPath: back.path + "/tool.sh")[.posixPermissions] as? Int
            #expect(mode == 0o751)
            let subMode =
                try FileManager.default.attributesOfItem(atPath: back.path + "/sub")[.posixPermissions] as? Int
            #expect(subMode == 0o700)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: back.path + "/link") == "tool.sh")
        }
    }

    @Test func copiesLandWhereDockerCpPutsThem() async throws {
        try await InteractiveSupport.withRunningProject { project in
            let out = project.directory.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try await project.pier("cp", "web:/etc/hostname", "out")  // into an existing directory, under its own name
            try await project.pier("cp", "web:/etc/hostname", "out/renamed")  // a new path: the copy takes its name
            try await project.pier("cp", "web:/etc/.", "out/etc")  // `/.`: the directory's contents
            for path in ["out/hostname", "out/renamed", "out/etc/hosts"] {
                #expect(FileManager.default.fileExists(atPath: project.directory.path + "/" + path), "\(path)")
            }
            try "x\n".write(to: project.directory.appendingPathComponent("note"), atomically: true, encoding: .utf8)
            try await project.pier("cp", "note", "web:/tmp/renamed-note")
            #expect(try await project.pier("exec", "-T", "web", "cat", "/tmp/renamed-note").stdout == "x\n")
            // `-` writes the archive itself to standard output.
            let tar = try await InteractiveSupport.shell(
                "'\(TestSupport.pierBinary.path)' cp web:/etc/hostname - | tar -t", in: project.directory,
                environment: project.environment)
            #expect(tar.stdout == "hostname\n", "\(tar.stderr)")
        }
    }

    @Test func ownersReplicasAndIndexes() async throws {
        try await InteractiveSupport.withRunningProject(scale: 2) { project in
            let file = project.directory.appendingPathComponent("owned")
            try "mine\n".write(to: file, atomically: true, encoding: .utf8)
            chown(file.path, 1234, 5678)
            // Into the service: every replica.
            #expect(try await project.pier("cp", "-a", "owned", "web:/tmp/").status == 0)
            try await project.pier("cp", "owned", "web:/tmp/plain")
            for index in ["1", "2"] {
                let owners = try await project.pier(
                    "exec", "-T", "--index", index, "web", "stat", "-c", "%u:%g", "/tmp/owned")
                #expect(owners.stdout == "1234:5678\n", "replica \(index): \(owners.stderr)")
            }
            let plain = try await project.pier("exec", "-T", "web", "stat", "-c", "%u:%g", "/tmp/plain")
            #expect(plain.stdout == "0:0\n")
            try await project.pier("exec", "-T", "--index", "2", "web", "sh", "-c", "echo second > /tmp/which")
            #expect(try await project.pier("cp", "--index", "2", "web:/tmp/which", "which").status == 0)
            let which = try String(contentsOf: project.directory.appendingPathComponent("which"), encoding: .utf8)
            #expect(which == "second\n")
            // One-off containers only with `--all`.
            let oneOff = try await project.pier("run", "-d", "web").stdout.trimmingCharacters(
                in: .whitespacesAndNewlines)
            try await project.pier("cp", "owned", "web:/tmp/first")
            try await project.pier("cp", "--all", "owned", "web:/tmp/second")
            let seen = try await project.docker("exec", oneOff, "ls", "/tmp")
            #expect(!seen.stdout.contains("first") && seen.stdout.contains("second"), "\(seen.stdout)")
        }
    }

    @Test(
        .requiresReference,
        arguments: [
            ["cp", "nosuch:/x", "out"], ["cp", "web:/nonexistent", "out"], ["cp", "nonexistent", "web:/tmp"],
            ["cp", "a", "b"], ["cp", "web:/etc/hostname", "nodir/"], ["cp", "--index", "3", "web:/etc", "out"],
        ])
    func failuresMatchTheReference(arguments: [String]) async throws {
        try await InteractiveSupport.withRunningProject { project in
            let (pier, reference) = (try await project.pier(arguments), try await project.reference(arguments))
            #expect(pier.status == reference.status)
            #expect(pier.stderr == reference.stderr)
        }
    }
}
