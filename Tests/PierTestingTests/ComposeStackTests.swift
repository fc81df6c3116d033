import Foundation
import PierTestSupport
import PierTesting
import Testing

/// `ComposeStack` against the engine: starting and waiting, what a test does with the services, and that nothing
/// is left once the scope ends.
@Suite(.requiresEngine, .requiresImage("pier-test/busybox:latest", remedy: "run scripts/engine-start.sh"))
struct ComposeStackTests {
    @Test func aStackRunsHealthyAndIsRemovedWithItsVolumes() async throws {
        var name = ""
        var volumes: [String] = []
        try await Stacks.withSlot {
            try await ComposeStack.withRunning(at: Stacks.busybox) { stack in
                name = stack.name
                #expect(stack.name.hasPrefix("busybox-"))
                #expect(stack.services == ["web", "worker"])
                // .healthy waited for the healthcheck: the server answers on the port the engine chose.
                let (host, port) = try await stack.endpoint(service: "web", port: 8080)
                #expect(host == "127.0.0.1" && port > 0)
                let page = try await TestSupport.run(
                    URL(fileURLWithPath: "/usr/bin/env"), ["curl", "-sS", "http://\(host):\(port)/"],
                    in: TestSupport.repositoryRoot, environment: TestSupport.baseEnvironment)
                #expect(page.stdout == "hello from web\n", "\(page.stderr)")
                volumes = try await Stacks.anonymousVolumes(of: stack, service: "web")
                #expect(volumes.count == 1)
                #expect(try await Stacks.leftovers(of: stack.name).contains("volume \(stack.name)_cache"))
            }
        }
        #expect(try await Stacks.leftovers(of: name, volumes: volumes) == [])
    }

    @Test func execRunsCommandsWithInputAndReportsTheirStatus() async throws {
        try await Stacks.withSlot {
            try await ComposeStack.withRunning(at: Stacks.busybox, services: ["web"]) { stack in
                #expect(stack.services == ["web"])
                let echoed = try await stack.exec(
                    service: "web", ["sh", "-c", "cat; echo err >&2; exit 4"], input: "in\n")
                #expect(echoed == ExecResult(exitCode: 4, stdout: "in\n", stderr: "err\n"))
                let environment = try await stack.exec(
                    service: "web", ["sh", "-c", "echo $GREETING $(pwd) $(id -u)"], user: "65534",
                    workingDirectory: "/www", environment: ["GREETING": "hi"])
                #expect(environment.stdout == "hi /www 65534\n", "\(environment.stderr)")
                await #expect(throws: StackSetupError.self) { try await stack.exec(service: "worker", ["true"]) }
            }
        }
    }

    @Test func logsWaitsStopAndStart() async throws {
        try await Stacks.withSlot {
            try await ComposeStack.withRunning(at: Stacks.busybox, wait: .started) { stack in
                try await stack.wait(for: .log("worker ready", service: "worker"), timeout: .seconds(30))
                try await stack.wait(for: .log(/worker (ready|late)/, service: "worker"), timeout: .seconds(5))
                #expect(try await stack.logs(service: "worker") == ["worker starting", "worker ready"])
                try await stack.wait(for: .healthy(service: "web"), timeout: .seconds(30))
                try await stack.wait(for: .http(port: 8080, path: "/nothing", service: "web", status: 404))

                try await stack.stop(service: "worker")
                try await stack.wait(for: .exited(service: "worker", code: 0), timeout: .seconds(5))
                #expect(try await stack.logs(service: "worker").last == "worker stopping")
                try await stack.start(service: "worker")
                try await stack.wait(for: .started(service: "worker"), timeout: .seconds(5))
                try await stack.wait(for: .log("worker ready", service: "worker"), timeout: .seconds(30))
                #expect(try await stack.logs(service: "worker").filter { $0 == "worker starting" }.count == 2)
            }
        }
    }

    @Test func aTimedOutWaitNamesTheServiceAndShowsItsLastLines() async throws {
        try await Stacks.withSlot {
            try await ComposeStack.withRunning(at: Stacks.busybox, services: ["worker"], wait: .none) { stack in
                let began = ContinuousClock.now
                let failure = await #expect(throws: WaitFailure.self) {
                    try await stack.wait(for: .log("never printed", service: "worker"), timeout: .seconds(4))
                }
                #expect(ContinuousClock.now - began >= .seconds(4))
                #expect(failure?.timedOut == true)
                #expect(failure?.service == "worker")
                let text = failure?.description ?? ""
                #expect(
                    text.hasPrefix(
                        "waiting for service \"worker\" to print a line containing \"never printed\": "
                            + "timed out after 4 seconds"), "\(text)")
                #expect(
                    text.contains("last output of \(stack.name)-worker-1:\n  worker starting\n  worker ready"),
                    "\(text)")
            }
        }
    }

    @Test func waitsFailAtOnceWhenTheContainerCanNoLongerGetThere() async throws {
        try await Stacks.withSlot {
            try await ComposeStack.withRunning(
                at: Stacks.busybox, services: ["web", "failing"], profiles: ["jobs"], wait: .none
            ) { stack in
                let began = ContinuousClock.now
                let printed = await #expect(throws: WaitFailure.self) {
                    try await stack.wait(for: .log("never printed", service: "failing"), timeout: .seconds(60))
                }
                #expect(printed?.timedOut == false)
                #expect(printed?.reason.contains("the service stopped without printing such a line") == true)
                // stdout and stderr come through two pipes: in either order.
                let lastLines = printed?.logs.first?.lines ?? []
                #expect(lastLines.sorted() == ["boom", "failing job starting"], "\(printed!)")
                #expect(printed?.description.contains("last output of \(stack.name)-failing-1:\n  ") == true)
                let exited = await #expect(throws: WaitFailure.self) {
                    try await stack.wait(for: .exited(service: "failing", code: 0))
                }
                #expect(exited?.reason == "container \(stack.name)-failing-1 exited with code 3, not 0")
                try await stack.wait(for: .exited(service: "failing", code: 3))
                try await stack.wait(for: .exited(service: "failing", code: nil))
                let healthy = await #expect(throws: WaitFailure.self) {
                    try await stack.wait(for: .healthy(service: "failing"))
                }
                #expect(healthy?.reason == "container \(stack.name)-failing-1 exited with code 3")
                #expect(ContinuousClock.now - began < .seconds(20))
            }
        }
    }

    @Test func aBodyThatThrowsGetsEveryServicesLogsAndTheStackIsRemoved() async throws {
        var name = ""
        try await Stacks.withSlot {
            let failure = await #expect(throws: StackFailure.self) {
                try await ComposeStack.withRunning(at: Stacks.busybox) { stack in
                    name = stack.name
                    try await stack.wait(for: .log("worker ready", service: "worker"), timeout: .seconds(30))
                    throw Deliberate()
                }
            }
            #expect(failure?.error is Deliberate)
            #expect(failure?.stack == name)
            #expect(failure?.logs.map(\.container) == ["\(name)-web-1", "\(name)-worker-1"])
            let text = failure?.description ?? ""
            #expect(
                text.hasPrefix("deliberate failure\n\nstack \(name): the last lines of its containers\n"), "\(text)")
            #expect(text.contains("last output of \(name)-worker-1:\n  worker starting\n  worker ready"), "\(text)")
            #expect(text.contains("last output of \(name)-web-1:\n  web starting"), "\(text)")
        }
        #expect(try await Stacks.leftovers(of: name) == [])
    }

    @Test func aStackThatFailsToStartIsRemovedAndCarriesTheLogs() async throws {
        try await Stacks.withSlot {
            let failure = await #expect(throws: StackFailure.self) {
                try await ComposeStack.withRunning(at: Stacks.busybox, services: ["failing"], profiles: ["jobs"]) { _ in
                    Issue.record("the body ran")
                }
            }
            let name = try #require(failure?.stack)
            #expect("\(failure!.error)" == "container \(name)-failing-1 exited (3)")
            #expect(failure?.logs.first?.lines.sorted() == ["boom", "failing job starting"])
            #expect(failure?.description.contains("last output of \(name)-failing-1:\n  ") == true)
            #expect(try await Stacks.leftovers(of: name) == [])
        }
    }

    @Test func aCancelledBodyStillRemovesTheStack() async throws {
        try await Stacks.withSlot {
            let (names, started) = AsyncStream.makeStream(of: String.self)
            let task = Task {
                try await ComposeStack.withRunning(at: Stacks.busybox, services: ["worker"], wait: .none) { stack in
                    started.yield(stack.name)
                    try await Task.sleep(for: .seconds(600))
                }
            }
            var iterator = names.makeAsyncIterator()
            let name = try #require(await iterator.next())
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(try await Stacks.leftovers(of: name) == [])
        }
    }

    @Test func endpointsAndExecReachEachReplicaByIndex() async throws {
        try await Stacks.withSlot {
            try await ComposeStack.withRunning(at: Stacks.scaled, services: ["web"]) { stack in
                var served: [String] = []
                for index in [1, 2] {
                    let (host, port) = try await stack.endpoint(service: "web", port: 8080, index: index)
                    let page = try await TestSupport.run(
                        URL(fileURLWithPath: "/usr/bin/env"),
                        [
                            "curl", "-sS", "--retry", "5", "--retry-connrefused",
                            "http://\(host):\(port)/",
                        ],
                        in: TestSupport.repositoryRoot, environment: TestSupport.baseEnvironment)
                    served.append(page.stdout)
                    #expect(try await stack.exec(service: "web", ["hostname"], index: index).stdout == page.stdout)
                }
                #expect(Set(served).count == 2, "\(served)")
                await #expect(throws: StackSetupError.self) {
                    try await stack.endpoint(service: "web", port: 8080, index: 3)
                }
                let unpublished = await #expect(throws: StackSetupError.self) {
                    try await stack.endpoint(service: "web", port: 9999)
                }
                #expect(
                    unpublished?.description.hasPrefix(
                        "port 9999/tcp of service \"web\" is not published (it publishes 8080/tcp)") == true)
            }
        }
    }

    @Test func aPortCountsOnceTheServiceListensBehindTheEnginesProxy() async throws {
        try await Stacks.withSlot {
            try await ComposeStack.withRunning(at: Stacks.scaled, services: ["late"], wait: .none) { stack in
                let began = ContinuousClock.now
                try await stack.wait(for: .port(8080, service: "late"), timeout: .seconds(30))
                // The server listens two seconds after the container starts; the proxy accepted connections before.
                #expect(ContinuousClock.now - began >= .seconds(1))
                try await stack.wait(for: .http(port: 8080, service: "late"), timeout: .seconds(5))
            }
        }
    }
}
