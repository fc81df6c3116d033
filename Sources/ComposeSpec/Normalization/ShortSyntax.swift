/// The short syntaxes the command line takes (`run -v`, `run -p`), in the long form the loader gives a service.
public enum ShortSyntax {
    /// `[SOURCE:]TARGET[:OPTIONS]` as a long-syntax mount.
    public static func volume(_ spec: String) throws(ComposeError) -> Node {
        .mapping(try Volumes.short(spec, at: nil))
    }

    /// `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` as long-syntax ports, one per container port.
    public static func ports(_ spec: String) throws(ComposeError) -> [Node] {
        try Ports.short(spec, at: nil).map { .mapping($0) }
    }
}
