import Foundation

/// `--format` of the listings the docker CLI formats (`ps`, `volumes`, `stats`), read as it reads it: `table`
/// (or nothing) for the default table, `table TEMPLATE` for a table of chosen columns, `json` for one object per
/// line, `raw` (`ps`) for blocks of `key: value`, anything else as a template executed once per item.
struct TemplateListFormat {
    /// `ps`'s table.
    static let containerTable =
        "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}"
    /// `ps --format raw`.
    static let containerRaw = """
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

    init(_ format: String, defaultTable: String, raw: String? = nil) {
        var source: String
        switch format {
        case "", "table": source = defaultTable
        case "json": source = "{{json .}}"
        case "raw" where raw != nil: source = raw ?? ""
        default: source = format
        }
        isTable = source.hasPrefix("table")
        if isTable { source = String(source.dropFirst("table".count)) }
        // The docker CLI trims spaces and reads `\t` and `\n` written as two characters.
        template = source.trimmingCharacters(in: [" "])
            .replacingOccurrences(of: "\\t", with: "\t").replacingOccurrences(of: "\\n", with: "\n")
    }

    /// The output for `items`; a table's header (`titles` of its fields) is printed even when there is no item.
    func render<Item: TemplateContext>(_ items: [Item], titles: [String: String]) throws(GoTemplate.Failure)
        -> String
    {
        let parsed = try GoTemplate(template)
        var lines = ""
        for item in items { lines += try parsed.render(item) + "\n" }
        guard isTable else { return lines }
        let text = parsed.renderHeader(titles) + "\n" + lines
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        if rows.last == [""] { rows.removeLast() }
        return TableFormatter.containers.render(rows)
    }
}
