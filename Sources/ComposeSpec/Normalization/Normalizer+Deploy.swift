/// `deploy`: durations and byte sizes in canonical form, device reservations with their default count.
extension Normalizer {
    /// `path` names the attribute in errors (`services.web.deploy`).
    func deploy(_ node: Node, path: String) throws(ComposeError) -> Node {
        guard node.mapping != nil else { return node }
        var deploy = node
        try deploy.update("labels") { $0.keyValueMapping(missing: .empty) }
        try deploy.update("resources") { resources throws(ComposeError) in
            var result = resources
            for key in ["limits", "reservations"] {
                try result.update(key) { limits throws(ComposeError) in
                    var limits = limits
                    try limits.update("memory") { memory throws(ComposeError) in
                        try memory.validBytes(path: "\(path).resources.\(key).memory")
                    }
                    try limits.update("cpus") { node throws(ComposeError) in
                        try node.validCPUs(path: "\(path).resources.\(key).cpus")
                    }
                    try limits.update("devices") { devices in
                        guard let items = devices.sequence else { return devices }
                        return devices.with(.sequence(items.map(deviceRequest)))
                    }
                    return limits
                }
            }
            return result
        }
        try deploy.update("restart_policy") { policy throws(ComposeError) in
            var policy = policy
            for key in ["delay", "window"] {
                try policy.update(key) { node throws(ComposeError) in
                    try node.validDuration(path: "\(path).restart_policy.\(key)")
                }
            }
            return policy
        }
        for section in ["update_config", "rollback_config"] {
            try deploy.update(section) { config throws(ComposeError) in
                var config = config
                for key in ["delay", "monitor"] {
                    try config.update(key) { node throws(ComposeError) in
                        try node.validDuration(path: "\(path).\(section).\(key)")
                    }
                    // Zero values are unset for Compose and not printed.
                    if config[key]?.string == "0s" { config.remove(key) }
                }
                if let ratio = config["max_failure_ratio"], ratio.scalarText == "0" {
                    config.remove("max_failure_ratio")
                }
                return config
            }
        }
        if deploy["resources"] == nil { deploy["resources"] = .mapping([:]) }
        if deploy["placement"] == nil { deploy["placement"] = .mapping([:]) }
        return deploy
    }

    /// A device request with neither `count` nor `device_ids` asks for all devices (`count: -1`).
    private func deviceRequest(_ node: Node) -> Node {
        var device = node
        try? device.update("options") { $0.keyValueMapping(missing: .empty) }
        if let count = node["count"], count.scalarText == "all" {
            device["count"] = count.with(.int(-1))
        } else if node["count"] == nil, node["device_ids"] == nil {
            device["count"] = Node(.int(-1))
        }
        return device
    }
}
