import ComposeSpec
import DockerEngine
import Foundation
import Synchronization
import Testing

@testable import Orchestration

/// A service's `build` section turned into the classic builder's query, from the loader's real document.
@Suite struct ClassicBuildTests {
    static func plan(
        _ build: String, files: [String: String] = ["Dockerfile": "FROM scratch\n"],
        request: BuildRequest = BuildRequest()
    ) throws -> ClassicBuild {
        let project = try ServiceFixture.project("services:\n  s:\n    build:\n" + build, files: files)
        let node = try #require(project.document["services"]?["s"]?["build"])
        let section = try BuildSection(
            service: "s", build: node, image: "proj-s", platform: nil, request: request,
            environment: ["FROM_ENV": "env"])
        return try ClassicBuild(section, memory: request.memory)
    }

    static func query(_ plan: ClassicBuild) -> [String: [String]] {
        Dictionary(grouping: plan.options.queryItems, by: \.name).mapValues { $0.map(\.value) }
    }

    @Test func attributesTheClassicBuilderTakes() throws {
        var request = BuildRequest()
        request.memory = 1 << 20
        request.arguments = ["FROM_ENV": nil, "GIVEN": "flag"]
        let plan = try Self.plan(
            """
                  context: .
                  target: production
                  args: {GIVEN: file, KEPT: file}
                  labels: {team: core}
                  tags: [extra/name:1]
                  shm_size: 64m
                  isolation: default
                  ulimits: {nofile: {soft: 100, hard: 200}, nproc: 50}
                  extra_hosts: ["db=10.0.0.2"]
            """, request: request)
        let query = Self.query(plan)
        #expect(query["t"] == ["proj-s", "extra/name:1"])
        #expect(query["target"] == ["production"])
        #expect(query["buildargs"] == [#"{"FROM_ENV":"env","GIVEN":"flag","KEPT":"file"}"#])
        #expect(query["labels"] == [#"{"com.docker.compose.image.builder":"classic","team":"core"}"#])
        #expect(query["shmsize"] == ["67108864"])
        #expect(query["memory"] == ["1048576"])
        #expect(query["isolation"] == ["default"])
        #expect(
            query["ulimits"] == [#"[{"Hard":200,"Name":"nofile","Soft":100},{"Hard":50,"Name":"nproc","Soft":50}]"#])
        #expect(query["extrahosts"] == ["db:10.0.0.2"])
        #expect(plan.generatedFiles.isEmpty)
    }

    @Test func anInlineDockerfileIsGeneratedAndIgnoredByCopy() throws {
        let plan = try Self.plan(
            "      context: .\n      dockerfile_inline: \"FROM scratch\\n\"\n",
            files: [".dockerignore": "*.log", ".pier-dockerfile-inline": "mine"])
        #expect(plan.dockerfile == ".pier-dockerfile-inline-2")
        #expect(plan.options.dockerfile == ".pier-dockerfile-inline-2")
        let files = Dictionary(
            uniqueKeysWithValues: plan.generatedFiles.map { ($0.name, String(decoding: $0.content, as: UTF8.self)) })
        #expect(
            files == [
                ".pier-dockerfile-inline-2": "FROM scratch\n", ".dockerignore": "*.log\n/.pier-dockerfile-inline-2\n",
            ])
    }

    @Test(arguments: [
        ("Dockerfile", ClassicBuild.DockerfileSource.inContext("Dockerfile")),
        ("./docker/../sub/App.Dockerfile", .inContext("sub/App.Dockerfile")),
        ("/srv/app/sub/App.Dockerfile", .inContext("sub/App.Dockerfile")),
    ])
    func dockerfilesInsideTheContextAreSentAsRelativePaths(
        dockerfile: String, expected: ClassicBuild.DockerfileSource
    ) throws {
        #expect(try ClassicBuild.locate(dockerfile: dockerfile, context: "/srv/app", service: "s") == expected)
    }

    @Test func aDockerfileOutsideTheContextIsReadOrNamedInTheError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pier-df-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory + "/ctx", withIntermediateDirectories: true)
        try "FROM scratch\n".write(toFile: directory + "/Outside", atomically: true, encoding: .utf8)
        let found = try ClassicBuild.locate(dockerfile: "../Outside", context: directory + "/ctx", service: "s")
        #expect(found == .outside(Array("FROM scratch\n".utf8)))
        #expect(throws: OrchestrationError.self) {
            try ClassicBuild.locate(dockerfile: "../Missing", context: directory + "/ctx", service: "s")
        }
    }

    @Test func aMissingContextIsNamed() throws {
        #expect {
            try Self.plan("      context: ./nowhere\n")
        } throws: { error in
            (error as? OrchestrationError)?.message.contains("/nowhere is not a directory") == true
        }
    }

    @Test(arguments: [
        ("https://example.com/team/app.git#v1.2:web", "https://example.com/team/app.git", "v1.2", "web"),
        ("git@example.com:team/app.git", "git@example.com:team/app.git", nil, nil),
        ("github.com/team/app#:sub/dir", "https://github.com/team/app", nil, "sub/dir"),
        ("git://example.com/app#main", "git://example.com/app", "main", nil),
    ])
    func gitContextsAreRecognized(context: String, url: String, reference: String?, subdirectory: String?) throws {
        let git = try #require(GitContext(context))
        #expect(git.url == url)
        #expect(git.reference == reference)
        #expect(git.subdirectory == subdirectory)
    }

    @Test(arguments: ["/srv/app", "https://example.com/context.tar.gz", "./app.git"])
    func otherContextsAreNotGit(context: String) {
        #expect(GitContext(context) == nil)
    }

    @Test func severalPlatformsNeedBuildKit() throws {
        let error = #expect(throws: OrchestrationError.self) {
            try Self.plan("      context: .\n      platforms: [linux/amd64, linux/arm64]\n")
        }
        #expect(error?.code == .unsupported)
        // The refusal names where `build.platforms` is written.
        #expect(error?.location?.line == 5)
        let single = try Self.plan("      context: .\n      platforms: [linux/amd64]\n")
        #expect(single.options.platform == "linux/amd64")
    }

    @Test func theFanOutStaysWithinTheLimit() async throws {
        let running = Mutex((now: 0, peak: 0))
        try await forEachConcurrently(Array(0..<12), limit: 3) { _ in
            running.withLock {
                $0.now += 1; $0.peak = max($0.peak, $0.now)
            }
            try await Task.sleep(for: .milliseconds(20))
            running.withLock { $0.now -= 1 }
        }
        #expect(running.withLock { $0.peak } == 3)
    }
}
