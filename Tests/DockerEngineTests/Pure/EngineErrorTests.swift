import Testing

@testable import DockerEngine

@Suite struct EngineErrorTests {
    @Test(arguments: [
        (400, EngineError.Code.badRequest), (401, .unauthorized), (403, .forbidden), (404, .notFound), (409, .conflict),
        (500, .server), (503, .server), (418, .unexpectedStatus),
    ])
    func mapsStatuses(status: Int, code: EngineError.Code) {
        let error = EngineError.fromResponse(status: status, body: Array(#"{"message":"No such container: web"}"#.utf8))
        #expect(error.code == code)
        #expect(error.status == status)
        #expect(error.message == "No such container: web")
        #expect(error.description == "No such container: web")
        #expect(error.daemonMessage == "Error response from daemon: No such container: web")
    }

    @Test func plainTextAndEmptyBodies() {
        #expect(EngineError.fromResponse(status: 502, body: Array("bad gateway\n".utf8)).message == "bad gateway")
        #expect(EngineError.fromResponse(status: 500, body: []).message == "engine answered HTTP 500")
        #expect(EngineError.fromResponse(status: 500, body: Array(#"{"other":1}"#.utf8)).message == #"{"other":1}"#)
    }

    @Test func unreachableNamesTheEndpointAndSaysWhatToDo() {
        let error = EngineError.unreachable(.defaultSocket, reason: "no such file or directory", underlying: nil)
        #expect(error.code == .unreachable)
        #expect(
            error.message.hasPrefix(
                "cannot connect to the Docker engine at unix:///var/run/docker.sock: no such file or directory."))
        #expect(error.message.contains("DOCKER_HOST"))
        #expect(error.message.contains("docker context use"))
        let context = EngineEndpoint(address: .tcp(host: "remote", port: 2376), contextName: "prod")
        #expect(
            EngineError.unreachable(context, reason: "connection refused", underlying: nil).message.contains(
                "tcp://remote:2376 (docker context 'prod'): connection refused"))
        #expect(
            EngineError.unreachable(.defaultSocket, reason: "permission denied", underlying: nil).message.contains(
                "docker group"))
    }
}
