import ComposeAnalysis
import DockerEngine
import Foundation
import HTTPTypes
import Hummingbird
import Orchestration

/// The page's data: live feeds (server-sent events), the graph, a container's environment, and the actions.
extension DashboardServer {
    func addFeeds(to router: Router<BasicRequestContext>) {
        router.get("/api/events") { [reader] request, _ in
            let selected = request.uri.queryParameters["project"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            return EventStreamResponse.make(request: request) { sink in
                await ProjectFeed(reader: reader, selected: selected).run(sink)
            }
        }
        router.get("/api/projects/:name/logs") { [client] request, context in
            let name = try context.parameters.require("name")
            let service = request.uri.queryParameters["service"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let tail = request.uri.queryParameters["tail"].flatMap { Int($0) }.map { min(max($0, 0), 5000) } ?? 200
            return EventStreamResponse.make(request: request) { sink in
                await LogFeed(client: client, project: name, service: service, tail: tail).run(sink)
            }
        }
    }

    func addProjectRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/projects/:name/graph") { [reader] _, context in
            let name = try context.parameters.require("name")
            let project = try await reader.source(name).load(environment: reader.environment, profiles: .all)
            return Self.json(GraphFormat.json.render(ProjectGraph(project: project)))
        }
        router.get("/api/projects/:name/containers/:id/environment") { [reader] _, context in
            let (name, inspection) = try await Self.container(context, client: reader.client)
            var answer = EnvironmentAnswer(variables: SecretValues.variables(inspection.config.environment))
            let service = inspection.config.labels[ComposeLabels.service] ?? ""
            if let project = try? await reader.source(name).load(environment: reader.environment, profiles: .all) {
                answer.secrets = SecretValues.secrets(of: service, in: project)
            }
            return try Self.json(answer)
        }
        router.post("/api/projects/:name/containers/:id/reveal") { [reader] request, context in
            let (name, inspection) = try await Self.container(context, client: reader.client)
            let asked = try await request.decode(as: RevealRequest.self, context: context)
            if let variable = asked.variable {
                guard let value = SecretValues.reveal(variable, in: inspection.config.environment) else {
                    throw HTTPError(.notFound, message: "no variable \(variable)")
                }
                return try Self.json(["value": value])
            }
            guard let secret = asked.secret else {
                throw HTTPError(.badRequest, message: "name a variable or a secret to reveal")
            }
            let project = try await reader.source(name).load(environment: reader.environment, profiles: .all)
            let service = inspection.config.labels[ComposeLabels.service] ?? ""
            return try Self.json(["value": try SecretValues.revealSecret(secret, of: service, in: project)])
        }
        router.post("/api/projects/:name/actions") { [actions] request, context in
            let name = try context.parameters.require("name")
            let action = try await request.decode(as: ActionRequest.self, context: context)
            return EventStreamResponse.make(request: request) { sink in
                // The action goes on to its end if the page goes away, as a command goes on when its output is lost.
                let task = Task {
                    try await actions.run(project: name, action) { sink.send("progress", ProgressLine($0)) }
                }
                do {
                    try await task.value
                    sink.send("done", ["ok": "true"])
                } catch {
                    sink.send("done", ["error": String(describing: error)])
                }
            }
        }
    }

    /// The container the path names, which must be one of the project's.
    private static func container(_ context: BasicRequestContext, client: EngineClient) async throws
        -> (String, ContainerInspection)
    {
        let name = try context.parameters.require("name")
        let id = try context.parameters.require("id")
        guard let inspection = try? await client.inspectContainer(id),
            inspection.config.labels[ComposeLabels.project] == name
        else { throw HTTPError(.notFound, message: "project \(name) has no container \(id)") }
        return (name, inspection)
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func json(_ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

struct EnvironmentAnswer: Codable, Sendable {
    var variables: [SecretValues.Variable]
    var secrets: [SecretValues.Secret] = []
}

/// `{"variable": "POSTGRES_PASSWORD"}` or `{"secret": "db_password"}`.
struct RevealRequest: Codable, Sendable {
    var variable: String?
    var secret: String?
}
