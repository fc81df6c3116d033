/// What a shell should offer for the word being typed, computed from the words before it: commands, flags and
/// their fixed values from the command catalog; service names, profiles, project names and container replica
/// numbers from the project in the current directory (``CompletionSource``). The answer follows cobra's
/// completion protocol, which the docker CLI also speaks to its plugins: candidates (`value\tdescription`), then
/// `:directive`.
struct CompletionCandidates {
    /// cobra's shell directives.
    struct Directive: OptionSet {
        let rawValue: Int
        static let noSpace = Directive(rawValue: 2)
        static let noFileCompletion = Directive(rawValue: 4)
        /// The candidates are file extensions to complete files with.
        static let filterFileExtensions = Directive(rawValue: 8)
        static let directoriesOnly = Directive(rawValue: 16)
        /// No candidate: the shell completes file names.
        static let files: Directive = []
    }

    var values: [(value: String, description: String)] = []
    var directive: Directive = .noFileCompletion

    /// The protocol's text: one candidate per line, then the directive.
    var text: String {
        values.map { $0.description.isEmpty ? $0.value : "\($0.value)\t\($0.description)" }.map { $0 + "\n" }.joined()
            + ":\(directive.rawValue)\n"
    }

    /// The candidates for the last of `words` (the word being typed; empty for a new one), the others being what
    /// comes before it after `pier`.
    static func complete(_ words: [String], source: some CompletionSource) async -> CompletionCandidates {
        let typed = words.last ?? ""
        let before = Array(words.dropLast())
        // `--flag=value`: the flag's values, written after it.
        if typed.hasPrefix("--"), let equals = typed.firstIndex(of: "=") {
            let flag = String(typed[..<equals])
            var result = await complete(before + [flag, String(typed[typed.index(after: equals)...])], source: source)
            if !result.directive.contains(.filterFileExtensions) {
                result.values = result.values.map { (flag + "=" + $0.value, $0.description) }
            }
            return result
        }
        let (globalWords, rest) = GlobalOptions.split(before)
        var result = CompletionCandidates()
        // A value of a global flag.
        if rest.isEmpty, let flag = globalWords.last, GlobalOptions.valuedFlags.contains(flag) {
            result = await globalValue(flag, source: source, global: Array(globalWords.dropLast(1)))
        } else if rest.isEmpty {
            result.values =
                typed.hasPrefix("-")
                ? flags(of: CommandCatalog.global)
                : CommandCatalog.pier.commands.filter { !$0.isHidden }.map { ($0.name, $0.abstract) }
        } else if let command = CommandCatalog.pier.command(rest[0]) {
            result = await commandCandidates(
                command, arguments: Array(rest.dropFirst()), typed: typed, source: source, global: globalWords)
        }
        result.values = result.values.filter {
            $0.value.hasPrefix(typed) || result.directive.contains(.filterFileExtensions)
        }
        return result
    }

    private static func flags(of command: CommandCatalog.Command) -> [(String, String)] {
        command.flags.filter { !$0.isHidden }.flatMap { flag in flag.names.map { ($0, flag.abstract) } }
    }

    private static func globalValue(_ flag: String, source: some CompletionSource, global: [String]) async
        -> CompletionCandidates
    {
        var result = CompletionCandidates()
        switch flag {
        case "-f", "--file":
            result.values = [("yaml", ""), ("yml", "")]
            result.directive = .filterFileExtensions
        case "--project-directory", "--workdir": result.directive = .directoriesOnly
        case "--env-file", "--config", "--tlscacert", "--tlscert", "--tlskey": result.directive = .files
        case "--profile": result.values = await source.profiles(global: global).map { ($0, "") }
        case "-p", "--project-name": result.values = await source.projects().map { ($0, "") }
        case "--ansi": result.values = ["never", "always", "auto"].map { ($0, "") }
        case "--progress": result.values = ["auto", "tty", "plain", "json", "quiet"].map { ($0, "") }
        default: break
        }
        return result
    }

    /// Fixed values of command flags, as their help lists them.
    private static let flagValues: [String: [String]] = [
        "--pull": ["always", "missing", "never", "build"], "--policy": ["missing", "always"],
        "--rmi": ["local", "all"],
        "--protocol": ["tcp", "udp"], "--oci-version": ["1.0", "1.1"],
    ]

    private static func commandCandidates(
        _ command: CommandCatalog.Command, arguments: [String], typed: String, source: some CompletionSource,
        global: [String]
    ) async -> CompletionCandidates {
        var result = CompletionCandidates()
        if let last = arguments.last, let flag = command.flag(named: last), flag.takesValue {
            switch last {
            case "--index":
                let service = arguments.first { !$0.hasPrefix("-") && command.flag(named: $0) == nil }
                result.values = await source.replicaNumbers(service: service, global: global).map { ($0, "") }
            case "--format": result.values = ["table", "json"].map { ($0, "") }
            case "--attach", "--no-attach", "--exit-code-from":
                result.values = await source.services(running: false, global: global).map { ($0, "") }
            case "-o", "--output", "--env-from-file": result.directive = .files
            default: result.values = (flagValues[last] ?? []).map { ($0, "") }
            }
            return result
        }
        if typed.hasPrefix("-") {
            result.values = flags(of: command)
            return result
        }
        let positionals = positionalArguments(arguments, of: command)
        switch command.name {
        case "exec", "run":
            // After the service come the container's command and its arguments: file names.
            guard positionals.isEmpty else { return CompletionCandidates(directive: .files) }
            result.values = await source.services(running: command.name == "exec", global: global).map { ($0, "") }
        case "attach", "port", "commit", "export", "stats":
            // One service, then values of another kind (a port, an image name).
            guard positionals.isEmpty else { return result }
            result.values = await source.services(running: true, global: global).map { ($0, "") }
        case "top", "pause", "unpause", "stop", "restart", "kill":
            result.values = await source.services(running: true, global: global).map { ($0, "") }
        case "scale":
            result.values = await source.services(running: false, global: global).map { ($0 + "=", "") }
            result.directive = [.noSpace, .noFileCompletion]
        case "cp":
            result.values = await source.services(running: false, global: global).map { ($0 + ":", "") }
            result.directive = .files
        case "ls", "version", "publish", "completion": break
        default:
            if command.takesArguments {
                result.values = await source.services(running: false, global: global).map { ($0, "") }
            }
        }
        return result
    }

    /// The positional arguments among `arguments`: neither flags nor flag values.
    static func positionalArguments(_ arguments: [String], of command: CommandCatalog.Command) -> [String] {
        var positionals: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument.hasPrefix("-"), argument != "-" {
                if !argument.contains("="), command.flag(named: argument)?.takesValue == true { index += 1 }
            } else {
                positionals.append(argument)
            }
        }
        return positionals
    }
}
