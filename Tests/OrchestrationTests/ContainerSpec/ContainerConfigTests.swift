import DockerEngine
import Testing

@testable import Orchestration

/// The container configuration (the top level of the create body), as Docker Compose 2.40.3 sends it
/// (captured through a logging proxy in front of Engine 20.10).
@Suite struct ContainerConfigTests {
    static let cases: [BodyCase] = [
        BodyCase(
            attributes: "command: [sleep, \"3600\"]\nentrypoint: /bin/sh -c",
            config: #"{"Cmd": ["sleep", "3600"], "Entrypoint": ["/bin/sh", "-c"], "Image": "pier-test/busybox"}"#),
        // An empty list clears the image's command; Compose sends it as an empty array.
        BodyCase(attributes: "command: []\nentrypoint: []", config: #"{"Cmd": [], "Entrypoint": []}"#),
        // Sorted; a variable without a value goes as its name alone.
        BodyCase(
            attributes: "environment:\n  ZED: z\n  ALPHA: a\n  EMPTY: \"\"\n  UNSET:\n  EQ: a=b",
            config: #"{"Env": ["ALPHA=a", "EMPTY=", "EQ=a=b", "UNSET", "ZED=z"]}"#),
        BodyCase(
            attributes: "user: \"1000:1000\"\nworking_dir: /srv\nhostname: webhost\ndomainname: example.com",
            config: #"{"User": "1000:1000", "WorkingDir": "/srv", "Hostname": "webhost", "Domainname": "example.com"}"#),
        // A service container attaches output, not input, even with stdin_open.
        BodyCase(
            attributes: "tty: true\nstdin_open: true",
            config: #"{"Tty": true, "OpenStdin": true, "AttachStdin": false, "StdinOnce": false,"#
                + #" "AttachStdout": true, "AttachStderr": true}"#),
        BodyCase(
            attributes: "stop_signal: SIGINT\nstop_grace_period: 1m30s",
            config: #"{"StopSignal": "SIGINT", "StopTimeout": 90}"#),
        // Whole seconds, truncated.
        BodyCase(attributes: "stop_grace_period: 1500ms", config: #"{"StopTimeout": 1}"#),
        BodyCase(
            attributes: "healthcheck:\n  test: [CMD, \"true\"]\n  interval: 1m30s\n  timeout: 10s\n"
                + "  retries: 3\n  start_period: 5s",
            config: #"{"Healthcheck": {"Test": ["CMD", "true"], "Interval": 90000000000, "Timeout": 10000000000,"#
                + #" "StartPeriod": 5000000000, "Retries": 3}}"#),
        BodyCase(
            attributes: "healthcheck:\n  test: exit 0\n  interval: 500ms\n  start_period: 0s",
            config: #"{"Healthcheck": {"Test": ["CMD-SHELL", "exit 0"], "Interval": 500000000}}"#),
        BodyCase(attributes: "healthcheck:\n  disable: true", config: #"{"Healthcheck": {"Test": ["NONE"]}}"#),
        BodyCase(attributes: "healthcheck:\n  test: [NONE]", config: #"{"Healthcheck": {"Test": ["NONE"]}}"#),
        BodyCase(
            attributes: "healthcheck:\n  test: [CMD, \"true\"]\n  start_interval: 2s",
            config:
                #"{"Healthcheck": {"Test": ["CMD", "true"], "StartInterval": 2000000000}}"#, api: (1, 44)),
        // `expose` entries go as written; `ports` targets with their protocol.
        BodyCase(
            attributes:
                "expose: [\"3000\", \"4000-4001/udp\"]\nports: [\"8081:80\", \"127.0.0.1:9000-9001:90-91/udp\"]",
            config: #"{"ExposedPorts": {"3000": {}, "4000-4001/udp": {}, "80/tcp": {}, "90/udp": {}, "91/udp": {}}}"#),
        BodyCase(attributes: "mac_address: 02:42:ac:11:00:99", config: #"{"MacAddress": "02:42:ac:11:00:99"}"#),
    ]

    @Test(arguments: cases) func configField(_ testCase: BodyCase) throws {
        try testCase.check(try ServiceFixture.request(testCase.yaml, api: testCase.api))
    }

    @Test func imageDefaultsToProjectAndServiceName() throws {
        let request = try ServiceFixture.request("services:\n  web:\n    build: .\n")
        #expect(request[config: "Image"] == "proj-web")
    }

    @Test func platformIsAQueryParameter() throws {
        let request = try ServiceFixture.request(BodyCase(attributes: "platform: linux/amd64").yaml)
        #expect(request.platform == "linux/amd64")
        #expect(request[config: "Platform"] == nil)
    }

    @Test func unknownAttributesWarn() throws {
        let request = try ServiceFixture.request(BodyCase(attributes: "credential_spec: {file: spec.json}").yaml)
        #expect(
            request.warnings.map(\.message) == [
                "service \"s\": credential_spec only applies to Windows containers and is ignored"
            ])
        #expect(request.warnings.first?.location?.line == 4)
    }
}
