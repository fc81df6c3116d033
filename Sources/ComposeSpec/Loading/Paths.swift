import Foundation

/// File-system paths as Compose treats them: relative to a base directory, `~` for the home directory.
enum Paths {
    static func absolute(_ path: String, from base: String) -> String {
        let expanded = expandHome(path)
        if expanded.hasPrefix("/") { return clean(expanded) }
        return clean(base + "/" + expanded)
    }

    /// Whether `path` is absolute on Linux or on Windows (`C:\\x`, `c:/x`, `\\\\server\\share`): Compose keeps such
    /// paths as they are written.
    static func isAbsolute(_ path: String) -> Bool {
        if path.hasPrefix("/") || path.hasPrefix("\\\\") { return true }
        let scalars = Array(path.unicodeScalars.prefix(3))
        return scalars.count == 3 && scalars[0].properties.isAlphabetic && scalars[0].isASCII && scalars[1] == ":"
            && (scalars[2] == "\\" || scalars[2] == "/")
    }

    /// `path` against `base` unless it is absolute (Linux or Windows), which stays exactly as written; an empty
    /// path is `base` itself.
    static func resolved(_ path: String, from base: String) -> String {
        isAbsolute(path) ? path : absolute(path, from: base)
    }

    static func directory(of path: String) -> String {
        let cleaned = clean(path)
        guard let slash = cleaned.lastIndex(of: "/") else { return "." }
        return slash == cleaned.startIndex ? "/" : String(cleaned[..<slash])
    }

    static func lastComponent(_ path: String) -> String {
        let cleaned = clean(path)
        guard let slash = cleaned.lastIndex(of: "/") else { return cleaned }
        return String(cleaned[cleaned.index(after: slash)...])
    }

    static func expandHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    /// Lexically cleans a path as Go's `filepath.Clean` does: no `.`, no `x/..`, no double or trailing slash.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The absolute path with symbolic links resolved, to tell whether two paths name the same file.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Whether `path` names a remote build context (a URL or a git repository) rather than a directory.
    static func isRemote(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("git://")
            || lower.hasPrefix("git@") || lower.hasPrefix("github.com/") || lower.hasPrefix("ssh://")
    }
}
