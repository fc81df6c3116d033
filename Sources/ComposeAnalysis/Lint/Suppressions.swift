import Foundation

/// Findings turned off by comments in the compose files:
///
/// - `# pier-lint disable=ID[,ID…]` after a value turns those rules off on its line;
/// - on a line of its own, it turns them off on the next line and, when that line opens a block (a service, a
///   list), on the whole block;
/// - `# pier-lint disable-file=ID[,ID…]` anywhere turns them off in the whole file;
/// - `all` stands for every rule.
struct Suppressions {
    private var lines: [String: [Int: Set<String>]] = [:]
    private var files: [String: Set<String>] = [:]

    init(sources: SourceFiles) {
        for path in sources.paths where sources.texts[path]?.contains("pier-lint") == true {
            let count = sources.lineCount(path)
            for number in 1...max(count, 1) {
                guard let line = sources.line(path, number), let comment = Self.directive(in: line) else { continue }
                if comment.fileWide {
                    files[path, default: []].formUnion(comment.rules)
                    continue
                }
                let code = line.prefix { $0 != "#" }
                if !code.trimmingCharacters(in: .whitespaces).isEmpty {
                    lines[path, default: [:]][number, default: []].formUnion(comment.rules)
                    continue
                }
                for covered in Self.coveredLines(after: number, in: path, sources: sources) {
                    lines[path, default: [:]][covered, default: []].formUnion(comment.rules)
                }
            }
        }
    }

    func suppresses(_ finding: Finding) -> Bool {
        guard let file = finding.file else { return false }
        if let rules = files[file], rules.contains(finding.rule) || rules.contains("all") { return true }
        guard let line = finding.location?.line, let rules = lines[file]?[line] else { return false }
        return rules.contains(finding.rule) || rules.contains("all")
    }

    /// `disable=a,b` or `disable-file=a` in a `# pier-lint` comment of `line`.
    static func directive(in line: String) -> (rules: Set<String>, fileWide: Bool)? {
        guard let marker = line.range(of: "# pier-lint ") ?? line.range(of: "#pier-lint ") else { return nil }
        let rest = line[marker.upperBound...].trimmingCharacters(in: .whitespaces)
        for (prefix, fileWide) in [("disable-file=", true), ("disable=", false)] where rest.hasPrefix(prefix) {
            let list = rest.dropFirst(prefix.count).prefix { !$0.isWhitespace }
            let rules = Set(list.split(separator: ",").map { String($0) })
            return rules.isEmpty ? nil : (rules, fileWide)
        }
        return nil
    }

    /// The line after `number` that holds code, and the lines of the block it opens (those indented deeper).
    private static func coveredLines(after number: Int, in path: String, sources: SourceFiles) -> [Int] {
        let count = sources.lineCount(path)
        var next = number + 1
        while next <= count, isBlankOrComment(sources.line(path, next) ?? "") { next += 1 }
        guard next <= count, let first = sources.line(path, next) else { return [] }
        var covered = [next]
        let indent = indentation(first)
        var index = next + 1
        while index <= count, let line = sources.line(path, index) {
            if !isBlankOrComment(line) {
                guard
                    indentation(line) > indent
                        || (line.drop { $0 == " " }.hasPrefix("- ") && indentation(line) == indent
                            && first.hasSuffix(":"))
                else { break }
            }
            covered.append(index)
            index += 1
        }
        return covered
    }

    private static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    private static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }
}
