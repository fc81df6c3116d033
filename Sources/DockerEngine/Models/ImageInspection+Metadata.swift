import Foundation

extension ImageInspection {
    /// When the engine last tagged the image (`Metadata.LastTagTime`): a build or `docker tag` sets it, a pull
    /// does not (then it is nil, Go's zero time). Compose's time-based pull policies measure from it.
    public var lastTagTime: Date? {
        guard let text = raw["Metadata"]?["LastTagTime"]?.stringValue, !text.hasPrefix("0001-") else { return nil }
        // RFC 3339 with up to nanoseconds: the fraction is dropped, seconds are precise enough here.
        var main = text
        if let dot = text.firstIndex(of: ".") {
            let rest = text[text.index(after: dot)...].drop { $0.isNumber }
            main = String(text[..<dot]) + rest
        }
        return ISO8601DateFormatter().date(from: main)
    }
}
