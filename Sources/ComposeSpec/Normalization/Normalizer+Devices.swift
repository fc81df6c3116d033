/// Devices, block I/O rates, and the secrets and configs a service mounts.
extension Normalizer {
    /// `blkio_config` device rates, printed as strings: byte sizes, for `*_iops` too (`1k` is 1024), as Compose
    /// reads them.
    func blkio(_ node: Node, path: String) throws(ComposeError) -> Node {
        var config = node
        for key in ["device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops"] {
            try config.update(key) { list throws(ComposeError) in
                var devices: [Node] = []
                for (index, entry) in (list.sequence ?? []).enumerated() {
                    var device = entry
                    try device.update("rate") { rate throws(ComposeError) in
                        try rate.validBytes(path: "\(path).\(key)[\(index)].rate")
                    }
                    devices.append(device)
                }
                return list.with(.sequence(devices))
            }
        }
        return config
    }

    func devices(_ node: Node) throws(ComposeError) -> Node {
        guard let items = node.sequence else { return node }
        var result: [Node] = []
        for item in items {
            result.append(try device(item))
        }
        return node.with(.sequence(result))
    }

    private func device(_ item: Node) throws(ComposeError) -> Node {
        guard let text = item.string else { return item }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 3 {
            throw ComposeError(
                .invalidValue, "confusing device mapping, please use long syntax: \(text)", at: item.location)
        }
        var device = Node.Mapping()
        device["source"] = .string(parts[0])
        device["target"] = .string(parts.count > 1 ? parts[1] : parts[0])
        device["permissions"] = .string(parts.count > 2 ? parts[2] : "rwm")
        return item.with(.mapping(device))
    }

    /// Short `secrets` / `configs` (`- name`) to `{source: name}`; secrets get their default target.
    func fileReferences(_ node: Node, defaultDirectory: String?) -> Node {
        guard let items = node.sequence else { return node }
        return node.with(
            .sequence(
                items.map { item in
                    var reference = item
                    if let name = item.scalarText { reference = item.with(.mapping(["source": .string(name)])) }
                    if let defaultDirectory, let source = reference["source"]?.scalarText, reference["target"] == nil {
                        reference["target"] = .string(defaultDirectory + source)
                    }
                    if let mode = reference["mode"], case .int(let bits) = mode.value {
                        reference["mode"] = mode.with(.string("0" + String(bits, radix: 8)))
                    }
                    return reference
                }))
    }
}
