import Foundation
import Testing

@testable import PierCLI

/// `pier convert`: where it writes, the loss report on standard error, and its usage errors.
struct ConvertCommandTests {
    static let compose = """
        services:
          web:
            image: nginx
            privileged: true
            logging: {driver: syslog}
            volumes: [./html:/usr/share/nginx/html:ro, data:/data]
        volumes:
          data: {}
        """

    @Test func kubernetesWritesOneFilePerObjectAndAKustomization() async throws {
        let project = try ProjectDirectory(Self.compose)
        defer { project.remove() }
        let output = project.path + "/k8s"
        let run = await CommandRun.run(
            "-f", project.file, "-p", "shop", "convert", "kubernetes", "-o", output, "--kustomize", "--namespace", "web"
        )
        #expect(run.status == 0, "\(run.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(
            files == [
                "default-network-networkpolicy.yaml", "kustomization.yaml", "shop-data-persistentvolumeclaim.yaml",
                "web-service.yaml", "web-statefulset.yaml",
            ])
        let kustomization = try String(contentsOfFile: output + "/kustomization.yaml", encoding: .utf8)
        #expect(kustomization.contains("namespace: web\n"))
        #expect(kustomization.contains("  - web-statefulset.yaml\n"))
        // The losses, each with where it was written; the bind mount among them.
        #expect(run.error.contains("compose.yaml:5:5: services.web.logging: Kubernetes has no equivalent"))
        #expect(run.error.contains("compose.yaml:6:15: services.web.volumes[0]: a bind mount of"))
        #expect(!run.error.contains("privileged"))
    }

    @Test func kubernetesStreamsToStandardOutput() async throws {
        let project = try ProjectDirectory(Self.compose)
        defer { project.remove() }
        let run = await CommandRun.run("-f", project.file, "-p", "shop", "convert", "kubernetes", "--host-path")
        #expect(run.status == 0)
        #expect(run.output.components(separatedBy: "---\n").count == 4)
        #expect(run.output.contains("hostPath:"))
        #expect(!run.error.contains("volumes[0]"))
    }

    @Test func kustomizeNeedsAFolder() async throws {
        let run = await CommandRun.run("convert", "kubernetes", "--kustomize")
        #expect(run.status == 1)
        #expect(run.error.contains("--kustomize needs -o DIR"))
    }

    @Test func swarmWritesAStackFile() async throws {
        let project = try ProjectDirectory(Self.compose)
        defer { project.remove() }
        let run = await CommandRun.run("-f", project.file, "-p", "shop", "convert", "swarm")
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("version: \"3.9\"\n"))
        #expect(run.error.contains("compose.yaml:4:5: services.web.privileged: Swarm services have no privileged"))
        #expect(!run.error.contains("logging"))
    }
}
