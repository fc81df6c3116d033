/// Compose's `formatter.Print` for its own listings (`ls`, `images`): `table` (or `pretty`, or nothing) as
/// columns of at least 20 characters, `json` as one array on one line without HTML escaping.
enum SectionFormat {
    static func render<Item>(
        _ format: String, _ items: [Item], json: (Item) -> GoJSON, table: () -> [[String]]
    ) throws -> String {
        switch format.lowercased() {
        case "table", "pretty", "": return TableFormatter.sections.render(table())
        case "json": return GoJSON.array(items.map(json)).encoded(escapeHTML: false) + "\n"
        default: throw CommandFailure("format value \"\(format)\" could not be parsed: parsing failed")
        }
    }
}
