import Foundation

/// Writes a node tree as block YAML with two-space indentation, quoting only strings that a YAML reader would
/// otherwise read as something else.
public enum YAMLWriter {
    public static func write(_ node: Node) -> String {
        var output = ""
        switch node.value {
        case .mapping(let entries) where !entries.isEmpty:
            writeMapping(entries, into: &output, depth: 0)
        case .sequence(let items) where !items.isEmpty:
            writeSequence(items, into: &output, depth: 0)
        default:
            output = inline(node) + "\n"
        }
        return output
    }

    private static func writeMapping(_ entries: Node.Mapping, into output: inout String, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        for (key, value) in entries {
            output += indent + scalarString(key) + ":"
            writeValue(value, into: &output, depth: depth, afterDash: false)
        }
    }

    private static func writeSequence(_ items: [Node], into output: inout String, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        for item in items {
            output += indent + "-"
            switch item.value {
            case .mapping(let entries) where !entries.isEmpty:
                // The first key goes on the dash's line; the rest align under it.
                var nested = ""
                writeMapping(entries, into: &nested, depth: depth + 1)
                output += " " + nested.dropFirst(indent.count + 2)
            default:
                writeValue(item, into: &output, depth: depth, afterDash: true)
            }
        }
    }

    private static func writeValue(_ value: Node, into output: inout String, depth: Int, afterDash: Bool) {
        switch value.value {
        case .mapping(let entries) where !entries.isEmpty:
            output += "\n"
            writeMapping(entries, into: &output, depth: depth + 1)
        case .sequence(let items) where !items.isEmpty:
            output += "\n"
            writeSequence(items, into: &output, depth: depth + 1)
        case .string(let text) where text.contains("\n"):
            output += " " + literalBlock(text, depth: depth + 1)
        default:
            output += " " + inline(value) + "\n"
        }
    }

    private static func inline(_ node: Node) -> String {
        switch node.value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return GoFormat.float(number).replacingOccurrences(of: "+Inf", with: ".inf")
        case .string(let text): return scalarString(text)
        case .sequence: return "[]"
        case .mapping: return "{}"
        }
    }

    private static func literalBlock(_ text: String, depth: Int) -> String {
        let indent = String(repeating: "  ", count: depth)
        let chomp = text.hasSuffix("\n") ? (text.hasSuffix("\n\n") ? "+" : "") : "-"
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let indicator = (lines.first?.first == " ") ? "2" : ""
        return "|\(indicator)\(chomp)\n" + lines.map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n") + "\n"
    }

    /// A string as plain YAML when that reads back as the same string, double-quoted otherwise.
    static func scalarString(_ text: String) -> String {
        needsQuotes(text) ? quoted(text) : text
    }

    private static let yaml11Words: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        if case .string = ScalarTyping.resolve(text) {} else { return true }
        if yaml11Words.contains(text) || text == "<<" || looksLikeYAML11Number(text) { return true }
        if first == " " || last == " " || "-?:,[]{}#&*!|>'\"%@`".contains(first) {
            if !(first == "-" || first == "?" || first == ":") { return true }
            if text.count == 1 || text.dropFirst().first == " " { return true }
        }
        if text.contains(": ") || text.contains(" #") || last == ":" { return true }
        return text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{7F}" || $0 == "\u{FEFF}" }
    }

    /// Digit strings and base-60 numbers (`12:30:45`), which YAML 1.1 readers would read as numbers.
    private static func looksLikeYAML11Number(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard let first = body.first, first.isASCII, first.isNumber else { return false }
        if body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }) { return true }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_" || $0 == ".") }
        }
    }

    private static func quoted(_ text: String) -> String {
        var output = ""
        JSONWriter.writeString(text, into: &output)
        return output.replacingOccurrences(of: "\\u003c", with: "<").replacingOccurrences(of: "\\u003e", with: ">")
            .replacingOccurrences(of: "\\u0026", with: "&")
    }
}
