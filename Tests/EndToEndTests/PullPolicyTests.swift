import Foundation
import PierTestSupport
import Testing

/// Which images `pull` and `up` pull, by `pull_policy` and flags, compared with the reference on one registry.
@Suite(.requiresEngine, .requiresRegistry, .requiresReference)
struct PullPolicyEndToEndTests {
    /// Pushes `base:v1` and `base:latest` (busybox) to `registry`, under `project`'s name; also present locally.
    static func pushBase(to registry: TestRegistry, as project: ScratchProject) async throws {
        for tag in ["v1", "latest"] {
            let image = "\(registry.host)/\(project.name)/base:\(tag)"
            #expect(try await project.docker("tag", "pier-test/busybox:latest", image).status == 0)
            #expect(try await project.docker("push", "-q", image).status == 0)
        }
    }

    @Test func pullSkipsAndPullsAsTheReferenceDoes() async throws {
        try await ScratchProject.with("services: {}") { placeholder in
            try await TestRegistry.with { registry in
                try await Self.pushBase(to: registry, as: placeholder)
                let base = "\(registry.host)/\(placeholder.name)/base"
                try await ScratchProject.with(
                    """
                    services:
                      never: {image: "\(base):v1", pull_policy: never}
                      build: {image: "\(base):v1", pull_policy: build, build: .}
                      missing: {image: "\(base):v1", pull_policy: missing}
                      latest: {image: "\(base):latest", depends_on: [missing]}
                      buildonly: {build: .}
                      buildimg: {image: "\(registry.host)/\(placeholder.name)/notpushed:v1", build: .}
                    """, files: ["Dockerfile": "FROM pier-test/busybox\n"]
                ) { project in
                    let pier = try await project.pier("--progress", "plain", "pull")
                    let reference = try await project.reference("--progress", "plain", "pull")
                    #expect(pier.status == 1 && reference.status == 1)
                    // The same lines, in whatever order the concurrent pulls print them, but for the last, which
                    // names the failure (in Pier's words).
                    func lines(_ text: String) -> [String] {
                        text.replacingOccurrences(of: "docker compose build", with: "pier build").split(separator: "\n")
                            .dropLast().map(String.init).sorted()
                    }
                    #expect(lines(pier.stderr) == lines(reference.stderr))
                    #expect(lines(pier.stderr).contains(" missing Skipped - Image is already present locally "))
                    let buildable = try await project.pier("--progress", "plain", "pull", "--ignore-buildable")
                    let referenceBuildable = try await project.reference(
                        "--progress", "plain", "pull", "--ignore-buildable")
                    #expect(buildable.status == 0 && referenceBuildable.status == 0)
                    #expect(lines(buildable.stderr) == lines(referenceBuildable.stderr))
                    #expect(
                        pier.stderr.contains(
                            "service \"buildimg\": cannot pull \(registry.host)/\(placeholder.name)/notpushed:v1: manifest for"
                        ))

                    // `--policy always` pulls even what `pull_policy: never` leaves alone; failures can be ignored.
                    let always = try await project.pier("--progress", "plain", "pull", "--policy", "always", "never")
                    #expect(always.status == 0 && always.stderr.contains(" never Pulled "), "\(always.stderr)")
                    let alone = try await project.pier("--progress", "plain", "pull", "latest")
                    let withDependencies = try await project.pier(
                        "--progress", "plain", "pull", "--include-deps", "latest")
                    #expect(alone.status == 0 && withDependencies.status == 0)
                    #expect(!alone.stderr.contains(" missing ") && withDependencies.stderr.contains(" missing Skipped"))
                    let ignoring = try await project.pier("--progress", "plain", "pull", "--ignore-pull-failures")
                    #expect(ignoring.status == 0, "\(ignoring.stderr)")
                    #expect(try await project.pier("pull", "--policy", "sometimes").stderr.contains("invalid --policy"))
                }
            }
        }
    }

    @Test func dailyPullsAgainOnlyWhenTheImageWasLastTaggedADayAgo() async throws {
        try await TestRegistry.with { registry in
            let image = "\(registry.host)/piertest/daily:v1"
            try await RegistryTests.withProject(image: image, extra: "    pull_policy: daily") { project in
                // The classic builder tags the image (BuildKit 0.8 in Engine 20.10 leaves no last tag time, for the
                // reference as for Pier; Engine 26.1's does).
                #expect(try await project.pier(["build"], environment: ["DOCKER_BUILDKIT": "0"]).status == 0)
                #expect(try await project.pier("push").status == 0)
                // Built (so tagged) just now: fresh enough.
                let fresh = try await project.pier("--progress", "plain", "create")
                #expect(fresh.status == 0, "\(fresh.stderr)")
                #expect(!fresh.stderr.contains("Pulling"))
                // A pulled image has no last tag time: `daily` pulls it again.
                #expect(try await project.docker("rmi", "-f", image).status == 0)
                #expect(try await project.docker("pull", "-q", image).status == 0)
                let stale = try await project.pier("--progress", "plain", "create")
                #expect(stale.status == 0, "\(stale.stderr)")
                #expect(stale.stderr.contains(" app Pulled "), "\(stale.stderr)")
            }
        }
    }
}
