import ArgumentParser
import ComposeSpec
import Orchestration

struct Port: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "port", abstract: "Print the public port for a port binding")
    var global: GlobalOptions { GlobalOptions.current }

    @Option(help: "tcp or udp") var `protocol` = "tcp"
    @Option(help: "Index of the container if service has multiple replicas") var index = 0
    @Argument(help: "The service.") var service: String
    @Argument(help: "The container's port.") var privatePort: String

    func run() async throws {
        guard let port = UInt16(privatePort) else {
            let digits = !privatePort.isEmpty && privatePort.allSatisfy { $0.isASCII && $0.isNumber }
            let reason = digits ? "value out of range" : "invalid syntax"
            throw CommandFailure("strconv.ParseUint: parsing \(GoQuote.quoted(privatePort)): \(reason)")
        }
        let query = ProjectContainerQuery(client: try ReadCommand.engine(), project: try ProjectTarget.name(global))
        let container = try await query.container(service: service, index: index, oneOff: .include)
        let binding = try PortLookup.find(Int(port), type: `protocol`, in: container)
        Output.write("\(binding.ip):\(binding.port)\n")
    }
}
