/// Checks Compose makes on every service the active profiles enable, even when the command names only some of
/// them: a service's `platform` must be one it is built for, and no two services may claim one `container_name`
/// (unless `uniqueContainerNames` is false).
enum EnabledServiceRules {
    static func check(_ document: Node, uniqueContainerNames: Bool = true) throws(ComposeError) {
        var containerNames: [String: String] = [:]
        for (name, service) in document["services"]?.mapping ?? [:] {
            try checkPlatform(of: service, name: name)
            guard uniqueContainerNames, let containerName = service["container_name"], let text = containerName.string
            else { continue }
            if let owner = containerNames[text] {
                throw ComposeError(
                    .conflict, "services.\(name): container name \"\(text)\" is already in use by service \"\(owner)\"",
                    at: containerName.location)
            }
            containerNames[text] = name
        }
    }

    /// `platform` (when set and not empty) must be among `build.platforms` (when that lists any).
    private static func checkPlatform(of service: Node, name: String) throws(ComposeError) {
        guard let platform = service["platform"], let text = platform.string, !text.isEmpty,
            let platforms = service["build"]?["platforms"]?.sequence, !platforms.isEmpty
        else { return }
        let listed = platforms.compactMap(\.scalarText)
        guard !listed.contains(text) else { return }
        throw ComposeError(
            .invalidValue,
            "services.\(name).platform: \"\(text)\" must be one of build.platforms (\(listed.joined(separator: ", ")))",
            at: platform.location)
    }
}
