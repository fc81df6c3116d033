/// Writes a node tree as JSON indented by two spaces, escaping as Go's encoder does so output matches Compose.
public enum JSONWriter {
    public static func write(_ node: Node, indent: String = "  ") -> String {
        var output = ""
        write(node, into: &output, depth: 0, indent: indent)
        return output
    }

    private static func write(_ node: Node, into output: inout String, depth: Int, indent: String) {
        switch node.value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += number.isFinite ? jsonNumber(number) : "null"
        case .string(let text): writeString(text, into: &output)
        case .sequence(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, item) in items.enumerated() {
                output += index == 0 ? "\n" : ",\n"
                output += String(repeating: indent, count: depth + 1)
                write(item, into: &output, depth: depth + 1, indent: indent)
            }
            output += "\n" + String(repeating: indent, count: depth) + "]"
        case .mapping(let entries):
            guard !entries.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (index, (key, value)) in entries.enumerated() {
                output += index == 0 ? "\n" : ",\n"
                output += String(repeating: indent, count: depth + 1)
                writeString(key, into: &output)
                output += ": "
                write(value, into: &output, depth: depth + 1, indent: indent)
            }
            output += "\n" + String(repeating: indent, count: depth) + "}"
        }
    }

    /// Go writes floats without exponent between 1e-6 and 1e21, and integral floats without a fraction.
    private static func jsonNumber(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e21 { return String(Int64(number)) }
        let magnitude = abs(number)
        if magnitude >= 1e-6 && magnitude < 1e21 {
            return GoFormat.float(number).contains("e") ? String(describing: number) : GoFormat.float(number)
        }
        return GoFormat.float(number)
    }

    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
