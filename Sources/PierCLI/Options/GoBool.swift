import ArgumentParser

/// Go's boolean flag values (`--orphans=false`).
enum GoBool {
    static func parse(_ text: String) throws -> Bool {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default:
            throw ValidationError(
                "invalid argument \"\(text)\": strconv.ParseBool: parsing \"\(text)\": invalid syntax")
        }
    }
}
