/// Writes a node tree as JSON indented by two spaces, escaping as Go's encoder does so output matches Compose.
public enum JSONWriter {
    public static func write(_ node: Node, indent: String = "  ") -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(node, into: &output, depth: 0, indent: Array(indent.utf8))
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes Go's `json.Marshal` writes: no space or line break between tokens.
    static func compact(_ node: Node) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(node, into: &output, depth: 0, indent: nil)
        return output
    }

    /// Writes `node`; `indent` nil writes it compact.
    private static func write(_ node: Node, into output: inout [UInt8], depth: Int, indent: [UInt8]?) {
        switch node.value {
        case .null: output += "null".utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .int(let number): output += String(number).utf8
        case .double(let number): output += (number.isFinite ? jsonNumber(number) : "null").utf8
        case .string(let text): writeString(text, into: &output)
        case .sequence(let items):
            guard !items.isEmpty else { return output += "[]".utf8 }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, depth: depth + 1, indent: indent)
                write(item, into: &output, depth: depth + 1, indent: indent)
            }
            newline(&output, depth: depth, indent: indent)
            output.append(UInt8(ascii: "]"))
        case .mapping(let entries):
            guard !entries.isEmpty else { return output += "{}".utf8 }
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in entries.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, depth: depth + 1, indent: indent)
                writeString(key, into: &output)
                output += (indent == nil ? ":" : ": ").utf8
                write(value, into: &output, depth: depth + 1, indent: indent)
            }
            newline(&output, depth: depth, indent: indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ output: inout [UInt8], depth: Int, indent: [UInt8]?) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { output += indent }
    }

    /// Go's encoder writes floats without exponent from 1e-6 up to 1e21 (`1e20` as `100000000000000000000`), and
    /// otherwise with one of at least one digit (`1e-7`, `1e+21`).
    private static func jsonNumber(_ number: Double) -> String {
        let magnitude = abs(number)
        if magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e21) { return GoFormat.fixed(number) }
        let text = GoFormat.scientific(number)
        // Go drops the zero of a two-digit negative exponent: `1e-07` is `1e-7`.
        guard text.dropLast().hasSuffix("e-0") else { return text }
        return String(text.dropLast(2)) + String(text.suffix(1))
    }

    static func writeString(_ text: String, into output: inout String) {
        var bytes: [UInt8] = []
        writeString(text, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            switch byte {
            case UInt8(ascii: "\""): output += "\\\"".utf8
            case UInt8(ascii: "\\"): output += "\\\\".utf8
            case UInt8(ascii: "\n"): output += "\\n".utf8
            case UInt8(ascii: "\r"): output += "\\r".utf8
            case UInt8(ascii: "\t"): output += "\\t".utf8
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0..<0x20:
                output += "\\u00".utf8
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            case 0xE2
            where utf8.count >= 2 && utf8.first == 0x80
                && (utf8.dropFirst().first == 0xA8 || utf8.dropFirst().first == 0xA9):
                // U+2028 and U+2029, which Go escapes for JavaScript's sake.
                output += (utf8.dropFirst().first == 0xA8 ? "\\u2028" : "\\u2029").utf8
                utf8 = utf8.dropFirst(2)
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
