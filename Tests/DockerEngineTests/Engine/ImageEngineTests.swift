import Foundation
import PierTestSupport
import Tar
import Testing

@testable import DockerEngine

@Suite(.requiresEngine) struct ImageEngineTests {
    @Test func listInspectTagAndRemove() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let images = try await engine.listImages(filters: ["reference": [EngineFixture.image]])
            let image = try #require(images.first)
            #expect(image.repoTags.contains(EngineFixture.image))

            let inspection = try await engine.inspectImage(EngineFixture.image)
            #expect(inspection.id == image.id)
            #expect(inspection.os == "linux")

            let tag = fixture.uniqueName("tag")
            try await engine.tagImage(EngineFixture.image, repository: "pier-test/busybox", tag: tag)
            await fixture.cleanup.push { _ = try? await engine.removeImage("pier-test/busybox:\(tag)") }
            #expect(try await engine.inspectImage("pier-test/busybox:\(tag)").id == image.id)

            let deletions = try await engine.removeImage("pier-test/busybox:\(tag)")
            #expect(deletions.contains { $0.untagged == "pier-test/busybox:\(tag)" })
            #expect(deletions.allSatisfy { $0.deleted == nil }, "the original tag keeps the layers")
            await #expect {
                _ = try await engine.inspectImage("pier-test/busybox:\(tag)")
            } throws: { error in
                (error as? EngineError)?.code == .notFound
            }
        }
    }

    /// The engine pulls from a fake registry on 127.0.0.1 (no registry is reachable here; the engine treats
    /// loopback registries as insecure, so it falls back to plain HTTP) that knows no repository.
    @Test func pullingAnImageTheRegistryDoesNotHaveIsNotFound() async throws {
        let route: TestHTTPServer.Route = { request in
            let headers = [("Content-Type", "application/json"), ("Docker-Distribution-API-Version", "registry/2.0")]
            if request.head.uri == "/v2/" { return .full(status: .ok, headers: headers, body: Array("{}".utf8)) }
            // Without a `detail`, Docker 20.10 reads the error as a bare code and answers 500 instead of 404.
            let body =
                #"{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{}}]}"#
            return .full(status: .notFound, headers: headers, body: Array(body.utf8))
        }
        try await TestHTTPServer.with(route: route) { registry in
            try await EngineFixture.with { fixture in
                let reference = "127.0.0.1:\(registry.port)/\(fixture.uniqueName("missing"))"
                await #expect {
                    _ = try await fixture.engine.pullImage(reference).collect()
                } throws: { error in
                    let error = error as? EngineError
                    return error?.code == .notFound && error?.status == 404
                        && error?.message.contains("not found") == true
                }
            }
        }
    }

    @Test func buildStreamsProgressAndReportsTheImage() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let tag = "pier-test/built:\(fixture.uniqueName("build"))"
            let context = TarArchive.make([
                (
                    "Dockerfile",
                    "FROM \(EngineFixture.image)\nARG GREETING\nCOPY hello.txt /hello.txt\nRUN echo $GREETING > /greeting\n"
                ),
                ("hello.txt", "hello from the context\n"),
            ])
            let options = BuildOptions(tags: [tag], buildArguments: ["GREETING": "hi"], labels: ["pier.test": "build"])
            let messages = try await engine.buildImage(
                context: EngineBodyStream(bytes: context, chunkSize: 100), options: options
            )
            .collect()
            await fixture.cleanup.push { _ = try? await engine.removeImage(tag, force: true) }
            let output = messages.compactMap(\.stream).joined()
            #expect(output.contains(" : FROM \(EngineFixture.image)"))
            #expect(output.contains("Successfully tagged \(tag)"))
            let builtID = messages.compactMap { $0.aux?["ID"]?.stringValue }.first
            let inspection = try await engine.inspectImage(tag)
            #expect(builtID == inspection.id)
            #expect(inspection.labels["pier.test"] == "build")

            let container = try await fixture.makeContainer(
                ["cat", "/hello.txt", "/greeting"], extra: ["Image": .string(tag)])
            _ = try await engine.waitContainer(container)
            let frames = try await EngineFixture.collect(engine.containerLogs(container))
            #expect(EngineFixture.text(frames, .stdout) == "hello from the context\nhi\n")
        }
    }

    @Test func failingBuildStepIsThrownByTheStream() async throws {
        try await EngineFixture.with { fixture in
            let context = TarArchive.make([("Dockerfile", "FROM \(EngineFixture.image)\nRUN echo failing; exit 3\n")])
            let stream = try await fixture.engine.buildImage(
                context: EngineBodyStream(bytes: context),
                options: BuildOptions(labels: ["pier.test": "build"], forceRemovesIntermediateContainers: true))
            await #expect {
                _ = try await stream.collect()
            } throws: { error in
                let error = error as? EngineError
                return error?.code == .server && error?.message.contains("returned a non-zero code: 3") == true
            }
        }
    }

    @Test func buildWithABadDockerfilePathIsAnError() async throws {
        try await EngineFixture.with { fixture in
            let context = TarArchive.make([("Dockerfile", "FROM \(EngineFixture.image)\n")])
            await #expect(throws: EngineError.self) {
                _ = try await fixture.engine.buildImage(
                    context: EngineBodyStream(bytes: context),
                    options: BuildOptions(dockerfile: "missing/Dockerfile", forceRemovesIntermediateContainers: true)
                ).collect()
            }
        }
    }
}
