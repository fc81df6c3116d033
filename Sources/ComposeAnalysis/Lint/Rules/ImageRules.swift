import ComposeSpec

/// Where images come from and who they run as.
extension LintRule {
    static let imageRules: [LintRule] = [
        LintRule(
            "image-unpinned", .security, .warning, title: "Images should name a tag other than latest",
            explanation: """
                An image without a tag, or tagged `latest`, changes under the project whenever the registry's \
                `latest` moves: a rebuild or a new host runs something else. Name a version (`postgres:16.4`), \
                or a digest. A service that builds is judged too, unless `pull_policy: build` (`up` pulls its \
                `image` first otherwise).
                """
        ) { context in
            context.eachService { service in
                guard !service.alwaysBuilds, let image = service.image, !image.contains("@") else { return [] }
                let reference = ImageReference(image)
                guard reference.tag == nil || reference.tag == "latest" else { return [] }
                let what = reference.tag == nil ? "has no tag" : "uses the latest tag"
                return [.about(service, "image \(image) \(what)", at: service.location(of: "image"))]
            }
        },
        LintRule(
            "image-digest", .security, .info, title: "Images should be pinned by digest",
            explanation: """
                A tag can be moved to another image by whoever controls the registry; a digest \
                (`postgres:16.4@sha256:…`) cannot. Pin images by digest where the supply chain matters, and let \
                a tool update the digests.
                """
        ) { context in
            context.eachService { service in
                guard !service.alwaysBuilds, let image = service.image, !image.contains("@sha256:") else { return [] }
                return [.about(service, "image \(image) is not pinned by digest", at: service.location(of: "image"))]
            }
        },
        LintRule(
            "build-and-image", .portability, .info, title: "A service that builds should not also pull",
            explanation: """
                With both `build` and `image`, `up` first tries to pull `image` and builds only when the pull \
                fails: a registry that has an image of that name silently replaces the local build. Set \
                `pull_policy: build` (always build), or leave out one of them.
                """
        ) { context in
            context.eachService { service in
                guard service.build != nil, service.image != nil else { return [] }
                let policy = service.field("pull_policy")?.scalarText
                guard policy == nil || policy == "missing" || policy == "if_not_present" else { return [] }
                return [
                    .about(
                        service, "has both build and image without pull_policy: build",
                        at: service.location(of: "image"))
                ]
            }
        },
        LintRule(
            "root-user", .security, .warning, title: "Containers should not run as root",
            explanation: """
                A process running as root in the container is root on the host if it escapes, and owns every \
                file it writes to volumes. Set `user:` to an unprivileged user, or `USER` in the Dockerfile the \
                service builds. Pier reads the Dockerfile (the `build.target` stage) to know.
                """
        ) { context in
            context.eachService { service in
                if let user = service.field("user")?.scalarText {
                    guard DockerfileFacts.isRoot(user) else { return [] }
                    return [.about(service, "runs as root (user: \(user))", at: service.location(of: "user"))]
                }
                guard let facts = context.dockerfiles[service.name] else { return [] }
                if let user = facts.user, !DockerfileFacts.isRoot(user) { return [] }
                let why = facts.user == nil ? "its Dockerfile sets no USER" : "its Dockerfile sets USER \(facts.user!)"
                return [.about(service, "runs as root: \(why)", at: service.location(of: "build"))]
            }
        },
    ]
}

extension ServiceView {
    /// Whether `up` builds the image rather than pulls it: `build` with `pull_policy: build`, or `build` alone.
    var alwaysBuilds: Bool {
        guard build != nil else { return false }
        return image == nil || field("pull_policy")?.scalarText == "build"
    }
}

/// An image reference split the way the engine reads it: `[registry/]repository[:tag][@digest]`.
struct ImageReference {
    var repository: String
    var tag: String?

    init(_ reference: String) {
        let name = reference.split(separator: "@", maxSplits: 1).first.map(String.init) ?? reference
        // A colon after the last slash separates the tag; one before it belongs to a registry's port.
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            repository = String(name[..<colon])
            tag = String(name[name.index(after: colon)...])
        } else {
            repository = name
            tag = nil
        }
    }

    /// The repository's last component (`postgres` for `mirror.gcr.io/library/postgres`).
    var shortName: String { repository.split(separator: "/").last.map(String.init) ?? repository }
}
