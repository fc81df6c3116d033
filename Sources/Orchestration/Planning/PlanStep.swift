import ComposeSpec

/// One thing a plan does to one object of the engine, in the order `up` does it: what `pier plan` lists and
/// `up --dry-run` reports.
public struct PlanStep: Sendable {
    public enum Kind: String, Sendable {
        case image = "Image", network = "Network", volume = "Volume", container = "Container"
    }

    public enum Action: String, Sendable {
        case pull, build, create, recreate, start, remove
        /// Left as it is: running, or there as configured.
        case keep
        /// Left as it is although it differs: a volume whose recreation was not agreed to, an orphan not removed.
        case diverged
        /// `up` stops on it.
        case fail
    }

    public var kind: Kind
    /// The engine-side name: `proj-web-1`, `proj_default`, `nginx:1.27`.
    public var name: String
    public var action: Action
    /// The service it belongs to, for images and containers.
    public var service: String?
    /// Why: the inputs that changed, or what makes it happen (`missing`, `--build`, `orphan`).
    public var reasons: [PlanReason] = []
    /// Whether the container runs at the end (`up` starts what it creates unless `--no-start`).
    public var starts = false
    /// Whether the container runs now (a removal stops it first).
    public var isRunning = false
    /// The error `up` would stop with, for `fail`.
    public var error: OrchestrationError?

    /// `Container proj-web-1`, as progress lines name it.
    public var resource: String { "\(kind.rawValue) \(name)" }
}

extension Plan {
    /// Every step, images first, then networks, volumes, orphans and each service's containers in dependency order;
    /// unchanged objects included (as `keep`).
    public func steps(in project: ProjectContext, start: Bool = true, removeOrphans: Bool = false) -> [PlanStep] {
        var steps = images.map { image -> PlanStep in
            let action: PlanStep.Action
            switch image.action {
            case .use: action = .keep
            case .pull: action = .pull
            case .build: action = .build
            }
            let reasons = image.reason.map { [PlanReason($0)] } ?? []
            return PlanStep(kind: .image, name: image.image, action: action, service: image.service, reasons: reasons)
        }
        steps += networks.map { $0.step(.network) } + volumes.map { $0.step(.volume) }
        for orphan in orphans {
            steps.append(
                PlanStep(
                    kind: .container, name: orphan.name, action: removeOrphans ? .remove : .diverged,
                    service: orphan.service,
                    reasons: [PlanReason("orphan", "service \(orphan.service) is not defined")],
                    isRunning: orphan.isRunning))
        }
        let services = project.document["services"]?.mapping ?? [:]
        for plan in self.services {
            let containerName = services[plan.service]?["container_name"]?.scalarText
            func name(_ number: Int) -> String {
                ContainerNames.service(
                    project: project.name, service: plan.service, number: number, containerName: containerName,
                    separator: project.nameSeparator)
            }
            for action in plan.actions {
                var step: PlanStep
                switch action {
                case .create(let number):
                    step = PlanStep(kind: .container, name: name(number), action: .create, starts: start)
                case .recreate(let container):
                    step = PlanStep(
                        kind: .container, name: container.name, action: .recreate,
                        reasons: plan.reasons[container.id] ?? [], starts: start, isRunning: container.isRunning)
                case .keep(let container):
                    let starts = start && !container.isRunning
                    step = PlanStep(
                        kind: .container, name: container.name, action: starts ? .start : .keep,
                        starts: container.isRunning || starts, isRunning: container.isRunning)
                case .remove(let container):
                    step = PlanStep(
                        kind: .container, name: container.name, action: .remove,
                        reasons: [PlanReason("scale", "replica \(container.number) not needed")],
                        isRunning: container.isRunning)
                }
                step.service = plan.service
                steps.append(step)
            }
        }
        return steps
    }
}

extension ResourcePlan {
    func step(_ kind: PlanStep.Kind) -> PlanStep {
        var step = PlanStep(kind: kind, name: name, action: .keep, reasons: reasons)
        switch action {
        case .create: step.action = .create
        case .keep: step.action = .keep
        case .recreate: step.action = .recreate
        case .keepDiverged: step.action = .diverged
        case .fail(let error):
            step.action = .fail
            step.error = error
        }
        return step
    }
}
