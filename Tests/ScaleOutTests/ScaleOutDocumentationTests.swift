import Foundation
import PierTestSupport
import Testing

@testable import ComposeSpec

/// docs/scale-out.md's attribute table: every service attribute of the Compose schema is in it, and Pier's columns
/// support every attribute that `docker stack deploy` and kompose support.
@Suite struct ScaleOutDocumentationTests {
    /// The table's rows: the attributes of each row, and its four cells.
    static func rows() throws -> [(attributes: [String], cells: [String])] {
        let text = try String(
            contentsOf: TestSupport.repositoryRoot.appendingPathComponent("docs/scale-out.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("| attribute | Pier on Swarm") }) else { return [] }
        let table = lines[(header + 2)...].prefix { $0.hasPrefix("|") }
        return table.map { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let attributes = cells[0].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            }
            return (attributes, Array(cells.dropFirst()))
        }
    }

    static func supports(_ cell: String) -> Bool { cell.hasPrefix("✓") || cell.hasPrefix("⇄") }

    @Test func everyServiceAttributeIsInTheTable() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(ComposeSchemaDocument.json.utf8)) as? [String: Any]
        let definitions = schema?["definitions"] as? [String: Any]
        let service = (definitions?["service"] as? [String: Any])?["properties"] as? [String: Any]
        let deploy = (definitions?["deployment"] as? [String: Any])?["properties"] as? [String: Any]
        let keys = Set(service?.keys.map { $0 } ?? []).subtracting(["deploy"])
            .union((deploy?.keys.map { "deploy.\($0)" }) ?? [])
        let listed = Set(try Self.rows().flatMap(\.attributes))
        #expect(keys.count > 90)
        #expect(keys.subtracting(listed).sorted() == [])
    }

    @Test func piersColumnsAreASuperset() throws {
        for row in try Self.rows() {
            #expect(row.cells.count == 4, "\(row.attributes)")
            if Self.supports(row.cells[1]) { #expect(Self.supports(row.cells[0]), "Swarm: \(row.attributes)") }
            if Self.supports(row.cells[3]) { #expect(Self.supports(row.cells[2]), "Kubernetes: \(row.attributes)") }
        }
    }
}
