/// Backslash escapes inside dotenv quotes, as the reference decodes them.
enum DotEnvEscapes {
    /// Single quotes keep everything literally except `\'`, which becomes `'` (`\\` stays two backslashes).
    static func singleQuoted(_ inner: [Unicode.Scalar]) -> String {
        var output = String.UnicodeScalarView()
        var index = 0
        while index < inner.count {
            if inner[index] == "\\", index + 1 < inner.count {
                if inner[index + 1] != "'" { output.append("\\") }
                output.append(inner[index + 1])
                index += 2
            } else {
                output.append(inner[index])
                index += 1
            }
        }
        return String(output)
    }

    /// Decodes double-quoted escapes into a template for `Interpolation.substitute`: `\n \t \r \f \v \b \a`
    /// become control characters, `\\` and `\"` the character itself, `\$` a literal dollar (written `$$` so that
    /// interpolation keeps it), and `\0` a lone backslash. Any other pair stays as written (`\x`, `\'`, `\u0041`).
    static func doubleQuotedTemplate(_ inner: [Unicode.Scalar]) -> String {
        var output = String.UnicodeScalarView()
        var index = 0
        while index < inner.count {
            guard inner[index] == "\\", index + 1 < inner.count else {
                output.append(inner[index])
                index += 1
                continue
            }
            let escaped = inner[index + 1]
            switch escaped {
            case "n": output.append("\n")
            case "t": output.append("\t")
            case "r": output.append("\r")
            case "f": output.append("\u{0C}")
            case "v": output.append("\u{0B}")
            case "b": output.append("\u{08}")
            case "a": output.append("\u{07}")
            case "\\", "\"": output.append(escaped)
            case "$":
                // One scalar at a time: appending a sequence to a scalar view copies the whole view.
                output.append("$")
                output.append("$")
            case "0": output.append("\\")
            default:
                output.append("\\")
                output.append(escaped)
            }
            index += 2
        }
        return String(output)
    }
}

/// Go's `%q` quoting (`strconv.Quote`), which the reference uses in dotenv error messages.
enum GoQuote {
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{07}": output += "\\a"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{0B}": output += "\\v"
            default:
                if isPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\x" + hex(scalar.value, digits: 2)
                } else if scalar.value < 0x10000 {
                    output += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    output += "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return output + "\""
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
