import DockerEngine
import Foundation
import Testing

@testable import Orchestration

/// Pull and push stream messages turned into progress lines, as Compose shows them.
@Suite struct LayerProgressTests {
    static func message(_ json: String) throws -> ProgressMessage {
        try JSONDecoder().decode(ProgressMessage.self, from: Data(json.utf8))
    }

    @Test func aDownloadingLayerCarriesItsBarBytesAndPercentUnderItsService() throws {
        let downloading = try Self.message(
            #"{"status":"Downloading","progressDetail":{"current":69213,"total":4001464},"#
                + #""progress":"[>   ]  69.21kB/4.001MB","id":"22c187f0efae"}"#)
        let event = try #require(ProjectRuntime.layerEvent(downloading, resource: downloading.id, parent: "web"))
        #expect(event.resource == "22c187f0efae" && event.parent == "web" && event.isMessage)
        #expect(event.text == "Downloading" && event.detail == "[>   ]  69.21kB/4.001MB")
        #expect(event.status == .working && event.percent == 1)
    }

    @Test func completeLayersAreDoneAtAHundredPercent() throws {
        for status in ["Pull complete", "Already exists", "Pushed", "Layer already exists", "Mounted from app"] {
            let message = try Self.message(#"{"status":"\#(status)","progressDetail":{},"id":"abc"}"#)
            let event = try #require(ProjectRuntime.layerEvent(message, resource: "abc", parent: nil))
            #expect(event.status == .done, "\(status)")
        }
        let complete = try Self.message(#"{"status":"Pull complete","progressDetail":{},"id":"abc"}"#)
        #expect(ProjectRuntime.layerEvent(complete, resource: "abc", parent: "web")?.percent == 100)
    }

    @Test func messagesAboutNoLayerAreNotShown() throws {
        for json in [
            #"{"status":"Pulling from piertest/app","id":"v1"}"#,
            #"{"status":"Digest: sha256:3cce5a5d90c7"}"#,
            #"{"status":"Status: Downloaded newer image for 127.0.0.1:5000/app:v1"}"#,
        ] {
            let message = try Self.message(json)
            #expect(ProjectRuntime.layerEvent(message, resource: message.id, parent: "web") == nil, "\(json)")
        }
    }
}
