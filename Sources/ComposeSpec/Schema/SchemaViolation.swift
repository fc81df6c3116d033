/// Why a node does not match the schema, and where; turned into a `ComposeError` once its path is known.
///
/// Checking builds no strings: a violation records the problem and the node's location, and each parent adds its
/// key or index on the way back up, so a `oneOf` branch that fails costs almost nothing.
struct SchemaViolation {
    enum Problem {
        case wrongType(SchemaTypes)
        /// A whole number too large for 64 bits where an integer is expected.
        case integerOutOfRange(Double)
        case unknownKey(String, suggestion: String?)
        /// A key of a mapping that only allows names of some shape (`services` keys).
        case invalidName(String, pattern: String)
        case notInEnum([SchemaConstant], found: Node)
        case patternMismatch(String, pattern: String)
        case belowMinimum(Double)
        case aboveMaximum(Double)
        case missingKey(String)
        case tooFewItems(Int)
        case tooFewKeys(Int)
        case duplicateItem(firstIndex: Int)
        case matchesSeveralForms
        case matchesForbiddenForm
    }

    var problem: Problem
    var location: SourceLocation?
    /// Keys and indices from the failing node up to the document root (reversed path).
    var reversedPath: [String] = []

    init(_ problem: Problem, at location: SourceLocation?) {
        self.problem = problem
        self.location = location
    }

    /// Whether the node failed its very first check, its type: then another `oneOf` branch explains it better.
    var isTypeMismatchAtRoot: Bool {
        if case .wrongType = problem { return reversedPath.isEmpty }
        return false
    }

    func prefixed(by component: String) -> SchemaViolation {
        var copy = self
        copy.reversedPath.append(component)
        return copy
    }

    var error: ComposeError {
        let path = reversedPath.reversed().joined(separator: ".")
        let subject = path.isEmpty ? "the compose file" : path
        switch problem {
        case .wrongType(let types):
            return ComposeError(.wrongType, "\(subject) must be \(types.phrase)", at: location)
        case .integerOutOfRange(let number):
            return ComposeError(
                .invalidValue, "\(subject): \(GoFormat.float(number)) is out of range for an integer", at: location)
        case .unknownKey(let key, let suggestion):
            let hint = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
            let message = path.isEmpty ? "unknown top-level key \"\(key)\"" : "\(path): unknown key \"\(key)\""
            return ComposeError(.unknownKey, message + hint, at: location)
        case .invalidName(let key, let pattern):
            return ComposeError(
                .invalidValue, "\(subject): invalid name \"\(key)\", it must match \(pattern)", at: location)
        case .notInEnum(let allowed, let found):
            let shown = found.scalarText.map { "\"\($0)\"" } ?? found.kindName
            let choices = Self.choices(allowed.map(\.display))
            let hint = Self.suggestion(for: found.string, among: allowed).map { " (did you mean \"\($0)\"?)" } ?? ""
            return ComposeError(.invalidValue, "\(subject) must be \(choices), not \(shown)\(hint)", at: location)
        case .patternMismatch(let text, let pattern):
            return ComposeError(
                .invalidValue, "\(subject) \"\(text)\" does not match pattern \"\(pattern)\"", at: location)
        case .belowMinimum(let bound):
            return ComposeError(
                .invalidValue, "\(subject) must be greater than or equal to \(GoFormat.float(bound))", at: location)
        case .aboveMaximum(let bound):
            return ComposeError(
                .invalidValue, "\(subject) must be less than or equal to \(GoFormat.float(bound))", at: location)
        case .missingKey(let key):
            return ComposeError(.invalidValue, "\(subject) is missing required key \"\(key)\"", at: location)
        case .tooFewItems(let count):
            return ComposeError(.invalidValue, "\(subject) must have at least \(count) item(s)", at: location)
        case .tooFewKeys(let count):
            return ComposeError(.invalidValue, "\(subject) must have at least \(count) key(s)", at: location)
        case .duplicateItem(let firstIndex):
            return ComposeError(
                .invalidValue, "\(subject) repeats item \(firstIndex); items must be unique", at: location)
        case .matchesSeveralForms:
            return ComposeError(
                .invalidValue, "\(subject) is ambiguous: it matches several allowed forms", at: location)
        case .matchesForbiddenForm:
            return ComposeError(.invalidValue, "\(subject) has a form that is not allowed here", at: location)
        }
    }

    /// `"all"`, `"a" or "b"`, `one of "a", "b", "c"`.
    private static func choices(_ values: [String]) -> String {
        switch values.count {
        case 0: return "nothing"
        case 1: return values[0]
        case 2: return "\(values[0]) or \(values[1])"
        default: return "one of " + values.joined(separator: ", ")
        }
    }

    private static func suggestion(for text: String?, among allowed: [SchemaConstant]) -> String? {
        guard let text else { return nil }
        let candidates = allowed.compactMap { constant -> String? in
            if case .string(let value) = constant { return value }
            return nil
        }
        return Suggestion.closest(to: text, among: candidates)
    }
}

/// "Did you mean" by edit distance: the closest candidate, if it is close enough to be a typo.
enum Suggestion {
    /// The candidate at the smallest Levenshtein distance (first one on ties), when that distance is at most a
    /// third of the word's length (at least 1), or when only letter case differs.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let sameLetters = candidates.first(where: { $0.lowercased() == lowered }) { return sameLetters }
        let limit = max(1, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(lowered.unicodeScalars), Array(candidate.lowercased().unicodeScalars))
            if distance <= limit, distance < best?.distance ?? .max { best = (candidate, distance) }
        }
        return best?.candidate
    }

    static func editDistance(_ source: [Unicode.Scalar], _ target: [Unicode.Scalar]) -> Int {
        guard !source.isEmpty else { return target.count }
        guard !target.isEmpty else { return source.count }
        var previous = Array(0...target.count)
        var current = previous
        for (row, sourceScalar) in source.enumerated() {
            current[0] = row + 1
            for (column, targetScalar) in target.enumerated() {
                let substitution = previous[column] + (sourceScalar == targetScalar ? 0 : 1)
                current[column + 1] = min(substitution, previous[column + 1] + 1, current[column] + 1)
            }
            swap(&previous, &current)
        }
        return previous[target.count]
    }
}
