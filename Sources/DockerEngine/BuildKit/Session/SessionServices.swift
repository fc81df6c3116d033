import Foundation
import NIOCore
import NIOPosix

/// The small services of a build session: gRPC health checks (BuildKit drops a session that stops answering
/// them), registry credentials, secrets and SSH agent forwarding.
enum SessionServices {
    static let healthCheck = "/grpc.health.v1.Health/Check"
    static let credentials = "/moby.filesync.v1.Auth/Credentials"
    static let secret = "/moby.buildkit.secrets.v1.Secrets/GetSecret"
    static let checkAgent = "/moby.sshforward.v1.SSH/CheckAgent"
    static let forwardAgent = "/moby.sshforward.v1.SSH/ForwardAgent"

    /// The handlers serving `providers`: file sync when there are directories, secrets and SSH when the build
    /// has some (BuildKit reports a clear error for what the session does not offer).
    static func handlers(for providers: BuildSessionProviders) -> [String: GRPCServer.Handler] {
        var handlers: [String: GRPCServer.Handler] = [
            healthCheck: { call in
                var call = call
                _ = try await call.receive(SessionHealthCheckRequest.self)
                var response = SessionHealthCheckResponse()
                response.status = .serving
                try await call.send(response)
            },
            credentials: { call in
                var call = call
                let host = try await call.receive(SessionCredentialsRequest.self)?.host ?? ""
                var response = SessionCredentialsResponse()
                if let credential = await providers.credentials?(host) {
                    response.username = credential.username
                    response.secret = credential.secret
                }
                try await call.send(response)
            },
        ]
        if !providers.directories.isEmpty {
            let service = FileSyncService(directories: providers.directories)
            handlers[FileSyncService.method] = { try await service.diffCopy($0) }
        }
        if !providers.secrets.isEmpty {
            handlers[secret] = { call in
                var call = call
                let id = try await call.receive(SessionGetSecretRequest.self)?.id ?? ""
                var response = SessionGetSecretResponse()
                response.data = Data(try value(of: id, in: providers.secrets))
                try await call.send(response)
            }
        }
        if !providers.sshAgents.isEmpty {
            handlers[checkAgent] = { call in
                var call = call
                let id = try await call.receive(SessionCheckAgentRequest.self)?.id ?? ""
                _ = try agentSocket(id, in: providers.sshAgents)
                try await call.send(SessionCheckAgentResponse())
            }
            handlers[forwardAgent] = { call in
                let id = call.metadata("buildkit.ssh.id").first ?? ""
                try await SSHAgentForwarding.forward(call, to: try agentSocket(id, in: providers.sshAgents))
            }
        }
        return handlers
    }

    static func value(of id: String, in secrets: [String: BuildSecret]) throws -> [UInt8] {
        switch secrets[id] {
        case nil:
            throw GRPCStatus(.notFound, "secret \(id) not found")
        case .value(let bytes):
            return bytes
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw GRPCStatus(.notFound, "secret \(id): cannot read \(path)")
            }
            return [UInt8](data)
        }
    }

    /// The agent forwarded as `id`; BuildKit names the default one `default` or leaves the id empty.
    static func agentSocket(_ id: String, in agents: [String: String]) throws -> String {
        let id = id.isEmpty ? "default" : id
        guard let socket = agents[id] else { throw GRPCStatus(.notFound, "no SSH agent with id \(id) in this build") }
        return socket
    }
}
