/// A regular expression from the schema (`pattern`, or a `patternProperties` key), searched the way JSON Schema
/// does: unanchored unless the pattern itself says `^` / `$`.
///
/// The patterns the schema uses for keys (`^x-`, `^[a-zA-Z0-9._-]+$`…) are matched by hand: they run on every
/// key of every service, and a hand check is far cheaper than a regex engine. Any other pattern falls back to
/// Swift `Regex`.
struct SchemaPattern: Sendable {
    private enum Matcher: Sendable {
        case prefix(String)
        /// The whole text is made of these scalars, and there is at least one.
        case allScalars(@Sendable (Unicode.Scalar) -> Bool)
        /// Some scalar of the text is one of these.
        case anyScalar(@Sendable (Unicode.Scalar) -> Bool)
        case regex(RegexBox)
    }

    /// The pattern as written in the schema, for error messages.
    let source: String
    private let matcher: Matcher

    init(_ source: String) throws {
        self.source = source
        switch source {
        case "^x-": matcher = .prefix("x-")
        case "^[a-zA-Z0-9._-]+$": matcher = .allScalars { $0.isASCIIAlphanumeric || "._-".unicodeScalars.contains($0) }
        case "^[a-z]+$": matcher = .allScalars { ("a"..."z").contains($0) }
        case "^.+$": matcher = .allScalars { $0 != "\n" }
        case ".+": matcher = .anyScalar { $0 != "\n" }
        default: matcher = .regex(RegexBox(try Regex(source)))
        }
    }

    func matches(_ text: String) -> Bool {
        switch matcher {
        case .prefix(let prefix): return text.hasPrefix(prefix)
        case .allScalars(let accepts): return !text.isEmpty && text.unicodeScalars.allSatisfy(accepts)
        case .anyScalar(let accepts): return text.unicodeScalars.contains(where: accepts)
        case .regex(let box): return (try? box.regex.firstMatch(in: text)) != nil
        }
    }
}

/// Holds a compiled `Regex`, which only reads its program once built, so sharing it between threads is safe.
private final class RegexBox: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>

    init(_ regex: Regex<AnyRegexOutput>) {
        self.regex = regex
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
