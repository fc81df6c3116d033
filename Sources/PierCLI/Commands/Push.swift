import ArgumentParser
import Foundation
import Orchestration

struct Push: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "push", abstract: "Push service images")

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(
        name: .customLong("ignore-push-failures"), help: "Push what it can and ignores images with push failures.")
    var ignorePushFailures = false
    @Flag(name: .customLong("include-deps"), help: "Also push images of services declared as dependencies.")
    var includeDeps = false
    @Flag(name: [.short, .long], help: "Push without printing progress information.") var quiet = false
    @Argument(help: "Services whose images to push.") var services: [String] = []

    func run() async throws {
        var options = PushOptions()
        options.services = services
        options.includeDependencies = includeDeps
        options.ignoreFailures = ignorePushFailures
        options.quiet = quiet
        var global = self.global
        if quiet { global.progress = "quiet" }
        let session = try await EngineSession.open(global, services: services, title: "Pushing")
        let ignored = try await session.run(locking: false) { try await $0.push(options) }
        for failure in ignored { Output.writeError(failure + "\n") }
    }
}
