import ComposeSpec
import DockerEngine
import Foundation
import Testing

@testable import Orchestration

/// A service's `build` section turned into the Dockerfile frontend's options and the session's providers, from the
/// loader's real document.
@Suite struct BuildKitServiceBuildTests {
    static func plan(
        _ build: String, top: String = "", files: [String: String] = ["Dockerfile": "FROM scratch\n"],
        environment: [String: String] = [:], request: BuildRequest = BuildRequest()
    ) throws -> BuildKitServiceBuild {
        let project = try ServiceFixture.project(
            "services:\n  s:\n    build:\n" + build + top, files: files, environment: environment)
        let node = try #require(project.document["services"]?["s"]?["build"])
        let section = try BuildSection(
            service: "s", build: node, image: "proj-s", platform: nil, request: request, environment: environment)
        return try BuildKitServiceBuild(
            section, project: "proj", secrets: project.document["secrets"]?.mapping ?? [:], environment: environment,
            imageOfService: { "proj-\($0)" })
    }

    @Test func frontendOptions() throws {
        var request = BuildRequest()
        request.arguments = ["GIVEN": "flag"]
        let plan = try Self.plan(
            """
                  context: .
                  target: production
                  args: {GIVEN: file, KEPT: file}
                  labels: {team: core}
                  tags: [extra/name:1]
                  shm_size: 64m
                  ulimits: {nofile: {soft: 100, hard: 200}}
                  extra_hosts: ["db=10.0.0.2"]
                  platforms: [linux/amd64]
                  no_cache: true
            """, request: request)
        let attributes = plan.build.frontendAttributes
        #expect(attributes["filename"] == "Dockerfile")
        #expect(attributes["target"] == "production")
        #expect(attributes["build-arg:GIVEN"] == "flag")
        #expect(attributes["build-arg:KEPT"] == "file")
        #expect(attributes["label:team"] == "core")
        #expect(attributes["label:com.docker.compose.service"] == "s")
        #expect(attributes["label:com.docker.compose.project"] == "proj")
        #expect(attributes["shm-size"] == "67108864")
        #expect(attributes["ulimit"] == "nofile=100:200")
        #expect(attributes["add-hosts"] == "db=10.0.0.2")
        #expect(attributes["platform"] == "linux/amd64")
        #expect(attributes["no-cache"] == "")
        #expect(attributes["image-resolve-mode"] == "local")
        #expect(plan.build.exporter == "moby")
        #expect(plan.build.exporterAttributes["name"] == "proj-s,extra/name:1")
        #expect(Set(plan.providers.directories.keys) == ["context", "dockerfile"])
        #expect(plan.sharedKey.hasPrefix("proj:"))
    }

    @Test func namedContextsAndEntitlements() throws {
        let plan = try Self.plan(
            """
                  context: .
                  network: host
                  privileged: true
                  additional_contexts:
                    assets: ./assets
                    base: service:base
                    tools: docker-image://example.com/tools:1
            """, files: ["Dockerfile": "FROM scratch\n", "assets/a": "a"])
        let attributes = plan.build.frontendAttributes
        #expect(attributes["context:assets"] == "local:assets")
        #expect(attributes["context:base"] == "docker-image://proj-base")
        #expect(attributes["context:tools"] == "docker-image://example.com/tools:1")
        #expect(attributes["force-network-mode"] == "host")
        #expect(plan.build.entitlements == ["network.host", "security.insecure"])
        #expect(plan.providers.directories["assets"] != nil)
    }

    @Test func caches() throws {
        let plan = try Self.plan(
            "      context: .\n      cache_from: [example.com/app:cache, \"type=local,src=/tmp/c\"]\n"
                + "      cache_to: [type=inline]\n")
        #expect(
            plan.build.cacheImports == [
                .init(type: "registry", attributes: ["ref": "example.com/app:cache"]),
                .init(type: "local", attributes: ["src": "/tmp/c"]),
            ])
        #expect(plan.build.cacheExports == [.init(type: "inline")])
    }

    /// The engine's BuildKit has no local cache exporter: refused before building, where the entry is written.
    @Test func aLocalCacheExportIsRefusedWhereItIsWritten() throws {
        #expect {
            try Self.plan("      context: .\n      cache_to: [\"type=local,dest=./cache\"]\n")
        } throws: { error in
            let description = "\(error)"
            return description.contains("cannot export a cache to a directory")
                && description.contains("compose.yaml:5:") && description.contains("type=inline")
        }
    }

    @Test func secretsFromFilesAndTheEnvironment() throws {
        let plan = try Self.plan(
            "      context: .\n      secrets: [token, {source: key, target: api_key}]\n",
            top: "secrets:\n  token: {file: ./token.txt}\n  key: {environment: API_KEY}\n",
            files: ["Dockerfile": "FROM scratch\n", "token.txt": "t"], environment: ["API_KEY": "k"])
        #expect(plan.providers.secrets["api_key"] == .value(Array("k".utf8)))
        guard case .file(let path)? = plan.providers.secrets["token"] else {
            Issue.record("the token secret is not a file")
            return
        }
        #expect(path.hasSuffix("/token.txt"))
    }

    @Test func aSecretFromAnUnsetVariableIsNamed() throws {
        #expect {
            try Self.plan(
                "      context: .\n      secrets: [key]\n", top: "secrets:\n  key: {environment: API_KEY}\n")
        } throws: { error in
            (error as? OrchestrationError)?.message.contains("API_KEY, which is not set") == true
        }
    }

    @Test func sshNeedsAnAgent() throws {
        #expect {
            try Self.plan("      context: .\n      ssh: [default]\n")
        } throws: { error in
            (error as? OrchestrationError)?.message.contains("SSH_AUTH_SOCK is not set") == true
        }
        #expect {
            try Self.plan(
                "      context: .\n      ssh: [default]\n", files: ["Dockerfile": "FROM scratch\n", "key": "k"],
                environment: ["SSH_AUTH_SOCK": "/nonexistent.sock"])
        } throws: { error in
            (error as? OrchestrationError)?.message.contains("is not an SSH agent's socket") == true
        }
    }

    @Test func anInlineDockerfileIsServedFromMemory() async throws {
        let plan = try Self.plan("      context: .\n      dockerfile_inline: \"FROM scratch\\n\"\n")
        let directory = try #require(plan.providers.directories["dockerfile"])
        let entries = try directory.entries(SyncFilter(followPaths: ["Dockerfile"]))
        #expect(entries.map(\.path) == ["Dockerfile"])
        var content: [UInt8] = []
        try await directory.read(entries[0]) { content += $0 }
        #expect(content == Array("FROM scratch\n".utf8))
    }

    @Test func aDockerfileOutsideTheContextIsSyncedFromItsFolder() throws {
        let plan = try Self.plan(
            "      context: ./app\n      dockerfile: ../docker/App.Dockerfile\n",
            files: ["app/main.py": "", "docker/App.Dockerfile": "FROM scratch\n"])
        #expect(plan.build.frontendAttributes["filename"] == "App.Dockerfile")
        let folder = try #require(plan.providers.directories["dockerfile"] as? SessionDirectory)
        #expect(folder.root.hasSuffix("/docker"))
    }

    @Test func aCustomBuildNetworkIsRefused() throws {
        #expect(throws: OrchestrationError.self) { try Self.plan("      context: .\n      network: backend\n") }
    }
}
