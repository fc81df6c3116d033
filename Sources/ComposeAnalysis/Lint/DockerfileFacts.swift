import ComposeSpec
import Foundation

/// What a service's Dockerfile says about the image it builds, for the rules that would otherwise only guess:
/// the user the image runs as and whether it has a health check. Read from the stage `build.target` names (the
/// last stage otherwise), following `FROM <earlier stage>`.
struct DockerfileFacts: Sendable {
    /// The last `USER` of the stage or the stages it starts from; nil when none sets one.
    var user: String?
    /// Whether the stage (or one it starts from) declares a `HEALTHCHECK` other than `NONE`.
    var hasHealthcheck: Bool

    /// The facts of the Dockerfile `build` names (`dockerfile_inline`, or `dockerfile` in `context`); nil when it
    /// cannot be read (a remote context, a missing file).
    init?(build: Node) {
        let text: String
        if let inline = build["dockerfile_inline"]?.scalarText {
            text = inline
        } else {
            guard let context = build["context"]?.scalarText, context.hasPrefix("/") else { return nil }
            let name = build["dockerfile"]?.scalarText ?? "Dockerfile"
            let path = name.hasPrefix("/") ? name : context + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            text = String(decoding: data, as: UTF8.self)
        }
        self.init(text: text, target: build["target"]?.scalarText)
    }

    init(text: String, target: String?) {
        struct Stage {
            var name: String?
            var base: String
            var user: String?
            var healthcheck: Bool?
        }
        var stages: [Stage] = []
        for instruction in Self.instructions(text) {
            let words = instruction.split(whereSeparator: \.isWhitespace)
            guard let keyword = words.first?.uppercased() else { continue }
            switch keyword {
            case "FROM":
                let arguments = words.dropFirst().filter { !$0.hasPrefix("--") }
                let name =
                    arguments.count >= 3 && arguments[arguments.startIndex + 1].uppercased() == "AS"
                    ? String(arguments[arguments.startIndex + 2]) : nil
                stages.append(Stage(name: name?.lowercased(), base: String(arguments.first ?? "").lowercased()))
            case "USER" where !stages.isEmpty:
                stages[stages.count - 1].user = words.dropFirst().first.map(String.init)
            case "HEALTHCHECK" where !stages.isEmpty:
                stages[stages.count - 1].healthcheck = words.dropFirst().first?.uppercased() != "NONE"
            default: break
            }
        }
        var index = stages.count - 1
        if let target, let named = stages.lastIndex(where: { $0.name == target.lowercased() }) { index = named }
        var user: String?
        var healthcheck: Bool?
        var visited = Set<Int>()
        while index >= 0, visited.insert(index).inserted {
            let stage = stages[index]
            if user == nil { user = stage.user }
            if healthcheck == nil { healthcheck = stage.healthcheck }
            guard let earlier = stages[..<index].lastIndex(where: { $0.name == stage.base }) else { break }
            index = earlier
        }
        self.user = user
        self.hasHealthcheck = healthcheck ?? false
    }

    /// The instructions of a Dockerfile: comments dropped, continuation lines joined.
    private static func instructions(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { continue }
            if line.hasSuffix("\\") {
                current += line.dropLast() + " "
                continue
            }
            current += line
            if !current.trimmingCharacters(in: .whitespaces).isEmpty { result.append(current) }
            current = ""
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Whether `user` (a Dockerfile `USER` or a compose `user`) is root: `root`, `0`, or those with a group.
    static func isRoot(_ user: String) -> Bool {
        let name = user.split(separator: ":").first.map(String.init) ?? user
        return name == "root" || name == "0"
    }
}
