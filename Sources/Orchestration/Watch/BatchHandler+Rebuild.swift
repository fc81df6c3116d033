import ComposeSpec
import DockerEngine

extension BatchHandler {
    /// Rebuilds the services' images through the same path as `build` (the engine's BuildKit where it has one),
    /// each distinct build once: services whose `build` sections are written alike share one build, the others'
    /// names are tagged on its image. Then recreates, exactly as `up` would, the containers of the services whose
    /// image changed, and only those; returns them. A failed build leaves its services' containers as they were.
    func rebuild(_ services: [String]) async -> Set<String> {
        notify(.rebuilding(services))
        let before = await imageIDs(of: services)
        var request = BuildRequest()
        let notify = self.notify
        let quiet = watch.options.quietBuild
        request.output = { @Sendable service, line in
            if !quiet { notify(.buildOutput(service: service, line: line)) }
        }
        let builder = runtime.reporting { event in
            if event.status == .warning { notify(.warning("\(event.resource): \(event.detail ?? event.text)")) }
        }
        var built: [String] = []
        for group in Self.buildGroups(services, definitions: runtime.services) {
            do {
                try await builder.buildInOrder([group[0]], request: request, limit: nil)
                let image = runtime.imageName(of: group[0])
                for other in group.dropFirst() where runtime.imageName(of: other) != image {
                    let (repository, tag) = ImageReference.familiarNameAndTag(runtime.imageName(of: other))
                    try await runtime.client.tagImage(image, repository: repository, tag: tag.isEmpty ? "latest" : tag)
                }
                built += group
            } catch {
                fail(WatchFailure(.build, services: group, message: Self.describe(error)))
            }
        }
        guard !built.isEmpty else { return [] }
        notify(.built(built.sorted()))
        let after = await imageIDs(of: built)
        let changed = built.filter { after[$0] != nil && after[$0] != before[$0] }.sorted()
        guard !changed.isEmpty else { return [] }
        var options = UpOptions()
        options.services = changed
        options.noDeps = true
        options.build = .never
        options.ignoreOrphans = true
        do {
            try await runtime.reporting { notify(.progress($0)) }.up(options)
        } catch {
            fail(WatchFailure(.recreate, services: changed, message: Self.describe(error)))
            return []
        }
        if watch.options.prune { await pruneDanglingImages(keeping: Set(after.values)) }
        return Set(changed)
    }

    /// The services grouped by build: those whose `build` sections (and platforms) are written alike build one
    /// image. Each group is sorted, and so are the groups by their first service.
    static func buildGroups(_ services: [String], definitions: Node.Mapping) -> [[String]] {
        var groups: [String: [String]] = [:]
        for service in services.sorted() {
            let definition = definitions[service]
            let key = [definition?["build"], definition?["platform"]].map { $0.map { JSONWriter.write($0) } ?? "" }
                .joined(separator: "\n")
            groups[key, default: []].append(service)
        }
        return groups.values.sorted { $0[0] < $1[0] }
    }

    /// The ID of each service's image, where it exists.
    private func imageIDs(of services: [String]) async -> [String: String] {
        var ids: [String: String] = [:]
        for service in services {
            ids[service] = try? await runtime.client.inspectImage(runtime.imageName(of: service)).id
        }
        return ids
    }

    /// Removes the project's images left without a name by rebuilds (`--prune`), except `keeping`; an image a
    /// container still uses stays.
    private func pruneDanglingImages(keeping: Set<String>) async {
        let filters: EngineFilters = [
            "dangling": ["true"], "label": ["\(ComposeLabels.project)=\(runtime.project.name)"],
        ]
        guard let images = try? await runtime.client.listImages(filters: filters) else { return }
        for image in images where !keeping.contains(image.id) {
            _ = try? await runtime.client.removeImage(image.id)
        }
    }
}
