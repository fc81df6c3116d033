import ComposeAnalysis
import ComposeSpec
import DockerEngine
import Foundation

extension ProjectRuntime {
    /// What `up` would trip on that only the engine and the host tell, asking with reads only: attributes this
    /// engine is too old for (or cannot honour), images missing that cannot be pulled or built, external networks
    /// and volumes that do not exist, names other projects hold, and host ports already bound.
    public func check() async -> [Finding] {
        var findings = engineSupport()
        findings += await images()
        findings += await resources()
        findings += await containerNames()
        findings += await hostPorts()
        return Finding.sorted(findings)
    }

    /// Every use of an attribute this engine's API lacks, as `up` refuses them (``EngineRequirement``), then each
    /// service's create call for this engine's API version: what else it refuses or leaves out.
    private func engineSupport() -> [Finding] {
        var findings: [Finding] = []
        if apiVersion < APIVersion(1, 41) {
            findings.append(
                Finding(
                    rule: "engine-too-old", severity: .error,
                    message: "the engine speaks API \(apiVersion); Pier needs 1.41 (Docker Engine 20.10) or newer"))
        }
        for violation in EngineRequirement.violations(in: project, services: Set(services.keys), api: apiVersion) {
            findings.append(
                Finding(
                    rule: "engine-too-old", severity: .error, message: violation.message, at: violation.location,
                    service: violation.service))
        }
        for (name, service) in services.sorted(by: { $0.key < $1.key }) {
            do {
                let request = try ContainerSpec.createBody(
                    project: project, serviceName: name, service: service, number: 1, apiVersion: apiVersion)
                for warning in request.warnings {
                    findings.append(
                        Finding(
                            rule: "engine-feature", severity: .warning, message: warning.message,
                            at: warning.location ?? service.keyLocation, service: name))
                }
            } catch {
                // The create call stops at the first attribute too new for the engine, reported above.
                guard error.code != .missingContainer, error.code != .engineTooOld else { continue }
                findings.append(
                    Finding(
                        rule: "service-unsupported", severity: .error, message: error.message,
                        at: error.location ?? service.keyLocation, service: name))
            }
        }
        return findings
    }

    /// Images that are neither here, nor pullable, nor buildable, as `up` decides (`pull_policy`, `build`).
    private func images() async -> [Finding] {
        var findings: [Finding] = []
        for (name, service) in services.sorted(by: { $0.key < $1.key }) {
            let image = imageName(of: name)
            let buildable = service["build"] != nil
            let policy = service["pull_policy"]?.scalarText.flatMap(PullPolicy.init) ?? .missing
            if buildable, policy == .build { continue }
            let location = service["image"]?.location ?? service.keyLocation
            let present = (try? await inspect({ try await client.inspectImage(image) })) ?? nil
            if present != nil, policy != .always { continue }
            if service["image"] == nil || policy == .never {
                guard !buildable else { continue }
                findings.append(
                    Finding(
                        rule: "image-missing", severity: .error,
                        message: "service \"\(name)\": image \(image) is missing and its pull policy is never",
                        at: location, service: name))
                continue
            }
            do {
                _ = try await client.inspectDistribution(image, registryAuth: try registryAuth(for: image))
            } catch {
                guard !buildable else { continue }  // up builds what it cannot pull
                // Here the image is missing, or `pull_policy: always` pulls it anyway (and `up` fails when it cannot).
                let state = present == nil ? "is missing and" : "has pull_policy: always but"
                findings.append(
                    Finding(
                        rule: "image-missing", severity: .error,
                        message: "service \"\(name)\": image \(image) \(state) cannot be pulled: "
                            + "\(error)",
                        at: location, service: name))
            }
        }
        return findings
    }

    /// External networks and volumes that do not exist; the project's own that another project holds.
    private func resources() async -> [Finding] {
        var findings: [Finding] = []
        for section in ["networks", "volumes"] {
            for (key, definition) in (project.document[section]?.mapping ?? [:]).sorted(by: { $0.key < $1.key }) {
                let name = project.engineName(section, key)
                let labels: [String: String]?
                do {
                    labels = try await inspect {
                        section == "networks"
                            ? try await client.inspectNetwork(name).labels : try await client.inspectVolume(name).labels
                    }
                } catch {
                    continue
                }
                let location = definition.keyLocation ?? definition.location
                let noun = String(section.dropLast())
                if definition.field("external")?.boolValue == true {
                    guard labels == nil else { continue }
                    findings.append(
                        Finding(
                            rule: "external-missing", severity: .error,
                            message: "external \(noun) \(name) (\(section).\(key)) does not exist", at: location))
                } else if let labels, let owner = labels[ComposeLabels.project], owner != project.name {
                    findings.append(
                        Finding(
                            rule: "name-conflict", severity: section == "networks" ? .error : .warning,
                            message: "\(noun) \(name) (\(section).\(key)) belongs to project \"\(owner)\"",
                            at: location))
                }
            }
        }
        return findings
    }

    /// Container names a container of another project (or of no project) already has.
    private func containerNames() async -> [Finding] {
        guard let existing = try? await client.listContainers(all: true) else { return [] }
        var owners: [String: String] = [:]
        for container in existing {
            for name in container.names { owners[String(name.drop { $0 == "/" })] = container.projectName }
        }
        var findings: [Finding] = []
        for (name, service) in services.sorted(by: { $0.key < $1.key }) {
            let replicas = ServiceView(name: name, node: service).replicas
            for number in 1...max(replicas, 1) {
                let containerName = ContainerNames.service(
                    project: project.name, service: name, number: number,
                    containerName: service.field("container_name")?.scalarText)
                guard let owner = owners[containerName], owner != project.name else { continue }
                let holder = owner.isEmpty ? "a container outside any Compose project" : "project \"\(owner)\""
                findings.append(
                    Finding(
                        rule: "name-conflict", severity: .error,
                        message: "service \"\(name)\": container name \(containerName) is taken by \(holder)",
                        at: service["container_name"]?.location ?? service.keyLocation, service: name))
            }
        }
        return findings
    }
}
