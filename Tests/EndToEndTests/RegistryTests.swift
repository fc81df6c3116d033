import Foundation
import PierTestSupport
import Testing

/// `push`, `pull` and `up` pulling, against a real registry on a loopback port.
@Suite(.requiresEngine, .requiresRegistry)
struct RegistryTests {
    /// Runs `body` with a project whose `app` service builds `image` from a Dockerfile with a layer of its own.
    static func withProject(image: String, extra: String = "", _ body: (ScratchProject) async throws -> Void)
        async throws
    {
        try await ScratchProject.with(
            """
            services:
              app:
                image: \(image)
                build: .
                command: ["sleep", "3600"]
                stop_signal: SIGKILL
            \(extra)
            """,
            files: ["Dockerfile": "FROM pier-test/busybox\nRUN echo \(UUID().uuidString) > /id\n"], body)
    }

    @Test func pushThenPullBackWithAProgressLinePerLayer() async throws {
        try await TestRegistry.with { registry in
            let image = "\(registry.host)/piertest/app:v1"
            try await Self.withProject(image: image) { project in
                let config = try project.dockerConfig("docker", "{}")
                let environment = ["DOCKER_CONFIG": config]
                // Not in the registry yet: `create` warns, then builds it, as Compose does.
                let create = try await project.pier(["--progress", "plain", "create"], environment: environment)
                #expect(create.status == 0, "\(create.stderr)")
                #expect(create.stderr.contains(" app Warning manifest for \(image) not found"), "\(create.stderr)")
                #expect(create.stderr.contains("Built"))
                #expect(try await project.pier(["down"], environment: environment).status == 0)
                let push = try await project.pier(["--progress", "json", "push"], environment: environment)
                #expect(push.status == 0, "\(push.stderr)")
                #expect(push.stderr.contains(#"{"id":"Pushing \#(image): "#))
                #expect(push.stderr.contains(#""text":"Pushed","percent":100}"#))

                #expect(try await project.docker("rmi", image).status == 0)
                let pull = try await project.pier(["--progress", "json", "pull"], environment: environment)
                #expect(pull.status == 0, "\(pull.stderr)")
                // A line per layer: pulled, or already there (BuildKit's cache keeps the layers it built).
                #expect(
                    pull.stderr.contains(#""parent_id":"app","text":"Pull complete","percent":100}"#)
                        || pull.stderr.contains(#""parent_id":"app","text":"Already exists","percent":100}"#),
                    "\(pull.stderr)")
                #expect(pull.stderr.contains(#"{"id":"app","text":"Pulled"}"#))
                #expect(try await project.docker("image", "inspect", image).status == 0)

                // `up` pulls what is missing, and `down --rmi all` removes it again.
                #expect(try await project.docker("rmi", image).status == 0)
                let up = try await project.pier(["--progress", "plain", "up", "-d"], environment: environment)
                #expect(up.status == 0, "\(up.stderr)")
                #expect(up.stderr.contains(" app Pulled "))
                let images = try await project.pier(["images", "--format", "json"], environment: environment)
                #expect(images.stdout.contains(#""Repository":"\#(registry.host)/piertest/app","Tag":"v1""#))
                #expect(try await project.pier(["down", "--rmi", "all"], environment: environment).status == 0)
                #expect(try await project.docker("image", "inspect", image).status != 0)
            }
        }
    }

    @Test func buildPushPushesWhatItBuilt() async throws {
        try await TestRegistry.with { registry in
            let image = "\(registry.host)/piertest/built:v1"
            try await Self.withProject(image: image) { project in
                let config = try project.dockerConfig("docker", "{}")
                let environment = ["DOCKER_CONFIG": config]
                let build = try await project.pier(
                    ["--progress", "plain", "build", "--push"], environment: environment)
                #expect(build.status == 0, "\(build.stderr)")
                // What the registry holds now is what was built: removed here, it comes back from the registry.
                let built = try await project.docker("image", "inspect", "--format", "{{.Id}}", image).stdout
                #expect(try await project.docker("rmi", image).status == 0)
                #expect(try await project.pier(["pull", "-q"], environment: environment).status == 0)
                #expect(try await project.docker("image", "inspect", "--format", "{{.Id}}", image).stdout == built)
                #expect(try await project.docker("rmi", image).status == 0)
            }
        }
    }

    @Test func aRegistryThatWantsAPasswordGetsItFromAuthsOrACredentialHelper() async throws {
        try await TestRegistry.with(user: ("alice", "s3cret")) { registry in
            let image = "\(registry.host)/piertest/secret:v1"
            try await Self.withProject(image: image) { project in
                let anonymous = ["DOCKER_CONFIG": try project.dockerConfig("anonymous", "{}")]
                let auth = Data("alice:s3cret".utf8).base64EncodedString()
                let auths = [
                    "DOCKER_CONFIG": try project.dockerConfig(
                        "auths", #"{"auths":{"\#(registry.host)":{"auth":"\#(auth)"}}}"#)
                ]
                #expect(try await project.pier(["build"], environment: anonymous).status == 0)

                let refused = try await project.pier(["push"], environment: anonymous)
                #expect(refused.status == 1)
                #expect(refused.stderr.contains("no basic auth credentials"), "\(refused.stderr)")
                #expect(refused.stderr.contains("log in with `docker login \(registry.host)`"))
                let pushed = try await project.pier(["push"], environment: auths)
                #expect(pushed.status == 0, "\(pushed.stderr)")

                #expect(try await project.docker("rmi", image).status == 0)
                let notPulled = try await project.pier(["pull"], environment: anonymous)
                #expect(notPulled.status == 1)
                #expect(notPulled.stderr.contains("wants credentials"), "\(notPulled.stderr)")
                // A credential helper answering with the real protocol, found in PATH.
                let bin = project.directory.appendingPathComponent("bin")
                try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
                let helper = bin.appendingPathComponent("docker-credential-piertest")
                try """
                #!/bin/sh
                [ "$1" = get ] || exit 3
                read -r server
                [ "$server" = "\(registry.host)" ] || { echo "credentials not found in native keychain"; exit 1; }
                echo '{"ServerURL":"\(registry.host)","Username":"alice","Secret":"s3cret"}'
                """.write(to: helper, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: helper.path)
                let store = [
                    "DOCKER_CONFIG": try project.dockerConfig("store", #"{"credsStore":"piertest"}"#),
                    "PATH": bin.path + ":" + project.environment["PATH", default: "/usr/bin:/bin"],
                ]
                let pulled = try await project.pier(["pull"], environment: store)
                #expect(pulled.status == 0, "\(pulled.stderr)")
                #expect(try await project.docker("image", "inspect", image).status == 0)
            }
        }
    }

    @Test func aBuildPullsItsBaseImageWithTheRegistryCredentials() async throws {
        try await TestRegistry.with(user: ("bob", "b4se")) { registry in
            let base = "\(registry.host)/piertest/base:v1"
            try await ScratchProject.with(
                """
                services:
                  base: {image: "\(base)", build: ./base}
                  app: {image: "\(registry.host)/piertest/derived:v1", build: ./app}
                """,
                files: [
                    "base/Dockerfile": "FROM pier-test/busybox\nRUN echo \(UUID().uuidString) > /base\n",
                    "app/Dockerfile": "FROM \(base)\nRUN cat /base > /derived\n",
                ]
            ) { project in
                let auth = Data("bob:b4se".utf8).base64EncodedString()
                let auths = [
                    "DOCKER_CONFIG": try project.dockerConfig(
                        "auths", #"{"auths":{"\#(registry.host)":{"auth":"\#(auth)"}}}"#)
                ]
                let anonymous = ["DOCKER_CONFIG": try project.dockerConfig("anonymous", "{}")]
                #expect(try await project.pier(["build", "base"], environment: auths).status == 0)
                #expect(try await project.pier(["push", "base"], environment: auths).status == 0)
                #expect(try await project.docker("rmi", base).status == 0)

                let refused = try await project.pier(["build", "app"], environment: anonymous)
                #expect(refused.status == 1)
                #expect(
                    refused.stderr.contains("no basic auth credentials") || refused.stderr.contains("401 Unauthorized"),
                    "\(refused.stderr)")
                #expect(refused.stderr.contains("wants credentials for \(base)"), "\(refused.stderr)")
                let built = try await project.pier(["build", "app"], environment: auths)
                #expect(built.status == 0, "\(built.stderr)")
                #expect(
                    try await project.docker("image", "inspect", "\(registry.host)/piertest/derived:v1").status == 0)
            }
        }
    }
}
