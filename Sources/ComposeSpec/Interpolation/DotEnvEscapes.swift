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
