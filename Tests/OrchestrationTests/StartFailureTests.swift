import DockerEngine
import Testing

@testable import Orchestration

/// The engine's words for a published port that is taken, from Engine 20.10 and 26.1.
@Suite struct StartFailureTests {
    @Test(arguments: [
        (
            "driver failed programming external connectivity on endpoint app-b-1 (0d9c72d7): Bind for "
                + "127.0.0.1:41116 failed: port is already allocated", "127.0.0.1:41116"
        ),
        (
            "driver failed programming external connectivity on endpoint app-a-1 (bc8b34af): Error starting userland "
                + "proxy: listen tcp4 127.0.0.1:41116: bind: address already in use", "127.0.0.1:41116"
        ),
        ("Error starting userland proxy: listen tcp 0.0.0.0:8080: bind: address already in use", "0.0.0.0:8080"),
        ("Error starting userland proxy: listen tcp6 [::]:8080: bind: address already in use", "[::]:8080"),
        ("Error starting userland proxy: listen udp4 0.0.0.0:5353: bind: address already in use", "0.0.0.0:5353"),
        ("Bind for 0.0.0.0:80 failed: port is already allocated", "0.0.0.0:80"),
    ])
    func theBusyAddressIsNamed(_ message: String, _ address: String) {
        #expect(StartFailure.busyAddress(in: message) == address)
        #expect(
            StartFailure.explain(message, service: "web", container: "app-web-1")
                == "cannot start service \"web\" (container app-web-1): port \(address) is already in use by another "
                + "container or program; free it or publish another port")
    }

    @Test func otherFailuresKeepTheEnginesWords() {
        let message = "OCI runtime create failed: exec: \"nope\": executable file not found in $PATH"
        #expect(StartFailure.busyAddress(in: message) == nil)
        #expect(
            StartFailure.explain(message, service: "web", container: "app-web-1")
                == "cannot start service \"web\" (container app-web-1): \(message)")
        #expect(StartFailure.busyAddress(in: "listen tcp4 : bind: address already in use") == nil)
    }

    /// The error `up` and `start` throw: about the service, with the engine's refusal as its cause.
    @Test func theErrorNamesTheServiceAndKeepsTheEnginesRefusal() {
        let refusal = EngineError(
            .server, status: 500, message: "Bind for 127.0.0.1:8080 failed: port is already allocated")
        let error = StartFailure.error(refusal, service: "web", container: "app-web-1")
        #expect(error.code == .engine)
        #expect(error.service == "web")
        #expect(error.message.hasPrefix("cannot start service \"web\" (container app-web-1): port 127.0.0.1:8080"))
        #expect((error.underlying as? EngineError)?.message == refusal.message)
    }
}
