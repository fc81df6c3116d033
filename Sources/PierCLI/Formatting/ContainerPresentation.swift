import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

/// One container as `ps` shows it: the fields of Docker Compose's `ContainerContext`, which its templates,
/// tables and JSON read.
struct ContainerPresentation: TemplateContext {
    static let typeName = "*formatter.ContainerContext"

    /// Column titles of `table` templates; fields without one print `<no value>` in the header, as in Compose.
    static let titles: [String: String] = [
        "ID": "CONTAINER ID", "Name": "NAME", "Project": "PROJECT", "Service": "SERVICE", "Image": "IMAGE",
        "Command": "COMMAND", "CreatedAt": "CREATED AT", "RunningFor": "CREATED", "Ports": "PORTS",
        "State": "STATE", "Status": "STATUS", "Size": "SIZE", "Labels": "LABELS",
    ]

    var summary: ContainerSummary
    /// From inspecting the container: health while running, exit code once exited.
    var health = ""
    var exitCode = 0
    /// Volume names, or sources of bind mounts, and how many use the `local` driver.
    var mounts: [String] = []
    var localVolumes = 0
    /// `--no-trunc` turns this off.
    var truncate = true
    var now = Date()

    func field(_ name: String) -> TemplateValue? {
        switch name {
        case "ExitCode": return .integer(exitCode)
        case "Publishers": return .json(.array(publishers.map(Self.publisherJSON)))
        default: return text(name).map(TemplateValue.text)
        }
    }

    func label(_ name: String) -> String {
        summary.labels[name] ?? ""
    }

    /// `{{json .}}`: every field, keys sorted as Go sorts a map.
    var json: GoJSON {
        var members: [String: GoJSON] = [:]
        for name in Self.jsonTextFields { members[name] = .string(text(name) ?? "") }
        members["ExitCode"] = .integer(Int64(exitCode))
        members["Publishers"] = .array(publishers.map(Self.publisherJSON))
        return .map(members)
    }

    private static let jsonTextFields = [
        "Command", "CreatedAt", "Health", "ID", "Image", "Labels", "LocalVolumes", "Mounts", "Name", "Names",
        "Networks", "Ports", "Project", "RunningFor", "Service", "Size", "State", "Status",
    ]

    private func text(_ name: String) -> String? {
        switch name {
        case "ID": truncate ? GoText.shortID(summary.id) : summary.id
        case "Name": summary.canonicalName
        case "Names": names
        case "Service": summary.serviceName
        case "Project": summary.projectName
        case "Image": summary.image
        case "Command": GoQuote.quoted(truncate ? GoText.ellipsis(summary.command, width: 20) : summary.command)
        case "CreatedAt": GoText.timeString(unixSeconds: summary.created)
        case "RunningFor": GoText.ago(since: Double(summary.created), now: now)
        case "State": summary.state
        case "Status": summary.status
        case "Health": health
        case "Ports": DisplayablePorts.text(publishers)
        case "Labels": summary.labels.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",")
        case "Mounts": mounts.map { truncate ? GoText.ellipsis($0, width: 15) : $0 }.joined(separator: ",")
        case "LocalVolumes": String(localVolumes)
        case "Networks": summary.networkNames.joined(separator: ",")
        // Compose lists containers without their size, so the size is always zero.
        case "Size": "0B"
        default: nil
        }
    }

    /// Names without the engine's slash; truncated output keeps the container's own name, not link aliases.
    private var names: String {
        let stripped = summary.names.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }
        if truncate, let own = stripped.first(where: { !$0.contains("/") }) { return own }
        return stripped.joined(separator: ",")
    }

    /// The ports in the order Compose's `Publishers` keeps them.
    var publishers: [PortBinding] { PortBinding.publishersOrder(summary.portBindings) }

    private static func publisherJSON(_ port: PortBinding) -> GoJSON {
        .object([
            ("URL", .string(port.ip)), ("TargetPort", .integer(Int64(port.privatePort))),
            ("PublishedPort", .integer(Int64(port.publicPort))), ("Protocol", .string(port.type)),
        ])
    }
}

extension ContainerPresentation {
    /// The presentation of `summary`: the engine's list says all `ps` shows, health and exit code included in
    /// its status text (`Up 2 minutes (healthy)`, `Exited (137) 5 seconds ago`), so no container is inspected.
    init(_ summary: ContainerSummary, truncate: Bool, now: Date) {
        self.summary = summary
        self.truncate = truncate
        self.now = now
        if summary.state == "running" { health = Self.health(inStatus: summary.status) }
        if summary.state == "exited" || summary.state == "dead" {
            exitCode = Self.exitCode(inStatus: summary.status) ?? 0
        }
        for mount in summary.mounts.arrayValue ?? [] {
            let name = mount["Name"]?.stringValue ?? ""
            mounts.append(name.isEmpty ? mount["Source"]?.stringValue ?? "" : name)
            if mount["Driver"]?.stringValue == "local" { localVolumes += 1 }
        }
    }
}

extension ContainerPresentation {
    /// `healthy`, `unhealthy` or `starting` from `Up 2 minutes (healthy)` / `(health: starting)`; empty without.
    static func health(inStatus status: String) -> String {
        guard let open = status.lastIndex(of: "("), status.hasSuffix(")") else { return "" }
        let inside = status[status.index(after: open)..<status.index(before: status.endIndex)]
        if inside.hasPrefix("health: ") { return String(inside.dropFirst("health: ".count)) }
        return inside == "healthy" || inside == "unhealthy" ? String(inside) : ""
    }

    /// 137 from `Exited (137) 5 seconds ago`.
    static func exitCode(inStatus status: String) -> Int? {
        guard let open = status.firstIndex(of: "("), let close = status[open...].firstIndex(of: ")") else { return nil }
        return Int(status[status.index(after: open)..<close])
    }
}
