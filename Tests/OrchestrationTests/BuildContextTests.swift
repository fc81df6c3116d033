import Foundation
import PierTestSupport
import Tar
import Testing

@testable import Orchestration

/// Build contexts streamed as tar, checked by extracting them with the system `tar`.
@Suite struct BuildContextTests {
    static func makeDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "pier-context-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String, in root: String, mode: Int = 0o644) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: full)
    }

    /// Streams the context, extracts it with `tar`, and returns the extraction directory.
    static func extract(_ context: BuildContext) async throws -> String {
        var archive: [UInt8] = []
        var largest = 0
        for try await chunk in context {
            largest = max(largest, chunk.count)
            archive += chunk
        }
        #expect(largest <= context.chunkSize + 512 * 3 + 1024)
        #expect(archive.count % 512 == 0)
        let output = try makeDirectory()
        let tarFile = output + ".tar"
        try Data(archive).write(to: URL(fileURLWithPath: tarFile))
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["tar", "-xpf", tarFile, "-C", output],
            in: URL(fileURLWithPath: output), environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0)
        return output
    }

    /// Every path under `root`, sorted, directories marked with a trailing `/`.
    static func listing(_ root: String) throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            let type = try FileManager.default.attributesOfItem(atPath: root + "/" + path)[.type] as? FileAttributeType
            paths.append(type == .typeDirectory ? path + "/" : path)
        }
        return paths.sorted()
    }

    @Test func sendsWhatIsNotIgnoredWithModesLinksAndEmptyDirectories() async throws {
        let root = try Self.makeDirectory()
        try Self.write("FROM scratch\n", to: "Dockerfile", in: root)
        try Self.write("*.log\nsecret/\nbuild\n!build/keep/**\n", to: ".dockerignore", in: root)
        try Self.write("echo hi\n", to: "bin/run.sh", in: root, mode: 0o755)
        try Self.write("x", to: "debug.log", in: root)
        try Self.write("s", to: "secret/key", in: root)
        try Self.write("o", to: "build/out.o", in: root)
        try Self.write("k", to: "build/keep/a/file", in: root, mode: 0o600)
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: "bin/run.sh")
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling", withDestinationPath: "/nowhere")
        let long = String(repeating: "d", count: 60) + "/" + String(repeating: "e", count: 60)
        try Self.write("long", to: long + "/" + String(repeating: "f", count: 90), in: root)
        let big = String(repeating: "0123456789", count: 20_000)
        try Self.write(big, to: "big.bin", in: root)
        let modified = Date(timeIntervalSince1970: 1_600_000_000)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: root + "/big.bin")

        let context = try BuildContext(directory: root, chunkSize: 4096)
        let output = try await Self.extract(context)
        #expect(
            try Self.listing(output)
                == [
                    ".dockerignore", "Dockerfile", "big.bin", "bin/", "bin/run.sh", "build/", "build/keep/",
                    "build/keep/a/", "build/keep/a/file", "dangling", String(repeating: "d", count: 60) + "/",
                    long + "/", long + "/" + String(repeating: "f", count: 90), "empty/", "link",
                ].sorted())
        let fileManager = FileManager.default
        #expect(try String(contentsOfFile: output + "/big.bin", encoding: .utf8) == big)
        #expect(
            try String(contentsOfFile: output + "/" + long + "/" + String(repeating: "f", count: 90), encoding: .utf8)
                == "long")
        #expect(try fileManager.destinationOfSymbolicLink(atPath: output + "/link") == "bin/run.sh")
        #expect(try fileManager.destinationOfSymbolicLink(atPath: output + "/dangling") == "/nowhere")
        let runMode = try fileManager.attributesOfItem(atPath: output + "/bin/run.sh")[.posixPermissions] as? Int
        #expect(runMode == 0o755)
        let keepMode =
            try fileManager.attributesOfItem(atPath: output + "/build/keep/a/file")[.posixPermissions] as? Int
        #expect(keepMode == 0o600)
        let bigDate = try fileManager.attributesOfItem(atPath: output + "/big.bin")[.modificationDate] as? Date
        #expect(bigDate == modified)
        #expect(context.entries.allSatisfy { $0.header.uid == 0 && $0.header.gid == 0 })
        #expect(
            context.entries.map(\.path)
                == context.entries.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func theDockerfileIsSentEvenWhenIgnoredAndItsOwnIgnoreFileWins() async throws {
        let root = try Self.makeDirectory()
        try Self.write("FROM scratch\n", to: "docker/app.Dockerfile", in: root)
        try Self.write("*\n", to: "docker/app.Dockerfile.dockerignore", in: root)
        try Self.write("nothing-matches\n", to: ".dockerignore", in: root)
        try Self.write("x", to: "src/main.swift", in: root)
        let context = try BuildContext(directory: root, dockerfile: "docker/app.Dockerfile")
        let output = try await Self.extract(context)
        #expect(
            try Self.listing(output) == [
                "docker/", "docker/app.Dockerfile", "docker/app.Dockerfile.dockerignore",
            ])
    }

    @Test func generatedFilesReplaceTheDirectorysOwn() async throws {
        let root = try Self.makeDirectory()
        try Self.write("*.log\n", to: ".dockerignore", in: root)
        try Self.write("x", to: "a.log", in: root)
        try Self.write("x", to: "b.txt", in: root)
        let context = try BuildContext(
            directory: root, dockerfile: "gen",
            generatedFiles: [("gen", Array("FROM scratch\n".utf8)), (".dockerignore", Array("*.log\n/gen\n".utf8))])
        let output = try await Self.extract(context)
        #expect(try Self.listing(output) == [".dockerignore", "b.txt", "gen"])
        #expect(try String(contentsOfFile: output + "/.dockerignore", encoding: .utf8) == "*.log\n/gen\n")
        #expect(try String(contentsOfFile: output + "/gen", encoding: .utf8) == "FROM scratch\n")
    }

    @Test func smallFilesShareChunks() async throws {
        let root = try Self.makeDirectory()
        for index in 0..<200 { try Self.write(String(repeating: "x", count: 700), to: "f\(index)", in: root) }
        let context = try BuildContext(directory: root, chunkSize: 64 * 1024)
        var sizes: [Int] = []
        for try await chunk in context { sizes.append(chunk.count) }
        // 200 × (512 header + 1024 content with padding) + 1024 = 308,224 bytes: five chunks, not 400.
        let total = sizes.reduce(0, +)
        #expect(total == 308_224)
        #expect(sizes.count == 5)
        #expect(try Self.listing(try await Self.extract(context)).count == 200)
    }

    @Test func aFileThatShrinksOrGoesAfterTheWalkFailsTheStream() async throws {
        let root = try Self.makeDirectory()
        try Self.write(String(repeating: "a", count: 5000), to: "shrinks", in: root)
        try Self.write("b", to: "vanishes", in: root)
        let context = try BuildContext(directory: root, chunkSize: 1024)
        try Self.write("short", to: "shrinks", in: root)
        await #expect(throws: BuildContext.ContextError.changedWhileReading("shrinks")) {
            for try await _ in context {}
        }
        try Self.write(String(repeating: "a", count: 5000), to: "shrinks", in: root)
        try FileManager.default.removeItem(atPath: root + "/vanishes")
        await #expect(throws: BuildContext.ContextError.unreadable("vanishes")) {
            for try await _ in context {}
        }
    }

    @Test func anEmptyContextIsJustTheEndMarker() async throws {
        let root = try Self.makeDirectory()
        var chunks: [[UInt8]] = []
        for try await chunk in try BuildContext(directory: root) { chunks.append(chunk) }
        #expect(chunks == [TarHeader.endOfArchive])
    }
}
