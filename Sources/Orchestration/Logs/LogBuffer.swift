import Synchronization

/// Lines kept to be shown later, in order: the output of `post_start` hooks during an attached `up`, shown once
/// the containers' output is followed (as Compose shows it after `Attaching to`).
public final class LogBuffer: LogSink {
    private enum Entry {
        case line(name: String, text: String)
        case status(name: String, text: String)
        case warning(String)
    }

    private let entries = Mutex([Entry]())

    public init() {}

    public func register(_ name: String) {}

    public func log(_ name: String, _ line: String) {
        entries.withLock { $0.append(.line(name: name, text: line)) }
    }

    public func status(_ name: String, _ text: String) {
        entries.withLock { $0.append(.status(name: name, text: text)) }
    }

    public func warn(_ message: String) {
        entries.withLock { $0.append(.warning(message)) }
    }

    /// Writes what was kept into `sink` and forgets it.
    public func replay(into sink: any LogSink) {
        let kept = entries.withLock { entries in
            defer { entries = [] }
            return entries
        }
        for entry in kept {
            switch entry {
            case .line(let name, let text): sink.log(name, text)
            case .status(let name, let text): sink.status(name, text)
            case .warning(let message): sink.warn(message)
            }
        }
    }
}
