import CYaml

/// Refuses, before Yams composes a document, a mapping key that an alias makes a collection: `? *big` or
/// `[*big]: x`. Yams hashes every key of a mapping to find duplicates, and the hash of a key made of aliases of
/// aliases walks every copy ("billion laughs" in a key hangs for minutes before the converter's limit on aliases
/// can count anything). Compose keys are strings, so such a key is an error anyway; it is reported as the converter
/// reports a collection key. Reads libyaml's events (the parser Yams uses), only for text that has an anchor.
enum AliasKeyGuard {
    /// Throws the located error for the first key of `text` that is an alias of a collection, or a collection with
    /// an alias inside; returns quietly for anything else, malformed YAML included (Yams reports that).
    static func check(_ text: String, file: String) throws(ComposeError) {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return }
        let bytes = Array(text.utf8)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        try bytes.withUnsafeBufferPointer { (buffer) throws(ComposeError) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var walk = Walk(file: file)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return }
                try walk.take(event)
            }
        }
    }

    /// Where the walk through the events is.
    private struct Walk {
        enum Frame {
            case sequence
            case mapping(expectingKey: Bool)
        }

        let file: String
        var frames: [Frame] = []
        /// The anchors seen so far, and whether each names a collection.
        var anchors: [String: Bool] = [:]
        /// The collection being read as a key: its depth in `frames`, where it starts and what it is.
        var collectionKey: (depth: Int, location: SourceLocation, kind: String)?

        init(file: String) {
            self.file = file
        }

        var atKey: Bool {
            if case .mapping(expectingKey: true) = frames.last { return true }
            return false
        }

        mutating func take(_ event: yaml_event_t) throws(ComposeError) {
            switch event.type {
            case YAML_SCALAR_EVENT:
                record(event.data.scalar.anchor, isCollection: false)
                finishNode()
            case YAML_ALIAS_EVENT:
                let name = Self.text(event.data.alias.anchor)
                if let key = collectionKey { throw Self.keyError(key.kind, at: key.location) }
                if atKey, anchors[name] == true { throw Self.keyError("a collection", at: location(of: event)) }
                finishNode()
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let anchor = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                record(anchor, isCollection: true)
                if atKey, collectionKey == nil {
                    collectionKey = (frames.count, location(of: event), isSequence ? "an array" : "an object")
                }
                frames.append(isSequence ? .sequence : .mapping(expectingKey: true))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                frames.removeLast()
                if let key = collectionKey, key.depth == frames.count { collectionKey = nil }
                finishNode()
            default:
                return
            }
        }

        func location(of event: yaml_event_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        }

        /// A node ended: in a mapping, a key is followed by its value, a value by the next key.
        mutating func finishNode() {
            if case .mapping(let expectingKey) = frames.last {
                frames[frames.count - 1] = .mapping(expectingKey: !expectingKey)
            }
        }

        mutating func record(_ anchor: UnsafeMutablePointer<yaml_char_t>?, isCollection: Bool) {
            guard anchor != nil else { return }
            anchors[Self.text(anchor)] = isCollection
        }

        static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
            guard let pointer else { return "" }
            return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        }

        static func keyError(_ kind: String, at location: SourceLocation) -> ComposeError {
            ComposeError(
                .wrongType, "mapping keys must be strings, found \(kind) made of YAML aliases", at: location)
        }
    }
}
