import ArgumentParser
import Foundation

struct Completion: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            Completes commands, flags, service names, profiles, project names and replica numbers from the project in \
            the current directory. Load it in the current shell, or install it:
              source <(pier completion bash)        # or: pier completion bash > /etc/bash_completion.d/pier
              pier completion zsh > "${fpath[1]}/_pier"
              pier completion fish > ~/.config/fish/completions/pier.fish
            """)

    @Argument(help: "bash, zsh or fish.") var shell: String

    func run() async throws {
        guard let script = CompletionScripts.script(for: shell) else {
            throw ValidationError("unsupported shell \"\(shell)\": expected bash, zsh or fish")
        }
        Output.write(script)
    }
}

/// cobra's completion request, which Pier's scripts (and the docker CLI, for its plugins) send: the words of the
/// command line after `pier`, the last being the one typed.
struct Complete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "__complete", shouldDisplay: false)

    @Argument(parsing: .captureForPassthrough) var words: [String] = []

    func run() async throws {
        // Run by the docker CLI as its `compose` plugin, the words start with `compose`.
        var words = self.words
        if words.first == "compose", CommandLineForms.isPlugin() { words.removeFirst() }
        let candidates = await CompletionCandidates.complete(
            words.isEmpty ? [""] : words, source: ProjectCompletionSource())
        Output.write(candidates.text)
    }
}
