import Foundation
import Testing

/// Which images `pull` and `up` pull, by `pull_policy` and flags, compared with the reference on one registry.
@Suite(.enabled(if: TestRegistry.enabled, TestRegistry.skipMessage))
struct PullPolicyEndToEndTests {
    /// A registry holding `base:v1` and `base:latest` (busybox), also present locally.
    static func registryWithBase(_ project: ScratchProject) throws -> TestRegistry {
        let registry = try TestRegistry()
        for tag in ["v1", "latest"] {
            let image = "\(registry.host)/\(project.name)/base:\(tag)"
            #expect(try project.docker("tag", "pier-test/busybox:latest", image).status == 0)
            #expect(try project.docker("push", "-q", image).status == 0)
        }
        return registry
    }

    @Test func pullSkipsAndPullsAsTheReferenceDoes() throws {
        let placeholder = try ScratchProject("services: {}")
        let registry = try Self.registryWithBase(placeholder)
        let base = "\(registry.host)/\(placeholder.name)/base"
        let project = try ScratchProject(
            """
            services:
              never: {image: "\(base):v1", pull_policy: never}
              build: {image: "\(base):v1", pull_policy: build, build: .}
              missing: {image: "\(base):v1", pull_policy: missing}
              latest: {image: "\(base):latest", depends_on: [missing]}
              buildonly: {build: .}
              buildimg: {image: "\(registry.host)/\(placeholder.name)/notpushed:v1", build: .}
            """, files: ["Dockerfile": "FROM pier-test/busybox\n"])
        defer {
            project.cleanUp()
            placeholder.cleanUp()
            registry.stop()
        }
        let pier = try project.pier("--progress", "plain", "pull")
        let reference = try project.reference("--progress", "plain", "pull")
        #expect(pier.status == 1 && reference.status == 1)
        // The same lines, in whatever order the concurrent pulls print them; the last names the failure.
        func lines(_ text: String) -> [String] {
            text.replacingOccurrences(of: "docker compose build", with: "pier build").split(separator: "\n")
                .map(String.init).filter { !$0.hasPrefix("Error") }.sorted()
        }
        #expect(lines(pier.stderr) == lines(reference.stderr))
        #expect(lines(pier.stderr).contains(" missing Skipped - Image is already present locally "))
        let buildable = try project.pier("--progress", "plain", "pull", "--ignore-buildable")
        let referenceBuildable = try project.reference("--progress", "plain", "pull", "--ignore-buildable")
        #expect(buildable.status == 0 && referenceBuildable.status == 0)
        #expect(lines(buildable.stderr) == lines(referenceBuildable.stderr))
        #expect(
            pier.stderr.contains(
                "Error: service \"buildimg\": cannot pull \(registry.host)/\(placeholder.name)/notpushed:v1: manifest for"
            ))

        // `--policy always` pulls even what `pull_policy: never` leaves alone; failures can be ignored.
        let always = try project.pier("--progress", "plain", "pull", "--policy", "always", "never")
        #expect(always.status == 0 && always.stderr.contains(" never Pulled "), "\(always.stderr)")
        let alone = try project.pier("--progress", "plain", "pull", "latest")
        let withDependencies = try project.pier("--progress", "plain", "pull", "--include-deps", "latest")
        #expect(alone.status == 0 && withDependencies.status == 0)
        #expect(!alone.stderr.contains(" missing ") && withDependencies.stderr.contains(" missing Skipped"))
        let ignoring = try project.pier("--progress", "plain", "pull", "--ignore-pull-failures")
        #expect(ignoring.status == 0, "\(ignoring.stderr)")
        #expect(try project.pier("pull", "--policy", "sometimes").stderr.contains("invalid --policy"))
    }

    @Test func dailyPullsAgainOnlyWhenTheImageWasLastTaggedADayAgo() throws {
        let registry = try TestRegistry()
        let image = "\(registry.host)/piertest/daily:v1"
        let project = try RegistryTests.project(image: image, extra: "    pull_policy: daily")
        defer {
            project.cleanUp()
            registry.stop()
        }
        #expect(try project.pier("build").status == 0)
        #expect(try project.pier("push").status == 0)
        // Built (so tagged) just now: fresh enough.
        let fresh = try project.pier("--progress", "plain", "create")
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(!fresh.stderr.contains("Pulling"))
        // A pulled image has no last tag time: `daily` pulls it again.
        #expect(try project.docker("rmi", "-f", image).status == 0)
        #expect(try project.docker("pull", "-q", image).status == 0)
        let stale = try project.pier("--progress", "plain", "create")
        #expect(stale.status == 0, "\(stale.stderr)")
        #expect(stale.stderr.contains(" app Pulled "), "\(stale.stderr)")
    }
}
