/// Aligns cells in columns as Go's `text/tabwriter` does for the docker CLI and Docker Compose: every cell but
/// a row's last is padded to its column's width (the widest cell plus `padding`, at least `minimumWidth`); the
/// last cell is written as is, so a row ending in an empty cell keeps the padding before it.
struct TableFormatter {
    var minimumWidth: Int
    var padding: Int

    /// `docker compose ps` and templates starting with `table`: `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`.
    static let containers = TableFormatter(minimumWidth: 10, padding: 3)
    /// Compose's own tables (`ls`, `images`): `tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)`.
    static let sections = TableFormatter(minimumWidth: 20, padding: 3)
    /// `top`: `tabwriter.NewWriter(out, 4, 1, 2, ' ', 0)`.
    static let processes = TableFormatter(minimumWidth: 4, padding: 2)

    /// The rows as lines, each ending with a newline.
    func render(_ rows: [[String]]) -> String {
        var output = ""
        for line in renderLines(rows) { output += line + "\n" }
        return output
    }

    /// Each row aligned. Like tabwriter, a column's width is taken over a block of consecutive rows that
    /// have a cell in it (a row with fewer cells ends the block).
    func renderLines(_ rows: [[String]]) -> [String] {
        var widths = rows.map { Array(repeating: 0, count: max(0, $0.count - 1)) }
        let columnCount = rows.map { $0.count - 1 }.max() ?? 0
        for column in 0..<max(0, columnCount) {
            var start = 0
            while start < rows.count {
                guard column < rows[start].count - 1 else {
                    start += 1
                    continue
                }
                var end = start
                var width = minimumWidth
                while end < rows.count, column < rows[end].count - 1 {
                    width = max(width, Self.displayWidth(rows[end][column]) + padding)
                    end += 1
                }
                for row in start..<end { widths[row][column] = width }
                start = end
            }
        }
        return rows.enumerated().map { index, cells in
            var line = ""
            for (column, cell) in cells.enumerated() {
                line += cell
                if column < cells.count - 1 {
                    line += String(repeating: " ", count: max(0, widths[index][column] - Self.displayWidth(cell)))
                }
            }
            return line
        }
    }

    /// tabwriter counts characters as UTF-8 code points.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.count
    }
}
