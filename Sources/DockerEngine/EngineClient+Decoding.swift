import Foundation

extension EngineClient {
    /// Sends `request` and decodes its JSON body as `T`.
    func decode<T: Decodable>(_ type: T.Type, from request: EngineRequest) async throws -> T {
        let response = try await send(request)
        return try Self.decode(T.self, from: response.body)
    }

    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            let text = String(decoding: body.prefix(200), as: UTF8.self)
            throw EngineError.protocolError(
                "cannot decode the engine's answer as \(T.self): \(text)", underlying: error)
        }
    }

    /// The path segment for an id or name, percent-encoded where a path cannot hold a character; `/` and `:`
    /// stay, as image references need them literally (`/images/pier-test/busybox:latest/json`).
    static func segment(_ idOrName: String) -> String {
        EngineRequest.percentEncode(idOrName, keeping: "/:@")
    }
}
