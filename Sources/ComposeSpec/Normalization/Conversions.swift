/// The conversions most attributes share: lists of `KEY=VALUE` to mappings, strings to one-item lists,
/// durations and byte sizes to their canonical text.
extension Node {
    /// What a `KEY` written without `=VALUE` (or with a null value) becomes.
    enum MissingValue {
        case null
        case empty
        case drop
    }

    /// `[A=1, B]` or `{A: 1, B: }` as a mapping of strings.
    func keyValueMapping(separator: Character = "=", missing: MissingValue) -> Node {
        var result = Mapping()
        func add(_ key: String, _ value: Node?, at location: SourceLocation?) {
            if let value, let text = value.scalarText {
                result[key] = Node(.string(text), at: location)
                return
            }
            switch missing {
            case .null: result[key] = Node(.null, at: location)
            case .empty: result[key] = Node(.string(""), at: location)
            case .drop: break
            }
        }
        switch value {
        case .sequence(let items):
            for item in items {
                guard let text = item.scalarText else { continue }
                if let split = text.firstIndex(of: separator) {
                    add(String(text[..<split]), .string(String(text[text.index(after: split)...])), at: item.location)
                } else {
                    add(text, nil, at: item.location)
                }
            }
        case .mapping(let entries):
            for (key, entry) in entries { add(key, entry, at: entry.location) }
        default:
            return self
        }
        result.sort { $0.key < $1.key }  // Compose prints these mappings sorted by key.
        return with(.mapping(result))
    }

    /// A string as a one-item list; lists stay, each item as text.
    var stringListNode: Node {
        switch value {
        case .sequence(let items): return with(.sequence(items.map { $0.with(.string($0.scalarText ?? "")) }))
        case .null: return self
        default: return with(.sequence([with(.string(scalarText ?? ""))]))
        }
    }

    /// The canonical duration (`90s` → `1m30s`), or an error naming `path` when the text is not a duration.
    func validDuration(path: String) throws(ComposeError) -> Node {
        guard let text = scalarText else { return self }
        do {
            return with(.string(GoDuration.format(try GoDuration.nanoseconds(text))))
        } catch {
            throw ComposeError(.invalidValue, "\(path): \(error.message(for: text))", at: location)
        }
    }

    /// The byte count written as a string, or an error naming `path` when the text is not a size. An integer is
    /// taken as written: Compose accepts `-1` (no limit) as an integer, but not as text.
    func validBytes(path: String) throws(ComposeError) -> Node {
        if case .int(let bytes) = value { return with(.string(String(bytes))) }
        guard let text = scalarText else { return self }
        do {
            return with(.string(String(try ByteSize.bytes(text))))
        } catch {
            throw ComposeError(.invalidValue, "\(path): \(error.message(for: text))", at: location)
        }
    }

    /// A number of CPUs, which may have been written as a string (`cpus: "0.5"`). The engine counts nano-CPUs in
    /// 64 bits: more than 9,223,372,036 CPUs is an error naming `path` (the reference wraps it around).
    func validCPUs(path: String) throws(ComposeError) -> Node {
        var node = self
        if case .string(let text) = value, let number = Double(text) { node = with(.double(number)) }
        let number: Double
        switch node.value {
        case .double(let value): number = value
        case .int(let value): number = Double(value)
        default: return node
        }
        guard number.isFinite, abs(number) * 1e9 < 9_223_372_036_854_775_808.0 else {
            throw ComposeError(
                .invalidValue, "\(path): \(node.scalarText ?? "") CPUs are more than a 64-bit count of nano-CPUs holds",
                at: location)
        }
        return node
    }

    /// Sets `key` through a transform when present.
    mutating func update(_ key: String, _ transform: (Node) throws(ComposeError) -> Node) throws(ComposeError) {
        guard let current = self[key] else { return }
        self[key] = try transform(current)
    }

    mutating func remove(_ key: String) {
        guard case .mapping(var entries) = value else { return }
        entries.removeValue(forKey: key)
        value = .mapping(entries)
    }
}

/// Splits a command line into words as a POSIX shell would for quoting (`sh -c 'echo hi'` → `sh`, `-c`, `echo hi`),
/// without expanding anything: how Compose reads string commands and `run --entrypoint`.
public enum ShellWords {
    public static func split(_ line: String) throws(ComposeError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if character == "\\" && quote != "'" {
                escaped = true
                inWord = true
                continue
            }
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" || character == "\n" || character == "\r" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil || escaped {
            throw ComposeError(.invalidValue, "invalid command line string: unterminated quote or escape in \(line)")
        }
        if inWord { words.append(current) }
        return words
    }
}
