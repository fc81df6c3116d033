import DockerEngine
import Foundation
import Orchestration
import Testing

@testable import PierDashboard

/// What the page shows of what the engine lists.
struct OverviewBuilderTests {
    static func container(
        project: String, service: String, state: String = "running", files: String? = "/p/compose.yaml",
        ports: String = "[]"
    ) throws -> ContainerSummary {
        let filesLabel = files.map { #", "com.docker.compose.project.config_files": "\#($0)""# } ?? ""
        let json = """
            {"Id": "\(project)-\(service)", "Names": ["/\(project)-\(service)-1"], "Image": "busybox",
             "State": "\(state)", "Status": "Up", "Ports": \(ports), "Labels": {
             "com.docker.compose.project": "\(project)", "com.docker.compose.service": "\(service)",
             "com.docker.compose.container-number": "1", "com.docker.compose.oneoff": "False",
             "com.docker.compose.project.working_dir": "/p"\(filesLabel)}}
            """
        return try JSONDecoder().decode(ContainerSummary.self, from: Data(json.utf8))
    }

    @Test func projectsAreFoundByTheirLabels() throws {
        let projects = OverviewBuilder.projects([
            try Self.container(project: "shop", service: "web"),
            try Self.container(project: "shop", service: "db", state: "exited"),
            try Self.container(project: "blog", service: "app", files: nil),
        ])
        #expect(projects.map(\.name) == ["blog", "shop"])
        #expect(projects[1].status == "exited(1), running(1)")
        #expect(projects[1].configFiles == ["/p/compose.yaml"] && projects[1].workingDirectory == "/p")
        // Docker Compose's own containers have the labels too; one without config files cannot be acted on.
        #expect(projects[0].configFiles.isEmpty)
        #expect(ProjectSource(projects[0]).unavailableReason != nil)
    }

    @Test func publishedPortsAreLinks() {
        let ports = OverviewBuilder.ports([
            PortBinding(ip: "127.0.0.1", privatePort: 80, publicPort: 8080),
            PortBinding(ip: "0.0.0.0", privatePort: 443, publicPort: 8443),
            PortBinding(ip: "", privatePort: 9000),
            PortBinding(ip: "127.0.0.1", privatePort: 53, publicPort: 5353, type: "udp"),
        ])
        #expect(
            ports.map(\.text) == [
                "127.0.0.1:5353->53/udp", "127.0.0.1:8080->80/tcp", "0.0.0.0:8443->443/tcp", "9000/tcp",
            ])
        #expect(ports.map(\.url) == [nil, "http://127.0.0.1:8080/", "http://:8443/", nil])
    }

    @Test func servicesWithoutContainersAreListed() throws {
        let web = try Self.container(project: "shop", service: "web")
        let overview = OverviewBuilder.overview(
            entry: OverviewBuilder.entry(name: "shop", containers: [web]), containers: [web], inspections: [:],
            document: nil, actionsUnavailable: "no files")
        #expect(overview.services.map(\.name) == ["web"])
        #expect(overview.services[0].containers.map(\.name) == ["shop-web-1"])
        #expect(overview.actionsUnavailable == "no files")
    }
}
