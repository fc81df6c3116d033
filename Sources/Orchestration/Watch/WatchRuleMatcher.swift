import Foundation

/// Which changed paths a rule takes, and where those it syncs land in the container. A path is taken when it is
/// the rule's path or lies under it, matches the rule's `include` (when it has one), and is ignored by none of:
/// the rule's `ignore`, the `.dockerignore` of the service's build context (for what lies in the context), editors'
/// temporary files, and `.git` directories. The compose files and the service's Dockerfile are taken (a rebuild
/// rule rebuilds on them) but never synced, unless the rule's `include` names them.
public struct WatchRuleMatcher: Sendable {
    public let rule: WatchRule
    private let include: DockerIgnore?
    private let ignore: DockerIgnore
    /// The build context's `.dockerignore`, and the context it is relative to.
    private let contextIgnore: (directory: String, rules: DockerIgnore)?
    private let protectedFiles: Set<String>

    /// Editors' temporary and backup files (Vim, Emacs, JetBrains IDEs) and `.git` directories, anywhere.
    static let housekeeping = try! DockerIgnore(
        parsing: [
            "**/*___jb_old___", "**/*___jb_tmp___", "**/.idea/**", "**/.#*", "**/4913", "**/*~", "**/.*.swp",
            "**/.*.swx", "**/.*.swo", "**/.*.swn", "**/.git",
        ].joined(separator: "\n"))

    /// - Parameters:
    ///   - contextIgnore: the `.dockerignore` of the service's build context, with the context directory.
    ///   - protectedFiles: absolute paths never synced unless `include` names them (compose files, Dockerfile).
    public init(
        _ rule: WatchRule, contextIgnore: (directory: String, rules: DockerIgnore)? = nil,
        protectedFiles: Set<String> = []
    ) throws {
        self.rule = rule
        include = rule.include.isEmpty ? nil : try Self.patterns(rule.include, of: rule)
        ignore = try Self.patterns(rule.ignore, of: rule)
        self.contextIgnore = contextIgnore
        self.protectedFiles = protectedFiles
    }

    private static func patterns(_ patterns: [String], of rule: WatchRule) throws -> DockerIgnore {
        do {
            return try DockerIgnore(parsing: patterns.joined(separator: "\n"))
        } catch {
            throw OrchestrationError.service(
                rule.service, .invalidValue, "develop.watch: invalid pattern: \(error)", at: rule.location)
        }
    }

    /// Whether a change at `path` (absolute) concerns the rule.
    public func takes(_ path: String) -> Bool {
        guard WatchScope.isWithin(path, rule.path) else { return false }
        let relative = Self.relative(path, to: rule.path)
        if let include, !include.isExcluded(relativePath: relative) { return false }
        if ignore.isExcluded(relativePath: relative) { return false }
        if Self.housekeeping.isExcluded(relativePath: String(path.drop { $0 == "/" })) { return false }
        if let contextIgnore, WatchScope.isWithin(path, contextIgnore.directory), path != contextIgnore.directory {
            if contextIgnore.rules.isExcluded(relativePath: Self.relative(path, to: contextIgnore.directory)) {
                return false
            }
        }
        return true
    }

    /// Whether the rule copies `path` into containers: it syncs, takes the path, and the path is no compose file or
    /// Dockerfile (unless its `include` names it).
    public func syncs(_ path: String) -> Bool {
        guard rule.action.syncs, rule.target != nil, takes(path) else { return false }
        return !protectedFiles.contains(path) || include != nil
    }

    /// Where `path` lands in the container: the rule's target, and the path's place under the rule's path.
    public func containerPath(for path: String) -> String? {
        guard let target = rule.target, WatchScope.isWithin(path, rule.path) else { return nil }
        let relative = Self.relative(path, to: rule.path)
        guard relative != "." else { return target }
        return (target.hasSuffix("/") ? target : target + "/") + relative
    }

    /// `path` relative to `directory` (which holds it); `.` for the directory itself.
    static func relative(_ path: String, to directory: String) -> String {
        if path == directory { return "." }
        return String(path.dropFirst(directory == "/" ? 1 : directory.count + 1))
    }
}
