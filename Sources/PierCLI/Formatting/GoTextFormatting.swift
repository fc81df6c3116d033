import Foundation
import Orchestration

/// The small text conventions of the docker CLI and Docker Compose (Go's go-units, strconv and time layouts),
/// so that Pier's tables read byte for byte like the reference's.
enum GoText {
    /// go-units `HumanDuration`: `Less than a second`, `3 seconds`, `About a minute`, `2 hours`, `3 days`…
    static func humanDuration(seconds interval: Double) -> String {
        let seconds = Int(interval)
        if seconds < 1 { return "Less than a second" }
        if seconds == 1 { return "1 second" }
        if seconds < 60 { return "\(seconds) seconds" }
        let minutes = Int(interval / 60)
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = Int(interval / 3600 + 0.5)
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(Int(interval / 3600) / 24 / 365) years"
    }

    /// `HumanDuration(now - date) + " ago"`, as `CREATED` columns show it. Go caps a duration at about 292
    /// years, which is what a zero time (an image never tagged) shows.
    static func ago(since seconds: Double, now: Date = Date()) -> String {
        humanDuration(seconds: min(now.timeIntervalSince1970 - seconds, 9_223_372_036.854775807)) + " ago"
    }

    /// go-units `HumanSizeWithPrecision(size, 3)`: decimal units, three significant digits (`1.98MB`, `0B`).
    static func humanSize(_ bytes: Int64) -> String {
        GoUnits.humanSize(Double(bytes), precision: 3)
    }

    /// go-units' `BytesSize`: powers of 1024 (`316KiB`, `23.59GiB`), four significant digits.
    static func binarySize(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
        var size = bytes
        var index = 0
        while size >= 1024, index < units.count - 1 {
            size /= 1024
            index += 1
        }
        return String(format: "%.4g", size) + units[index]
    }

    /// go-units' `HumanSizeWithPrecision(size, 3)` for sizes that are not whole bytes.
    static func humanSize(_ bytes: Double) -> String {
        humanSize(Int64(bytes.rounded(.down)))
    }

    /// The docker CLI's `Ellipsis`: at most `width` characters, the last one `…` when cut.
    static func ellipsis(_ text: String, width: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > width else { return text }
        guard width > 1 else { return width == 1 ? String(scalars[0]) : "" }
        var result = String.UnicodeScalarView(scalars[..<(width - 1)])
        result.append("…")
        return String(result)
    }

    /// `stringid.TruncateID`: the ID without its algorithm, cut to 12 characters.
    static func shortID(_ id: String) -> String {
        let hex = id.firstIndex(of: ":").map { String(id[id.index(after: $0)...]) } ?? id
        return String(hex.prefix(12))
    }

    /// Go's `time.Time.String()` of a Unix time in the local zone: `2024-01-01 12:00:00 +0000 UTC`.
    static func timeString(unixSeconds: Int64, zone: TimeZone = .current) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(unixSeconds))
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let numeric = sign + String(format: "%02d%02d", abs(offset) / 3600, abs(offset) % 3600 / 60)
        return layout(date, zone: zone, "yyyy-MM-dd HH:mm:ss") + " \(numeric) \(zoneAbbreviation(zone, at: date))"
    }

    /// `2006-01-02 15:04:05.000000` in the local zone, as Compose's event lines start (cut, not rounded).
    static func eventTime(nanoseconds: Int64, zone: TimeZone = .current) -> String {
        let seconds = nanoseconds.floorDivided(by: 1_000_000_000)
        let micros = (nanoseconds - seconds * 1_000_000_000) / 1000
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        return layout(date, zone: zone, "yyyy-MM-dd HH:mm:ss") + String(format: ".%06d", micros)
    }

    /// Go's JSON form of a time (RFC 3339 with nanoseconds, trailing zeros dropped) in the local zone.
    static func rfc3339Nano(nanoseconds: Int64, zone: TimeZone = .current) -> String {
        let seconds = nanoseconds.floorDivided(by: 1_000_000_000)
        let nanos = nanoseconds - seconds * 1_000_000_000
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        var fraction = nanos == 0 ? "" : String(format: ".%09lld", nanos)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let offset = zone.secondsFromGMT(for: date)
        let suffix =
            offset == 0
            ? "Z" : (offset < 0 ? "-" : "+") + String(format: "%02d:%02d", abs(offset) / 3600, abs(offset) % 3600 / 60)
        return layout(date, zone: zone, "yyyy-MM-dd'T'HH:mm:ss") + fraction + suffix
    }

    /// Go names the UTC zone `UTC` where Foundation says `GMT`.
    private static func zoneAbbreviation(_ zone: TimeZone, at date: Date) -> String {
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(zone.identifier) { return "UTC" }
        return zone.abbreviation(for: date) ?? "UTC"
    }

    private static func layout(_ date: Date, zone: TimeZone, _ format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter.string(from: date)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, for times before 1970.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }
}
