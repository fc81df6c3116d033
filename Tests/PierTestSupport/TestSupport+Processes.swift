import Foundation
import Subprocess

#if canImport(Glibc)
    import Glibc
#endif

/// Child processes, through swift-subprocess: both outputs read as they are written, a cancelled test ends its
/// children, and no test thread waits on a pipe.
extension TestSupport {
    /// What a finished command left: its exit status (128 + N when signal N ended it, as a shell reports it) and
    /// both outputs.
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// A launched command's standard input: at its end from the start (as `/dev/null`), or open until the test
    /// closes it.
    package enum Input: Sendable {
        case closed
        case open
    }

    /// Runs `executable` to its end in `directory`, with `stdin` as its input.
    @discardableResult
    package static func run(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String],
        stdin: Data? = nil
    ) async throws -> Result {
        try await start(
            executable, arguments, in: directory, environment: environment, input: .open, mergesErrors: false,
            endsAfterBody: false
        ) { command in
            // A command that exits without reading its input is not an error of the test's.
            if let stdin { try? await command.write(stdin) }
            try? await command.closeInput()
        }
    }

    /// Starts `executable` in `directory` and runs `body` while it runs. A command still running when `body`
    /// returns or throws is ended (SIGTERM, then SIGKILL two seconds later). `mergesErrors` sends its standard
    /// error into its standard output, interleaved as written.
    @discardableResult
    package static func launch(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String],
        input: Input = .closed, mergesErrors: Bool = false, _ body: (RunningCommand) async throws -> Void
    ) async throws -> Result {
        try await start(
            executable, arguments, in: directory, environment: environment, input: input, mergesErrors: mergesErrors,
            endsAfterBody: true, body)
    }

    private static func start(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String], input: Input,
        mergesErrors: Bool, endsAfterBody: Bool, _ body: (RunningCommand) async throws -> Void
    ) async throws -> Result {
        _ = brokenPipesIgnored
        let configuration = Configuration(
            executable: .path(.init(executable.path)), arguments: Arguments(arguments),
            environment: .custom(
                Dictionary(
                    environment.compactMap { name, value in Environment.Key(rawValue: name).map { ($0, value) } },
                    uniquingKeysWith: { _, last in last })),
            workingDirectory: .init(directory.path))
        let stop: [TeardownStep] = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        nonisolated(nonsending) func supervise<Errors: ErrorOutputProtocol>(
            _ execution: Execution<CustomWriteInput, SequenceOutput, Errors>, errors: SubprocessOutputSequence?
        ) async throws -> RunningCommand {
            let command = RunningCommand(
                processIdentifier: execution.processIdentifier.value, writer: execution.standardInputWriter)
            if input == .closed { try? await command.closeInput() }
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await read(execution.standardOutput, into: command, errors: false) }
                if let errors { group.addTask { await read(errors, into: command, errors: true) } }
                do {
                    try await body(command)
                } catch {
                    await execution.teardown(using: stop)
                    throw error
                }
                try? await command.closeInput()
                if endsAfterBody, !command.hasExited { await execution.teardown(using: stop) }
                try await group.waitForAll()
                return command
            }
        }
        let status: TerminationStatus
        let command: RunningCommand
        if mergesErrors {
            let outcome = try await Subprocess.run(
                configuration, input: .inputWriter, output: .sequence, error: .combinedWithOutput
            ) { try await supervise($0, errors: nil) }
            (status, command) = (outcome.terminationStatus, outcome.closureResult)
        } else {
            let outcome = try await Subprocess.run(
                configuration, input: .inputWriter, output: .sequence, error: .sequence
            ) { try await supervise($0, errors: $0.standardError) }
            (status, command) = (outcome.terminationStatus, outcome.closureResult)
        }
        let code: Int32
        switch status {
        case .exited(let exitCode): code = exitCode
        case .signaled(let signal): code = 128 + signal
        }
        return Result(status: code, stdout: command.stdout, stderr: command.stderr)
    }

    /// Reads `output` to its end (or the command's) into `command`.
    private static func read(_ output: SubprocessOutputSequence, into command: RunningCommand, errors: Bool) async {
        do {
            for try await chunk in output { command.append(chunk, toErrors: errors) }
        } catch {
            // The command ended, or the test was cancelled: what was read stays.
        }
    }

    /// Writing to a command that exited would otherwise end the test process with SIGPIPE.
    private static let brokenPipesIgnored: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}
