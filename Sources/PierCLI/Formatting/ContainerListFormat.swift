import Foundation

/// `ps --format`, read as the docker CLI reads it: `table` (or nothing) for the default table, `table TEMPLATE`
/// for a table of chosen columns, `json` for one object per line, `raw` for blocks of `key: value`, anything
/// else as a template executed once per container.
struct ContainerListFormat {
    static let defaultTable =
        "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}"
    static let raw = """
        container_id: {{.ID}}
        image: {{.Image}}
        command: {{.Command}}
        created_at: {{.CreatedAt}}
        state: {{- pad .State 1 0}}
        status: {{- pad .Status 1 0}}
        names: {{.Names}}
        labels: {{- pad .Labels 1 0}}
        ports: {{- pad .Ports 1 0}}

        """

    let isTable: Bool
    let template: String

    init(_ format: String) {
        var source: String
        switch format {
        case "", "table": source = Self.defaultTable
        case "json": source = "{{json .}}"
        case "raw": source = Self.raw
        default: source = format
        }
        isTable = source.hasPrefix("table")
        if isTable { source = String(source.dropFirst("table".count)) }
        // The docker CLI trims spaces and reads `\t` and `\n` written as two characters.
        template = source.trimmingCharacters(in: [" "])
            .replacingOccurrences(of: "\\t", with: "\t").replacingOccurrences(of: "\\n", with: "\n")
    }

    /// The output for `containers`; a table's header is printed even when there is no container.
    func render(_ containers: [ContainerPresentation]) throws(GoTemplate.Failure) -> String {
        let parsed = try GoTemplate(template)
        var lines = ""
        for container in containers { lines += try parsed.render(container) + "\n" }
        guard isTable else { return lines }
        let text = parsed.renderHeader(ContainerPresentation.titles) + "\n" + lines
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        if rows.last == [""] { rows.removeLast() }
        return TableFormatter.containers.render(rows)
    }
}
