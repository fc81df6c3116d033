import ComposeSpec
import Foundation

/// The text of the compose files a project was loaded from, by absolute path, split into lines: for the rules
/// that look at how a value was written, for suppression comments, and for fixes.
public struct SourceFiles: Sendable {
    public private(set) var texts: [String: String] = [:]
    private var lines: [String: [Substring]] = [:]

    /// Reads each file once; `-` (standard input) and unreadable files are left out.
    public init(paths: some Sequence<String>) {
        for path in paths where texts[path] == nil && path != "-" {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            add(path, text: String(decoding: data, as: UTF8.self))
        }
    }

    public mutating func add(_ path: String, text: String) {
        texts[path] = text
        lines[path] = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    public var paths: [String] { texts.keys.sorted() }

    /// Line `number` (1-based) of `path`, without its newline.
    public func line(_ path: String, _ number: Int) -> String? {
        guard let all = lines[path], number >= 1, number <= all.count else { return nil }
        var line = all[number - 1]
        if line.hasSuffix("\r") { line = line.dropLast() }
        return String(line)
    }

    public func lineCount(_ path: String) -> Int { lines[path]?.count ?? 0 }

    /// The text written at `location` to the end of its line.
    func text(at location: SourceLocation?) -> Substring? {
        guard let location, let line = line(location.file, location.line) else { return nil }
        let start = line.index(line.startIndex, offsetBy: location.column - 1, limitedBy: line.endIndex)
        return start.map { line[$0...] }
    }

    /// Whether the value written at `location` came from a variable (`$VAR`, `${VAR}`): rules that look for
    /// literal secrets leave those alone.
    func isInterpolated(_ location: SourceLocation?) -> Bool {
        guard let text = text(at: location) else { return false }
        return text.contains("$")
    }

    /// Every file a value of `node` was written in (the compose files, and those `include` and `extends` read).
    static func files(in node: Node) -> Set<String> {
        var files = Set<String>()
        var pending = [node]
        while let next = pending.popLast() {
            if let file = next.location?.file { files.insert(file) }
            switch next.value {
            case .mapping(let entries): pending += entries.values
            case .sequence(let items): pending += items
            default: break
            }
        }
        return files
    }
}
