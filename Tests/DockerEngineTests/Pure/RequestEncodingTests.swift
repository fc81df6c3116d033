import Foundation
import Testing

@testable import DockerEngine

@Suite struct RequestEncodingTests {
    @Test func queryIsPercentEncoded() {
        let filters: EngineFilters = ["label": ["com.docker.compose.project=demo"], "status": ["running"]]
        let request = EngineRequest(.get, "/containers/json", query: [("all", "1"), ("filters", filters.json)])
        #expect(
            request.target(versionPrefix: "/v1.41")
                == "/v1.41/containers/json?all=1&filters=%7B%22label%22%3A%5B%22com.docker.compose.project%3Ddemo%22%5D%2C%22status%22%3A%5B%22running%22%5D%7D"
        )
        #expect(EngineRequest(.get, "/_ping", isVersioned: false).target(versionPrefix: "/v1.41") == "/_ping")
    }

    @Test func pathSegmentsKeepImageReferences() {
        #expect(EngineClient.segment("pier-test/busybox:latest") == "pier-test/busybox:latest")
        #expect(EngineClient.segment("a b?#") == "a%20b%3F%23")
    }

    @Test func filtersAccumulate() {
        var filters = EngineFilters()
        #expect(filters.isEmpty)
        filters.add("label", "a=1")
        filters.add("label", "b")
        #expect(filters.json == #"{"label":["a=1","b"]}"#)
    }

    @Test(arguments: [
        ("busybox", "busybox", "latest"), ("busybox:1.36", "busybox", "1.36"),
        ("localhost:5000/app", "localhost:5000/app", "latest"), ("localhost:5000/app:v2", "localhost:5000/app", "v2"),
        ("app@sha256:abc", "app", "sha256:abc"),
    ])
    func splitsReferences(reference: String, name: String, tag: String) {
        let split = EngineClient.splitReference(reference)
        #expect(split.name == name)
        #expect(split.tag == tag)
    }

    @Test func buildOptionsBecomeQueryItems() {
        let options = BuildOptions(
            tags: ["app:1", "app:latest"], dockerfile: "docker/Dockerfile", target: "prod",
            buildArguments: ["VERSION": "1", "EMPTY": nil], labels: ["team": "core"], noCache: true,
            extraHosts: ["db:10.0.0.2"], cacheFrom: ["app:cache"])
        let items = Dictionary(grouping: options.queryItems, by: \.name).mapValues { $0.map(\.value) }
        #expect(items["t"] == ["app:1", "app:latest"])
        #expect(items["dockerfile"] == ["docker/Dockerfile"])
        #expect(items["buildargs"] == [#"{"EMPTY":null,"VERSION":"1"}"#])
        #expect(items["labels"] == [#"{"team":"core"}"#])
        #expect(items["nocache"] == ["1"])
        #expect(items["rm"] == ["1"])
        #expect(items["pull"] == nil)
        #expect(items["cachefrom"] == [#"["app:cache"]"#])
        #expect(items["extrahosts"] == ["db:10.0.0.2"])
    }

    @Test func jsonRequestsCarryContentType() throws {
        let request = try EngineRequest.json(.post, "/containers/create", body: ["Image": "busybox"])
        guard case .bytes(let bytes, let contentType) = request.body else {
            Issue.record("expected a bytes body")
            return
        }
        #expect(contentType == "application/json")
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"Image":"busybox"}"#)
        let head = HTTPExchange.requestHead(request, target: "/v1.41/containers/create", hostHeader: "localhost")
        #expect(head.headers["Host"] == ["localhost"])
        #expect(head.headers["Content-Type"] == ["application/json"])
        #expect(head.headers["Content-Length"] == ["19"])
    }

    @Test func streamModeFollowsContentTypeThenTTY() {
        #expect(
            EngineClient.streamMode(contentType: "application/vnd.docker.multiplexed-stream", isTTY: true)
                == .multiplexed)
        #expect(EngineClient.streamMode(contentType: "application/vnd.docker.raw-stream", isTTY: true) == .raw)
        #expect(EngineClient.streamMode(contentType: nil, isTTY: false) == .multiplexed)
    }

    @Test func modelsTolerateNulls() throws {
        let summary = try JSONDecoder().decode(
            ContainerSummary.self,
            from: Data(#"{"Id":"abc","Names":null,"Labels":null,"Ports":[],"State":"running"}"#.utf8))
        #expect(summary.names.isEmpty)
        #expect(summary.labels.isEmpty)
        let wait = try JSONDecoder().decode(WaitResult.self, from: Data(#"{"Error":null,"StatusCode":3}"#.utf8))
        #expect(wait.statusCode == 3)
        #expect(wait.errorMessage == nil)
        let failed = try JSONDecoder().decode(
            WaitResult.self, from: Data(#"{"Error":{"Message":"boom"},"StatusCode":0}"#.utf8))
        #expect(failed.errorMessage == "boom")
        let volumes = try JSONDecoder().decode(VolumeList.self, from: Data(#"{"Volumes":null,"Warnings":null}"#.utf8))
        #expect(volumes.volumes.isEmpty)
    }
}
