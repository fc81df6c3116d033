/// Reads a tar stream as it arrives (ustar, with PAX and GNU long-name records, as the engine's archives use):
/// headers and their contents in chunks, never a whole file in memory.
public struct TarReader: Sendable {
    public enum Event: Sendable, Hashable {
        case entry(TarHeader)
        /// Part of the content of the last entry.
        case content([UInt8])
        /// The two zero blocks at the end.
        case end
    }

    private var buffer: [UInt8] = []
    private var offset = 0
    /// Content bytes of the current entry still to come, then the padding to skip.
    private var contentLeft = 0
    private var paddingLeft = 0
    /// Records (PAX `x`, GNU `L`/`K`) that apply to the next entry.
    private var pending: [String: String] = [:]
    private var collecting: (type: UInt8, size: Int)?
    private var ended = false

    /// The largest extended header (PAX records, GNU long names) read; real ones hold a few paths.
    static let maxRecordSize = 1 << 20

    public init() {}

    /// Feeds `bytes`; returns the events they complete.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(TarError) -> [Event] {
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        while !ended {
            if contentLeft > 0 {
                let available = min(contentLeft, buffer.count - offset)
                guard available > 0 else { break }
                events.append(.content(Array(buffer[offset..<offset + available])))
                offset += available
                contentLeft -= available
                continue
            }
            if paddingLeft > 0 {
                let skipped = min(paddingLeft, buffer.count - offset)
                guard skipped > 0 else { break }
                offset += skipped
                paddingLeft -= skipped
                continue
            }
            if let record = collecting {
                let padded = (record.size + 511) / 512 * 512
                guard buffer.count - offset >= padded else { break }
                let data = Array(buffer[offset..<offset + record.size])
                offset += padded
                collecting = nil
                absorb(record: record.type, data: data)
                continue
            }
            guard buffer.count - offset >= 512 else { break }
            let header = Array(buffer[offset..<offset + 512])
            offset += 512
            if header.allSatisfy({ $0 == 0 }) {
                ended = true
                events.append(.end)
                break
            }
            if let event = try parse(header) { events.append(event) }
        }
        if offset > 0, offset >= buffer.count / 2 {
            buffer.removeFirst(offset)
            offset = 0
        }
        return events
    }

    /// Whether the end-of-archive blocks came.
    public var isComplete: Bool { ended }

    private mutating func parse(_ header: [UInt8]) throws(TarError) -> Event? {
        let stored = header[148..<156].reduce(0) { $0 + Int($1) }
        let checksum =
            header[0..<148].reduce(0) { $0 + Int($1) } + 8 * 32 + header[156..<512].reduce(0) { $0 + Int($1) }
        guard Self.octal(header[148..<156]) == checksum || stored == 0 else {
            throw TarError("the archive is damaged: a header's checksum does not match")
        }
        let type = header[156]
        let size = pending["size"].flatMap(Int.init) ?? Self.octal(header[124..<136])
        guard size >= 0 else { throw TarError("the archive is damaged: an entry's size is negative") }
        switch type {
        case UInt8(ascii: "x"), UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "g"):
            // Global PAX records (`g`) are read and ignored. Records are held whole: their size is bounded.
            guard size <= Self.maxRecordSize else {
                throw TarError("the archive is damaged: an extended header of \(size) bytes")
            }
            collecting = (type, size)
            return nil
        default: break
        }
        var path = Self.text(header[0..<100])
        let prefix = Self.text(header[345..<500])
        if !prefix.isEmpty, header[257..<262].elementsEqual("ustar".utf8) { path = prefix + "/" + path }
        path = pending["path"] ?? path
        let linkTarget = pending["linkpath"] ?? Self.text(header[157..<257])
        let kind: TarHeader.Kind
        switch type {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
            kind = path.hasSuffix("/") ? .directory : .file(size: UInt64(size))
        case UInt8(ascii: "5"): kind = .directory
        case UInt8(ascii: "2"): kind = .symlink(target: linkTarget)
        case UInt8(ascii: "1"): kind = .hardlink(target: linkTarget)
        default: kind = .other(typeFlag: type)
        }
        let entry = TarHeader(
            path: path, kind: kind, mode: Self.octal(header[100..<108]),
            uid: pending["uid"].flatMap { Int($0) } ?? Self.octal(header[108..<116]),
            gid: pending["gid"].flatMap { Int($0) } ?? Self.octal(header[116..<124]),
            modified: pending["mtime"].flatMap { Double($0) }.map { Int($0) } ?? Self.octal(header[136..<148]))
        pending = [:]
        contentLeft = Int(entry.contentSize)
        // Links and directories may still carry a size; their bytes are skipped with the padding.
        paddingLeft = (size + 511) / 512 * 512 - contentLeft
        return .entry(entry)
    }

    private mutating func absorb(record type: UInt8, data: [UInt8]) {
        switch type {
        case UInt8(ascii: "L"): pending["path"] = Self.text(data[...])
        case UInt8(ascii: "K"): pending["linkpath"] = Self.text(data[...])
        case UInt8(ascii: "x"):
            // `LENGTH KEY=VALUE\n` records.
            var rest = data[...]
            while let space = rest.firstIndex(of: UInt8(ascii: " ")),
                let length = Int(String(decoding: rest[rest.startIndex..<space], as: UTF8.self)), length > 0,
                rest.count >= length
            {
                let record = rest[(space + 1)..<(rest.startIndex + length - 1)]
                if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
                    pending[String(decoding: record[record.startIndex..<equals], as: UTF8.self)] = String(
                        decoding: record[(equals + 1)...], as: UTF8.self)
                }
                rest = rest[(rest.startIndex + length)...]
            }
        default: break
        }
    }

    private static func text(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal field (NUL- or space-terminated), or a base-256 one (high bit set) for large numbers.
    private static func octal(_ field: ArraySlice<UInt8>) -> Int {
        if let first = field.first, first & 0x80 != 0 {
            return field.dropFirst().reduce(Int(first & 0x7f)) { $0 << 8 | Int($1) }
        }
        var value = 0
        for byte in field {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7") else {
                if byte == 0 || byte == UInt8(ascii: " ") { if value > 0 { break } else { continue } }
                break
            }
            value = value * 8 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
