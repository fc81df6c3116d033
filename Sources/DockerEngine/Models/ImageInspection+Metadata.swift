import Foundation

extension ImageInspection {
    /// When the engine last tagged the image (`Metadata.LastTagTime`): a build or `docker tag` sets it, a pull
    /// does not (then it is nil, Go's zero time). Compose's time-based pull policies measure from it.
    public var lastTagTime: Date? {
        raw["Metadata"]?["LastTagTime"]?.stringValue.flatMap(EngineTime.date)
    }
}
