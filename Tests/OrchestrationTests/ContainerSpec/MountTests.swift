import DockerEngine
import Testing

@testable import Orchestration

/// Volumes as `Binds` or `Mounts`, tmpfs, secrets and configs, as Docker Compose 2.40.3 sends them. (Compose's
/// order of these lists comes from a Go map; Pier keeps document order.)
@Suite struct MountTests {
    static let volumesTop = "volumes:\n  named:\n"

    static let cases: [BodyCase] = [
        // Short syntax (create_host_path) goes as a bind string, `:z` carried as a mode option.
        BodyCase(
            attributes: "volumes: [\"/srv/data:/data\", \"/srv/data:/data-ro:ro\", \"/srv/data:/z:z\"]",
            host: #"{"Binds": ["/srv/data:/data:rw", "/srv/data:/data-ro:ro", "/srv/data:/z:rw,z"]}"#),
        // A named volume without options is a bind string too, under its engine name.
        BodyCase(
            attributes: "volumes: [\"named:/named\", \"named:/ro:ro\"]", topLevel: volumesTop,
            host: #"{"Binds": ["proj_named:/named:rw", "proj_named:/ro:ro"]}"#),
        BodyCase(
            attributes: "volumes: [\"named:/named-nocopy:nocopy\", /anon]", topLevel: volumesTop,
            host: #"{"Mounts": [{"Type": "volume", "Source": "proj_named", "Target": "/named-nocopy","#
                + #" "VolumeOptions": {"NoCopy": true}}, {"Type": "volume", "Target": "/anon"}]}"#),
        BodyCase(
            attributes: "volumes:\n  - type: bind\n    source: /srv/data\n    target: /bind-long\n"
                + "    bind: {propagation: rshared, create_host_path: true}",
            host: #"{"Mounts": [{"Type": "bind", "Source": "/srv/data", "Target": "/bind-long","#
                + #" "BindOptions": {"Propagation": "rshared", "CreateMountpoint": true}}]}"#),
        // Long syntax without create_host_path needs the Mounts API (the engine then refuses a missing path).
        BodyCase(
            attributes: "volumes:\n  - {type: bind, source: /tmp, target: /hosttmp, read_only: true}",
            host: #"{"Mounts": [{"Type": "bind", "Source": "/tmp", "Target": "/hosttmp", "ReadOnly": true}]}"#),
        BodyCase(
            attributes:
                "volumes:\n  - {type: bind, source: /srv, target: /nr, bind: {recursive: disabled, create_host_path: true}}",
            host: #"{"Mounts": [{"Type": "bind", "Source": "/srv", "Target": "/nr","#
                + #" "BindOptions": {"NonRecursive": true, "CreateMountpoint": true}}]}"#),
        BodyCase(
            attributes: "volumes:\n  - {type: tmpfs, target: /t, tmpfs: {size: 1000000, mode: 0755}}",
            host:
                #"{"Mounts": [{"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"SizeBytes": 1000000, "Mode": 493}}]}"#
        ),
        BodyCase(attributes: "tmpfs: [/run, \"/tmp:size=64m\"]", host: #"{"Tmpfs": {"/run": "", "/tmp": "size=64m"}}"#),
        BodyCase(attributes: "tmpfs: /x", host: #"{"Tmpfs": {"/x": ""}}"#),
        BodyCase(
            attributes:
                "volumes:\n  - {type: volume, source: named, target: /v, read_only: true, volume: {subpath: sub}}",
            topLevel: volumesTop,
            host: #"{"Mounts": [{"Type": "volume", "Source": "proj_named", "Target": "/v", "ReadOnly": true,"#
                + #" "VolumeOptions": {"Subpath": "sub"}}]}"#, api: (1, 45)),
        BodyCase(
            attributes: "volumes:\n  - {type: volume, source: ext, target: /ext}",
            topLevel: "volumes:\n  ext: {external: true, name: cspec-ext}\n", host: #"{"Binds": ["cspec-ext:/ext:rw"]}"#
        ),
        BodyCase(
            attributes: "volumes:\n  - {type: image, source: \"busybox:latest\", target: /img, image: {subpath: bin}}",
            host: #"{"Mounts": [{"Type": "image", "Source": "busybox:latest", "Target": "/img","#
                + #" "ImageOptions": {"Subpath": "bin"}}]}"#, api: (1, 48)),
        // `service:mode` becomes `<id>:mode`; `container:name` the name.
        BodyCase(
            attributes: "volumes_from: [db, \"db:ro\", \"container:other:rw\"]", services: "  db: {image: x}\n",
            host: #"{"VolumesFrom": ["id-db", "id-db:ro", "other:rw"]}"#),
        BodyCase(
            attributes: "use_api_socket: true",
            config: #"{"Env": ["DOCKER_CONFIG=/run/secrets/docker"]}"#,
            host: #"{"Binds": ["/var/run/docker.sock:/var/run/docker.sock:rw"]}"#),
    ]

    @Test(arguments: cases) func storageField(_ testCase: BodyCase) throws {
        try testCase.check(try ServiceFixture.request(testCase.yaml, service: "s", api: testCase.api))
    }

    @Test func relativeBindsResolveInTheProjectDirectory() throws {
        let project = try ServiceFixture.project(BodyCase(attributes: "volumes: [\"./data:/data\"]").yaml)
        let service = try #require(project.document["services"]?["s"])
        let request = try ContainerSpec.createBody(
            project: project, serviceName: "s", service: service, number: 1, apiVersion: (1, 41))
        #expect(request[host: "Binds"] == .strings(["\(project.workingDirectory)/data:/data:rw"]))
    }

    @Test func selinuxLabelsCannotGoThroughTheMountsAPI() throws {
        let request = try ServiceFixture.request(
            BodyCase(attributes: "volumes:\n  - {type: bind, source: /tmp, target: /t, bind: {selinux: Z}}").yaml)
        #expect(request[host: "Mounts"] == (try json(#"[{"Type": "bind", "Source": "/tmp", "Target": "/t"}]"#)))
        #expect(request.warnings.count == 1)
    }
}
