import Foundation
import Orchestration

/// One container's line of `stats`: the fields of the docker CLI's stats context, which its templates, tables and
/// JSON read. A container whose stats could not be read shows `--`.
struct StatsPresentation: TemplateContext {
    static let typeName = "*formatter.statsContext"
    static let defaultTable =
        "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}"
    static let titles: [String: String] = [
        "ID": "CONTAINER ID", "Container": "CONTAINER", "Name": "NAME", "CPUPerc": "CPU %",
        "MemUsage": "MEM USAGE / LIMIT", "MemPerc": "MEM %", "NetIO": "NET I/O", "BlockIO": "BLOCK I/O",
        "PIDs": "PIDS",
    ]

    var containerID: String
    var name: String
    /// nil until the first sample, or when reading failed.
    var sample: ContainerStatsSample?
    var truncate = true

    func field(_ name: String) -> TemplateValue? {
        text(name).map(TemplateValue.text)
    }

    func label(_ name: String) -> String { "" }

    /// `{{json .}}`: every field, keys sorted as Go sorts a map.
    var json: GoJSON {
        .map(Dictionary(uniqueKeysWithValues: Self.titles.keys.map { ($0, GoJSON.string(text($0) ?? "")) }))
    }

    private func text(_ field: String) -> String? {
        switch field {
        case "ID": return truncate ? GoText.shortID(containerID) : containerID
        case "Container": return containerID
        case "Name": return sample.map { $0.name.isEmpty ? name : $0.name } ?? name
        default: break
        }
        guard let sample else {
            return ["CPUPerc", "MemUsage", "MemPerc", "NetIO", "BlockIO", "PIDs"].contains(field) ? "--" : nil
        }
        switch field {
        case "CPUPerc": return String(format: "%.2f%%", sample.cpuPercent)
        case "MemUsage": return GoText.binarySize(sample.memoryUsage) + " / " + GoText.binarySize(sample.memoryLimit)
        case "MemPerc": return String(format: "%.2f%%", sample.memoryPercent)
        case "NetIO": return GoText.humanSize(sample.networkReceived) + " / " + GoText.humanSize(sample.networkSent)
        case "BlockIO": return GoText.humanSize(sample.blockRead) + " / " + GoText.humanSize(sample.blockWritten)
        case "PIDs": return String(sample.pids)
        default: return nil
        }
    }
}
