/// The safe fixes of a set of findings, applied to the files' text, and shown as a unified diff.
///
/// Edits that overlap one already taken are left for a second run (the finding stays): fixes never stack on the
/// same lines in one pass.
public struct FixSet: Sendable {
    /// The fixed text of each file that changes, by path.
    public private(set) var fixedTexts: [String: String] = [:]
    /// How many findings the fixes settle.
    public private(set) var appliedCount = 0
    private var edits: [String: [TextEdit]] = [:]
    private let sources: SourceFiles

    public init(findings: [Finding], sources: SourceFiles) {
        self.sources = sources
        for finding in findings {
            guard let edit = finding.fix, sources.texts[edit.file] != nil else { continue }
            let taken = edits[edit.file] ?? []
            if taken.contains(edit) {
                appliedCount += 1
                continue
            }
            guard !taken.contains(where: { $0.lines.overlaps(edit.lines) }) else { continue }
            edits[edit.file, default: []].append(edit)
            appliedCount += 1
        }
        for (file, fileEdits) in edits {
            var lines = (0..<sources.lineCount(file)).map { sources.line(file, $0 + 1) ?? "" }
            for edit in fileEdits.sorted(by: { $0.lines.lowerBound > $1.lines.lowerBound }) {
                lines.replaceSubrange((edit.lines.lowerBound - 1)...(edit.lines.upperBound - 1), with: edit.replacement)
            }
            fixedTexts[file] = lines.joined(separator: "\n")
        }
    }

    /// A unified diff of every file that changes (`--- a/FILE`, `+++ b/FILE`, hunks with three lines of context),
    /// files in path order; paths inside `baseDirectory` relative to it.
    public func diff(baseDirectory: String) -> String {
        var output = ""
        for file in edits.keys.sorted() {
            let name = file.hasPrefix(baseDirectory + "/") ? String(file.dropFirst(baseDirectory.count + 1)) : file
            output += "--- a/\(name)\n+++ b/\(name)\n"
            output += hunks(file)
        }
        return output
    }

    /// Hunks for one file's edits: each edit's old and new lines, with context, close edits in one hunk.
    private func hunks(_ file: String) -> String {
        // A file ending with a newline splits into a last empty "line", which is no line of the file.
        let total = sources.lineCount(file)
        let count = sources.line(file, total) == "" ? total - 1 : total
        let sorted = (edits[file] ?? []).sorted { $0.lines.lowerBound < $1.lines.lowerBound }
        var groups: [[TextEdit]] = []
        for edit in sorted {
            if let last = groups.last?.last, edit.lines.lowerBound - last.lines.upperBound <= 7 {
                groups[groups.count - 1].append(edit)
            } else {
                groups.append([edit])
            }
        }
        var output = ""
        var shift = 0  // new-file line offset from the edits before this hunk
        for group in groups {
            let start = max(1, group.first!.lines.lowerBound - 3)
            let end = min(count, group.last!.lines.upperBound + 3)
            var body: [String] = []
            var oldCount = 0
            var newCount = 0
            var line = start
            for edit in group {
                while line < edit.lines.lowerBound {
                    body.append(" " + (sources.line(file, line) ?? ""))
                    oldCount += 1
                    newCount += 1
                    line += 1
                }
                for old in edit.lines { body.append("-" + (sources.line(file, old) ?? "")) }
                body += edit.replacement.map { "+" + $0 }
                oldCount += edit.lines.count
                newCount += edit.replacement.count
                line = edit.lines.upperBound + 1
            }
            while line <= end {
                body.append(" " + (sources.line(file, line) ?? ""))
                oldCount += 1
                newCount += 1
                line += 1
            }
            let newStart = start + shift
            output += "@@ -\(start),\(oldCount) +\(newStart),\(newCount) @@\n" + body.map { $0 + "\n" }.joined()
            shift += newCount - oldCount
        }
        return output
    }
}
