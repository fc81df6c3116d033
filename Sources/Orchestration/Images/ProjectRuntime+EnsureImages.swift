import ComposeSpec
import DockerEngine
import Foundation

/// When `up` builds images.
public enum BuildMode: Sendable {
    /// Build the images that are missing (or that `pull_policy: build` asks for): the default.
    case whenMissing
    /// `--build`: build every selected service that has a `build` section.
    case always
    /// `--no-build`: never build; a missing image is an error.
    case never
}

extension ProjectRuntime {
    /// The image ID of each selected service, after pulling and building what `pull_policy` (or `--pull`) and
    /// `--build`/`--no-build` say, as Compose does: a missing image is pulled; one that cannot be pulled but can
    /// be built is built; `daily`, `weekly` and `every_<duration>` pull again once the image was last tagged
    /// longer ago than that.
    func ensureImages(for selection: Set<String>, options: UpOptions) async throws -> [String: String] {
        let services = self.services
        var pulls: [String: String] = [:]  // image -> the service that pulls it
        var builds: Set<String> = []
        var imageIDs: [String: String] = [:]
        let now = Date()
        let policies = Dictionary(
            uniqueKeysWithValues: selection.map { name in
                (name, options.pull ?? services[name]?["pull_policy"]?.scalarText.flatMap(PullPolicy.init) ?? .missing)
            })
        func isBuilt(_ name: String) -> Bool {
            services[name]?["build"] != nil && options.build != .never
                && (options.build == .always || policies[name] == .build)
        }
        // Services mostly share a few images: each is inspected once, all at once.
        var inspected = try await inspectImages(Set(selection.filter { !isBuilt($0) }.map(imageName(of:))))
        for name in selection.sorted() {
            let service = services[name]
            let image = imageName(of: name)
            let buildable = service?["build"] != nil && options.build != .never
            let policy = policies[name] ?? .missing
            if isBuilt(name) {
                builds.insert(name)
                continue
            }
            let present = inspected[image] ?? nil
            if let present, !policy.refreshes(lastTagged: present.lastTagTime, now: now) {
                imageIDs[name] = present.id
                continue
            }
            if service?["image"] == nil || policy == .never || policy == .build {
                guard buildable else { throw missingImage(name, image: image, options: options, policy: policy) }
                builds.insert(name)
                continue
            }
            if pulls[image] == nil { pulls[image] = name }
        }
        let failed = await pullConcurrently(pulls.map { ($0.value, $0.key) }, quiet: options.quietPull) {
            services[$0]?["build"] != nil && options.build != .never
        }
        // Compose builds an image it could not pull when the service says how.
        let buildable = failed.compactMap(\.service).filter { services[$0]?["build"] != nil && options.build != .never }
        builds.formUnion(buildable)
        if let failure = AggregateError.combining(failed.filter { !buildable.contains($0.service ?? "") }) {
            throw failure
        }
        var request = BuildRequest()
        if options.quietBuild { request.output = { _, _ in } }
        try await buildInOrder(builds.sorted(), request: request, limit: options.parallelLimit)
        let missing = selection.filter { imageIDs[$0] == nil }.sorted()
        inspected = try await inspectImages(Set(missing.map(imageName(of:))))
        for name in missing {
            let image = imageName(of: name)
            guard let present = inspected[image] ?? nil else {
                throw missingImage(name, image: image, options: options, policy: .missing)
            }
            imageIDs[name] = present.id
        }
        return imageIDs
    }

    /// Each image's inspection, nil for an image the engine does not have; the requests go out together.
    private func inspectImages(_ images: Set<String>) async throws -> [String: ImageInspection?] {
        try await withThrowingTaskGroup(of: (String, ImageInspection?).self) { group in
            for image in images {
                group.addTask { (image, try await inspect({ try await client.inspectImage(image) })) }
            }
            var inspections: [String: ImageInspection?] = [:]
            for try await (image, inspection) in group { inspections[image] = inspection }
            return inspections
        }
    }

    private func missingImage(_ service: String, image: String, options: UpOptions, policy: PullPolicy)
        -> OrchestrationError
    {
        if services[service]?["build"] != nil, options.build == .never {
            return .service(
                service, .missingImage,
                "no such image: \(image), and --no-build forbids building it: run `pier build \(service)` first")
        }
        if policy == .never {
            return .service(
                service, .missingImage,
                "no such image: \(image), and its pull policy is never: pull it with "
                    + "`pier pull --policy always \(service)`, or change the policy")
        }
        return .service(service, .missingImage, "no such image: \(image)")
    }
}
