/// Which directories a watch of some paths needs, decided from what exists: a wanted directory is watched with
/// every directory under it; a wanted file, or a wanted path that does not exist yet, through the nearest
/// existing directory above it (its creation shows there, as does an editor's replace-by-rename). Pure: the file
/// system is asked through a closure.
struct WatchScope: Sendable, Hashable {
    enum Kind: Sendable {
        case directory
        case file
        case missing
    }

    /// A directory to watch; `recursive` when the directories under it are watched too.
    struct Root: Sendable, Hashable {
        var path: String
        var recursive: Bool
    }

    /// The wanted paths, absolute and without a trailing `/`.
    let wanted: [String]

    init(_ paths: [String]) {
        var seen = Set<String>()
        wanted = paths.map(Self.trimmed).filter { seen.insert($0).inserted }
    }

    /// The directories to watch now, given what each path is.
    func roots(kind: (String) -> Kind) -> [Root] {
        var roots: [Root] = []
        for path in wanted {
            if kind(path) == .directory {
                roots.append(Root(path: path, recursive: true))
                continue
            }
            var parent = Self.parent(of: path)
            while kind(parent) != .directory, parent != "/" { parent = Self.parent(of: parent) }
            roots.append(Root(path: parent, recursive: false))
        }
        // A root under a recursive root is watched with it already.
        let recursive = roots.filter(\.recursive).map(\.path)
        var seen = Set<Root>()
        return roots.filter { root in
            !recursive.contains { $0 != root.path && Self.isWithin(root.path, $0) }
                && !(root.recursive == false && recursive.contains(root.path)) && seen.insert(root).inserted
        }
    }

    /// Whether a directory at `path` is watched with everything under it: it is, or lies under, a wanted path.
    func covers(_ path: String) -> Bool {
        wanted.contains { Self.isWithin(path, $0) }
    }

    /// Whether a change at `path` matters: it is at or under a wanted path, or above one (its creation or removal
    /// changes what must be watched).
    func concerns(_ path: String) -> Bool {
        wanted.contains { Self.isWithin(path, $0) || Self.isWithin($0, path) }
    }

    /// Whether `path` is `directory` or lies under it.
    static func isWithin(_ path: String, _ directory: String) -> Bool {
        directory == "/" || path == directory || path.hasPrefix(directory + "/")
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
