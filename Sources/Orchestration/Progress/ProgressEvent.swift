import ComposeSpec

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
    /// An error's message, or a warning's; a layer's progress bar.
    public var detail: String?
    /// The resource this one is part of: the service whose image a layer belongs to.
    public var parent: String?
    /// Bytes done and in all, for a layer being downloaded, extracted or pushed.
    public var current: Int64?
    public var total: Int64?
    /// Whether `text` is a registry's message (`Pulling`, `Downloading`) rather than a status word: Compose
    /// prints those in another column (`"text"` rather than `"status"` in JSON).
    public var isMessage = false

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

    /// A line of a pull or push: `text` is the engine's status (`Downloading`), `detail` its progress bar.
    public static func message(
        _ resource: String, _ text: String, status: Status = .working, detail: String? = nil, parent: String? = nil
    ) -> ProgressEvent {
        var event = ProgressEvent(resource: resource, text: text, status: status, detail: detail)
        event.parent = parent
        event.isMessage = true
        return event
    }

    /// The percentage done, as Compose reports it: from the byte counts, or 100 once a layer is complete.
    public var percent: Int? {
        if ["Already exists", "Pull complete", "Download complete", "Layer already exists", "Pushed"].contains(text) {
            return 100
        }
        guard let current, let total, total > 0 else { return nil }
        return Int(current * 100 / total)
    }

    /// Something the operation goes on without, but the user should know.
    public static func warning(_ resource: String, _ message: String) -> ProgressEvent {
        ProgressEvent(resource: resource, text: "Warning", status: .warning, detail: message)
    }

    /// A warning about the compose files, naming where the value at fault was written.
    public static func warning(_ resource: String, _ warning: ComposeWarning) -> ProgressEvent {
        .warning(resource, warning.description)
    }

    public static func failed(_ resource: String, _ message: String) -> ProgressEvent {
        ProgressEvent(resource: resource, text: "Error", status: .error, detail: message)
    }
}

/// Where operations send their progress; renderers live with the command line.
public typealias ProgressHandler = @Sendable (ProgressEvent) -> Void
