import ArgumentParser
import Foundation

/// The `pier` command: Docker Compose's commands, run by Pier.
@available(macOS 10.15, *)
public struct Pier: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pier",
        abstract: "Define and run multi-container applications (a Docker Compose compatible engine).",
        discussion: """
            Global options, given before the command as with `docker compose`:
              -f, --file FILE          Compose files (repeatable; COMPOSE_FILE)
              -p, --project-name NAME  Project name (COMPOSE_PROJECT_NAME)
              --profile NAME           Profile to enable (COMPOSE_PROFILES)
              --env-file FILE          Environment file (COMPOSE_ENV_FILES)
              --project-directory DIR  Alternate working directory
              --ansi MODE              never, always or auto
              --progress MODE          auto, tty, plain, json or quiet
              --parallel N             Parallel builds at most (COMPOSE_PARALLEL_LIMIT)
            """,
        version: PierVersion.current,
        subcommands: [
            Attach.self, Build.self, Check.self, Config.self, Convert.self, Cp.self, Create.self, Down.self,
            Events.self, Exec.self, Graph.self, Images.self, Kill.self, Lint.self, Logs.self, Ls.self, Pause.self,
            Port.self, Ps.self, Pull.self, Push.self, Restart.self, Rm.self, Run.self, Stack.self, Start.self,
            Stop.self, Top.self, Unpause.self, Up.self, Version.self, Wait.self,
        ]
    )

    public init() {}
}
