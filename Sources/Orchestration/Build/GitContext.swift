import Foundation
import Subprocess

/// A build context in a git repository (`https://host/repo.git#ref:subdirectory`, `git@host:repo.git`,
/// `git://…`, `github.com/…`), fetched with the `git` command into a temporary directory as the Docker CLI does for
/// the classic builder: the engine then receives it as any local context.
struct GitContext: Sendable, Hashable {
    var url: String
    /// A branch, tag or commit; the remote's default branch when nil.
    var reference: String?
    /// The context's directory inside the repository.
    var subdirectory: String?

    /// The git context `context` names, or nil when it is not a git URL.
    init?(_ context: String) {
        let (address, fragment) = Self.split(context)
        let isGit =
            address.hasPrefix("git://") || address.hasPrefix("git@") || address.hasPrefix("github.com/")
            || ((address.hasPrefix("https://") || address.hasPrefix("http://") || address.hasPrefix("ssh://"))
                && address.hasSuffix(".git"))
        guard isGit else { return nil }
        url = address.hasPrefix("github.com/") ? "https://" + address : address
        let parts = fragment.map { $0.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false) } ?? []
        reference = parts.first.flatMap { $0.isEmpty ? nil : String($0) }
        subdirectory = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
    }

    private static func split(_ context: String) -> (String, String?) {
        guard let hash = context.firstIndex(of: "#") else { return (context, nil) }
        return (String(context[..<hash]), String(context[context.index(after: hash)...]))
    }

    /// Fetches the reference into a new temporary directory and returns it with the context directory inside it;
    /// remove `checkout` once the build is over.
    func fetch() async throws -> (checkout: String, context: String) {
        let checkout = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pier-git-context-" + UUID().uuidString
        ).path
        try FileManager.default.createDirectory(atPath: checkout, withIntermediateDirectories: true)
        do {
            try await Self.git(["init", "--quiet"], in: checkout)
            try await Self.git(["remote", "add", "origin", url], in: checkout)
            let wanted = reference ?? "HEAD"
            // Shallow first; servers that cannot (the dumb HTTP protocol) get a full fetch.
            if (try? await Self.git(["fetch", "--quiet", "--depth", "1", "origin", wanted], in: checkout)) == nil {
                try Task.checkCancellation()
                try await Self.git(["fetch", "--quiet", "origin", wanted], in: checkout)
            }
            try await Self.git(["checkout", "--quiet", "FETCH_HEAD"], in: checkout)
            try await Self.git(
                ["submodule", "update", "--quiet", "--init", "--recursive", "--depth", "1"], in: checkout)
            // The repository's history is not part of the context.
            try FileManager.default.removeItem(atPath: checkout + "/.git")
        } catch {
            try? FileManager.default.removeItem(atPath: checkout)
            throw error
        }
        let context = subdirectory.map { checkout + "/" + $0 } ?? checkout
        return (checkout, context)
    }

    /// Runs `git ARGUMENTS` in `directory`; its standard error becomes the error's message when it fails.
    /// Cancelled, it ends git and the helpers it started (`git-remote-https`, `ssh`): they share a process group.
    private static func git(_ arguments: [String], in directory: String) async throws {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(2))]
        let result: ExecutionResult<Void, DiscardedOutput, StringOutput<UTF8>>
        do {
            result = try await Subprocess.run(
                .name("git"), arguments: Arguments(arguments),
                // Fail rather than wait for a password nobody types.
                environment: .inherit.updating(["GIT_TERMINAL_PROMPT": "0"]), workingDirectory: .init(directory),
                platformOptions: options, output: .discarded, error: .string(limit: 1 << 20))
        } catch let error as SubprocessError where error.code == .executableNotFound {
            throw OrchestrationError(.processFailed, "cannot run git (is it installed?): \(error)", underlying: error)
        }
        guard result.terminationStatus.isSuccess else {
            throw OrchestrationError(
                .processFailed,
                "git \(arguments.first ?? "") failed: "
                    + result.standardError.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
