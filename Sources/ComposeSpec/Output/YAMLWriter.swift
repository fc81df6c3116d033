import Foundation

/// Writes a node tree as block YAML with two-space indentation, styling each string as Go's YAML encoder does
/// (see `YAMLScalarStyle`), so Pier's `config` prints what the reference prints.
public enum YAMLWriter {
    public static func write(_ node: Node) -> String {
        var output = ""
        switch node.value {
        case .mapping(let entries) where !entries.isEmpty:
            writeMapping(entries, into: &output, depth: 0)
        case .sequence(let items) where !items.isEmpty:
            writeSequence(items, into: &output, depth: 0)
        default:
            output = inline(node, depth: 0) + "\n"
        }
        return output
    }

    /// Keys longer than this are written as `? key` then `: value`, as YAML allows only short implicit keys.
    private static let longestImplicitKey = 128

    private static func writeMapping(_ entries: Node.Mapping, into output: inout String, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        for (key, value) in entries {
            let style = YAMLScalarStyle(of: key, isKey: true)
            if key.utf8.count > longestImplicitKey || style == .literal {
                output += indent + "? " + style.write(key, indent: indent) + "\n" + indent + ":"
            } else {
                output += indent + style.write(key, indent: indent) + ":"
            }
            writeValue(value, into: &output, depth: depth)
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
                writeValue(item, into: &output, depth: depth)
            }
        }
    }

    private static func writeValue(_ value: Node, into output: inout String, depth: Int) {
        switch value.value {
        case .mapping(let entries) where !entries.isEmpty:
            output += "\n"
            writeMapping(entries, into: &output, depth: depth + 1)
        case .sequence(let items) where !items.isEmpty:
            output += "\n"
            writeSequence(items, into: &output, depth: depth + 1)
        default:
            let text = inline(value, depth: depth + 1)
            output += " " + text + (text.hasSuffix("\n") ? "" : "\n")
        }
    }

    /// A scalar, or an empty collection in flow style; a literal block's lines are indented for `depth`.
    private static func inline(_ node: Node, depth: Int) -> String {
        switch node.value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return GoFormat.float(number).replacingOccurrences(of: "+Inf", with: ".inf")
        case .string(let text):
            return YAMLScalarStyle(of: text, isKey: false).write(text, indent: String(repeating: "  ", count: depth))
        case .sequence: return "[]"
        case .mapping: return "{}"
        }
    }
}
