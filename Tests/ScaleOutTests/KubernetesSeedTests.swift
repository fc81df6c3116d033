import ComposeSpec
import Foundation
import PierTestSupport
import ScaleOut
import Testing

/// The five seed stacks and the demo converted to Kubernetes, checked object by object: workloads, probes, init
/// waits, claims, NetworkPolicies and losses.
@Suite struct KubernetesSeedTests {
    @Test func demo() throws {
        let conversion = KubernetesConverter.convert(try ScaleOutFixtures.demo)
        #expect(
            Set(conversion.inventory).isSuperset(of: [
                "StatefulSet/db", "Deployment/backend", "Deployment/frontend", "Deployment/proxy",
                "PersistentVolumeClaim/pier-demo-pgdata", "NetworkPolicy/default-network", "Service/proxy-published",
                "ServiceAccount/pier-demo-dependency-wait", "Role/pier-demo-dependency-wait",
                "RoleBinding/pier-demo-dependency-wait",
            ]))
        #expect(!conversion.inventory.contains("Deployment/backup"), "the tools profile is not active")
        let proxy = try #require(conversion.object("Deployment", "proxy"))
        #expect(
            proxy.waits == [
                "kubectl wait --for=condition=Ready pod --selector=app.kubernetes.io/name=backend,app.kubernetes.io/part-of=pier-demo --timeout=-1s",
                "kubectl wait --for=condition=Ready pod --selector=app.kubernetes.io/name=frontend,app.kubernetes.io/part-of=pier-demo --timeout=-1s",
            ])
        #expect(proxy.podSpec?["serviceAccountName"]?.string == "pier-demo-dependency-wait")
        let db = try #require(conversion.object("StatefulSet", "db"))
        #expect(
            db.mainContainer?.at("readinessProbe.exec.command")?.texts == [
                "/bin/sh", "-c", "pg_isready -U demo -d demo",
            ])
        #expect(db.mainContainer?.at("readinessProbe.periodSeconds")?.int64Value == 2)
        #expect(db.mainContainer?.at("livenessProbe.failureThreshold")?.int64Value == 30)
        #expect(db.podSpec?.at("volumes.0.persistentVolumeClaim.claimName")?.string == "pier-demo-pgdata")
        #expect(db.mainContainer?.at("volumeMounts.0.mountPath")?.string == "/var/lib/postgresql/data")
        let claim = try #require(conversion.object("PersistentVolumeClaim", "pier-demo-pgdata"))
        #expect(claim.at("spec.accessModes")?.texts == ["ReadWriteOnce"])
        let published = try #require(conversion.object("Service", "proxy-published"))
        #expect(published.at("spec.type")?.string == "LoadBalancer")
        #expect(published.at("spec.ports.0.port")?.int64Value == 8080)
        #expect(published.at("spec.ports.0.targetPort")?.int64Value == 80)
        // Bind mounts are losses, with where they were written; build is too.
        let binds = conversion.losses.losses.filter { $0.path == "services.db.volumes[1]" }
        #expect(binds.count == 1)
        #expect(binds.first?.location?.file.hasSuffix("examples/demo/compose.yaml") == true)
        #expect(conversion.lostPaths.contains("services.backend.build"))
        #expect(conversion.lostPaths.contains("services.proxy.volumes[0]"))
    }

    @Test func seed004() throws {
        let conversion = KubernetesConverter.convert(try ScaleOutFixtures.seed("004"))
        let project = "004"
        _ = project
        let postgres = try #require(conversion.object("StatefulSet", "postgres"))
        #expect(
            postgres.mainContainer?.at("livenessProbe.exec.command")?.texts == [
                "/bin/sh", "-c", "pg_isready -U postgres",
            ])
        #expect(postgres.mainContainer?.at("livenessProbe.timeoutSeconds")?.int64Value == 5)
        #expect(postgres.mainContainer?.at("livenessProbe.failureThreshold")?.int64Value == 5)
        #expect(postgres.mainContainer?.at("livenessProbe.periodSeconds")?.int64Value == 10)
        for api in ["ingest-api", "query-api"] {
            let workload = try #require(conversion.object("Deployment", api))
            #expect(workload.waits.count == 1)
            #expect(
                workload.waits.first?.contains("--for=condition=Ready pod --selector=app.kubernetes.io/name=postgres")
                    == true)
            #expect(workload.podSpec?.at("initContainers.0.name")?.string == "wait-for-postgres")
        }
        let policy = try #require(conversion.object("NetworkPolicy", "agent-observability-network-network"))
        #expect(policy.at("spec.podSelector.matchLabels.network\\.pier\\.dev/agent-observability-network") == nil)
        let labels = policy.at("spec.podSelector.matchLabels")?.mapping ?? [:]
        #expect(labels["network.pier.dev/agent-observability-network"]?.string == "true")
        #expect(policy.at("spec.ingress.0.from.0.podSelector.matchLabels")?.mapping?.count == labels.count)
        // Each pod carries the label the policy selects.
        let ingest = try #require(conversion.object("Deployment", "ingest-api"))
        #expect(
            ingest.at("spec.template.metadata.labels")?["network.pier.dev/agent-observability-network"]?.string
                == "true")
        #expect(ingest.mainContainer?.at("args")?.texts.first == "uvicorn")
        #expect(postgres.mainContainer?["name"]?.string == "agent-observability-db")
        #expect(conversion.lostPaths.contains("services.ingest_api.build"))
        #expect(conversion.lostPaths.contains("services.postgres.volumes[1]"))
        #expect(conversion.lostPaths.contains("networks.agent_observability_network.driver"))
    }

    @Test func seed003WithProfiles() throws {
        let conversion = KubernetesConverter.convert(try ScaleOutFixtures.seed("003", profiles: ["postgres", "ssl"]))
        #expect(conversion.object("StatefulSet", "postgres") != nil)
        #expect(conversion.object("Deployment", "nginx") != nil)
        let frontend = try #require(conversion.object("Deployment", "frontend"))
        #expect(
            frontend.waits.first?.contains("--for=condition=Ready pod --selector=app.kubernetes.io/name=backend")
                == true)
        // start_period 15s: a startup probe every 5 s, three times, before liveness counts.
        #expect(frontend.mainContainer?.at("startupProbe.periodSeconds")?.int64Value == 5)
        #expect(frontend.mainContainer?.at("startupProbe.failureThreshold")?.int64Value == 3)
        #expect(frontend.mainContainer?.at("readinessProbe.exec.command")?.texts.first == "wget")
        let backend = try #require(conversion.object("StatefulSet", "backend"))
        #expect(backend.mainContainer?.at("startupProbe.failureThreshold")?.int64Value == 2)
        #expect(conversion.lostPaths.contains("services.backend.devices"))
        #expect(conversion.object("NetworkPolicy", "argusai-net-network") != nil)
        let nginx = try #require(conversion.object("Deployment", "nginx"))
        #expect(nginx.waits.map { $0.contains("jsonpath={.status.phase}=Running") } == [true, true])
        let withoutProfiles = KubernetesConverter.convert(try ScaleOutFixtures.seed("003"))
        #expect(withoutProfiles.object("Deployment", "nginx") == nil)
        #expect(withoutProfiles.object("StatefulSet", "postgres") == nil)
    }

    @Test func seed001() throws {
        let conversion = KubernetesConverter.convert(
            try ScaleOutFixtures.seed(
                "001", files: ["compose/docker-compose.dev.yml", "compose/docker-compose.prod.yml"],
                envFiles: ["env/.env.dev"]))
        let app = try #require(conversion.object("Deployment", "app"))
        #expect(app.waits.count == 2)
        #expect(app.waits[0].contains("--for=condition=Ready pod --selector=app.kubernetes.io/name=postgres"))
        #expect(
            app.waits[1].contains("--for=jsonpath={.status.phase}=Running pod --selector=app.kubernetes.io/name=redis"))
        #expect(app.mainContainer?.at("resources.limits.cpu")?.string == "2")
        #expect(app.mainContainer?.at("resources.limits.memory")?.string == "4294967296")
        #expect(app.mainContainer?.at("resources.requests.cpu")?.string == "1")
        #expect(conversion.lostPaths.contains("services.app.volumes[0]"))
        #expect(conversion.object("Service", "redis")?.at("spec.ports.0.port")?.int64Value == 6379)
    }

    @Test func seeds000And002() throws {
        let tarsy = KubernetesConverter.convert(try ScaleOutFixtures.seed("000", files: ["podman-compose.yml"]))
        let proxy = try #require(tarsy.object("Deployment", "oauth2-proxy"))
        #expect(
            proxy.waits.first?.contains(
                "jsonpath={.status.phase}=Running pod --selector=app.kubernetes.io/name=tarsy-backend") == true)
        #expect(
            tarsy.object("StatefulSet", "database")?.mainContainer?.at("readinessProbe.periodSeconds")?.int64Value == 30
        )
        let autopack = KubernetesConverter.convert(try ScaleOutFixtures.seed("002"))
        #expect(autopack.object("StatefulSet", "qdrant") != nil)
        #expect(autopack.object("PersistentVolumeClaim", "002-qdrant-data") != nil)
        #expect(autopack.object("Deployment", "backend")?.waits.count == 1)
    }

    /// Every manifest of every seed and the demo validates against three Kubernetes versions.
    @Test(.requiresKubernetesValidate) func everyManifestValidates() async throws {
        let conversions: [KubernetesConversion] = [
            KubernetesConverter.convert(try ScaleOutFixtures.demo),
            KubernetesConverter.convert(try ScaleOutFixtures.seed("000", files: ["podman-compose.yml"])),
            KubernetesConverter.convert(
                try ScaleOutFixtures.seed(
                    "001", files: ["compose/docker-compose.dev.yml", "compose/docker-compose.prod.yml"],
                    envFiles: ["env/.env.dev"])),
            KubernetesConverter.convert(try ScaleOutFixtures.seed("002")),
            KubernetesConverter.convert(try ScaleOutFixtures.seed("003", profiles: ["postgres", "ssl"])),
            KubernetesConverter.convert(try ScaleOutFixtures.seed("004")),
            KubernetesConverter.convert(try ScaleOutFixtures.demo, options: KubernetesOptions(namespace: "notes")),
            KubernetesConverter.convert(try KubernetesAttributeTests.everyAttribute()),
        ]
        try await ManifestValidation.expectValid(conversions)
    }
}

/// Writes conversions' manifests into a folder and validates them all.
enum ManifestValidation {
    static func expectValid(_ conversions: [KubernetesConversion]) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("manifests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [URL] = []
        for (index, conversion) in conversions.enumerated() {
            let file = directory.appendingPathComponent("conversion-\(index).yaml")
            try Data(KubernetesManifest.stream(conversion.manifests).utf8).write(to: file)
            files.append(file)
        }
        let failures = try await KubernetesValidate.failures(in: files)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
