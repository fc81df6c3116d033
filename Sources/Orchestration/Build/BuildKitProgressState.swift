import DockerEngine
import Foundation

/// Turns a BuildKit build's progress updates into BuildKit's plain output, as Docker Compose prints it with
/// `--progress plain` (steps numbered in order of appearance, named with the service: `#5 [web 2/3] RUN …`,
/// their progress, output and `DONE 0.2s`, `CACHED` or `ERROR: …`), and keeps the step running now for a live
/// display. A value: feed it updates, print what it returns.
struct BuildKitProgressState {
    let service: String
    private var numbers: [String: Int] = [:]
    private var steps: [String: BuildKitProgress.Step] = [:]
    /// Steps whose end was printed.
    private var finished: Set<String> = []
    /// Progress lines printed as done, by step and id (`transferring context:` comes for several steps).
    private var finishedProgress: Set<String> = []
    /// The step the last line was about, to separate steps with a blank line.
    private var lastNumber: Int?
    /// What the live display shows: the name of the step that started last and has not finished, or the last
    /// step found in the cache (`CACHED [web 2/3] RUN …`, as BuildKit's own display marks it) until another starts.
    private(set) var currentStep: String?
    /// The last lines of output of each step, for a failure's message.
    private var output: [String: [String]] = [:]

    init(service: String) {
        self.service = service
    }

    /// A step's name with the service in it: `[internal] load …` becomes `[web internal] load …`, an unbracketed
    /// name `[web] exporting to image`.
    func displayName(_ name: String) -> String {
        name.hasPrefix("[") ? "[\(service) " + name.dropFirst() : "[\(service)] " + name
    }

    /// Applies an update; returns the lines to print.
    mutating func apply(_ update: BuildKitProgress) -> [String] {
        var lines: [String] = []
        for step in update.steps {
            let isNew = numbers[step.digest] == nil
            if isNew { numbers[step.digest] = numbers.count + 1 }
            let previous = steps[step.digest]
            steps[step.digest] = step
            if isNew || (previous?.started == nil && step.started != nil), step.started != nil || step.cached {
                lines += header(numbers[step.digest] ?? 0, step)
                if step.cached {
                    currentStep = "CACHED " + displayName(step.name)
                } else if step.completed == nil {
                    currentStep = displayName(step.name)
                }
            }
        }
        for progress in update.progress {
            let key = progress.step + "\u{0}" + progress.id
            guard let number = numbers[progress.step], !finishedProgress.contains(key), progress.completed != nil
            else { continue }
            finishedProgress.insert(key)
            if lastNumber != number, let step = steps[progress.step] { lines += header(number, step) }
            var line = "#\(number) \(progress.id)"
            if progress.total > 0 {
                line += " \(Self.size(progress.current)) / \(Self.size(progress.total))"
            } else if progress.current > 0 {
                line += " \(Self.size(progress.current))"
            }
            if let started = progress.started, let completed = progress.completed,
                completed.timeIntervalSince(started) >= 0.05
            {
                line += " " + Self.seconds(from: started, to: completed)
            }
            lines.append(line + " done")
        }
        for log in update.logs {
            guard let number = numbers[log.step] else { continue }
            if lastNumber != number, let step = steps[log.step] { lines += header(number, step) }
            let elapsed = Self.seconds(from: steps[log.step]?.started, to: log.timestamp, decimals: 3)
                .dropLast()
            for text in String(decoding: log.text, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .dropLast(log.text.last == UInt8(ascii: "\n") ? 1 : 0) {
                lines.append("#\(number) \(elapsed) \(text)")
                output[log.step, default: []].append(String(text))
                if output[log.step, default: []].count > 10 { output[log.step]?.removeFirst() }
            }
        }
        for step in update.steps {
            guard step.completed != nil || step.error != nil, !finished.contains(step.digest),
                let number = numbers[step.digest]
            else { continue }
            finished.insert(step.digest)
            if lastNumber != number { lines += header(number, step) }
            if let error = step.error {
                lines.append("#\(number) ERROR: \(error)")
            } else if step.cached {
                lines.append("#\(number) CACHED")
            } else {
                lines.append("#\(number) DONE \(Self.seconds(from: step.started, to: step.completed))")
            }
            if currentStep == displayName(step.name) { currentStep = nil }
        }
        for warning in update.warnings {
            lines.append("WARNING: \(warning.message)")
        }
        if let last = lines.last, let number = Int(last.dropFirst().prefix { $0.isNumber }) { lastNumber = number }
        return lines
    }

    /// The image whose metadata BuildKit failed to load (`[internal] load metadata for REF`): a base image the
    /// registry refused, for a hint on credentials.
    var failedBaseImage: String? {
        let prefix = "[internal] load metadata for "
        return steps.values.first { $0.error != nil && $0.name.hasPrefix(prefix) }.map {
            String($0.name.dropFirst(prefix.count))
        }
    }

    /// The failed steps with their last lines of output, for the error a failed build throws.
    var failureSummary: [String] {
        steps.values.filter { $0.error != nil }.sorted { (numbers[$0.digest] ?? 0) < (numbers[$1.digest] ?? 0) }
            .flatMap { step in
                [" > \(displayName(step.name)):"] + (output[step.digest] ?? []).map { "   " + $0 }
            }
    }

    private mutating func header(_ number: Int, _ step: BuildKitProgress.Step) -> [String] {
        let separator = lastNumber == nil || lastNumber == number ? [] : [""]
        lastNumber = number
        return separator + ["#\(number) \(displayName(step.name))"]
    }

    /// `0.2s`: the time between two instants, as BuildKit prints durations.
    static func seconds(from start: Date?, to end: Date?, decimals: Int = 1) -> String {
        guard let start, let end else { return String(format: "%.\(decimals)fs", 0.0) }
        return String(format: "%.\(decimals)fs", max(0, end.timeIntervalSince(start)))
    }

    /// Sizes as BuildKit prints them: `42B`, `1.234kB`, `12.35MB` (powers of 1000, four digits).
    static func size(_ bytes: Int64) -> String {
        GoUnits.humanSize(Double(bytes), precision: 4)
    }
}
