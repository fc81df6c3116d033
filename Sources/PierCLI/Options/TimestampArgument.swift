import Foundation
import Orchestration

/// `--since` and `--until` as the docker client reads them before asking the engine: a Go duration back from
/// now (`10m`, `1h30m`), an RFC 3339 date or time (local when it names no zone), or a Unix timestamp.
enum TimestampArgument {
    /// The engine's form of `value`: `seconds` or `seconds.nanoseconds`.
    static func engineValue(_ value: String, now: Date = Date()) throws(CommandFailure) -> String {
        if value != "0", let duration = goDuration(value) {
            return String(Int64((now.timeIntervalSince1970 - duration).rounded(.down)))
        }
        if let date = date(value) {
            let nanos = Int64((date.timeIntervalSince1970 * 1_000_000_000).rounded())
            return ContainerLogStreaming.unixTimestamp(nanoseconds: nanos)
        }
        if value.contains("-") {
            throw CommandFailure("parsing time \"\(value)\": cannot parse as a date or time")
        }
        guard isUnixTimestamp(value) else {
            throw CommandFailure("failed to parse value as time or duration: \"\(value)\"")
        }
        return value
    }

    /// Go's `time.ParseDuration` in seconds: signed decimal numbers with units `ns`, `us`, `µs`, `ms`, `s`,
    /// `m`, `h` (`1h30m`, `1.5s`, `-2m`).
    static func goDuration(_ text: String) -> Double? {
        var rest = Substring(text)
        var sign = 1.0
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        let units: [(String, Double)] = [
            ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
        ]
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", let amount = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            total += amount * unit.1
            rest = rest.dropFirst(unit.0.count)
        }
        return sign * total
    }

    /// An RFC 3339 date or time: `2024-01-02`, `2024-01-02T15:04`, `2024-01-02T15:04:05.5Z`, `…+01:00`.
    private static func date(_ value: String) -> Date? {
        // With a zone (`Z`, `+…` or a third dash for a negative offset) the text says it; otherwise local time.
        let hasZone = value.contains(where: { "zZ+".contains($0) }) || value.filter { $0 == "-" }.count == 3
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(\.\d+)?)?)?)?(Z|z|[+-]\d{2}:\d{2})?$"#
        let expression = try? NSRegularExpression(pattern: pattern)
        guard let result = expression?.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) else {
            return nil
        }
        func group(_ index: Int) -> String? {
            Range(result.range(at: index), in: value).map { String(value[$0]) }
        }
        var components = DateComponents()
        components.year = Int(group(1) ?? "")
        components.month = Int(group(2) ?? "")
        components.day = Int(group(3) ?? "")
        components.hour = Int(group(4) ?? "0")
        components.minute = Int(group(5) ?? "0")
        components.second = Int(group(6) ?? "0")
        var zone = TimeZone.current
        if hasZone, let offset = group(8) {
            if offset.lowercased() == "z" {
                zone = TimeZone(secondsFromGMT: 0) ?? zone
            } else {
                let sign = offset.hasPrefix("-") ? -1 : 1
                let hours = Int(offset.dropFirst().prefix(2)) ?? 0
                let minutes = Int(offset.suffix(2)) ?? 0
                zone = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60)) ?? zone
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let date = calendar.date(from: components) else { return nil }
        let fraction = group(7).flatMap { Double("0" + $0) } ?? 0
        return date.addingTimeInterval(fraction)
    }

    /// `seconds` or `seconds.fraction`.
    private static func isUnixTimestamp(_ value: String) -> Bool {
        let parts = value.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let seconds = parts.first, Int64(seconds) != nil else { return false }
        return parts.count == 1 || Int64(parts[1]) != nil
    }
}
