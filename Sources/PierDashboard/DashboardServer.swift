import DockerEngine
import Hummingbird
import Logging
import NIOCore

/// `pier dashboard`: a web application, served by Pier itself, that shows every Compose project on an engine live
/// and acts on them. The page and its assets are in the binary (nothing is fetched from elsewhere); its data comes
/// from the engine as it changes.
public struct DashboardServer: Sendable {
    public let configuration: DashboardConfiguration
    public let client: EngineClient
    let known = KnownProjects()

    public init(configuration: DashboardConfiguration, client: EngineClient) {
        self.configuration = configuration
        self.client = client
    }

    /// Serves until cancelled. `onListening` gets the URL to open (with the token, if any) once the address is
    /// bound; a failure to bind is thrown.
    public func run(onListening: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "pier.dashboard")
        logger.logLevel = .critical
        let application = Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { [configuration] channel in
                onListening(configuration.url(port: channel.localAddress?.port ?? configuration.port))
            },
            logger: logger)
        do {
            try await application.run()
        } catch is CancellationError {
        } catch {
            throw DashboardError("cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
    }

    var reader: EngineReader {
        EngineReader(client: client, known: known, environment: configuration.environment)
    }

    var actions: ProjectActions {
        ProjectActions(reader: reader)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: AccessMiddleware(configuration: configuration))
        addPages(to: router)
        addFeeds(to: router)
        addProjectRoutes(to: router)
        return router
    }
}
