import PierTestSupport
import Testing

@testable import DockerEngine

@Suite(.requiresEngine) struct NetworkEngineTests {
    @Test func lifecycleAndConnections() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let name = fixture.uniqueName("network")
            let created = try await engine.createNetwork(body: [
                "Name": .string(name), "Driver": "bridge", "CheckDuplicate": true,
                "Labels": ["pier.test": "network", "role": "backend"],
            ])
            await fixture.cleanup.push { try? await engine.removeNetwork(created.id) }
            #expect(created.warning == nil)

            let inspected = try await engine.inspectNetwork(name)
            #expect(inspected.id == created.id)
            #expect(inspected.driver == "bridge")
            #expect(inspected.scope == "local")
            #expect(inspected.labels["role"] == "backend")
            #expect(
                try await engine.listNetworks(filters: ["label": ["role=backend"], "name": [name]]).map(\.id) == [
                    created.id
                ])

            await #expect {
                _ = try await engine.createNetwork(body: ["Name": .string(name), "CheckDuplicate": true])
            } throws: { error in
                (error as? EngineError)?.code == .conflict
            }

            let container = try await fixture.makeContainer(["sleep", "300"])
            try await engine.connectNetwork(name, container: container, endpointConfig: ["Aliases": ["db-alias"]])
            let networks = try await engine.inspectContainer(container).raw["NetworkSettings"]?["Networks"]
            #expect(networks?[name]?["Aliases"]?.arrayValue?.contains("db-alias") == true)
            #expect(try await engine.inspectNetwork(created.id).containers[container] != nil)

            try await engine.disconnectNetwork(name, container: container)
            #expect(try await engine.inspectContainer(container).raw["NetworkSettings"]?["Networks"]?[name] == nil)

            try await engine.removeNetwork(created.id)
            await #expect {
                _ = try await engine.inspectNetwork(created.id)
            } throws: { error in
                (error as? EngineError)?.code == .notFound
            }
        }
    }
}

@Suite(.requiresEngine) struct VolumeEngineTests {
    @Test func lifecycle() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let name = fixture.uniqueName("volume")
            let created = try await engine.createVolume(name: name, labels: ["pier.test": "volume", "role": "data"])
            await fixture.cleanup.push { try? await engine.removeVolume(name, force: true) }
            #expect(created.name == name)
            #expect(created.driver == "local")
            #expect(created.mountpoint.hasSuffix("/\(name)/_data"))

            #expect(try await engine.inspectVolume(name).labels["role"] == "data")
            let listed = try await engine.listVolumes(filters: ["label": ["role=data"], "name": [name]])
            #expect(listed.volumes.map(\.name) == [name])

            let user = try await fixture.makeContainer(
                ["sleep", "300"], start: false, extra: ["HostConfig": ["Binds": .array([.string("\(name):/data")])]])
            await #expect {
                try await engine.removeVolume(name)
            } throws: { error in
                (error as? EngineError)?.code == .conflict
            }
            try await engine.removeContainer(user, force: true)

            try await engine.removeVolume(name)
            await #expect {
                _ = try await engine.inspectVolume(name)
            } throws: { error in
                (error as? EngineError)?.code == .notFound
            }
        }
    }
}
