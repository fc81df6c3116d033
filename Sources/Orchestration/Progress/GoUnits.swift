import Foundation

/// Sizes as Docker's tools print them (go-units `HumanSizeWithPrecision`): powers of 1000, `precision` significant
/// digits, trailing zeros dropped (`0B`, `1.98MB`, `12.35kB`).
public enum GoUnits {
    public static func humanSize(_ bytes: Double, precision: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        var size = bytes
        var index = 0
        while size >= 1000, index < units.count - 1 {
            size /= 1000
            index += 1
        }
        // C's %g and Go's %g agree: significant digits, trailing zeros dropped, exponent past the precision.
        return String(format: "%.\(precision)g", size) + units[index]
    }
}
