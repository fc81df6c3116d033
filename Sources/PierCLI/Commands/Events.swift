import ArgumentParser
import Orchestration

struct Events: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Receive real time events from containers")
    var global: GlobalOptions { GlobalOptions.current }

    @Flag(help: "Output events as a stream of json objects") var json = false
    @Option(help: "Show all events created since timestamp") var since: String?
    @Option(help: "Stream events until this timestamp") var until: String?
    @Argument(help: "Services whose events to show.") var serviceNames: [String] = []

    func run() async throws {
        let target = try ProjectTarget.load(global, services: serviceNames)
        try target.requireServices(serviceNames)
        let sinceValue = try Self.timestamp(since)
        let untilValue = try Self.timestamp(until)
        let client = try ReadCommand.engine()
        // The stream ends only with `--until`; Compose then fails with `EOF`, Pier ends with status 0.
        try await ReadCommand.explaining(client) {
            let events = try await ProjectEvents.stream(
                client: client, project: target.name, since: sinceValue, until: untilValue)
            for try await engineEvent in events {
                guard let event = ComposeEvent(engineEvent, services: serviceNames) else { continue }
                Output.write(json ? Self.jsonLine(event) : Self.textLine(event))
            }
        }
    }

    /// `2024-01-01 12:00:00.000000 container start <id> (image=…, name=…)`, followed by an empty line as
    /// Compose prints it (its event text ends with a newline, then `Println` adds one). Attributes are sorted;
    /// Compose prints them in Go's random map order.
    static func textLine(_ event: ComposeEvent) -> String {
        let attributes = event.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let time = GoText.eventTime(nanoseconds: event.timeNano)
        return "\(time) container \(event.action) \(event.containerID) (\(attributes.joined(separator: ", ")))\n\n"
    }

    /// `{"action":…,"attributes":{…},"id":…,"service":…,"time":…,"type":"container"}`: Go's JSON of a map.
    static func jsonLine(_ event: ComposeEvent) -> String {
        GoJSON.map([
            "action": .string(event.action), "attributes": .map(event.attributes),
            "id": .string(event.containerID), "service": .string(event.service),
            "time": .string(GoText.rfc3339Nano(nanoseconds: event.timeNano)), "type": .string("container"),
        ]).encoded() + "\n"
    }

    private static func timestamp(_ value: String?) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        return try TimestampArgument.engineValue(value)
    }
}
