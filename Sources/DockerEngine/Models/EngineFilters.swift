import Foundation

/// Filters for list and events endpoints, sent as the API's JSON (`{"label":["a=b"],"status":["running"]}`).
public struct EngineFilters: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public var values: [String: [String]]

    public init(_ values: [String: [String]] = [:]) {
        self.values = values
    }

    public init(dictionaryLiteral elements: (String, [String])...) {
        self.values = Dictionary(elements, uniquingKeysWith: +)
    }

    public var isEmpty: Bool { values.isEmpty }

    /// Adds `value` to the filter `name` (values of one name are alternatives; names are combined).
    public mutating func add(_ name: String, _ value: String) {
        values[name, default: []].append(value)
    }

    /// The JSON the engine expects in the `filters` query parameter, with sorted keys for stable requests.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(values)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
