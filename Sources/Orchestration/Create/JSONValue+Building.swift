import DockerEngine

/// Shorthands for the engine's common JSON shapes, so request builders read like the bodies they produce.
extension JSONValue {
    static func strings(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }

    static func stringMap(_ entries: [String: String]) -> JSONValue { .object(entries.mapValues { .string($0) }) }

    static func int(_ number: Int64) -> JSONValue { .integer(number) }

    static func int(_ number: Int) -> JSONValue { .integer(Int64(number)) }

    /// The empty object, as the engine wants for set members (`"80/tcp": {}`).
    static let emptyObject = JSONValue.object([:])
}
