import Foundation

/// The times the engine writes (`Created`, `Status.Timestamp`, `LastTagTime`): RFC 3339 with up to nanoseconds, as
/// Go formats them. One reader for all of them.
public enum EngineTime {
    /// The moment `text` names, to the microsecond; nil when it is no RFC 3339 time, or is Go's zero time
    /// (`0001-01-01T00:00:00Z`, which the engine writes for "never").
    public static func date(_ text: String) -> Date? {
        guard !text.hasPrefix("0001-") else { return nil }
        var whole = text
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            let digits = text[text.index(after: dot)...].prefix(while: \.isNumber)
            fraction = Double("0." + digits) ?? 0
            whole = String(text[..<dot]) + String(text[text.index(after: dot)...].dropFirst(digits.count))
        }
        return ISO8601DateFormatter().date(from: whole).map { $0.addingTimeInterval(fraction) }
    }
}
