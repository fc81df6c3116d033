/// The bounds that keep any input from crashing the loader, hanging it or making it grow without end. Each is far
/// above what a real project needs; going past one is an error that says where and which limit it is. The user's
/// documentation of them is `docs/limits.md`: keep the two in step.
public enum LoaderLimits {
    /// Levels of YAML nesting (collections inside collections). libyaml, which reads the files, enforces it.
    public static let yamlNesting = 1_000
    /// Nodes that aliases (`*name`, and `<<: *name`) may add to one file, beyond those written in it: past this, a
    /// file is a "billion laughs" rather than a project.
    public static let aliasNodes = 1_000_000
    /// Levels of `include` inside included files.
    public static let includeDepth = 100
    /// Files a project may include in all, counting a file once each time an `include` names it.
    public static let includedFiles = 1_000
    /// Levels of `${…}` inside the default, alternative or message of another `${…}`.
    public static let interpolationNesting = 100
    /// Bytes interpolation may add to one compose file or env file (the values it substitutes, in all).
    public static let interpolationGrowth = 32 << 20
    /// Ports in a project once ranges (`8000-9000:8000-9000`) are written out one per port.
    public static let portEntries = 1_000_000
    /// Nodes that `extends` adds to one file (each service that extends another copies it), beyond those written in
    /// it: past this, or 10 times the nodes written, a chain that grows at each link is refused.
    public static let extendsNodes = 1_000_000
    /// Bytes of one file the loader reads (compose files, env files, label files).
    public static let fileSize = 256 << 20

    /// The text errors end with, to point at the documentation.
    static func exceeded(_ what: String) -> String {
        "\(what) (see the limits in docs/limits.md)"
    }
}
