import ComposeSpec

/// Names and labels as `docker stack deploy` gives them, so that the Docker CLI's `docker stack ps` / `services` /
/// `rm` see Pier's stacks and Pier sees theirs.
public enum StackNames {
    /// The label every object of a stack carries: its name.
    public static let namespaceLabel = "com.docker.stack.namespace"
    /// The label of a service: the image of its file.
    public static let imageLabel = "com.docker.stack.image"
    /// Pier's label on a service: the hash of the spec it deployed, to leave an unchanged service alone.
    public static let specHashLabel = "dev.pier.stack.spec-hash"
    /// Pier's label on a secret or config: its key in the file (its name carries a version).
    public static let sourceLabel = "dev.pier.stack.source"

    /// `stack_name`: a service, or a network, volume, secret or config with no `name` of its own.
    public static func scoped(_ stack: String, _ name: String) -> String { "\(stack)_\(name)" }

    /// The filter for a stack's objects.
    public static func filter(_ stack: String) -> [String: [String]] { ["label": ["\(namespaceLabel)=\(stack)"]] }

    /// The engine name of a top-level resource: its `name` (the loader names it `project_key` unless the file
    /// names it; the project is loaded under the stack's name), else `stack_key`, or the key when external.
    static func resourceName(_ key: String, definition: Node?, stack: String) -> String {
        if let name = definition?.field("name")?.string { return name }
        return definition?.isSet("external") == true ? key : scoped(stack, key)
    }
}
