/// The progress `up` reports while carrying out a plan, told in advance: what `up --dry-run` prints, as Docker
/// Compose's dry run does (networks and volumes, then every container created or recreated, then started).
extension [PlanStep] {
    /// The events, in `up`'s order. Throws the error of the first step `up` would stop on.
    public func upProgress() throws -> [ProgressEvent] {
        if let failure = first(where: { $0.action == .fail }), let error = failure.error { throw error }
        var events: [ProgressEvent] = []
        for step in self {
            switch step.action {
            case .pull: events += [.working(step.resource, "Pulling"), .done(step.resource, "Pulled")]
            case .build: events += [.working(step.resource, "Building"), .done(step.resource, "Built")]
            case .create: events += [.working(step.resource, "Creating"), .done(step.resource, "Created")]
            case .recreate: events += [.working(step.resource, "Recreate"), .done(step.resource, "Recreated")]
            case .remove:
                if step.isRunning { events += [.working(step.resource, "Stopping"), .done(step.resource, "Stopped")] }
                events += [.working(step.resource, "Removing"), .done(step.resource, "Removed")]
            case .keep where step.kind == .container && step.isRunning:
                events.append(.done(step.resource, "Running"))
            case .diverged where step.kind == .container:
                events.append(
                    .warning(
                        step.resource,
                        "Found orphan container for this project. If you removed or renamed this service in your "
                            + "compose file, you can run this command with the --remove-orphans flag to clean it up."))
            case .start, .keep, .diverged, .fail: break
            }
        }
        for step in self where step.kind == .container && step.starts && !(step.action == .keep) {
            events += [.working(step.resource, "Starting"), .done(step.resource, "Started")]
        }
        return events
    }
}
