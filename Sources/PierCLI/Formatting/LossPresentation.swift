import ScaleOut

/// A conversion's loss report on standard error: one warning per key that did not carry over.
enum LossPresentation {
    static func warn(_ report: LossReport) {
        for line in report.lines { Output.warn(line) }
    }
}
