import ComposeSpec
import DockerEngine

/// What differs between a container the engine has and the one its service would create now, named as the compose
/// file names it (`environment.DB_URL`, `command`, `ports[0]`, `volumes[1]`, `networks.front`): what explains a
/// recreation that Compose's configuration hash decided. The engine does not keep the compose file, so the
/// container's inspection is compared with the create body Pier would send; the image's defaults (its `Env`,
/// `Cmd`, labels…) are told apart from the service's own values.
struct ContainerDrift {
    let project: ProjectContext
    let serviceName: String
    let service: Node
    let apiVersion: APIVersion
    let containers: ContainerResolver

    /// The inputs that differ between replica `number` as the service describes it and `inspection`; empty when
    /// nothing the engine reports back differs (the change is then in an attribute it does not keep, such as
    /// `build`).
    func changes(from inspection: ContainerInspection, number: Int, imageID: String?, imageConfig: JSONValue)
        -> [PlanReason]
    {
        let options = ContainerCreateOptions(imageID: imageID, containers: containers)
        guard
            let request = try? ContainerSpec.createBody(
                project: project, serviceName: serviceName, service: service, number: number,
                apiVersion: apiVersion, options: options)
        else { return [] }
        let observed = inspection.raw
        var reasons = configChanges(request.body, observed["Config"] ?? .null, image: imageConfig)
        reasons += hostChanges(request.body["HostConfig"] ?? .null, observed["HostConfig"] ?? .null)
        let desiredNetworks = Set((request.body["NetworkingConfig"]?["EndpointsConfig"]?.objectValue ?? [:]).keys)
            .union(request.networkConnections.map(\.network))
        let observedNetworks = Set((observed["NetworkSettings"]?["Networks"]?.objectValue ?? [:]).keys)
        if service["network_mode"] == nil {
            reasons += networkChanges(desiredNetworks, observedNetworks)
        }
        return reasons
    }

    /// `Config`: the fields with image defaults compare with the image's value when the service sets none.
    private func configChanges(_ desired: JSONValue, _ observed: JSONValue, image: JSONValue) -> [PlanReason] {
        var reasons: [PlanReason] = []
        let fields: [(field: String, input: String, fromImage: Bool)] = [
            ("Image", "image", false), ("Cmd", "command", true), ("Entrypoint", "entrypoint", true),
            ("WorkingDir", "working_dir", true), ("User", "user", true), ("Hostname", "hostname", false),
            ("Domainname", "domainname", false), ("StopSignal", "stop_signal", true), ("Tty", "tty", false),
            ("OpenStdin", "stdin_open", false), ("StopTimeout", "stop_grace_period", false),
            ("Healthcheck", "healthcheck", true), ("MacAddress", "mac_address", false),
        ]
        for (field, input, fromImage) in fields {
            let expected = desired[field] ?? (fromImage ? image[field] : nil)
            guard let expected, !expected.isEquivalent(to: observed[field] ?? .null) else { continue }
            reasons.append(reason(input, detail: desired[field] == nil ? "removed" : nil))
        }
        let variables = Self.variables(observed["Env"])
        let imageVariables = Self.variables(image["Env"])
        for key in Self.keyedChanges(Self.variables(desired["Env"]), variables, defaults: imageVariables) {
            reasons.append(reason("environment", key))
        }
        let labels = { (value: JSONValue?) in
            (value?.objectValue ?? [:]).compactMapValues(\.stringValue).filter {
                !$0.key.hasPrefix("com.docker.compose.")
            }
        }
        let imageLabels = image["Labels"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        for key in Self.keyedChanges(labels(desired["Labels"]), labels(observed["Labels"]), defaults: imageLabels) {
            reasons.append(reason("labels", key))
        }
        let dependencies = ComposeLabels.dependsOn
        let declared = Set((desired["Labels"]?[dependencies]?.stringValue ?? "").split(separator: ","))
        if declared != Set((observed["Labels"]?[dependencies]?.stringValue ?? "").split(separator: ",")) {
            reasons.append(reason("depends_on"))
        }
        let published = Set((desired["HostConfig"]?["PortBindings"]?.objectValue ?? [:]).keys)
        let exposed = Set((desired["ExposedPorts"]?.objectValue ?? [:]).keys).subtracting(published)
        let imageExposed = Set((image["ExposedPorts"]?.objectValue ?? [:]).keys)
        let observedExposed = Set((observed["ExposedPorts"]?.objectValue ?? [:]).keys)
            .subtracting(imageExposed).subtracting(published)
        if exposed.subtracting(imageExposed) != observedExposed { reasons.append(reason("expose")) }
        return reasons
    }

    /// `KEY=VALUE` entries as a mapping (a bare `KEY` has an empty value).
    static func variables(_ entries: JSONValue?) -> [String: String] {
        (entries?.arrayValue ?? []).reduce(into: [:]) { variables, entry in
            guard let text = entry.stringValue else { return }
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            variables[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
    }

    /// The keys whose values differ, where an observed key the service does not set is a change only if the image
    /// does not give that same value.
    static func keyedChanges(_ desired: [String: String], _ observed: [String: String], defaults: [String: String])
        -> [String]
    {
        Set(desired.keys).union(observed.keys).sorted().filter { key in
            guard let wanted = desired[key] else { return observed[key] != defaults[key] }
            return observed[key] != wanted
        }
    }

    /// A reason about `input` (`environment`) or one of its keys (`environment.DB_URL`), located where the service
    /// writes it, else at the attribute; `removed` when the service no longer has it.
    func reason(_ input: String, _ key: String? = nil, detail: String? = nil) -> PlanReason {
        let attribute = service[input]
        guard let key else { return PlanReason(input, detail, at: attribute?.location ?? service.location) }
        let entry = attribute?[key]
        return PlanReason(
            "\(input).\(key)", entry == nil && detail == nil ? "removed" : detail,
            at: entry?.location ?? attribute?.location ?? service.location)
    }
}
