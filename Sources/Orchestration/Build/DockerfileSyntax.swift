import Foundation

/// The parser directives at the top of a Dockerfile (`# syntax=docker/dockerfile:1`, `# escape=\`): comments of
/// the form `# key=value` before anything else, as BuildKit reads them.
enum DockerfileSyntax {
    /// The `syntax` directive's value: the frontend image BuildKit would fetch to read the Dockerfile.
    static func directive(in content: [UInt8]) -> String? {
        var text = Substring(String(decoding: content.prefix(4096), as: UTF8.self))
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("#") else { return nil }
            let body = trimmed.dropFirst()
            guard let equals = body.firstIndex(of: "=") else { return nil }
            let key = body[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
            if key == "syntax" { return body[body.index(after: equals)...].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }
}
