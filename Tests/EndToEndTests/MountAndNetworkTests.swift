import Foundation
import PierTestSupport
import Testing

/// Networks, aliases and mounts as the containers see them.
@Suite(.requiresEngine)
struct MountAndNetworkTests {
    @Test func servicesReachEachOtherByNameAndAliasOnACustomNetwork() async throws {
        try await ScratchProject.with(
            """
            services:
              api:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                networks: {back: {aliases: [backend]}}
              client:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                networks: [back, front]
            networks:
              back: {internal: true}
              front: {}
            """
        ) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            for name in ["api", "backend"] {
                let lookup = try await project.docker(
                    "exec", "\(project.name)-client-1", "ping", "-c", "1", "-W", "2", name)
                #expect(lookup.status == 0, "client cannot reach \(name): \(lookup.stdout)\(lookup.stderr)")
            }
            let networks = try await project.docker(
                "inspect", "\(project.name)-client-1", "--format",
                "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}")
            #expect(
                Set(
                    networks.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                        .filter { !$0.isEmpty })
                    == ["\(project.name)_back", "\(project.name)_front"])
            let isInternal = try await project.docker(
                "network", "inspect", "\(project.name)_back", "--format", "{{.Internal}}")
            #expect(isInternal.stdout.contains("true"))
        }
    }

    @Test func bindTmpfsAndSecretMounts() async throws {
        try await ScratchProject.with(
            """
            services:
              app:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                volumes: ["./data:/data", {type: tmpfs, target: /scratch}]
                secrets: [token]
            secrets:
              token: {file: ./token.txt}
            """, files: ["token.txt": "s3cret\n"]
        ) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            // The bind source was created on the host, and writes show through.
            #expect(try await project.docker("exec", "\(project.name)-app-1", "touch", "/data/written").status == 0)
            #expect(
                FileManager.default.fileExists(atPath: project.directory.appendingPathComponent("data/written").path))
            let secret = try await project.docker("exec", "\(project.name)-app-1", "cat", "/run/secrets/token")
            #expect(secret.stdout == "s3cret\n")
            let tmpfs = try await project.docker(
                "exec", "\(project.name)-app-1", "sh", "-c", "grep ' /scratch ' /proc/mounts")
            #expect(tmpfs.stdout.contains("tmpfs"))
        }
    }

    @Test func anonymousVolumesSurviveRecreationUnlessRenewed() async throws {
        try await ScratchProject.with(
            """
            services:
              app: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, volumes: [/cache]}
            """
        ) { project throws in
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await project.docker("exec", "\(project.name)-app-1", "touch", "/cache/kept").status == 0)
            #expect(try await project.pier("up", "-d", "--force-recreate").status == 0)
            #expect(try await project.docker("exec", "\(project.name)-app-1", "ls", "/cache/kept").status == 0)
            // Renewing leaves the old volume behind, unlabelled, as the reference does: removed when the test ends.
            let old = try await project.docker(
                "inspect", "\(project.name)-app-1", "--format", "{{range .Mounts}}{{.Name}}{{end}}")
            let volume = old.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            await project.onCleanUp { _ = try? await project.docker("volume", "rm", volume) }
            #expect(try await project.pier("up", "-d", "--force-recreate", "--renew-anon-volumes").status == 0)
            #expect(try await project.docker("exec", "\(project.name)-app-1", "ls", "/cache/kept").status != 0)
        }
    }

    @Test func secretsAndConfigsFromEnvironmentAndContentAreWrittenIn() async throws {
        try await ScratchProject.with(
            """
            services:
              app:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                secrets: [token]
                configs: [{source: settings, target: /etc/app/settings.conf}]
            secrets:
              token: {environment: TOKEN}
            configs:
              settings: {content: "debug = true"}
            """, files: [".env": "TOKEN=from-dotenv\n"]
        ) { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            let token = try await project.docker("exec", "\(project.name)-app-1", "cat", "/run/secrets/token")
            #expect(token.stdout == "from-dotenv")
            let settings = try await project.docker("exec", "\(project.name)-app-1", "cat", "/etc/app/settings.conf")
            #expect(settings.stdout == "debug = true")
        }
    }

    @Test(.requiresReference) func networkModeServiceSharesTheOtherContainersNetwork() async throws {
        try await ScratchProject.with(
            """
            services:
              vpn: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, hostname: gateway}
              app: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, network_mode: "service:vpn"}
            """
        ) { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            let vpn = try await project.docker("inspect", "\(project.name)-vpn-1", "--format", "{{.Id}}")
            let mode = try await project.docker(
                "inspect", "\(project.name)-app-1", "--format", "{{.HostConfig.NetworkMode}}")
            #expect(
                mode.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "container:"
                    + vpn.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            // Docker Compose's logs and ps read the stack Pier started.
            #expect(try await project.reference("logs").status == 0)
            #expect(try await project.reference("ps", "-q").stdout.split(separator: "\n").count == 2)
        }
    }
}
