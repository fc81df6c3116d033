/// What an operation reports as it goes: a resource and what is happening to it, as Compose prints it
/// (`Container web-1  Starting`, then `Started`).
public struct ProgressEvent: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        case working
        case done
        case warning
        case error
    }

    /// The resource as Compose names it: `Container lab-web-1`, `Network lab_default`, `Volume lab_data`.
    public var resource: String
    /// What happens: `Creating`, `Created`, `Starting`, `Healthy`, `Error`…
    public var text: String
    public var status: Status
    /// An error's message, or a warning's.
    public var detail: String?

    public init(resource: String, text: String, status: Status, detail: String? = nil) {
        self.resource = resource
        self.text = text
        self.status = status
        self.detail = detail
    }

    public static func working(_ resource: String, _ text: String) -> ProgressEvent {
        ProgressEvent(resource: resource, text: text, status: .working)
    }

    public static func done(_ resource: String, _ text: String) -> ProgressEvent {
        ProgressEvent(resource: resource, text: text, status: .done)
    }

    public static func failed(_ resource: String, _ message: String) -> ProgressEvent {
        ProgressEvent(resource: resource, text: "Error", status: .error, detail: message)
    }
}

/// Where operations send their progress; renderers live with the command line.
public typealias ProgressHandler = @Sendable (ProgressEvent) -> Void
