import ComposeSpec
import DockerEngine

/// Which images are used as they are, pulled or built, as Compose decides: a missing image is pulled; one that
/// cannot be pulled but can be built is built; `daily`, `weekly` and `every_<duration>` pull again once the image
/// was last tagged longer ago than that.
extension Planner {
    func imagePlans(_ target: Target, observed: ObservedState) -> [ImagePlan] {
        let services = target.services
        return target.selection.sorted().compactMap { name -> ImagePlan? in
            guard let service = services[name] else { return nil }
            let image = Self.imageName(of: name, in: target.project)
            let buildable = service["build"] != nil && build != .never
            let written = service["pull_policy"]?.scalarText
            let policy = pull ?? written.flatMap(PullPolicy.init) ?? .missing
            let policyReason = pull != nil ? "--pull" : written.map { "pull_policy: \($0)" }
            if buildable, build == .always || policy == .build {
                let reason = build == .always ? "--build" : policyReason
                return ImagePlan(service: name, image: image, action: .build, reason: reason)
            }
            let present = observed.images[image]
            if let present, !policy.refreshes(lastTagged: present.lastTagTime, now: now) {
                return ImagePlan(service: name, image: image, action: .use(present.id))
            }
            let reason = present == nil ? "missing" : policyReason
            if service["image"] == nil || policy == .never || policy == .build {
                // Without a way to build it, `up` fails on it (``missingImage``).
                return ImagePlan(service: name, image: image, action: .build, reason: reason)
            }
            return ImagePlan(service: name, image: image, action: .pull(fallsBackToBuild: buildable), reason: reason)
        }
    }

    /// The image a service runs: its `image`, or the name Compose gives the image it builds.
    static func imageName(of service: String, in project: ProjectContext) -> String {
        project.document["services"]?[service]?["image"]?.scalarText
            ?? ContainerNames.defaultImage(project: project.name, service: service, separator: project.nameSeparator)
    }

    /// Why a service's image can be neither used, pulled nor built; nil when it can.
    func missingImage(_ plan: ImagePlan, in target: Target) -> OrchestrationError? {
        guard plan.action == .build, let service = target.services[plan.service] else { return nil }
        if service["build"] != nil {
            guard build == .never else { return nil }
            return .service(
                plan.service, .missingImage,
                "no such image: \(plan.image), and --no-build forbids building it: run `pier build \(plan.service)` "
                    + "first")
        }
        let policy = pull ?? service["pull_policy"]?.scalarText.flatMap(PullPolicy.init) ?? .missing
        if policy == .never {
            return .service(
                plan.service, .missingImage,
                "no such image: \(plan.image), and its pull policy is never: pull it with "
                    + "`pier pull --policy always \(plan.service)`, or change the policy")
        }
        return .service(plan.service, .missingImage, "no such image: \(plan.image)")
    }
}
