import DockerEngine

/// One volume as `volumes` shows it: the fields of the docker CLI's `VolumeContext`, which its templates, tables
/// and JSON read. What a local listing does not know (links, size, cluster volumes' group, availability and
/// status) is `N/A`, as there.
struct VolumePresentation: TemplateContext {
    static let typeName = "*formatter.volumeContext"
    static let defaultTable = "table {{.Driver}}\t{{.Name}}"
    static let titles: [String: String] = [
        "Name": "VOLUME NAME", "Driver": "DRIVER", "Scope": "SCOPE", "Mountpoint": "MOUNTPOINT", "Labels": "LABELS",
        "Links": "LINKS", "Size": "SIZE", "Group": "GROUP", "Availability": "AVAILABILITY", "Status": "STATUS",
    ]

    var volume: Volume

    func field(_ name: String) -> TemplateValue? {
        text(name).map(TemplateValue.text)
    }

    func label(_ name: String) -> String {
        volume.labels[name] ?? ""
    }

    /// `{{json .}}`: every field, keys sorted as Go sorts a map.
    var json: GoJSON {
        .map(Dictionary(uniqueKeysWithValues: Self.titles.keys.map { ($0, GoJSON.string(text($0) ?? "")) }))
    }

    private func text(_ name: String) -> String? {
        switch name {
        case "Name": volume.name
        case "Driver": volume.driver
        case "Scope": volume.scope
        case "Mountpoint": volume.mountpoint
        // Sorted: the docker CLI prints them in Go's random map order.
        case "Labels": volume.labels.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",")
        case "Links", "Size", "Group", "Availability", "Status": "N/A"
        default: nil
        }
    }
}
