/// A JSON value written as Go's `encoding/json` writes it: compact, members in the order given (Go sorts map
/// keys and keeps struct field order, so callers order members the way the reference's type does), `<`, `>`
/// and `&` escaped unless told otherwise.
indirect enum GoJSON: Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([GoJSON])
    case object([(String, GoJSON)])

    /// An object with members sorted by key, as Go encodes a map.
    static func map(_ members: [String: GoJSON]) -> GoJSON {
        .object(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    static func map(_ members: [String: String]) -> GoJSON {
        map(members.mapValues { GoJSON.string($0) })
    }

    /// The encoded text. `escapeHTML` is `json.Marshal`'s default; Compose's own `ToJSON` turns it off.
    func encoded(escapeHTML: Bool = true) -> String {
        var output = ""
        write(to: &output, escapeHTML: escapeHTML)
        return output
    }

    private func write(to output: inout String, escapeHTML: Bool) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .string(let value): Self.writeString(value, to: &output, escapeHTML: escapeHTML)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(to: &output, escapeHTML: escapeHTML)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(member.0, to: &output, escapeHTML: escapeHTML)
                output += ":"
                member.1.write(to: &output, escapeHTML: escapeHTML)
            }
            output += "}"
        }
    }

    private static func writeString(_ text: String, to output: inout String, escapeHTML: Bool) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{2028}", "\u{2029}": output += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 || (escapeHTML && (scalar == "<" || scalar == ">" || scalar == "&")) {
                    output += unicodeEscape(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
