import DockerEngine
import Synchronization

/// A ``FeedState`` that the feed's event reader and its refresher share.
final class SharedFeedState: Sendable {
    private let state: Mutex<FeedState>

    init(selected: String?) {
        state = Mutex(FeedState(selected: selected))
    }

    func handle(_ event: EngineEvent) -> [FeedState.Action] {
        state.withLock { $0.handle(event) }
    }

    func takeStale() -> (projects: Bool, detail: Bool) {
        state.withLock { $0.takeStale() }
    }
}
