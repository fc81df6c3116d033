import ComposeSpec
import DockerEngine

/// How a compose service becomes an Engine API container, exactly as Docker Compose v2 makes it: the create body,
/// the networks joined afterwards and the files copied in before start.
///
/// Checked against Docker Compose 2.40.3's requests to Engine 20.10 (API 1.41) and 26.1 (API 1.45), captured with a
/// logging proxy. Where the engine cannot honour an attribute the result carries a warning, or creation fails with a
/// clear error (``EngineRequirement`` for attributes of newer APIs); no attribute is dropped silently.
public struct ContainerSpec {
    let project: ProjectContext
    let serviceName: String
    let service: Node
    let number: Int
    let api: APIVersion
    let options: ContainerCreateOptions
    /// The name the container ends up with (aliases and links use it, even while created under a temporary one).
    let containerName: String
    var warnings: [ComposeWarning] = []

    /// The create call for replica `number` of `service` (a canonical service from the loaded document), for an
    /// engine speaking `apiVersion` (the negotiated one: some attributes move or need newer engines).
    public static func createBody(
        project: ProjectContext, serviceName: String, service: Node, number: Int, apiVersion: APIVersion,
        options: ContainerCreateOptions = ContainerCreateOptions()
    ) throws(OrchestrationError) -> ContainerCreateRequest {
        var spec = ContainerSpec(
            project: project, serviceName: serviceName, service: service, number: number, api: apiVersion,
            options: options,
            containerName: finalName(
                project: project, serviceName: serviceName, service: service, number: number,
                options: options))
        return try spec.build()
    }

    /// The same, with the API version as `(major, minor)`.
    public static func createBody(
        project: ProjectContext, serviceName: String, service: Node, number: Int, apiVersion: (Int, Int),
        options: ContainerCreateOptions = ContainerCreateOptions()
    ) throws(OrchestrationError) -> ContainerCreateRequest {
        try createBody(
            project: project, serviceName: serviceName, service: service, number: number,
            apiVersion: APIVersion(apiVersion.0, apiVersion.1), options: options)
    }

    private static func finalName(
        project: ProjectContext, serviceName: String, service: Node, number: Int, options: ContainerCreateOptions
    ) -> String {
        if let run = options.oneOff {
            return run.name
                ?? ContainerNames.oneOff(
                    project: project.name, service: serviceName, slug: run.slug, separator: project.nameSeparator)
        }
        return ContainerNames.service(
            project: project.name, service: serviceName, number: number,
            containerName: service.field("container_name")?.scalarText, separator: project.nameSeparator)
    }

    private mutating func build() throws(OrchestrationError) -> ContainerCreateRequest {
        try checkAttributes()
        if let tooNew = EngineRequirement.violations(service: serviceName, service, api: api).first { throw tooNew }
        var body = try configFields()
        var hostConfig = try hostConfigFields()
        hostConfig.merge(try resourceFields()) { _, new in new }

        var storage = try storageFields()
        try addSecretsAndConfigs(to: &storage)
        hostConfig.merge(storage.hostConfig) { _, new in new }
        if let extraEnvironment = storage.environment {
            body["Env"] = .strings(environment(adding: extraEnvironment))
        }

        let ports = try portFields()
        if !ports.exposed.isEmpty { body["ExposedPorts"] = .object(ports.exposed) }
        if !ports.bindings.isEmpty { hostConfig["PortBindings"] = .object(ports.bindings) }

        let networking = try networkingFields()
        hostConfig.merge(networking.hostConfig) { _, new in new }
        if let macAddress = networking.macAddress { body["MacAddress"] = .string(macAddress) }
        if let endpoints = networking.endpoints {
            body["NetworkingConfig"] = .object(["EndpointsConfig": .object(endpoints)])
        }

        body["HostConfig"] = .object(hostConfig)
        let requestName = options.replacing.map { ContainerNames.temporary(replacing: $0, name: containerName) }
        return ContainerCreateRequest(
            name: requestName ?? containerName, platform: service.field("platform")?.scalarText,
            body: .object(body), warnings: warnings, networkConnections: networking.connections,
            files: storage.files)
    }

    /// Records that an attribute (the service's `key`) is not honoured, naming where it was written.
    mutating func warn(_ message: String, at key: String? = nil) {
        warnings.append(
            ComposeWarning("service \"\(serviceName)\": \(message)", at: key.flatMap { service[$0]?.location }))
    }

    func error(_ code: OrchestrationError.Code, _ message: String, at key: String? = nil) -> OrchestrationError {
        .service(serviceName, code, message, at: key.flatMap { service[$0]?.location })
    }

    /// The first container of another service, for `service:` references.
    func container(of other: String, for key: String) throws(OrchestrationError) -> ServiceContainer {
        guard let found = options.containers.first(of: other) else {
            throw error(.missingContainer, "\(key) refers to service \"\(other)\", which has no container yet", at: key)
        }
        return found
    }
}
