import Foundation
import Testing

/// `push`, `pull` and `up` pulling, against a real registry on a loopback port.
@Suite(.enabled(if: TestRegistry.enabled, TestRegistry.skipMessage))
struct RegistryTests {
    /// A project whose `app` service builds `image` from a Dockerfile with a layer of its own.
    static func project(image: String, extra: String = "") throws -> ScratchProject {
        try ScratchProject(
            """
            services:
              app:
                image: \(image)
                build: .
                command: ["sleep", "3600"]
                stop_signal: SIGKILL
            \(extra)
            """,
            files: ["Dockerfile": "FROM pier-test/busybox\nRUN echo \(UUID().uuidString) > /id\n"])
    }

    @Test func pushThenPullBackWithAProgressLinePerLayer() throws {
        let registry = try TestRegistry()
        let image = "\(registry.host)/piertest/app:v1"
        let project = try Self.project(image: image)
        let config = try project.dockerConfig("docker", "{}")
        defer {
            project.cleanUp()
            registry.stop()
        }
        let environment = ["DOCKER_CONFIG": config]
        // Not in the registry yet: `create` warns, then builds it, as Compose does.
        let create = try project.pier(["--progress", "plain", "create"], environment: environment)
        #expect(create.status == 0, "\(create.stderr)")
        #expect(create.stderr.contains(" app Warning manifest for \(image) not found"), "\(create.stderr)")
        #expect(create.stderr.contains("Built"))
        #expect(try project.pier(["down"], environment: environment).status == 0)
        let push = try project.pier(["--progress", "json", "push"], environment: environment)
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stderr.contains(#"{"id":"Pushing \#(image): "#))
        #expect(push.stderr.contains(#""text":"Pushed","percent":100}"#))

        #expect(try project.docker("rmi", image).status == 0)
        let pull = try project.pier(["--progress", "json", "pull"], environment: environment)
        #expect(pull.status == 0, "\(pull.stderr)")
        #expect(pull.stderr.contains(#""parent_id":"app","text":"Pull complete","percent":100}"#))
        #expect(pull.stderr.contains(#"{"id":"app","text":"Pulled"}"#))
        #expect(try project.docker("image", "inspect", image).status == 0)

        // `up` pulls what is missing, and `down --rmi all` removes it again.
        #expect(try project.docker("rmi", image).status == 0)
        let up = try project.pier(["--progress", "plain", "up", "-d"], environment: environment)
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stderr.contains(" app Pulled "))
        let images = try project.pier(["images", "--format", "json"], environment: environment)
        #expect(images.stdout.contains(#""Repository":"\#(registry.host)/piertest/app","Tag":"v1""#))
        #expect(try project.pier(["down", "--rmi", "all"], environment: environment).status == 0)
        #expect(try project.docker("image", "inspect", image).status != 0)
    }

    @Test func buildPushPushesWhatItBuilt() throws {
        let registry = try TestRegistry()
        let image = "\(registry.host)/piertest/built:v1"
        let project = try Self.project(image: image)
        let config = try project.dockerConfig("docker", "{}")
        defer {
            project.cleanUp()
            registry.stop()
        }
        let environment = ["DOCKER_CONFIG": config]
        let build = try project.pier(["--progress", "plain", "build", "--push"], environment: environment)
        #expect(build.status == 0, "\(build.stderr)")
        // What the registry holds now is what was built: removed here, it comes back from the registry.
        let built = try project.docker("image", "inspect", "--format", "{{.Id}}", image).stdout
        #expect(try project.docker("rmi", image).status == 0)
        #expect(try project.pier(["pull", "-q"], environment: environment).status == 0)
        #expect(try project.docker("image", "inspect", "--format", "{{.Id}}", image).stdout == built)
        #expect(try project.docker("rmi", image).status == 0)
    }

    @Test func aRegistryThatWantsAPasswordGetsItFromAuthsOrACredentialHelper() throws {
        let registry = try TestRegistry(user: ("alice", "s3cret"))
        let image = "\(registry.host)/piertest/secret:v1"
        let project = try Self.project(image: image)
        defer {
            project.cleanUp()
            registry.stop()
        }
        let anonymous = ["DOCKER_CONFIG": try project.dockerConfig("anonymous", "{}")]
        let auth = Data("alice:s3cret".utf8).base64EncodedString()
        let auths = [
            "DOCKER_CONFIG": try project.dockerConfig("auths", #"{"auths":{"\#(registry.host)":{"auth":"\#(auth)"}}}"#)
        ]
        #expect(try project.pier(["build"], environment: anonymous).status == 0)

        let refused = try project.pier(["push"], environment: anonymous)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no basic auth credentials"), "\(refused.stderr)")
        #expect(refused.stderr.contains("log in with `docker login \(registry.host)`"))
        let pushed = try project.pier(["push"], environment: auths)
        #expect(pushed.status == 0, "\(pushed.stderr)")

        #expect(try project.docker("rmi", image).status == 0)
        let notPulled = try project.pier(["pull"], environment: anonymous)
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
        let pulled = try project.pier(["pull"], environment: store)
        #expect(pulled.status == 0, "\(pulled.stderr)")
        #expect(try project.docker("image", "inspect", image).status == 0)
    }

    @Test func aBuildPullsItsBaseImageWithTheRegistryCredentials() throws {
        let registry = try TestRegistry(user: ("bob", "b4se"))
        let base = "\(registry.host)/piertest/base:v1"
        let project = try ScratchProject(
            """
            services:
              base: {image: "\(base)", build: ./base}
              app: {image: "\(registry.host)/piertest/derived:v1", build: ./app}
            """,
            files: [
                "base/Dockerfile": "FROM pier-test/busybox\nRUN echo \(UUID().uuidString) > /base\n",
                "app/Dockerfile": "FROM \(base)\nRUN cat /base > /derived\n",
            ])
        defer {
            project.cleanUp()
            registry.stop()
        }
        let auth = Data("bob:b4se".utf8).base64EncodedString()
        let auths = [
            "DOCKER_CONFIG": try project.dockerConfig("auths", #"{"auths":{"\#(registry.host)":{"auth":"\#(auth)"}}}"#)
        ]
        let anonymous = ["DOCKER_CONFIG": try project.dockerConfig("anonymous", "{}")]
        #expect(try project.pier(["build", "base"], environment: auths).status == 0)
        #expect(try project.pier(["push", "base"], environment: auths).status == 0)
        #expect(try project.docker("rmi", base).status == 0)

        let refused = try project.pier(["build", "app"], environment: anonymous)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no basic auth credentials"), "\(refused.stderr)")
        let built = try project.pier(["build", "app"], environment: auths)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try project.docker("image", "inspect", "\(registry.host)/piertest/derived:v1").status == 0)
    }
}
