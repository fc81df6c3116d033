import Foundation

/// The rules of a `.dockerignore` file: which paths of a build context are left out of what is sent to the engine.
///
/// Lines starting with `#` are comments, blank lines are skipped, other lines are trimmed and cleaned like Go's
/// `filepath.Clean` (a leading `/` is dropped). A `!` prefix makes a pattern an exception. Patterns are matched
/// in order and the last one matching a path (or any directory above it) decides. `**` matches any number of
/// directories, `*` and `?` anything but `/`, `[...]` a character class (`[^...]` negated), `\` escapes.
public struct DockerIgnore: Sendable, Hashable {
    public struct Pattern: Sendable, Hashable {
        /// The cleaned pattern, without its `!`.
        public let text: String
        public let isException: Bool
        let tokens: [GlobToken]

        public init(_ text: String, isException: Bool = false) throws {
            self.text = text
            self.isException = isException
            self.tokens = try GlobToken.parse(text)
        }

        /// Whether the pattern matches `path` itself or one of the directories above it.
        func matches(_ path: [Unicode.Scalar]) -> Bool {
            if GlobToken.matches(tokens[...], path[...]) { return true }
            var index = path.count - 1
            while index > 0 {
                if path[index] == "/", GlobToken.matches(tokens[...], path[..<index]) { return true }
                index -= 1
            }
            return false
        }
    }

    public enum ParseError: Error, Hashable, CustomStringConvertible {
        case badPattern(String)

        public var description: String {
            switch self {
            case .badPattern(let pattern): "invalid .dockerignore pattern: \(pattern)"
            }
        }
    }

    public let patterns: [Pattern]
    /// Paths sent whatever the patterns say: the Dockerfile and the ignore file itself.
    public var alwaysIncluded: Set<String>

    public init(patterns: [Pattern], alwaysIncluded: Set<String> = []) {
        self.patterns = patterns
        self.alwaysIncluded = Set(alwaysIncluded.map(Self.clean))
    }

    /// Parses the contents of a `.dockerignore` file.
    public init(parsing contents: String, alwaysIncluded: Set<String> = []) throws {
        var patterns: [Pattern] = []
        var text = Substring(contents)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if rawLine.hasPrefix("#") { continue }
            var line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let isException = line.hasPrefix("!")
            if isException {
                line = String(line.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty { throw ParseError.badPattern("!") }
            }
            var cleaned = Self.clean(line)
            if cleaned.count > 1, cleaned.hasPrefix("/") { cleaned.removeFirst() }
            patterns.append(try Pattern(cleaned, isException: isException))
        }
        self.init(patterns: patterns, alwaysIncluded: alwaysIncluded)
    }

    /// Reads the ignore file for a build: `<Dockerfile>.dockerignore` beside the Dockerfile when there is one,
    /// else `.dockerignore` at the root of the context. The Dockerfile and the file read are always sent.
    /// - Parameters:
    ///   - contextDirectory: the build context on disk.
    ///   - dockerfile: the Dockerfile's path relative to the context.
    public static func load(contextDirectory: String, dockerfile: String = "Dockerfile") throws -> DockerIgnore {
        let dockerfilePath = clean(dockerfile)
        let candidates = [dockerfilePath + ".dockerignore", ".dockerignore"]
        for candidate in candidates {
            let full = (contextDirectory as NSString).appendingPathComponent(candidate)
            guard FileManager.default.fileExists(atPath: full) else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: full))
            return try DockerIgnore(
                parsing: String(decoding: data, as: UTF8.self), alwaysIncluded: [dockerfilePath, candidate])
        }
        return DockerIgnore(patterns: [], alwaysIncluded: [dockerfilePath, ".dockerignore"])
    }

    /// Whether the path (relative to the context, `/`-separated) is left out of the context.
    public func isExcluded(relativePath: String) -> Bool {
        let path = Self.clean(relativePath)
        if alwaysIncluded.contains(path) { return false }
        let scalars = Array(path.unicodeScalars)
        var excluded = false
        for pattern in patterns where pattern.isException == excluded {
            if pattern.matches(scalars) { excluded = !pattern.isException }
        }
        return excluded
    }

    /// Whether an excluded directory must still be walked because an exception (or an always-included path)
    /// could re-include something inside it.
    public func mustWalk(excludedDirectory relativePath: String) -> Bool {
        let directory = Self.clean(relativePath) + "/"
        if alwaysIncluded.contains(where: { $0.hasPrefix(directory) }) { return true }
        let scalars = Array(directory.unicodeScalars)
        return patterns.contains { $0.isException && GlobToken.couldExtend($0.tokens[...], scalars[...]) }
    }

    /// Whether some path inside `directory` could match a pattern that is not an exception: BuildKit's include
    /// patterns, which make a synced directory walk down to what they name.
    func mayMatchInside(directory relativePath: String) -> Bool {
        let scalars = Array((Self.clean(relativePath) + "/").unicodeScalars)
        return patterns.contains { !$0.isException && GlobToken.couldExtend($0.tokens[...], scalars[...]) }
    }

    /// Go's `filepath.Clean` for `/`-separated paths.
    public static func clean(_ path: String) -> String {
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}

/// One element of a compiled `.dockerignore` pattern.
enum GlobToken: Sendable, Hashable {
    case literal(Unicode.Scalar)
    /// `*`: any run of characters but `/`.
    case star
    /// `?`: one character but `/`.
    case question
    /// `[...]`: one character (never `/`) in, or with `negated` not in, the ranges.
    case characterClass(negated: Bool, ranges: [ClosedRange<UInt32>])
    /// `**` or `**/` inside a pattern: any number of whole directories, possibly none.
    case directories
    /// `**` at the end of a pattern: anything.
    case rest

    static func parse(_ pattern: String) throws -> [GlobToken] {
        let scalars = Array(pattern.unicodeScalars)
        var tokens: [GlobToken] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*":
                guard index < scalars.count, scalars[index] == "*" else {
                    tokens.append(.star)
                    continue
                }
                index += 1
                if index < scalars.count, scalars[index] == "/" { index += 1 }
                tokens.append(index == scalars.count ? .rest : .directories)
            case "?": tokens.append(.question)
            case "\\":
                if index < scalars.count {
                    tokens.append(.literal(scalars[index]))
                    index += 1
                } else {
                    tokens.append(.literal("\\"))
                }
            case "[":
                var negated = false
                if index < scalars.count, scalars[index] == "^" {
                    negated = true
                    index += 1
                }
                var ranges: [ClosedRange<UInt32>] = []
                var closed = false
                func next() throws -> Unicode.Scalar {
                    guard index < scalars.count else { throw DockerIgnore.ParseError.badPattern(pattern) }
                    var character = scalars[index]
                    index += 1
                    if character == "\\" {
                        guard index < scalars.count else { throw DockerIgnore.ParseError.badPattern(pattern) }
                        character = scalars[index]
                        index += 1
                    }
                    return character
                }
                while index < scalars.count {
                    if scalars[index] == "]", !ranges.isEmpty {
                        index += 1
                        closed = true
                        break
                    }
                    let low = try next()
                    var high = low
                    if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] != "]" {
                        index += 1
                        high = try next()
                    }
                    guard low.value <= high.value else { throw DockerIgnore.ParseError.badPattern(pattern) }
                    ranges.append(low.value...high.value)
                }
                guard closed else { throw DockerIgnore.ParseError.badPattern(pattern) }
                tokens.append(.characterClass(negated: negated, ranges: ranges))
            default: tokens.append(.literal(scalar))
            }
        }
        return tokens
    }

    /// Whether the tokens match all of `text`.
    static func matches(_ tokens: ArraySlice<GlobToken>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        match(tokens, text, prefixOnly: false)
    }

    /// Whether some text starting with `text` could match the tokens.
    static func couldExtend(_ tokens: ArraySlice<GlobToken>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        match(tokens, text, prefixOnly: true)
    }

    private static func match(
        _ tokens: ArraySlice<GlobToken>, _ text: ArraySlice<Unicode.Scalar>, prefixOnly: Bool
    ) -> Bool {
        if prefixOnly, text.isEmpty { return true }
        guard let token = tokens.first else { return text.isEmpty }
        let rest = tokens.dropFirst()
        switch token {
        case .rest: return true
        case .star:
            var remaining = text
            while true {
                if match(rest, remaining, prefixOnly: prefixOnly) { return true }
                guard let first = remaining.first, first != "/" else { return false }
                remaining = remaining.dropFirst()
            }
        case .directories:
            if match(rest, text, prefixOnly: prefixOnly) { return true }
            var remaining = text
            while let first = remaining.first {
                remaining = remaining.dropFirst()
                if first == "/", match(rest, remaining, prefixOnly: prefixOnly) { return true }
            }
            return prefixOnly
        case .literal(let scalar):
            guard text.first == scalar else { return false }
        case .question:
            guard let first = text.first, first != "/" else { return false }
        case .characterClass(let negated, let ranges):
            guard let first = text.first, first != "/" else { return false }
            guard ranges.contains(where: { $0.contains(first.value) }) != negated else { return false }
        }
        return match(rest, text.dropFirst(), prefixOnly: prefixOnly)
    }
}
