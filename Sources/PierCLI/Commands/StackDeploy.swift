import ArgumentParser
import ComposeSpec
import DockerEngine
import Foundation
import ScaleOut

struct StackDeploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy", abstract: "Deploy a new stack or update an existing stack",
        discussion: """
            The project is loaded as every command loads it (-f, -p, --profile, --env-file); -c adds compose files as \
            docker stack deploy does. Keys Swarm cannot express are listed before anything is deployed, and are \
            errors unless --accept-losses.
            """)

    var global: GlobalOptions { GlobalOptions.current }

    @Option(name: [.short, .customLong("compose-file")], help: "Path to a Compose file (as -f).") var composeFiles:
        [String] = []
    @Flag(help: "Prune services that are no longer referenced") var prune = false
    @Flag(name: .customLong("with-registry-auth"), help: "Send registry authentication details to Swarm agents")
    var withRegistryAuth = false
    @Option(
        name: .customLong("resolve-image"),
        help: "Query the registry to resolve image digest and supported platforms (\"always\", \"changed\", \"never\")")
    var resolveImage = "always"
    @Option(name: [.short, .long], help: "Exit immediately instead of waiting for the stack services to converge")
    var detach = true
    @Flag(help: "Wait for every service to converge (its tasks running and healthy), showing progress.") var wait =
        false
    @Option(name: .customLong("wait-timeout"), help: "Seconds to wait for a dependency or for convergence.")
    var waitTimeout = 300
    @Flag(name: .customLong("accept-losses"), help: "Deploy without the keys Swarm cannot express.") var acceptLosses =
        false
    @Flag(name: [.short, .long], help: "Suppress progress output") var quiet = false
    @Argument(help: "Stack name (default: the project name).") var stack: String?

    func run() async throws {
        guard let resolve = StackDeployOptions.ResolveImage(rawValue: resolveImage) else {
            throw ValidationError("invalid option \(resolveImage) for flag --resolve-image")
        }
        var projectOptions = global.projectOptions()
        projectOptions.files += composeFiles
        if let stack { projectOptions.projectName = stack }
        let project = try ProjectTarget.loadProject(projectOptions)
        var options = StackDeployOptions()
        options.prune = prune
        options.withRegistryAuth = withRegistryAuth
        options.resolveImage = resolve
        options.wait = wait || !detach
        options.timeout = .seconds(waitTimeout)
        options.acceptLosses = acceptLosses
        let quiet = self.quiet
        let client = try EngineClient.fromEnvironment(ProcessInfo.processInfo.environment)
        let deployer = StackDeployer(client: client, stack: project.name, project: project) { event in
            StackPresentation.show(event, stack: project.name, quiet: quiet)
        }
        try await deployer.deploy(options)
    }
}
