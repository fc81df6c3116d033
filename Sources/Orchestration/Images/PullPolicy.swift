import Foundation

/// A service's `pull_policy`, as Compose reads it.
public enum PullPolicy: Sendable, Hashable {
    /// Pull every time.
    case always
    /// Never pull: the image must be there.
    case never
    /// Pull when the image is not there (`missing`, `if_not_present`, and `refresh`, which Compose 2.40 treats
    /// alike when it creates containers).
    case missing
    /// Build, even when the image is there.
    case build
    /// Pull when the image is not there or was last tagged longer ago than the interval (`daily`, `weekly`,
    /// `every_<duration>`).
    case refresh(every: Duration)

    /// `nil` for a value the schema refuses (the loader reports those first).
    public init?(_ text: String) {
        switch text {
        case "always": self = .always
        case "never": self = .never
        case "missing", "if_not_present", "refresh": self = .missing
        case "build": self = .build
        case "daily": self = .refresh(every: .seconds(24 * 3600))
        case "weekly": self = .refresh(every: .seconds(7 * 24 * 3600))
        default:
            guard text.hasPrefix("every_"), let interval = Self.interval(text.dropFirst(6)) else { return nil }
            self = .refresh(every: interval)
        }
    }

    /// `1w2d3h4m5s`-style durations (`every_12h`): one or more numbers each followed by `w`, `d`, `h`, `m` or `s`.
    static func interval(_ text: Substring) -> Duration? {
        let units: [Character: Int64] = ["w": 7 * 24 * 3600, "d": 24 * 3600, "h": 3600, "m": 60, "s": 1]
        var seconds: Int64 = 0
        var number = ""
        for character in text {
            if character.isASCII, character.isNumber {
                number.append(character)
            } else if let unit = units[character], let value = Int64(number) {
                seconds += value * unit
                number = ""
            } else {
                return nil
            }
        }
        guard number.isEmpty, !text.isEmpty else { return nil }
        return .seconds(seconds)
    }

    /// Whether an image present locally, last tagged at `lastTagged` (nil: never tagged here, as after a pull),
    /// is to be pulled again at `now`.
    func refreshes(lastTagged: Date?, now: Date) -> Bool {
        switch self {
        case .always: return true
        case .never, .missing, .build: return false
        case .refresh(let interval):
            guard let lastTagged else { return true }
            return now.timeIntervalSince(lastTagged) > Double(interval.components.seconds)
        }
    }
}
