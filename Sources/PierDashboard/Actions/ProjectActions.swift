import ComposeSpec
import DockerEngine
import Orchestration

/// What the page can do to a project or one of its services.
enum ProjectAction: String, Codable, Sendable, CaseIterable {
    case up, down, restart, stop, start
}

/// `POST /api/projects/NAME/actions`: `{"action": "restart", "service": "web"}` (no service: the whole project).
struct ActionRequest: Codable, Sendable {
    var action: ProjectAction
    var service: String?
}

/// A progress line of an action, as `pier up` prints it (`Container demo-web-1  Started`).
struct ProgressLine: Codable, Sendable {
    var resource: String
    var text: String
    /// `working`, `done`, `warning` or `error`.
    var status: String
    var detail: String?

    init(_ event: ProgressEvent) {
        resource = event.resource
        text = event.text
        status = "\(event.status)"
        detail = event.detail
    }
}

/// Runs the page's actions through the same code as the command line: the project is loaded from the compose
/// files its containers' labels name (so projects Docker Compose started work too, when those files can be read
/// here), and `ProjectRuntime` does what `pier up -d`, `down`, `restart`, `stop` and `start` do.
struct ProjectActions: Sendable {
    let reader: EngineReader

    func run(project name: String, _ request: ActionRequest, progress: @escaping ProgressHandler) async throws {
        let source = try await reader.source(name)
        let client = reader.client
        let environment = reader.environment
        let services = request.service.map { [$0] } ?? []
        let loaded: LoadedProject
        if request.action == .up {
            // The labels do not record the profiles the project was started with: keep what runs running.
            let running = try await ProjectContainerQuery(client: client, project: name).containers(all: true)
            loaded = try source.load(
                environment: environment, profiles: .enabling(running.map(\.serviceName) + services))
        } else {
            loaded = try source.load(environment: environment, profiles: .all)
        }
        let runtime = try await ProjectRuntime(client: client, project: loaded, progress: progress)
        switch request.action {
        case .up:
            var options = UpOptions()
            options.services = services
            try await runtime.up(options)
        case .down:
            var options = DownOptions()
            options.services = services
            try await runtime.down(options)
        case .restart: try await runtime.restart(services, timeout: nil)
        case .stop: try await runtime.stop(services, timeout: nil)
        case .start: try await runtime.start(services)
        }
    }
}
