extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when it is absent or `null` (the engine sends `null` for empty lists
    /// and maps, and leaves out fields older engines do not have).
    func value<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}
