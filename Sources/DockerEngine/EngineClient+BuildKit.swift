import Foundation

extension EngineClient {
    /// Builds with the BuildKit inside the engine, as Docker Compose does without buildx: a session
    /// (`POST /session`, HTTP/2) serves what the build asks for from `providers`, and BuildKit's control API
    /// (`POST /grpc`, HTTP/2) runs `build` and streams its progress to `onProgress`. Returns the exporter's
    /// response (`containerimage.digest`…).
    ///
    /// `sharedKey` names the session's files across builds: BuildKit keeps what an earlier build with the same key
    /// received and asks only for what changed. An engine without BuildKit (Podman's API) answers 404, thrown as
    /// an ``EngineError`` with code `notFound`. A failed build throws ``EngineError`` with BuildKit's message;
    /// cancelling the task cancels the build on the engine.
    public func build(
        _ build: BuildKitBuild, providers: BuildSessionProviders, sharedKey: String,
        onProgress: @escaping @Sendable (BuildKitProgress) -> Void
    ) async throws -> [String: String] {
        // A session takes over connections that carry changes: never in a dry run.
        if isDryRun { throw EngineError(.notInDryRun, message: "a BuildKit build cannot run in dry-run mode") }
        let ref = Self.randomBuildKitID()
        let server = GRPCServer(handlers: SessionServices.handlers(for: providers))
        // A session whose connection broke before the engine agreed is asked for again, under a new ID (the
        // engine may still hold the first).
        let (session, sessionID) = try await upgradingOnceMore {
            let sessionID = Self.randomBuildKitID()
            var headers = [
                ("X-Docker-Expose-Session-Uuid", sessionID), ("X-Docker-Expose-Session-Name", "pier"),
                ("X-Docker-Expose-Session-Sharedkey", sharedKey),
            ]
            for method in server.handlers.keys.sorted() {
                headers.append(("X-Docker-Expose-Session-Grpc-Method", method))
            }
            let session = try await transport.upgradeToHTTP2(
                EngineRequest(.post, "/session", headers: headers, isVersioned: false), versionPrefix: "",
                mode: .server)
            return (session, sessionID)
        }
        let control: HTTP2Connection
        do {
            control = try await upgradingOnceMore {
                try await transport.upgradeToHTTP2(
                    EngineRequest(.post, "/grpc", isVersioned: false), versionPrefix: "", mode: .client)
            }
        } catch {
            session.close()
            throw error
        }
        let client = GRPCClient(connection: control)
        // Child tasks return whether the build waits for them: the session and the status stream end with the
        // build; a timer bounds how long a status stream may lag behind the build's answer.
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            defer {
                session.close()
                control.close()
            }
            group.addTask {
                // The engine closes the session when the build is over; its end is no failure of the build.
                try? await server.serve(session)
                return true
            }
            group.addTask {
                var request = BuildKitStatusRequest()
                request.ref = ref
                try? await client.call("/moby.buildkit.v1.Control/Status", request) {
                    (update: BuildKitStatusResponse) in onProgress(BuildKitProgress(update))
                }
                return true
            }
            let result: Result<BuildKitSolveResponse, any Error>
            do {
                result = .success(
                    try await client.call(
                        "/moby.buildkit.v1.Control/Solve", build.request(ref: ref, session: sessionID),
                        returning: BuildKitSolveResponse.self))
            } catch {
                result = .failure(error)
            }
            if Task.isCancelled { throw CancellationError() }
            // The last updates (a failing step's output) may still be on their way.
            session.close()
            group.addTask {
                try? await Task.sleep(for: .seconds(2))
                return false
            }
            var waiting = 2
            while waiting > 0, let awaited = try await group.next(), awaited { waiting -= 1 }
            group.cancelAll()
            switch result {
            case .success(let response):
                return response.exporterResponse
            case .failure(let status as GRPCStatus):
                throw EngineError(
                    status.code == .unimplemented ? .notFound : .server, message: status.message, underlying: status)
            case .failure(let error):
                throw error
            }
        }
    }

    /// Runs `upgrade`; when its connection broke before the engine agreed to HTTP/2 (nothing started on it),
    /// runs it once more.
    private func upgradingOnceMore<Result>(_ upgrade: () async throws -> Result) async throws -> Result {
        do {
            return try await upgrade()
        } catch let error as EngineError where error.code == .connectionLost && !Task.isCancelled {
            return try await upgrade()
        }
    }

    /// An identifier in BuildKit's form: 25 characters of lowercase base 36.
    static func randomBuildKitID() -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return String((0..<25).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
}
