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
              --all-resources          Keep the resources no service uses
              --ansi MODE              never, always or auto (COMPOSE_ANSI)
              --compatibility          Compose v1 names (COMPOSE_COMPATIBILITY)
              --env-file FILE          Environment file (COMPOSE_ENV_FILES)
              -f, --file FILE          Compose file or oci:// project (COMPOSE_FILE)
              --parallel N             Parallel builds at most (COMPOSE_PARALLEL_LIMIT)
              --profile NAME           Profile to enable (COMPOSE_PROFILES)
              --progress MODE          auto, tty, plain, json, quiet (COMPOSE_PROGRESS)
              --project-directory DIR  Alternate working directory
              -p, --project-name NAME  Project name (COMPOSE_PROJECT_NAME)
            """,
        subcommands: [
            Attach.self, Build.self, Check.self, Commit.self, Completion.self, Complete.self, Config.self,
            Convert.self, Cp.self, Create.self, Dashboard.self, Down.self, Events.self, Exec.self, Export.self,
            Graph.self, Images.self, Kill.self, Lint.self, Logs.self, Ls.self, Pause.self, PlanCommand.self, Port.self,
            Ps.self, Publish.self, Pull.self,
            Push.self, Restart.self, Rm.self, Run.self, Scale.self, Stack.self, Start.self, Stats.self, Stop.self,
            Top.self, Unpause.self, Up.self, Version.self, Volumes.self, Wait.self, Watch.self,
        ]
    )

    public init() {}
}
