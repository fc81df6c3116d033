import ArgumentParser
import Foundation
import PierDashboard

struct Dashboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Show every Compose project on the engine, live, in a browser.",
        discussion: """
            Serves a web page from Pier itself: the projects (found by their labels, whoever started them), their \
            services' state, health, ports, uptime, restarts, CPU and memory, live logs, the dependency graph, and \
            up, down, restart, stop and start. It listens on loopback unless told otherwise; on any other address \
            every request needs the token. See docs/dashboard.md.
            """)
    var global: GlobalOptions { GlobalOptions.current }

    @Option(help: "The address to listen on: HOST:PORT (port 0 lets the system choose).")
    var listen = "127.0.0.1:8765"
    @Flag(help: "Open the dashboard in the default browser (xdg-open).") var open = false
    @Option(
        help: """
            Require this token on every request (letters, digits, . _ ~ -). Required beyond loopback: one is \
            generated and printed when none is given.
            """)
    var token: String?

    func run() async throws {
        let configuration: DashboardConfiguration
        do {
            configuration = try DashboardConfiguration(
                listen: listen, token: token, environment: EngineSelection.environment(global))
        } catch {
            throw ValidationError(error.description)
        }
        let server = DashboardServer(configuration: configuration, client: try ReadCommand.engine())
        let open = open
        let generated = configuration.token != nil && token == nil
        try await Signals.interrupts.cancelling(
            {
                try await server.run { url in
                    Output.write("Pier dashboard: \(url)\n")
                    if generated {
                        Output.write("Every request needs the token (generated: the address is not loopback).\n")
                    }
                    if open {
                        Task {
                            if !(await Browser.open(url)) {
                                Output.warn("cannot open a browser (xdg-open failed): open \(url) yourself")
                            }
                        }
                    }
                }
            }, returning: ())
    }
}
