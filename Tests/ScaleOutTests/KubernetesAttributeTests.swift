import ComposeSpec
import Foundation
import ScaleOut
import Testing

/// Each attribute mapping `convert kubernetes` promises, on one project that uses them all.
@Suite struct KubernetesAttributeTests {
    static let compose = """
        services:
          web:
            image: registry.example/web:1
            entrypoint: [/app/start]
            command: [--port, "80", "$(literal)"]
            working_dir: /srv
            environment: {MODE: production}
            env_file: [web.env]
            labels: {com.example.team: notes}
            user: "1000:2000"
            read_only: true
            cap_add: [NET_ADMIN]
            cap_drop: [ALL]
            tmpfs: ["/run:size=64m"]
            ports: ["8080:80"]
            expose: ["9000"]
            configs: [{source: settings, target: /etc/web/settings.ini, mode: 0440}]
            secrets: [token]
            volumes: [{type: tmpfs, target: /cache, tmpfs: {size: 1048576}}, ./static:/static:ro]
            healthcheck: {test: [CMD, /app/check], interval: 10s, timeout: 3s, retries: 4, start_period: 30s}
            depends_on:
              migrate: {condition: service_completed_successfully}
              cache: {condition: service_started}
            deploy:
              replicas: 3
              resources: {limits: {cpus: "0.5", memory: 256M}, reservations: {cpus: "0.25", memory: 128M}}
              update_config: {parallelism: 2, order: start-first}
              placement: {constraints: [node.labels.zone==a, node.hostname!=old]}
            networks: [front, back]
          migrate:
            image: registry.example/web:1
            command: migrate
            restart: "no"
            networks: [back]
          cache:
            image: redis:7
            privileged: true
            deploy: {mode: global}
            networks: [back]
        networks:
          front: {}
          back: {internal: true}
        configs:
          settings: {file: ./settings.ini}
        secrets:
          token: {environment: PATH}
        """

    static func everyAttribute() throws -> LoadedProject {
        try ScaleOutFixtures.project(compose, extra: ["web.env": "FROM_FILE=1\n", "settings.ini": "[web]\n"])
    }

    @Test func workloadsAndContainer() throws {
        let conversion = KubernetesConverter.convert(try Self.everyAttribute())
        let web = try #require(conversion.object("Deployment", "web"))
        #expect(web.at("spec.replicas")?.int64Value == 3)
        #expect(web.at("spec.strategy.rollingUpdate.maxSurge")?.int64Value == 2)
        #expect(web.at("spec.strategy.rollingUpdate.maxUnavailable")?.int64Value == 0)
        let container = try #require(web.mainContainer)
        #expect(container["command"]?.texts == ["/app/start"])
        #expect(container["args"]?.texts == ["--port", "80", "$$(literal)"])
        #expect(container["workingDir"]?.string == "/srv")
        let environment = (container["env"]?.sequence ?? []).compactMap { $0["name"]?.string }
        #expect(environment == ["FROM_FILE", "MODE"])
        #expect(web.at("spec.template.metadata.annotations")?["com.example.team"]?.string == "notes")
        #expect(container.at("securityContext.runAsUser")?.int64Value == 1000)
        #expect(container.at("securityContext.runAsGroup")?.int64Value == 2000)
        #expect(container.at("securityContext.readOnlyRootFilesystem")?.value.isTrue == true)
        #expect(container.at("securityContext.capabilities.add")?.texts == ["NET_ADMIN"])
        #expect(container.at("securityContext.capabilities.drop")?.texts == ["ALL"])
        #expect(container.at("resources.limits.cpu")?.string == "500m")
        #expect(container.at("resources.limits.memory")?.string == "268435456")
        #expect(container.at("resources.requests.cpu")?.string == "250m")
        #expect(container.at("startupProbe.failureThreshold")?.int64Value == 6)
        #expect(container.at("readinessProbe.exec.command")?.texts == ["/app/check"])
        #expect(container.at("readinessProbe.timeoutSeconds")?.int64Value == 3)
        let cache = try #require(conversion.object("DaemonSet", "cache"))
        #expect(cache.mainContainer?.at("securityContext.privileged")?.value.isTrue == true)
        let terms = web.podSpec?.at(
            "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.0.matchExpressions")
        #expect(terms?.at("0.key")?.string == "zone")
        #expect(terms?.at("1.key")?.string == "kubernetes.io/hostname")
        #expect(terms?.at("1.operator")?.string == "NotIn")
    }

    @Test func jobsAndWaits() throws {
        let conversion = KubernetesConverter.convert(try Self.everyAttribute())
        let job = try #require(conversion.object("Job", "migrate"))
        #expect(job.podSpec?["restartPolicy"]?.string == "Never")
        #expect(job.at("spec.backoffLimit")?.int64Value == 0)
        #expect(conversion.object("Service", "migrate") == nil)
        let web = try #require(conversion.object("Deployment", "web"))
        #expect(web.waits.contains("kubectl wait --for=condition=Complete job/migrate --timeout=-1s"))
        #expect(
            web.waits.contains {
                $0.hasPrefix(
                    "kubectl wait --for=jsonpath={.status.phase}=Running pod --selector=app.kubernetes.io/name=cache")
            })
        let role = try #require(conversion.object("Role", "scaleout-dependency-wait"))
        #expect(role.at("rules.1.resources")?.texts == ["jobs"])
        #expect(
            conversion.object("RoleBinding", "scaleout-dependency-wait")?.at("subjects.0.namespace")?.string
                == "default")
    }

    @Test func aServiceThatIsNotRestartedIsAJobOthersCanWaitOnToStart() throws {
        let project = try ScaleOutFixtures.project(
            """
            services:
              server: {image: busybox, command: [httpd, -f], restart: "no", expose: ["80"]}
              client: {image: busybox, depends_on: [server]}
            """)
        let conversion = KubernetesConverter.convert(project)
        #expect(conversion.object("Job", "server")?.podSpec?["restartPolicy"]?.string == "Never")
        #expect(conversion.object("Service", "server")?.at("spec.ports.0.port")?.int64Value == 80)
        let client = try #require(conversion.object("Deployment", "client"))
        #expect(client.waits.first?.hasPrefix("kubectl wait --for=jsonpath={.status.phase}=Running pod") == true)
    }

    @Test func storageAndFiles() throws {
        let conversion = KubernetesConverter.convert(try Self.everyAttribute())
        let web = try #require(conversion.object("Deployment", "web"))
        let volumes = web.podSpec?["volumes"]?.sequence ?? []
        let mounts = web.mainContainer?["volumeMounts"]?.sequence ?? []
        func volume(at path: String) -> Node? {
            guard let mount = mounts.first(where: { $0["mountPath"]?.string == path }) else { return nil }
            return volumes.first { $0["name"]?.string == mount["name"]?.string }
        }
        #expect(volume(at: "/run")?.at("emptyDir.medium")?.string == "Memory")
        #expect(volume(at: "/run")?.at("emptyDir.sizeLimit")?.string == "67108864")
        #expect(volume(at: "/cache")?.at("emptyDir.sizeLimit")?.string == "1048576")
        #expect(volume(at: "/etc/web/settings.ini")?.at("configMap.name")?.string == "scaleout-settings")
        #expect(volume(at: "/etc/web/settings.ini")?.at("configMap.defaultMode")?.int64Value == 0o440)
        #expect(volume(at: "/run/secrets/token")?.at("secret.secretName")?.string == "scaleout-token")
        #expect(volume(at: "/static") == nil)
        #expect(conversion.lostPaths.contains("services.web.volumes[1]"))
        #expect(conversion.object("ConfigMap", "scaleout-settings")?.at("data.settings")?.string == "[web]\n")
        #expect(conversion.object("Secret", "scaleout-token")?.at("stringData.token")?.string == "/usr/bin:/bin")

        var options = KubernetesOptions()
        options.bindMountsAsHostPath = true
        let withHostPath = KubernetesConverter.convert(try Self.everyAttribute(), options: options)
        #expect(!withHostPath.lostPaths.contains("services.web.volumes[1]"))
        let hostPaths = withHostPath.object("Deployment", "web")?.podSpec?["volumes"]?.sequence?.compactMap {
            $0.at("hostPath.path")?.string
        }
        #expect(hostPaths?.count == 1 && hostPaths?.first?.hasSuffix("/static") == true)
    }

    @Test func servicesAndPolicies() throws {
        let conversion = KubernetesConverter.convert(try Self.everyAttribute())
        let service = try #require(conversion.object("Service", "web"))
        #expect(service.at("spec.clusterIP") == nil)
        #expect((service.at("spec.ports")?.sequence ?? []).compactMap { $0["port"]?.int64Value } == [9000, 80])
        #expect(conversion.object("Service", "web-published")?.at("spec.ports.0.port")?.int64Value == 8080)
        // Published ports are reachable from outside the project's networks.
        #expect(
            conversion.object("NetworkPolicy", "web-published")?.at("spec.ingress.0.ports.0.port")?.int64Value == 80)
        let front = try #require(conversion.object("NetworkPolicy", "front-network"))
        #expect(front.at("spec.policyTypes")?.texts == ["Ingress"])
        // web is on back and front: back cannot be kept internal.
        #expect(conversion.lostPaths.contains("networks.back.internal"))
        #expect(conversion.object("Service", "cache")?.at("spec.clusterIP")?.string == "None")
    }

    @Test func lossesNameTheirPlace() throws {
        let project = try ScaleOutFixtures.project(
            """
            services:
              app:
                image: busybox
                privileged: false
                stop_signal: SIGINT
                logging: {driver: syslog}
            """)
        let conversion = KubernetesConverter.convert(project)
        let locations = conversion.losses.losses.map {
            "\($0.path)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)"
        }
        #expect(locations == ["services.app.logging@6:5", "services.app.stop_signal@5:5"])
        #expect(
            conversion.losses.lines.last?.hasSuffix(
                "compose.yaml:5:5: services.app.stop_signal: Kubernetes has no equivalent") == true)
    }

    @Test(.requiresKubernetesValidate) func namespacedAndHostPathManifestsValidate() async throws {
        var options = KubernetesOptions(namespace: "apps")
        options.bindMountsAsHostPath = true
        try await ManifestValidation.expectValid([
            KubernetesConverter.convert(try Self.everyAttribute(), options: options)
        ])
    }
}
