import DockerEngine
import Testing

@testable import Orchestration

/// Secrets and configs without Swarm, as Docker Compose 2.40.3 provides them: file-based ones bind-mounted
/// read-only, the others written into the container before start.
@Suite struct SecretsAndConfigsTests {
    static let yaml = """
        services:
          s:
            image: pier-test/busybox
            secrets:
              - filesec
              - {source: filesec, target: /abs/filesec}
              - {source: filesec, target: rel/sec}
              - {source: envsec, target: envsec, uid: "100", gid: "101", mode: 0400}
            configs:
              - filecfg
              - {source: filecfg, target: rel/conf}
              - {source: inline, target: /etc/inline.conf, mode: 0600}
              - inline
              - {source: envcfg, uid: "5"}
        secrets:
          filesec: {file: ./s.txt}
          envsec: {environment: MYSECRET}
        configs:
          filecfg: {file: ./c.txt}
          inline: {content: "hello $${X}"}
          envcfg: {environment: MYCFG}
        """

    @Test func fileBasedOnesAreReadOnlyBindMounts() throws {
        let project = try ServiceFixture.project(
            Self.yaml, files: ["s.txt": "sec", "c.txt": "cfg"], environment: ["MYSECRET": "topsecret", "MYCFG": "v"])
        let request = try ContainerSpec.createBody(
            project: project, serviceName: "s", service: try #require(project.document["services"]?["s"]),
            number: 1, apiVersion: (1, 41))
        let directory = project.workingDirectory
        let mounts = [
            ("s.txt", "/run/secrets/filesec"), ("s.txt", "/abs/filesec"), ("s.txt", "/run/secrets/rel/sec"),
            ("c.txt", "/filecfg"), ("c.txt", "/rel/conf"),
        ].map { file, target -> JSONValue in
            .object([
                "Type": "bind", "Source": .string("\(directory)/\(file)"), "Target": .string(target), "ReadOnly": true,
            ])
        }
        #expect(request[host: "Mounts"] == .array(mounts))
        #expect(
            request.files == [
                ContainerFile(
                    path: "/run/secrets/envsec", content: Array("topsecret".utf8), mode: 0o400, uid: 100, gid: 101),
                ContainerFile(path: "/etc/inline.conf", content: Array("hello ${X}".utf8), mode: 0o600),
                ContainerFile(path: "/inline", content: Array("hello ${X}".utf8)),
                ContainerFile(path: "/envcfg", content: Array("v".utf8), uid: 5),
            ])
        #expect(request.files.map(\.copiesOwner) == [true, false, false, true])
        #expect(request.warnings.isEmpty)
    }

    @Test func aFileBasedSecretWithOwnerOrModeIsCopiedInWithThem() throws {
        // Docker Compose ignores them outside Swarm (with a warning) and bind-mounts the file as the host has it.
        let request = try ServiceFixture.request(
            "services:\n  s:\n    image: x\n    secrets: [{source: f, mode: 0400, uid: '7'}, g]\n"
                + "secrets:\n  f: {file: ./f}\n  g: {file: ./g}\n",
            files: ["f": "the secret\n", "g": "bind-mounted"])
        #expect(request.warnings.isEmpty)
        #expect(
            request.files == [
                ContainerFile(path: "/run/secrets/f", content: Array("the secret\n".utf8), mode: 0o400, uid: 7)
            ])
        #expect(request[host: "Mounts"]?.arrayValue?.count == 1)
    }

    @Test func aFileBasedSecretThatCannotBeReadIsAnErrorAtItsService() throws {
        let error = #expect(throws: OrchestrationError.self) {
            try ServiceFixture.request(
                "services:\n  s:\n    image: x\n    secrets: [{source: f, mode: 0400}]\nsecrets:\n  f: {file: ./f}\n")
        }
        #expect(error?.code == .unreadableFile)
        #expect(error?.location?.line == 4)
    }

    @Test func aFileDescribesItselfWithoutItsContent() {
        let file = ContainerFile(path: "/run/secrets/token", content: Array("hunter2".utf8), mode: 0o400, uid: 1)
        for text in [String(describing: file), String(reflecting: file), "\(file)", "\([file])"] {
            #expect(!text.contains("hunter2"))
            #expect(text.contains("/run/secrets/token"))
        }
        var dumped = ""
        dump(file, to: &dumped)
        #expect(!dumped.contains("104"))  // the bytes of "hunter2" start with 104 ("h")
    }

    @Test func anUnsetVariableIsAnError() throws {
        let error = #expect(throws: OrchestrationError.self) {
            try ServiceFixture.request(
                "services:\n  s:\n    image: x\n    configs: [ec]\nconfigs:\n  ec: {environment: UNSET_VAR_XYZ}\n")
        }
        #expect(
            error?.message
                == "service \"s\": environment variable \"UNSET_VAR_XYZ\" required by config \"proj_ec\" is not set")
        #expect(error?.service == "s")
        #expect(error?.location?.line == 4)
        #expect(error?.description.hasPrefix("\(error?.location?.file ?? "?"):4:") == true)
    }

    @Test func apiSocketCopiesACLIConfiguration() throws {
        let request = try ServiceFixture.request("services:\n  s:\n    image: x\n    use_api_socket: true\n")
        #expect(
            request.files == [
                ContainerFile(path: "/run/secrets/docker/config.json", content: Array("{\n\t\"auths\": {}\n}".utf8))
            ])
    }
}
