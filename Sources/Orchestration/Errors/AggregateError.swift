/// Every failure of one fan-out (the services of an `up`, the containers a `stop` acts on, the images a `pull`
/// fetches), so that none hides another. Printed one failure per line, in the order of their services.
public struct AggregateError: Error, Sendable, CustomStringConvertible {
    public var errors: [any Error]

    public init(_ errors: [any Error]) {
        self.errors = errors
    }

    /// One line per failure; a failure whose words do not name its service is led by `service "name": `.
    public var description: String {
        errors.map { error in
            guard let error = error as? OrchestrationError, let service = error.service,
                !error.message.contains("\"\(service)\"")
            else { return "\(error)" }
            return "service \"\(service)\": \(error)"
        }.joined(separator: "\n")
    }

    /// The failures of a fan-out as one error: nil when there are none, the failure itself when there is one,
    /// else an aggregate sorted by service. Failures that only follow from another one (a service that did not
    /// start because its dependency failed, a task cancelled because another failed) are left out while the one
    /// they follow from is there.
    public static func combining(_ failures: [any Error]) -> (any Error)? {
        let primary = failures.filter { !isConsequence($0) }
        let kept = primary.isEmpty ? failures : primary
        guard kept.count > 1 else { return kept.first }
        let flattened = kept.flatMap { ($0 as? AggregateError)?.errors ?? [$0] }
        return AggregateError(
            flattened.enumerated().sorted { left, right in
                let (leftService, rightService) = (service(of: left.element), service(of: right.element))
                if leftService != rightService { return leftService < rightService }
                return left.offset < right.offset
            }.map(\.element))
    }

    private static func isConsequence(_ error: any Error) -> Bool {
        if error is CancellationError { return true }
        let code = (error as? OrchestrationError)?.code
        return code == .dependencyNotReady || code == .cancelled
    }

    private static func service(of error: any Error) -> String {
        (error as? OrchestrationError)?.service ?? ""
    }
}

/// Runs `body` for each item concurrently, at most `limit` at a time (all at once when nil or below 1), and waits
/// for every one; the failures are thrown together (see ``AggregateError/combining(_:)``). A failure does not
/// cancel the others: each item's work is reported as it ends, and none is left half done.
public func forEachConcurrently<Item: Sendable>(
    _ items: [Item], limit: Int? = nil, _ body: @escaping @Sendable (Item) async throws -> Void
) async throws {
    let width = limit.flatMap { $0 > 0 ? $0 : nil } ?? items.count
    let failures = await withTaskGroup(of: (any Error)?.self) { group in
        func start(_ item: Item) {
            group.addTask {
                do {
                    try await body(item)
                    return nil
                } catch {
                    return error
                }
            }
        }
        var next = items.makeIterator()
        for _ in 0..<width {
            guard let item = next.next() else { break }
            start(item)
        }
        var failures: [any Error] = []
        while let result = await group.next() {
            if let failure = result { failures.append(failure) }
            if let item = next.next() { start(item) }
        }
        return failures
    }
    if let failure = AggregateError.combining(failures) { throw failure }
}
