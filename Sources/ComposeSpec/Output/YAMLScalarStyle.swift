/// How Go's YAML encoder (which writes the reference's `config` output) writes a string: plain when that reads back
/// as the same string, single-quoted when only YAML's indicators or surrounding spaces are in the way,
/// double-quoted with escapes when the text holds what single quotes cannot, or would read back as another type,
/// and as a literal block when it spans lines.
enum YAMLScalarStyle {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal

    init(of text: String, isKey: Bool) {
        let scalars = text.unicodeScalars
        if scalars.contains("\n") {
            // A block keeps tabs and non-ASCII text, but cannot hold a space before a line break or at the end.
            let blockable =
                !isKey && !scalars.contains { $0 != "\t" && $0 != "\n" && !Self.isPrintable($0) }
                && scalars.last != " " && !text.contains(" \n")
            self = blockable ? .literal : .doubleQuoted
        } else if YAMLResolution.readsAsOtherType(text) || scalars.contains(where: { !Self.isPrintable($0) }) {
            self = .doubleQuoted
        } else if scalars.contains(where: { $0 == "\u{2028}" || $0 == "\u{2029}" }) || !Self.canBePlain(text) {
            self = .singleQuoted
        } else {
            self = .plain
        }
    }

    /// The characters YAML lets a document hold as they are (libyaml's test, with Unicode output on): not the
    /// C0 and C1 controls (tab included), the byte order mark, surrogates, U+FFFE/U+FFFF or beyond the BMP.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x20...0x7E, 0xA0...0xD7FF: return true
        case 0xE000...0xFFFD: return scalar.value != 0xFEFF
        default: return false
        }
    }

    /// Whether nothing in the text would read as YAML syntax when written bare in block context.
    private static func canBePlain(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        if bytes.count >= 3 && (bytes[0...2] == [0x2D, 0x2D, 0x2D] || bytes[0...2] == [0x2E, 0x2E, 0x2E]) {
            return false
        }
        func followedBySpace(_ index: Int) -> Bool {
            index + 1 == bytes.count || bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09
        }
        switch first {
        case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return false
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
            if followedBySpace(0) { return false }
        default: break
        }
        for index in bytes.indices.dropFirst() {
            switch bytes[index] {
            case UInt8(ascii: ":") where followedBySpace(index): return false
            case UInt8(ascii: "#") where bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09: return false
            default: continue
            }
        }
        return true
    }

    /// `text` written in this style; `indent` is the indentation of a literal block's lines.
    func write(_ text: String, indent: String) -> String {
        switch self {
        case .plain: return text
        case .singleQuoted: return Self.singleQuoted(text, indent: indent)
        case .doubleQuoted: return Self.doubleQuoted(text)
        case .literal: return Self.literal(text, indent: indent)
        }
    }

    /// Quotes doubled; a line or paragraph separator is followed by the indentation before the next character.
    private static func singleQuoted(_ text: String, indent: String) -> String {
        var output = "'"
        var afterBreak = false
        for scalar in text.unicodeScalars {
            let isBreak = scalar == "\u{2028}" || scalar == "\u{2029}"
            if afterBreak && !isBreak { output += indent }
            output.unicodeScalars.append(scalar)
            if scalar == "'" { output += "'" }
            afterBreak = isBreak
        }
        return output + "'"
    }

    private static func doubleQuoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\0": output += "\\0"
            case "\u{07}": output += "\\a"
            case "\u{08}": output += "\\b"
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            case "\u{0B}": output += "\\v"
            case "\u{0C}": output += "\\f"
            case "\r": output += "\\r"
            case "\u{1B}": output += "\\e"
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{85}": output += "\\N"
            case "\u{2028}": output += "\\L"
            case "\u{2029}": output += "\\P"
            case _ where isPrintable(scalar) && scalar != "\u{FEFF}": output.unicodeScalars.append(scalar)
            default:
                let (prefix, width) =
                    scalar.value <= 0xFF ? ("\\x", 2) : scalar.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
                let digits = String(scalar.value, radix: 16, uppercase: true)
                output += prefix + String(repeating: "0", count: width - digits.count) + digits
            }
        }
        return output + "\""
    }

    /// A `|` block: `-` strips the missing final line break, `+` keeps several, and an indentation indicator
    /// when the text starts with a space or a line break.
    private static func literal(_ text: String, indent: String) -> String {
        let chomp = !text.hasSuffix("\n") ? "-" : (text == "\n" || text.hasSuffix("\n\n")) ? "+" : ""
        let indicator = (text.first == " " || text.first == "\n") ? "2" : ""
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        return "|\(indicator)\(chomp)\n" + lines.map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n") + "\n"
    }
}
