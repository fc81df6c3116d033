/// Container and image names as Docker Compose v2 chooses them. Their parts are joined with `-`, or with `_` in
/// compatibility mode (`--compatibility`), as Compose v1 joined them.
public enum ContainerNames {
    /// The separator of compatibility mode.
    public static let compatibilitySeparator = "_"

    /// `container_name`, else `<project>-<service>-<number>`.
    public static func service(
        project: String, service: String, number: Int, containerName: String? = nil, separator: String = "-"
    ) -> String {
        containerName ?? [project, service, String(number)].joined(separator: separator)
    }

    /// A one-off (`run`) container: `<project>-<service>-run-<first 12 digits of the slug>`.
    public static func oneOff(project: String, service: String, slug: String, separator: String = "-") -> String {
        [project, service, "run", String(slug.prefix(12))].joined(separator: separator)
    }

    /// The name a replacement container is created under while the old one still holds the real name:
    /// `<first 12 digits of the old ID>_<name>`; it is renamed once the old one is removed.
    public static func temporary(replacing containerID: String, name: String) -> String {
        "\(containerID.prefix(12))_\(name)"
    }

    /// The image a service without `image` builds and runs: `<project>-<service>`.
    public static func defaultImage(project: String, service: String, separator: String = "-") -> String {
        project + separator + service
    }

    /// A random one-off slug: 64 lowercase hexadecimal digits, like Compose's.
    public static func newSlug() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let text = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }
}
