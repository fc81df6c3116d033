import ComposeSpec
import DockerEngine
import Testing

@testable import Orchestration

/// Labels and names exactly as Docker Compose 2.40.3 writes them.
@Suite struct ComposeLabelsTests {
    static let yaml = """
        services:
          app:
            image: x
            labels: {my.label: x, com.docker.compose.project: hijack}
            depends_on:
              db: {condition: service_started}
              cache: {condition: service_healthy, restart: true, required: false}
          db: {image: x}
          cache: {image: x}
        """

    @Test func serviceContainer() throws {
        let project = try ServiceFixture.project(Self.yaml)
        let service = try #require(project.document["services"]?["app"])
        let request = try ContainerSpec.createBody(
            project: project, serviceName: "app", service: service, number: 2, apiVersion: (1, 41),
            options: ContainerCreateOptions(imageID: "sha256:abc"))
        #expect(request.name == "proj-app-2")
        #expect(
            request.labels == [
                "my.label": "x",
                "com.docker.compose.project": "proj",
                "com.docker.compose.service": "app",
                "com.docker.compose.container-number": "2",
                "com.docker.compose.oneoff": "False",
                "com.docker.compose.version": "2.40.3",
                "com.docker.compose.config-hash": ServiceHash.of(service),
                "com.docker.compose.image": "sha256:abc",
                "com.docker.compose.project.working_dir": project.workingDirectory,
                "com.docker.compose.project.config_files": project.workingDirectory + "/compose.yaml",
                // `restart` defaults to false; `required` is not part of the label.
                "com.docker.compose.depends_on": "cache:service_healthy:true,db:service_started:false",
            ])
    }

    @Test func implicitDependenciesAreInTheLabel() throws {
        let request = try ServiceFixture.request(
            "services:\n  s:\n    image: x\n    network_mode: \"service:db\"\n  db: {image: x}\n")
        #expect(request.labels["com.docker.compose.depends_on"] == "db:service_started:true")
    }

    @Test func oneOffContainer() throws {
        let slug = "69742b8889cddf60c8b9dd73347675c1a42cf1edf5cac1ca6679eeec1f2ad83c"
        let request = try ServiceFixture.request(
            "services:\n  s:\n    image: x\n", options: ContainerCreateOptions(oneOff: OneOffRun(slug: slug)))
        #expect(request.name == "proj-s-run-69742b8889cd")
        #expect(request.labels["com.docker.compose.oneoff"] == "True")
        #expect(request.labels["com.docker.compose.slug"] == slug)
        #expect(request.labels["com.docker.compose.container-number"] == nil)
        // Only the container name as alias; standard input attached once.
        #expect(
            request[config: "NetworkingConfig"]?["EndpointsConfig"]?["proj_default"]?["Aliases"]
                == .strings(["proj-s-run-69742b8889cd"]))
        #expect(request[config: "AttachStdin"] == true)
        #expect(request[config: "StdinOnce"] == true)
        #expect(request[config: "OpenStdin"] == true)
    }

    @Test func namedOneOffContainer() throws {
        let request = try ServiceFixture.request(
            "services:\n  s:\n    image: x\n",
            options: ContainerCreateOptions(oneOff: OneOffRun(slug: ContainerNames.newSlug(), name: "ignored")))
        #expect(request.name == "ignored")
    }

    @Test(arguments: [
        ("services:\n  s:\n    image: x\n", "s-1", "proj-s-1"),
        ("services:\n  s:\n    image: x\n    container_name: cspec-named\n", "cspec-named", "cspec-named"),
    ])
    func replacementIsCreatedUnderATemporaryName(_ yaml: String, _ label: String, _ name: String) throws {
        let oldID = "b466f580cfded17e70b12ab8625eccc63c3335b4fbe97197ee81d59e8d8e51be"
        let request = try ServiceFixture.request(yaml, options: ContainerCreateOptions(replacing: oldID))
        #expect(request.name == "b466f580cfde_" + name)
        #expect(request.labels["com.docker.compose.replace"] == label)
        // Aliases use the final name.
        #expect(
            request[config: "NetworkingConfig"]?["EndpointsConfig"]?["proj_default"]?["Aliases"]
                == .strings([name, "s"]))
    }

    @Test func slugsAre64HexadecimalDigits() {
        let slug = ContainerNames.newSlug()
        #expect(slug.count == 64)
        #expect(slug.allSatisfy { $0.isHexDigit })
        #expect(slug != ContainerNames.newSlug())
    }
}
